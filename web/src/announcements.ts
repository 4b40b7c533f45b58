// What hands-free mode says: short and calm, in the page's language. Pure, so it is tested directly.
import { t, type Lang } from './i18n';
import type { ClassStatus, Cue } from './protocol';
import { stepText } from './routineText';
import { currentStep, type Applied, type ClassState } from './state';
import { cueForParents } from './wording';

/** "top of foot" from "Top of foot"; a first word of one letter ("I love you") or in capitals stays. */
function spokenName(name: string): string {
  const first = name.split(/\s/)[0] ?? '';
  if (first.length < 2 || first === first.toUpperCase()) return name;
  return name[0].toLowerCase() + name.slice(1);
}

/** Small counts read better as words: "About three times." */
export function repetitionsSpoken(repetitions: number, lang?: Lang): string {
  if (!repetitions || repetitions < 1) return '';
  if (repetitions === 1) return t('speech.repsOne', undefined, lang);
  if (repetitions >= 2 && repetitions <= 10) {
    const word = t(`number.${repetitions as 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`, undefined, lang);
    return t('speech.repsWordMany', { word }, lang);
  }
  return t('speech.repsMany', { n: repetitions }, lang);
}

/** "Step 9, top of foot. About three times." The step number counts from one. */
export function stepAnnouncement(stepNumber: number, name: string, repetitions: number, lang?: Lang): string {
  const reps = repetitionsSpoken(repetitions, lang);
  return [t('speech.step', { n: stepNumber, name: spokenName(name) }, lang), reps].filter(Boolean).join(' ');
}

/** "Pause. Rest your hands still on your baby and breathe." */
export function cueAnnouncement(cue: Cue, lang?: Lang): string {
  const words = cueForParents(cue, lang);
  return words.body ? t('speech.cue', { title: words.title, body: words.body }, lang) : `${words.title}.`;
}

/** Sound only reaches a parent who can act on it: the page in view and the class going. */
export function mayPlay(opts: { hidden: boolean; status: ClassStatus }): boolean {
  return !opts.hidden && opts.status === 'Live';
}

/** What hands-free says when the class ends while the family follows it; null for an end a rejoin only brings as history. */
export function endAnnouncement(applied: readonly Applied[], lang?: Lang): string | null {
  const ended = applied.some((a) => a.live && a.event.kind === 'ClassStatusChanged' && a.event.status === 'Ended');
  return ended ? t('speech.ended', undefined, lang) : null;
}

/**
 * What hands-free says when a family is back after a drop: where the class is now, so that eyes can
 * stay on the baby; never what it missed.
 */
export function returnAnnouncement(state: ClassState, lang?: Lang): string {
  const back = t('speech.back', undefined, lang);
  const step = currentStep(state);
  if (state.status !== 'Live' || !step) return back;
  const now = stepAnnouncement(state.stepIndex + 1, stepText(step, lang).name, step.repetitions, lang);
  return `${back} ${now}`;
}
