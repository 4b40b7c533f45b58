// The step the class is on, big in the middle of the console, with the way to the next one.
import { h, setChildren, setText } from '../../dom';
import { t } from '../../i18n';
import { stepText } from '../../routineText';
import { currentStep, type ClassState } from '../../state';
import { showStep, stepParts } from '../stepView';
import type { ConsoleActions } from './actions';

export function stagePanel(
  actions: ConsoleActions,
  current: () => ClassState | null,
): { element: HTMLElement; update(state: ClassState): void } {
  const parts = stepParts('stage');
  const cues = h('ul', { class: 'stage-cues', 'aria-label': t('teach.notes'), 'data-testid': 'step-cues' });
  const go = (delta: number) => {
    const state = current();
    if (!state) return;
    const target = state.stepIndex + delta;
    if (target < 0 || target >= state.routine.steps.length) return;
    void actions.act('GoToStep', target);
  };
  const prevBtn = stepButton('prev-step', '', t('teach.previous'), () => {
    go(-1);
  });
  const nextBtn = stepButton('next-step', ' btn-primary', t('teach.next'), () => {
    go(1);
  });
  const nextName = h('p', { class: 'muted small', 'data-testid': 'next-name' });
  const element = h(
    'section',
    { class: 'panel stage', 'aria-label': t('parent.step') },
    h('div', { class: 'step-head' }, parts.counter, parts.area),
    parts.name,
    h(
      'div',
      { class: 'stage-body' },
      parts.dollBox,
      h('div', {}, parts.words, parts.reps, h('h2', { class: 'small-heading' }, t('teach.yourNotes')), cues),
    ),
    h('div', { class: 'stage-nav' }, prevBtn, nextBtn, nextName),
  );
  let shown = '';

  return {
    element,
    update(state) {
      const step = currentStep(state);
      const total = state.routine.steps.length;
      prevBtn.disabled = state.stepIndex <= 0 || state.status === 'Ended';
      nextBtn.disabled = state.stepIndex >= total - 1 || state.status === 'Ended';
      const next = state.routine.steps.at(state.stepIndex + 1);
      setText(nextName, next ? t('teach.nextName', { name: stepText(next).name }) : t('teach.lastStep'));
      const key = step ? `${state.stepIndex}|${step.name}|${step.dollPose}` : '';
      if (key === shown) return;
      shown = key;
      if (!step) return;
      const text = showStep(parts, step, state.stepIndex, total);
      setChildren(
        cues,
        text.cues.map((c) => h('li', {}, c)),
      );
    },
  };
}

function stepButton(testId: string, style: string, label: string, onclick: () => void): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn${style}`, 'data-testid': testId, onclick }, label);
}
