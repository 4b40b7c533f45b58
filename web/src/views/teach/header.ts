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
  update(state: ClassState, joinCode: string | null): void;
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
      controls.update(state);
    },
  };
}

function button(testId: string, style: string, label: string, onclick: () => unknown): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn${style}`, 'data-testid': testId, onclick }, label);
}

/** Start, pause, resume, and end behind a confirmation. */
function classControls(actions: ConsoleActions): { element: HTMLElement; update(state: ClassState): void } {
  const startBtn = button('start', ' btn-primary', t('teach.start'), () => actions.act('StartClass'));
  const pauseBtn = button('pause', '', t('teach.pause'), () => actions.act('PauseClass'));
  const resumeBtn = button('resume', ' btn-primary', t('teach.resume'), () => actions.act('ResumeClass'));
  const endBtn = button('end', ' btn-danger-quiet', t('teach.end'), () => {
    confirmEnd(true);
  });
  const endConfirm = h(
    'span',
    { class: 'confirm', hidden: true, role: 'group', 'aria-label': t('teach.confirmEnd') },
    h('span', {}, t('teach.endForAll')),
    button('end-confirm', ' btn-danger', t('teach.endNow'), async () => {
      confirmEnd(false);
      await actions.act('EndClass');
    }),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-quiet',
        onclick: () => {
          confirmEnd(false);
        },
      },
      t('teach.keepGoing'),
    ),
  );
  function confirmEnd(show: boolean) {
    endConfirm.hidden = !show;
    endBtn.hidden = show;
  }
  const element = h(
    'div',
    { class: 'controls', role: 'group', 'aria-label': t('teach.controls') },
    startBtn,
    pauseBtn,
    resumeBtn,
    endBtn,
    endConfirm,
  );
  return {
    element,
    update(state) {
      startBtn.hidden = state.status !== 'Lobby';
      pauseBtn.hidden = state.status !== 'Live';
      resumeBtn.hidden = state.status !== 'Paused';
      endBtn.hidden = !(state.status === 'Live' || state.status === 'Paused') || !endConfirm.hidden;
      if (state.status === 'Ended' || state.status === 'Lobby') confirmEnd(false);
      if (state.status === 'Lobby') endBtn.hidden = true;
    },
  };
}
