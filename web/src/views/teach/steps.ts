// The routine's steps down the side of the console; a click goes to a step.
import { h, setChildren } from '../../dom';
import { t } from '../../i18n';
import { stepText } from '../../routineText';
import type { ClassState } from '../../state';
import { areaLabel } from '../../wording';
import type { ConsoleActions } from './actions';

export function stepsPanel(actions: ConsoleActions): { element: HTMLElement; update(state: ClassState): void } {
  const list = h('ol', { class: 'step-list', 'data-testid': 'step-list' });
  // Focusable so the list can be scrolled from the keyboard even when every step is disabled.
  const element = h(
    'nav',
    { class: 'panel steps', 'aria-label': t('teach.routineSteps'), tabindex: 0 },
    h('h2', {}, t('teach.routine')),
    list,
  );
  let rendered = '';

  function fill(state: ClassState) {
    const key = state.routine.steps.map((st) => `${st.index}:${st.name}`).join('|');
    if (key === rendered) return;
    rendered = key;
    setChildren(
      list,
      state.routine.steps.map((st, i) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'step-item',
              'data-index': i,
              'data-testid': `step-${i}`,
              onclick: () => actions.act('GoToStep', i),
            },
            h('span', { class: 'step-item-num' }, String(i + 1)),
            h('span', { class: 'step-item-name' }, stepText(st).name),
            h('span', { class: 'step-item-area' }, areaLabel(st.area)),
          ),
        ),
      ),
    );
  }

  return {
    element,
    update(state) {
      fill(state);
      for (const button of list.querySelectorAll<HTMLButtonElement>('.step-item')) {
        const i = Number(button.dataset.index);
        if (i === state.stepIndex) {
          if (button.getAttribute('aria-current') !== 'step') {
            button.setAttribute('aria-current', 'step');
            button.scrollIntoView({ block: 'nearest' });
          }
        } else button.removeAttribute('aria-current');
        button.disabled = state.status === 'Ended';
      }
    },
  };
}
