// The routine's steps down the side of the console; a click goes to a step. The list is one tab
// stop (the current step), and the arrow keys, Home and End move along it, so the keyboard gets
// past the routine to the cues in one press.
import { h, setChildren } from '../../dom';
import { t } from '../../i18n';
import { stepText } from '../../routineText';
import type { Step } from '../../protocol';
import type { ClassState } from '../../state';
import { areaLabel } from '../../wording';
import type { ConsoleActions } from './actions';

/** Where a key moves the focus from step `from` of `count`, or null for a key the list leaves alone. */
export function stepKeyTarget(key: string, from: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(from + 1, count - 1);
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(from - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** One tab stop for the list's buttons, moved along by the keys of stepKeyTarget. */
function rovingTabStop(list: HTMLElement) {
  const buttons = () => [...list.querySelectorAll<HTMLButtonElement>('.step-item')];
  const tabStopOn = (target: HTMLButtonElement) => {
    for (const b of buttons()) b.tabIndex = b === target ? 0 : -1;
  };
  list.addEventListener('keydown', (e) => {
    const all = buttons();
    const from = all.findIndex((b) => b === document.activeElement);
    const to = from < 0 ? null : stepKeyTarget(e.key, from, all.length);
    if (to === null) return;
    e.preventDefault();
    tabStopOn(all[to]);
    all[to].focus();
  });
  return { buttons, tabStopOn };
}

function stepButton(st: Step, i: number, go: (i: number) => unknown): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'step-item',
      'data-index': i,
      'data-testid': `step-${i}`,
      tabindex: -1,
      onclick: () => go(i),
    },
    h('span', { class: 'step-item-num' }, String(i + 1)),
    h('span', { class: 'step-item-name' }, stepText(st).name),
    h('span', { class: 'step-item-area' }, areaLabel(st.area)),
  );
}

export function stepsPanel(actions: ConsoleActions): { element: HTMLElement; update(state: ClassState): void } {
  const list = h('ol', { class: 'step-list', 'data-testid': 'step-list' });
  const { buttons, tabStopOn } = rovingTabStop(list);
  const element = h(
    'nav',
    { class: 'panel steps', 'aria-label': t('teach.routineSteps') },
    h('h2', {}, t('teach.routine')),
    h('p', { class: 'visually-hidden' }, t('teach.stepsKeys')),
    list,
  );
  let rendered = '';
  let ended = false;

  function fill(state: ClassState) {
    const key = state.routine.steps.map((st) => `${st.index}:${st.name}`).join('|');
    if (key === rendered) return;
    rendered = key;
    const go = (i: number) => (ended ? undefined : actions.act('GoToStep', i));
    setChildren(
      list,
      state.routine.steps.map((st, i) => h('li', {}, stepButton(st, i, go))),
    );
  }

  return {
    element,
    update(state) {
      fill(state);
      ended = state.status === 'Ended';
      const all = buttons();
      for (const [i, button] of all.entries()) {
        if (i === state.stepIndex) {
          if (button.getAttribute('aria-current') !== 'step') {
            button.setAttribute('aria-current', 'step');
            button.scrollIntoView({ block: 'nearest' });
          }
        } else button.removeAttribute('aria-current');
        // Still focusable once ended, so the list can be read and scrolled from the keyboard.
        if (ended) button.setAttribute('aria-disabled', 'true');
        else button.removeAttribute('aria-disabled');
      }
      // While the keyboard is in the list its tab stop stays where it is; otherwise it is the current step.
      const current = all.at(state.stepIndex) ?? all.at(0);
      if (current && !list.contains(document.activeElement)) tabStopOn(current);
    },
  };
}
