// The routine catalog is served in English. Other languages come from here, keyed by the routine's
// id and by each stroke's area and English name (a stroke keeps both in every routine that uses
// it; "Integration" of the legs and of the arms differ). A text without a translation stays in English.
import { lang, t, type Lang } from './i18n';
import type { Routine, Step } from './protocol';
import { ROUTINES_ES, STROKES_ES } from './messages/routines.es';

export interface StrokeText {
  name: string;
  instructions: string;
  cues: string[];
}

const STROKES: Partial<Record<Lang, Record<string, StrokeText>>> = { es: STROKES_ES };
const ROUTINES: Partial<Record<Lang, Record<string, string>>> = { es: ROUTINES_ES };

export function strokeKey(step: Pick<Step, 'area' | 'name'>): string {
  return `${step.area}|${step.name}`;
}

export function stepText(step: Pick<Step, 'area' | 'name' | 'instructions' | 'cues'>, l: Lang = lang()): StrokeText {
  const translated = STROKES[l]?.[strokeKey(step)];
  return translated ?? { name: step.name, instructions: step.instructions, cues: [...step.cues] };
}

export function routineName(routine: Pick<Routine, 'id' | 'name'>, l: Lang = lang()): string {
  return ROUTINES[l]?.[routine.id] ?? routine.name;
}

/** A routine as the pickers offer it: its name in l and how many steps it has. */
export function routineOptionLabel(routine: Pick<Routine, 'id' | 'name' | 'steps'>, l: Lang = lang()): string {
  return t('home.routineOption', { name: routineName(routine, l), count: routine.steps.length }, l);
}

/** The strokes (and routines) of the catalog that have no complete translation into l. */
export function untranslated(routines: Routine[], l: Lang): string[] {
  if (l === 'en') return [];
  const missing = new Set<string>();
  for (const r of routines) {
    if (!ROUTINES[l]?.[r.id]) missing.add(`routine:${r.id}`);
    for (const s of r.steps) {
      const text = STROKES[l]?.[strokeKey(s)];
      if (!text || text.cues.length !== s.cues.length) missing.add(strokeKey(s));
    }
  }
  return [...missing];
}
