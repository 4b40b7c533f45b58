// Pieces both class views share: header with status, reconnect banner, chat, people.
import type { ClassSession, ConnectionStatus, OutboxItem } from '../connection';
import { copyText, formatTime, h, setChildren, setText } from '../dom';
import { friendlyError } from '../errors';
import { limitLength, serverLimits } from '../limits';
import type { ChatMessage, Participant } from '../protocol';
import type { Applied, ClassState } from '../state';
import { LANGUAGES, lang, setLang, t, type Lang } from '../i18n';
import { statusLabel } from '../wording';

export function statusPill(): { element: HTMLElement; update(state: ClassState): void } {
  const element = h('span', { class: 'status-pill', 'data-testid': 'class-status', 'data-status': '' });
  return {
    element,
    update(state) {
      element.dataset.status = state.status;
      setText(element, statusLabel(state.status));
    },
  };
}

export function connectionBanner(): { element: HTMLElement; update(status: ConnectionStatus): void } {
  const text = h('span', {});
  const element = h(
    'div',
    {
      class: 'banner',
      role: 'status',
      'aria-live': 'polite',
      'data-testid': 'connection-banner',
      hidden: true,
    },
    h('span', { class: 'banner-dot', 'aria-hidden': 'true' }),
    text,
  );
  return {
    element,
    update(status) {
      element.dataset.connection = status;
      if (status === 'online' || status === 'stopped') {
        element.hidden = true;
        setText(text, '');
        return;
      }
      element.hidden = false;
      setText(text, status === 'connecting' ? t('conn.connecting') : t('conn.reconnecting'));
    },
  };
}

/** A visually hidden polite region for step and cue changes that happen live. */
export function announcer(): { element: HTMLElement; say(text: string): void } {
  const element = h('div', {
    class: 'visually-hidden',
    'aria-live': 'polite',
    role: 'status',
    'data-testid': 'announcer',
  });
  return {
    element,
    say(text) {
      // Clearing first makes a repeated message be read again.
      element.textContent = '';
      setTimeout(() => {
        element.textContent = text;
      }, 50);
    },
  };
}

export interface ChatPanel {
  element: HTMLElement;
  update(state: ClassState, applied: Applied[]): void;
  setOutbox(items: readonly OutboxItem[]): void;
}

export function chatPanel(session: ClassSession, opts: { canDelete: boolean; heading: string }): ChatPanel {
  // The log region scrolls; the list inside it keeps list semantics for its lines.
  const lines = h('ol', { class: 'chat-lines' });
  const list = h(
    'div',
    { class: 'chat-list', role: 'log', 'aria-label': t('chat.messages'), 'data-testid': 'chat-list', tabindex: 0 },
    lines,
  );
  const empty = h('p', { class: 'chat-empty muted' }, t('chat.empty'));
  const outbox = h('ul', { class: 'chat-outbox', 'aria-label': t('chat.pending') });
  const input = h('input', {
    type: 'text',
    class: 'chat-input',
    autocomplete: 'off',
    'aria-label': t('chat.message'),
    placeholder: t('chat.placeholder'),
    'data-testid': 'chat-input',
  });
  limitLength(input, (limits) => limits.chatMaxLength);
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const unread = h('span', { class: 'badge', hidden: true, 'aria-label': t('chat.newMessages') });
  let unreadCount = 0;
  const rows = new Map<string, HTMLLIElement>();

  const form = h(
    'form',
    {
      class: 'chat-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const text = input.value.trim();
        if (!text) return;
        const max = serverLimits.current()?.chatMaxLength;
        if (max !== undefined && text.length > max) {
          showError(t('chat.tooLong', { max }));
          return;
        }
        session.sendChat(text);
        input.value = '';
        showError('');
      },
    },
    input,
    h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'chat-send' }, t('chat.send')),
  );

  const showError = (text: string) => {
    error.hidden = !text;
    setText(error, text);
  };

  const element = h(
    'section',
    { class: 'panel chat', 'aria-labelledby': 'chat-heading' },
    h('h2', { id: 'chat-heading' }, opts.heading, ' ', unread),
    empty,
    list,
    outbox,
    form,
    error,
  );

  element.addEventListener('focusin', () => {
    clearUnread();
  });
  list.addEventListener('scroll', () => {
    if (nearBottom()) clearUnread();
  });

  function clearUnread() {
    unreadCount = 0;
    unread.hidden = true;
  }

  function nearBottom() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  }

  function row(m: ChatMessage): HTMLLIElement {
    const mine = m.participantId === session.participantId;
    const li = h(
      'li',
      { class: `chat-line${mine ? ' is-mine' : ''}`, 'data-message-id': m.messageId, 'data-testid': 'chat-line' },
      h(
        'span',
        { class: 'chat-meta' },
        h('strong', { class: 'chat-name' }, m.displayName),
        ' ',
        h('time', { datetime: new Date(m.at).toISOString() }, formatTime(m.at)),
      ),
      // Participant text: always a text node.
      h('span', { class: 'chat-text', 'data-testid': 'chat-text' }, m.text),
    );
    if (opts.canDelete) {
      const del = h(
        'button',
        {
          type: 'button',
          class: 'btn btn-quiet btn-small chat-delete',
          'aria-label': t('chat.deleteLabel', { name: m.displayName }),
          onclick: async () => {
            del.disabled = true;
            try {
              await session.call('DeleteChat', m.messageId);
            } catch (e) {
              del.disabled = false;
              showError(friendlyError(e));
            }
          },
        },
        t('chat.delete'),
      );
      li.appendChild(del);
    }
    return li;
  }

  return {
    element,
    update(state, applied) {
      const stick = nearBottom() || rows.size === 0;
      const wanted = new Set(state.chat.map((m) => m.messageId));
      for (const [id, li] of rows) {
        if (!wanted.has(id)) {
          li.remove();
          rows.delete(id);
        }
      }
      let before: ChildNode | null = null;
      for (let i = state.chat.length - 1; i >= 0; i--) {
        const m = state.chat[i];
        let li = rows.get(m.messageId);
        if (!li) {
          li = row(m);
          rows.set(m.messageId, li);
          lines.insertBefore(li, before);
        }
        before = li;
      }
      empty.hidden = state.chat.length > 0;
      const fresh = applied.filter(
        (a) => a.live && a.event.kind === 'ChatPosted' && a.event.message.participantId !== session.participantId,
      ).length;
      if (stick) list.scrollTop = list.scrollHeight;
      else if (fresh > 0) {
        unreadCount += fresh;
        unread.hidden = false;
        setText(unread, String(unreadCount));
      }
      const ended = state.status === 'Ended';
      input.disabled = ended;
      form.hidden = ended;
    },
    setOutbox(items) {
      setChildren(
        outbox,
        items.map((item) =>
          h(
            'li',
            { class: `chat-pending is-${item.state}` },
            h('span', { class: 'chat-text' }, item.text),
            ' ',
            h(
              'span',
              { class: 'muted' },
              item.state === 'sending'
                ? t('chat.sending')
                : item.state === 'waiting'
                  ? t('chat.waiting')
                  : friendlyError(item.error),
            ),
            item.state === 'failed'
              ? [
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'btn btn-small',
                      onclick: () => {
                        session.retryChat(item.clientMessageId);
                      },
                    },
                    t('chat.retry'),
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'btn btn-small btn-quiet',
                      onclick: () => {
                        session.discardChat(item.clientMessageId);
                      },
                    },
                    t('chat.discard'),
                  ),
                ]
              : null,
          ),
        ),
      );
    },
  };
}

