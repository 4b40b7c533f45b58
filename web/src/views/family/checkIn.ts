// Checking in: one tap says how the family is doing. A tap while the connection is down is kept,
// with the step it was made at, and sent once the class is back.
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
  /** After a tap has gone to the server (the mat view closes its sheet; kept or refused, it stays open to say so). */
  tapped(): void;
  closeSheet: () => void;
  /** The server refused: show the class as it is again. */
  refused(): void;
}

export function checkInPanel(session: ClassSession, hooks: CheckInHooks): CheckInPanel {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const buttons = checkInButtons((status) => {
    const state = session.state;
    if (!state) return;
    void sender.checkIn(status, state.stepIndex).then((sent) => {
      if (sent) hooks.tapped();
    });
  });
  const sender = checkInSender(session, {
    pressed: (checked) => {
      for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.status === checked));
    },
    say: (text) => {
      setText(error, text);
    },
    refused: () => {
      hooks.refused();
    },
  });
  const element = checkInSection(buttons, error, hooks.closeSheet);

  return {
    element,
    update(state) {
      const me = state.participants.find((p) => p.participantId === session.participantId);
      const shown = sender.pending()?.status ?? me?.checkIn?.status;
      for (const b of buttons) {
        b.setAttribute('aria-pressed', String(shown === b.dataset.status));
        b.disabled = state.status === 'Ended';
      }
      element.hidden = state.status === 'Ended';
    },
    sendPending() {
      void sender.sendPending();
    },
  };
}

/** What sending a check-in needs of the session. */
export type CheckInSession = Pick<ClassSession, 'status' | 'call' | 'synced'>;

export interface SenderView {
  pressed(status: CheckInStatus): void;
  say(text: string): void;
  refused(): void;
}

/** Sends check-ins, keeping the one a dropped connection could not take (with its step) for later. */
export function checkInSender(session: CheckInSession, view: SenderView) {
  let pending: { status: CheckInStatus; stepIndex: number } | null = null;
  // Read through a call: the status changes while a check-in is on its way.
  const online = () => session.status === 'online';
  const keepForLater = (status: CheckInStatus, stepIndex: number) => {
    pending = { status, stepIndex };
    view.say(t('parent.offlineCheckin'));
  };
  const sendPending = async (): Promise<boolean> =>
    pending ? await checkIn(pending.status, pending.stepIndex) : false;

  /** True once the server has it. */
  async function checkIn(status: CheckInStatus, stepIndex: number): Promise<boolean> {
    view.say('');
    view.pressed(status);
    if (!online()) {
      keepForLater(status, stepIndex);
      return false;
    }
    try {
      await session.call('CheckIn', status, stepIndex);
      pending = null;
      return true;
    } catch (e) {
      const parsed = parseHubError(e, online());
      if (parsed.code === 'offline') {
        keepForLater(status, stepIndex);
        return false;
      }
      if (parsed.code === 'not_joined') {
        // The server lost track of this connection, and the failed call has started a rejoin: wait
        // for it, then send. The status may never leave 'online' on the way, so this does not
        // wait for it to come back.
        keepForLater(status, stepIndex);
        await session.synced();
        return online() && pending?.status === status && (await sendPending());
      }
      // Refused (say, a step the routine no longer has): shown, and not sent again later.
      pending = null;
      view.say(friendlyError(parsed));
      view.refused();
      return false;
    }
  }

  return { checkIn, sendPending, pending: () => pending };
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
      h('span', { class: 'checkin-label' }, o.label),
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
