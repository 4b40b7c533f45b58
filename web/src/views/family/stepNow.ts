// The step the class is on, readable from a metre away; a new one is highlighted, read out, and
// spoken when hands-free is on.
import { stepAnnouncement } from '../../announcements';
import { setText } from '../../dom';
import { t } from '../../i18n';
import type { Step } from '../../protocol';
import type { ClassState } from '../../state';
import { areaLabel } from '../../wording';
import { showStep, stepCard, stepParts } from '../stepView';
import { flash } from './flash';

export interface StepNow {
  element: HTMLElement;
  update(state: ClassState, step: Step | null, liveChange: boolean): void;
}

export function stepNow(announce: (text: string) => void, speak: (text: string) => void): StepNow {
  const parts = stepParts('family');
  const element = stepCard(parts, { 'aria-label': t('parent.step') });
  let shown = '';
  return {
    element,
    update(state, step, liveChange) {
      const key = step ? `${state.stepIndex}|${step.name}|${step.dollPose}|${step.area}` : 'none';
      if (key === shown) return;
      shown = key;
      if (!step) {
        setText(parts.counter, '');
        setText(parts.name, t('parent.noSteps'));
        return;
      }
      const total = state.routine.steps.length;
      const text = showStep(parts, step, state.stepIndex, total);
      element.dataset.area = step.area;
      if (liveChange) {
        flash(element);
        const n = state.stepIndex + 1;
        announce(t('speech.stepFull', { n, total, name: text.name, area: areaLabel(step.area) }));
        speak(stepAnnouncement(n, text.name, step.repetitions));
      }
    },
  };
}
