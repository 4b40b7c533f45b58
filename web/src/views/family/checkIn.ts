// Checking in: one tap says how the family is doing. A tap while the connection is down is kept
// and sent once the class is back.
import type { ClassSession } from '../../connection';
import { h, setText } from '../../dom';
import { friendlyError, parseHubError } from '../../errors';
import { t } from '../../i18n';
import type { CheckInStatus } from '../../protocol';
import type { ClassState } from '../../state';
import { checkInOptions } from '../../wording';

export interface CheckInPanel {
  element: HTMLElement;
  update(state: ClassState): void;
  /** Sends the check-in tapped while offline, if any. */
  sendPending(): void;
}

export interface CheckInHooks {
  /** After a tap (the mat view closes its sheet). */
  tapped(): void;
  closeSheet: () => void;
  /** The server refused: show the class as it is again. */
  refused(): void;
}

export function checkInPanel(session: ClassSession, hooks: CheckInHooks): CheckInPanel {
  const error = h('p', { class: 'form-error', role: 'alert' });
  let pending: CheckInStatus | null = null;
  const buttons = checkInButtons((status) => {
    void checkIn(status);
    hooks.tapped();
  });
  const element = checkInSection(buttons, error, hooks.closeSheet);
  const keepForLater = (checked: CheckInStatus) => {
    pending = checked;
    setText(error, t('parent.offlineCheckin'));
  };

  async function checkIn(checked: CheckInStatus) {
    const state = session.state;
    if (!state) return;
    setText(error, '');
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.status === checked));
    if (session.status !== 'online') {
      keepForLater(checked);
      return;
    }
    try {
      await session.call('CheckIn', checked, state.stepIndex);
      pending = null;
    } catch (e) {
      const parsed = parseHubError(e);
      if (parsed.code === 'offline' || parsed.code === 'not_joined') {
        keepForLater(checked);
        return;
      }
      setText(error, friendlyError(parsed));
      hooks.refused();
    }
  }

  return {
    element,
    update(state) {
      const me = state.participants.find((p) => p.participantId === session.participantId);
      const shown = pending ?? me?.checkIn?.status;
      for (const b of buttons) {
        b.setAttribute('aria-pressed', String(shown === b.dataset.status));
        b.disabled = state.status === 'Ended';
      }
      element.hidden = state.status === 'Ended';
    },
    sendPending() {
      if (pending) void checkIn(pending);
    },
  };
}

function checkInButtons(tap: (status: CheckInStatus) => void): HTMLButtonElement[] {
  return checkInOptions().map((o) =>
    h(
      'button',
      {
        type: 'button',
        class: `btn checkin-btn checkin-${o.status}`,
        'data-status': o.status,
        'data-testid': `checkin-${o.status}`,
        'aria-pressed': 'false',
        onclick: () => {
          tap(o.status);
        },
      },
      h('span', { class: 'checkin-symbol', 'aria-hidden': 'true' }, o.symbol),
      h('span', {}, o.label),
    ),
  );
}

/** The panel; in the mat view it is a sheet with its own close button. */
function checkInSection(buttons: HTMLButtonElement[], error: HTMLElement, closeSheet: () => void): HTMLElement {
  const close = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small btn-quiet mat-only',
      'data-testid': 'mat-checkin-close',
      onclick: () => {
        closeSheet();
      },
    },
    t('parent.closeCheckIn'),
  );
  return h(
    'section',
    { class: 'panel checkin', id: 'checkin-panel', 'aria-labelledby': 'checkin-heading' },
    h('div', { class: 'checkin-head' }, h('h2', { id: 'checkin-heading' }, t('parent.checkinHeading')), close),
    h('div', { class: 'checkin-grid' }, buttons),
    error,
  );
}
