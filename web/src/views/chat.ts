// The class chat: the lines (kept in place as new ones arrive), an unread count while the reader
// is scrolled up, lines still on their way, and the form to write one.
import type { ClassSession } from '../connection';
import { formatTime, h, setChildren, setText } from '../dom';
import { friendlyError } from '../errors';
import { t } from '../i18n';
import { limitLength, serverLimits, tooLong } from '../limits';
import type { OutboxItem } from '../outbox';
import type { ChatMessage } from '../protocol';
import type { Applied, ClassState } from '../state';

export interface ChatPanel {
  element: HTMLElement;
  update(state: ClassState, applied: Applied[]): void;
  setOutbox(items: readonly OutboxItem[]): void;
}

/** Who wrote a line and when, then its text: always a text node. */
export function chatLineParts(m: ChatMessage, textTestId?: string): HTMLElement[] {
  return [
    h(
      'span',
      { class: 'chat-meta' },
      h('strong', { class: 'chat-name' }, m.displayName),
      ' ',
      h('time', { datetime: new Date(m.at).toISOString() }, formatTime(m.at)),
    ),
    h('span', { class: 'chat-text', 'data-testid': textTestId }, m.text),
  ];
}

export function chatPanel(session: ClassSession, opts: { canDelete: boolean; heading: string }): ChatPanel {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const showError = (text: string) => {
    error.hidden = !text;
    setText(error, text);
  };
  // Where the keyboard goes when the line it was on is deleted and no other line can take it.
  const focusFallback = () => {
    if (!form.element.hidden && !form.input.disabled) form.input.focus();
    else if (log.element.hasAttribute('tabindex')) log.element.focus();
  };
  const log = chatLog(session, opts.canDelete, showError, focusFallback);
  const empty = h('p', { class: 'chat-empty muted' }, t('chat.empty'));
  const outbox = h('ul', { class: 'chat-outbox', 'aria-label': t('chat.pending') });
  const form = chatForm(session, showError);
  const element = h(
    'section',
    { class: 'panel chat', 'aria-labelledby': 'chat-heading' },
    h('h2', { id: 'chat-heading' }, opts.heading, ' ', log.unread),
    empty,
    log.element,
    outbox,
    form.element,
    error,
  );
  element.addEventListener('focusin', () => {
    log.clearUnread();
  });
  return {
    element,
    update(state, applied) {
      log.update(state, applied);
      empty.hidden = state.chat.length > 0;
      const ended = state.status === 'Ended';
      form.input.disabled = ended;
      form.element.hidden = ended;
    },
    setOutbox(items) {
      setChildren(
        outbox,
        items.map((item) => pendingLine(session, item)),
      );
    },
  };
}

function chatForm(
  session: ClassSession,
  showError: (text: string) => void,
): { element: HTMLFormElement; input: HTMLInputElement } {
  const input = h('input', {
    type: 'text',
    class: 'chat-input',
    autocomplete: 'off',
    'aria-label': t('chat.message'),
    placeholder: t('chat.placeholder'),
    'data-testid': 'chat-input',
  });
  limitLength(input, (limits) => limits.chatMaxLength);
  const onsubmit = (e: Event) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    const max = serverLimits.current()?.chatMaxLength;
    if (max !== undefined && tooLong(text, max)) {
      showError(t('chat.tooLong', { max }));
      return;
    }
    session.sendChat(text);
    input.value = '';
    showError('');
  };
  const element = h(
    'form',
    { class: 'chat-form', onsubmit },
    input,
    h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'chat-send' }, t('chat.send')),
  );
  return { element, input };
}

/** The scrolling log; it follows new lines while the reader is at the bottom, else counts them. */
function chatLog(
  session: ClassSession,
  canDelete: boolean,
  showError: (text: string) => void,
  focusFallback: () => void,
) {
  const list = chatLines((m, ended) => chatLine(session, m, canDelete && !ended, showError), focusFallback);
  // The log region scrolls; the list inside it keeps list semantics for its lines.
  const element = h(
    'div',
    { class: 'chat-list', role: 'log', 'aria-label': t('chat.messages'), 'data-testid': 'chat-list' },
    list.element,
  );
  const unread = unreadBadge();
  const nearBottom = () => element.scrollHeight - element.scrollTop - element.clientHeight < 40;
  const clearUnread = () => {
    unread.clear();
  };
  element.addEventListener('scroll', () => {
    if (nearBottom()) clearUnread();
  });

  function update(state: ClassState, applied: Applied[]) {
    const stick = nearBottom() || list.size() === 0;
    // A screen reader hears the lines posted live, never history a rejoin or a snapshot brings.
    const added = state.chat.filter((m) => !list.has(m.messageId));
    if (added.length) element.setAttribute('aria-live', allLive(added, applied) ? 'polite' : 'off');
    list.place(state.chat, state.status === 'Ended');
    // A tab stop to scroll the lines from the keyboard; an empty log has nothing to show there.
    if (list.size()) element.tabIndex = 0;
    else element.removeAttribute('tabindex');
    const fresh = applied.filter(
      (a) => a.live && a.event.kind === 'ChatPosted' && a.event.message.participantId !== session.participantId,
    ).length;
    if (stick) element.scrollTop = element.scrollHeight;
    else if (fresh > 0) unread.add(fresh);
  }

  return { element, unread: unread.element, clearUnread, update };
}

