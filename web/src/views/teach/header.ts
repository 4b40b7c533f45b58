// The console's top bar: the class, its status and join code, and starting, pausing and ending it.
import { h, setText } from '../../dom';
import { formatJoinCode } from '../../joincode';
import { t } from '../../i18n';
import type { ClassState } from '../../state';
import { statusPill, topbar } from '../common';
import type { ConsoleActions } from './actions';

export interface ConsoleHeader {
  element: HTMLElement;
  /** The status as words, for the announcer. */
  pill: HTMLElement;
  /** True when the control the keyboard was on went away and none of the class controls can take its place. */
  update(state: ClassState, joinCode: string | null): boolean;
  /** The console can no longer run this class: its controls go. */
  closed(): void;
}

export function consoleHeader(actions: ConsoleActions): ConsoleHeader {
  const pill = statusPill();
  const title = h('span', { class: 'topbar-title', 'data-testid': 'class-title' });
  const codeText = h('strong', { class: 'share-code', 'data-testid': 'join-code' });
  const share = h('div', { class: 'share' }, h('span', { class: 'muted' }, t('teach.joinCode')), codeText);
  const controls = classControls(actions);
  const element = topbar(title, pill.element, share, controls.element);
  element.classList.add('topbar--console');
  return {
    element,
    pill: pill.element,
    update(state, joinCode) {
      setText(title, state.title);
      document.title = t('teach.titleClass', { title: state.title });
      pill.update(state);
      setText(codeText, joinCode ? formatJoinCode(joinCode) : '—');
      return controls.update(state);
    },
    closed() {
      controls.element.hidden = true;
    },
  };
}

function button(testId: string | null, style: string, label: string, onclick: () => unknown): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn${style}`, 'data-testid': testId, onclick }, label);
}

/** Whether the focused element is gone from sight (hidden itself or inside something hidden). */
function focusHidden(): boolean {
  const active = document.activeElement;
  return !(active instanceof HTMLElement) || active === document.body || !!active.closest('[hidden]');
}

/** Ending asks first: "End class", then "End now" or "Keep going". */
function endControls(actions: ConsoleActions) {
  const endBtn = button('end', ' btn-danger-quiet', t('teach.end'), () => {
    confirmEnd(true);
    endNowBtn.focus();
  });
  const endNowBtn = button('end-confirm', ' btn-danger', t('teach.endNow'), async () => {
    confirmEnd(false);
    endBtn.focus();
    await actions.act('EndClass');
  });
  const keepGoing = button(null, ' btn-quiet', t('teach.keepGoing'), () => {
    confirmEnd(false);
    endBtn.focus();
  });
  const endConfirm = h(
    'span',
    { class: 'confirm', hidden: true, role: 'group', 'aria-label': t('teach.confirmEnd') },
    h('span', {}, t('teach.endForAll')),
    endNowBtn,
    keepGoing,
  );
  endConfirm.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    confirmEnd(false);
    endBtn.focus();
  });
  function confirmEnd(show: boolean) {
    endConfirm.hidden = !show;
    endBtn.hidden = show;
  }
  return { endBtn, endConfirm, confirmEnd };
}

/** Start, pause, resume, and end behind a confirmation. */
function classControls(actions: ConsoleActions): { element: HTMLElement; update(state: ClassState): boolean } {
  const startBtn = button('start', ' btn-primary', t('teach.start'), () => actions.act('StartClass'));
  const pauseBtn = button('pause', '', t('teach.pause'), () => actions.act('PauseClass'));
  const resumeBtn = button('resume', ' btn-primary', t('teach.resume'), () => actions.act('ResumeClass'));
  const { endBtn, endConfirm, confirmEnd } = endControls(actions);
  const element = h(
    'div',
    { class: 'controls', role: 'group', 'aria-label': t('teach.controls') },
    startBtn,
    pauseBtn,
    resumeBtn,
    endBtn,
    endConfirm,
  );
  // After Start, Pause or Resume the pressed button goes; the keyboard moves on to the one shown now.
  const refocus = (): boolean => {
    if (!focusHidden()) return false;
    const next = [pauseBtn, resumeBtn, startBtn, endBtn].find((b) => !b.hidden);
    next?.focus();
    return !next;
  };
  return {
    element,
    update(state) {
      const hadFocus = element.contains(document.activeElement);
      startBtn.hidden = state.status !== 'Lobby';
      pauseBtn.hidden = state.status !== 'Live';
      resumeBtn.hidden = state.status !== 'Paused';
      const running = state.status === 'Live' || state.status === 'Paused';
      if (!running) confirmEnd(false);
      endBtn.hidden = !running || !endConfirm.hidden;
      return hadFocus && refocus();
    },
  };
}
