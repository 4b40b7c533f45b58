// Pieces the views share: header with status, reconnect banner, people, notices. The chat is in chat.ts.
import type { ClassSession, ConnectionStatus } from '../connection';
import type { ErrorCode } from '../errors';
import { copyText, h, setChildren, setText } from '../dom';
import type { Participant } from '../protocol';
import type { ClassState } from '../state';
import { LANGUAGES, lang, setLang, t, tn, type Lang } from '../i18n';
import { statusLabel } from '../wording';
import { liveRegionWriter } from '../liveRegion';

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

/** Says while the connection is down; once it is back after a drop, `announce` says so too. */
export function connectionBanner(announce?: (text: string) => void): {
  element: HTMLElement;
  /** `closedBy`: the code the server closed the connection with, when it gave one. */
  update(status: ConnectionStatus, closedBy?: ErrorCode): void;
} {
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
  let dropped = false;
  return {
    element,
    update(status, closedBy) {
      element.dataset.connection = status;
      if (status === 'online' || status === 'stopped') {
        // The banner going away is silent: a reader who heard "reconnecting" hears that it is over.
        if (status === 'online' && dropped) announce?.(t('conn.back'));
        dropped = false;
        element.hidden = true;
        setText(text, '');
        return;
      }
      dropped ||= status === 'reconnecting';
      element.hidden = false;
      setText(
        text,
        closedBy ? reconnectReason(closedBy) : status === 'connecting' ? t('conn.connecting') : t('conn.reconnecting'),
      );
    },
  };
}

function reconnectReason(closedBy: ErrorCode): string {
  if (closedBy === 'rate_limited') return t('conn.busy');
  if (closedBy === 'unavailable') return t('conn.restarting');
  return t('conn.reconnecting');
}

/** A visually hidden polite region for step and cue changes that happen live. */
export function announcer(): { element: HTMLElement; say: (text: string) => void } {
  const element = h('div', {
    class: 'visually-hidden',
    'aria-live': 'polite',
    role: 'status',
    'data-testid': 'announcer',
  });
  const say = liveRegionWriter((text) => {
    element.textContent = text;
  });
  return { element, say };
}

/** The dot only repeats what the text beside it says, so assistive tech skips it. */
export function onlineDot(p: Participant): HTMLElement {
  return h('span', {
    class: `online-dot${p.online ? ' is-online' : ''}`,
    'data-online': p.online ? 'true' : 'false',
    'aria-hidden': 'true',
  });
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
      setText(heading, tn('people.headingCount', sorted.filter((p) => p.role === 'Parent').length));
      // Once the class has ended, who is online no longer matters: only who came.
      const live = state.status !== 'Ended';
      setChildren(
        list,
        sorted.map((p) =>
          h(
            'li',
            { class: 'person', 'data-participant-id': p.participantId },
            live ? onlineDot(p) : null,
            h('span', { class: 'person-name' }, p.displayName),
            p.role === 'Instructor' ? h('span', { class: 'tag' }, t('people.instructor')) : null,
            p.participantId === session.participantId ? h('span', { class: 'tag tag-you' }, t('people.you')) : null,
            live ? h('span', { class: 'muted person-state' }, p.online ? t('people.online') : t('people.away')) : null,
          ),
        ),
      );
    },
  };
}

/** Turns every control of a form off (an ended class) or on. */
export function disableForm(form: HTMLFormElement, disabled: boolean): void {
  for (const el of form.elements) (el as HTMLInputElement | HTMLButtonElement).disabled = disabled;
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