/** The lines, each kept in place as others come and go; `newLine` draws one. */
function chatLines(newLine: (m: ChatMessage, ended: boolean) => HTMLLIElement, focusFallback: () => void) {
  const element = h('ol', { class: 'chat-lines' });
  const rows = new Map<string, HTMLLIElement>();

  function place(chat: ChatMessage[], ended: boolean) {
    const wanted = new Set(chat.map((m) => m.messageId));
    let refocus: HTMLLIElement | null | undefined;
    for (const [id, li] of rows) {
      if (wanted.has(id)) continue;
      if (li.contains(document.activeElement)) refocus = neighbourStaying(li, wanted);
      li.remove();
      rows.delete(id);
    }
    let before: ChildNode | null = null;
    for (let i = chat.length - 1; i >= 0; i--) {
      const m = chat[i];
      let li = rows.get(m.messageId);
      if (!li) {
        li = newLine(m, ended);
        rows.set(m.messageId, li);
        element.insertBefore(li, before);
      }
      before = li;
    }
    // An ended class takes no calls: nothing is left to delete.
    for (const button of element.querySelectorAll<HTMLButtonElement>('.chat-delete')) {
      button.hidden = ended;
      button.disabled = ended;
    }
    // The keyboard was on a deleted line: on to the next line's Delete (or the one before), else the input.
    if (refocus !== undefined) {
      const button = refocus?.querySelector<HTMLButtonElement>('.chat-delete:not([hidden])');
      if (button) button.focus();
      else focusFallback();
    }
  }

  return { element, place, has: (id: string) => rows.has(id), size: () => rows.size };
}

/** How many lines came while the reader was scrolled up: the count shows, and a screen reader hears it with its words. */
function unreadBadge() {
  const count = h('span', {}, '');
  const element = h(
    'span',
    { class: 'badge', hidden: true },
    count,
    h('span', { class: 'visually-hidden' }, ` ${t('chat.newMessages')}`),
  );
  let unread = 0;
  return {
    element,
    add(fresh: number) {
      unread += fresh;
      element.hidden = false;
      setText(count, String(unread));
    },
    clear() {
      unread = 0;
      element.hidden = true;
    },
  };
}

/** The nearest line after li that stays (else the nearest before it), or null when none does. */
function neighbourStaying(li: HTMLLIElement, staying: Set<string>): HTMLLIElement | null {
  const stays = (el: Element | null): el is HTMLLIElement =>
    el instanceof HTMLLIElement && staying.has(el.dataset.messageId ?? '');
  for (let el = li.nextElementSibling; el; el = el.nextElementSibling) if (stays(el)) return el;
  for (let el = li.previousElementSibling; el; el = el.previousElementSibling) if (stays(el)) return el;
  return null;
}

/** Whether every one of these lines was posted live just now, not brought as history. */
function allLive(added: ChatMessage[], applied: Applied[]): boolean {
  const live = new Set<string>();
  for (const a of applied) if (a.live && a.event.kind === 'ChatPosted') live.add(a.event.message.messageId);
  return added.every((m) => live.has(m.messageId));
}

function chatLine(
  session: ClassSession,
  m: ChatMessage,
  canDelete: boolean,
  showError: (text: string) => void,
): HTMLLIElement {
  const mine = m.participantId === session.participantId;
  const li = h(
    'li',
    { class: `chat-line${mine ? ' is-mine' : ''}`, 'data-message-id': m.messageId, 'data-testid': 'chat-line' },
    ...chatLineParts(m, 'chat-text'),
  );
  if (!canDelete) return li;
  // Busy is aria-disabled, not disabled: a disabled button loses the keyboard focus, which then
  // could not move on to the next line once this one is gone.
  const onclick = async () => {
    if (del.getAttribute('aria-disabled') === 'true') return;
    del.setAttribute('aria-disabled', 'true');
    try {
      await session.call('DeleteChat', m.messageId);
      showError('');
    } catch (e) {
      showError(friendlyError(e));
    } finally {
      del.removeAttribute('aria-disabled');
    }
  };
  const del = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-quiet btn-small chat-delete',
      'aria-label': t('chat.deleteLabel', { name: m.displayName }),
      onclick,
    },
    t('chat.delete'),
  );
  li.appendChild(del);
  return li;
}

/** A line on its way: sending, waiting for the connection, or failed with a way to retry or drop it. */
function pendingLine(session: ClassSession, item: OutboxItem): HTMLElement {
  const status =
    item.state === 'sending'
      ? t('chat.sending')
      : item.state === 'waiting'
        ? t('chat.waiting')
        : friendlyError(item.error);
  const small = (style: string, label: string, onclick: () => void) =>
    h('button', { type: 'button', class: `btn btn-small${style}`, onclick }, label);
  return h(
    'li',
    { class: `chat-pending is-${item.state}` },
    h('span', { class: 'chat-text' }, item.text),
    ' ',
    h('span', { class: 'muted' }, status),
    item.state === 'failed'
      ? [
          small('', t('chat.retry'), () => {
            session.retryChat(item.clientMessageId);
          }),
          small(' btn-quiet', t('chat.discard'), () => {
            session.discardChat(item.clientMessageId);
          }),
        ]
      : null,
  );
}
