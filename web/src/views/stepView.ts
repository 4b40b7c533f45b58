// One step of a routine as text and a doll: the family's step card, practice at home, and the
// instructor's stage all show it; each page keeps its own classes and test hooks.
import { drawDoll } from '../doll';
import { h, setChildren, setText } from '../dom';
import { t } from '../i18n';
import type { Step } from '../protocol';
import { stepText } from '../routineText';
import { areaLabel, repetitionsText } from '../wording';

export interface StepParts {
  counter: HTMLElement;
  area: HTMLElement;
  name: HTMLElement;
  words: HTMLElement;
  reps: HTMLElement;
  dollBox: HTMLElement;
}

export type StepLook = 'family' | 'practice' | 'stage';

export function stepParts(look: StepLook): StepParts {
  const family = look === 'family';
  const stage = look === 'stage';
  const nameAttrs = {
    class: stage ? 'stage-name' : 'step-name',
    'data-testid': 'step-name',
    tabindex: stage ? null : -1,
  };
  return {
    counter: h('p', { class: 'step-counter', 'data-testid': 'step-counter' }),
    area: h('p', { class: 'step-area', 'data-testid': family ? 'step-area' : null }),
    name: look === 'practice' ? h('h2', nameAttrs) : h('h1', nameAttrs),
    words: stage
      ? h('p', { class: 'stage-instructions' })
      : h('p', { class: 'step-instructions', 'data-testid': 'step-instructions' }),
    reps: h('p', { class: 'step-reps', 'data-testid': family ? 'step-reps' : null }),
    dollBox: h('div', { class: stage ? 'doll-box doll-box--small' : 'doll-box' }),
  };
}

/** The card a family reads from a distance: step head, name, doll and words. */
export function stepCard(parts: StepParts, label: Record<string, string>): HTMLElement {
  return h(
    'section',
    { class: 'step', ...label, 'data-testid': 'step' },
    h('div', { class: 'step-head' }, parts.counter, parts.area),
    parts.name,
    h('div', { class: 'step-body' }, parts.dollBox, h('div', { class: 'step-words' }, parts.words, parts.reps)),
  );
}

/** Shows step number `index` (from 0) of `total`; returns its text in the reader's language. */
export function showStep(parts: StepParts, step: Step, index: number, total: number): ReturnType<typeof stepText> {
  const text = stepText(step);
  setText(parts.counter, t('parent.stepOf', { n: index + 1, total }));
  setText(parts.area, areaLabel(step.area));
  setText(parts.name, text.name);
  setText(parts.words, text.instructions);
  setText(parts.reps, repetitionsText(step.repetitions));
  setChildren(parts.dollBox, drawDoll({ area: step.area, pose: step.dollPose, label: text.name }));
  return text;
}
