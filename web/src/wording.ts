// Parent-facing and instructor-facing words for protocol values, from the message catalog.
import { t, tOr, type Lang } from './i18n';
import type { CheckInStatus, ClassStatus, Cue, CueKind } from './protocol';

export function areaLabel(area: string): string {
  return tOr(`area.${area}`, area.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

export function statusLabel(status: string): string {
  return tOr(`status.${status as ClassStatus}`, status);
}

export interface CheckInOption {
  status: CheckInStatus;
  label: string;
  /** Shown to the instructor on the board. */
  board: string;
  symbol: string;
}

const CHECK_IN_SYMBOLS: [CheckInStatus, string][] = [
  ['Ready', '✓'],
  ['Following', '→'],
  ['Done', '★'],
  ['Break', '☕'],
  ['Sleeping', '☾'],
  ['Fussy', '~'],
  ['NeedHelp', '?'],
  ['Away', '…'],
];

/** The check-in buttons, in the page's language at the time of the call. */
export function checkInOptions(): CheckInOption[] {
  return CHECK_IN_SYMBOLS.map(([status, symbol]) => ({
    status,
    symbol,
    label: t(`checkin.${status}`),
    board: t(`board.${status}`),
  }));
}

export function checkInLabel(status: string, lang?: Lang): string {
  return tOr(`board.${status}`, status, undefined, lang);
}

export interface CueWording {
  title: string;
  body: string;
}

/** Calm words for parents. Custom text is the instructor's own and is shown as text. */
export function cueForParents(cue: Cue, lang?: Lang): CueWording {
  switch (cue.kind) {
    case 'Repeat': {
      const n = cue.count ?? 1;
      return {
        title: t('cue.Repeat.title', { n }, lang),
        body: n === 1 ? t('cue.Repeat.bodyOne', undefined, lang) : t('cue.Repeat.body', { n }, lang),
      };
    }
    case 'Slow':
    case 'Pause':
    case 'AskPermission':
    case 'WatchCues':
    case 'Break':
    case 'Resume':
      return { title: t(`cue.${cue.kind}.title`, undefined, lang), body: t(`cue.${cue.kind}.body`, undefined, lang) };
    default:
      return { title: t('cue.Custom.title', undefined, lang), body: cue.text ?? '' };
  }
}

export const CUE_KINDS: CueKind[] = ['Slow', 'Pause', 'AskPermission', 'WatchCues', 'Break', 'Resume'];

export function cueButtonLabel(kind: CueKind): string {
  return tOr(`cueButton.${kind}`, kind);
}

/** Short form for the instructor's own "last cue" line. */
export function cueShort(cue: Cue): string {
  switch (cue.kind) {
    case 'Repeat':
      return t('cueShort.Repeat', { n: cue.count ?? 1 });
    case 'Custom':
      return `“${cue.text ?? ''}”`;
    default:
      return cueButtonLabel(cue.kind);
  }
}

/** Asked before a "continue on another device" link takes the place of the family this browser already is. */
export function replaceFamilyQuestion(displayName: string | null | undefined, lang?: Lang): string {
  const name = displayName?.trim() || t('parent.anotherFamily', undefined, lang);
  return t('parent.replaceFamily', { name }, lang);
}

export function repetitionsText(repetitions: number): string {
  if (!repetitions || repetitions < 1) return '';
  return repetitions === 1 ? t('reps.one') : t('reps.many', { n: repetitions });
}