export function onlineDot(p: Participant): HTMLElement {
  return h(
    'span',
    {
      class: `online-dot${p.online ? ' is-online' : ''}`,
      'data-online': p.online ? 'true' : 'false',
    },
    h('span', { class: 'visually-hidden' }, p.online ? t('people.online') : t('people.offline')),
  );
}

export function peoplePanel(session: ClassSession): { element: HTMLElement; update(state: ClassState): void } {
  const list = h('ul', { class: 'people-list', 'data-testid': 'people-list' });
  const heading = h('h2', { id: 'people-heading' }, t('people.heading'));
  const element = h('section', { class: 'panel people', 'aria-labelledby': 'people-heading' }, heading, list);
  return {
    element,
    update(state) {
      const sorted = [...state.participants].sort(
        (a, b) =>
          (a.role === b.role ? 0 : a.role === 'Instructor' ? -1 : 1) || a.displayName.localeCompare(b.displayName),
      );
      setText(heading, t('people.headingCount', { n: sorted.filter((p) => p.role === 'Parent').length }));
      setChildren(
        list,
        sorted.map((p) =>
          h(
            'li',
            { class: 'person', 'data-participant-id': p.participantId },
            onlineDot(p),
            h('span', { class: 'person-name' }, p.displayName),
            p.role === 'Instructor' ? h('span', { class: 'tag' }, t('people.instructor')) : null,
            p.participantId === session.participantId ? h('span', { class: 'tag tag-you' }, t('people.you')) : null,
            h('span', { class: 'muted person-state' }, p.online ? t('people.online') : t('people.away')),
          ),
        ),
      );
    },
  };
}

export function copyButton(label: string, text: () => string, testId?: string): HTMLButtonElement {
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small',
      'data-testid': testId,
      onclick: async () => {
        const ok = await copyText(text());
        setText(button, ok ? t('copy.done') : t('copy.failed'));
        setTimeout(() => {
          setText(button, label);
        }, 2000);
      },
    },
    label,
  );
  return button;
}

export function endedNotice(title: string, body: string, action?: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: 'panel notice', role: 'alert', 'data-testid': 'session-notice' },
    h('h2', {}, title),
    h('p', {}, body),
    action ?? null,
  );
}

/** The app's top bar: the brand as a home link, then whatever the page adds. */
export function topbar(...children: (HTMLElement | null)[]): HTMLElement {
  return h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', href: '/', 'aria-label': t('app.home') }, t('app.name')),
    ...children,
  );
}

/** Two buttons, one per language, each named in its own language. */
export function langPicker(): HTMLElement {
  const current = lang();
  return h(
    'div',
    { class: 'lang-picker', role: 'group', 'aria-label': t('lang.label') },
    LANGUAGES.map((l: Lang) =>
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-small btn-quiet lang-btn',
          lang: l,
          'data-testid': `lang-${l}`,
          'aria-pressed': String(l === current),
          onclick: () => {
            setLang(l);
          },
        },
        t(`lang.${l}`, undefined, l),
      ),
    ),
  );
}
