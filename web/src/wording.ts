// Parent-facing and instructor-facing words for protocol values.
import type { CheckInStatus, ClassStatus, Cue, CueKind } from './protocol';

export const AREA_LABELS: Record<string, string> = {
  Legs: 'Legs',
  Feet: 'Feet',
  Tummy: 'Tummy',
  Chest: 'Chest',
  Arms: 'Arms',
  Hands: 'Hands',
  Face: 'Face',
  Back: 'Back',
  GentleMovements: 'Gentle movements',
  Relaxation: 'Relaxation',
};

export function areaLabel(area: string): string {
  return AREA_LABELS[area] ?? area.replace(/([a-z])([A-Z])/g, '$1 $2');
}

export const STATUS_LABELS: Record<ClassStatus, string> = {
  Lobby: 'Waiting to start',
  Live: 'Live',
  Paused: 'Paused',
  Ended: 'Ended',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as ClassStatus] ?? status;
}

export interface CheckInOption {
  status: CheckInStatus;
  label: string;
  /** Shown to the instructor on the board. */
  board: string;
  symbol: string;
}

export const CHECK_IN_OPTIONS: CheckInOption[] = [
  { status: 'Ready', label: 'Ready', board: 'Ready', symbol: '✓' },
  { status: 'Following', label: 'Following', board: 'Following', symbol: '→' },
  { status: 'Done', label: 'Done', board: 'Done', symbol: '★' },
  { status: 'Break', label: 'Taking a break', board: 'Break', symbol: '☕' },
  { status: 'Sleeping', label: 'Baby sleeping', board: 'Sleeping', symbol: '☾' },
  { status: 'Fussy', label: 'Baby fussy', board: 'Fussy', symbol: '~' },
  { status: 'NeedHelp', label: 'Need help', board: 'Needs help', symbol: '?' },
  { status: 'Away', label: 'Away', board: 'Away', symbol: '…' },
];

export function checkInLabel(status: string): string {
  return CHECK_IN_OPTIONS.find((o) => o.status === status)?.board ?? status;
}

export interface CueWording {
  title: string;
  body: string;
}

/** Calm words for parents. Custom text is the instructor's own and is shown as text. */
export function cueForParents(cue: Cue): CueWording {
  switch (cue.kind) {
    case 'Slow':
      return { title: 'Slow down', body: 'Long, gentle, unhurried strokes.' };
    case 'Repeat': {
      const n = cue.count ?? 1;
      return {
        title: `Repeat ×${n}`,
        body: n === 1 ? 'Do this stroke once more.' : `Do this stroke ${n} more times.`,
      };
    }
    case 'Pause':
      return { title: 'Pause', body: 'Rest your hands still on your baby and breathe.' };
    case 'AskPermission':
      return {
        title: 'Ask permission',
        body: 'Rub your hands so your baby hears, show your palms, ask, and wait for a yes.',
      };
    case 'WatchCues':
      return {
        title: "Watch your baby's cues",
        body: 'Looking away, arching or crying means rest your hands and cuddle. Never push on.',
      };
    case 'Break':
      return { title: 'Break time', body: 'Cuddle, feed or rest. We will carry on together soon.' };
    case 'Resume':
      return { title: "Let's continue", body: 'Warm your hands and join back in when your baby is ready.' };
    case 'Custom':
      return { title: 'From your instructor', body: cue.text ?? '' };
    default:
      return { title: 'From your instructor', body: cue.text ?? '' };
  }
}

export const CUE_BUTTONS: { kind: CueKind; label: string }[] = [
  { kind: 'Slow', label: 'Slow' },
  { kind: 'Pause', label: 'Pause' },
  { kind: 'AskPermission', label: 'Ask permission' },
  { kind: 'WatchCues', label: 'Watch cues' },
  { kind: 'Break', label: 'Break' },
  { kind: 'Resume', label: 'Resume' },
];

/** Short form for the instructor's own "last cue" line. */
export function cueShort(cue: Cue): string {
  switch (cue.kind) {
    case 'Repeat':
      return `Repeat ×${cue.count ?? 1}`;
    case 'Custom':
      return `“${cue.text ?? ''}”`;
    default:
      return CUE_BUTTONS.find((b) => b.kind === cue.kind)?.label ?? cue.kind;
  }
}

export function repetitionsText(repetitions: number): string {
  if (!repetitions || repetitions < 1) return '';
  return repetitions === 1 ? 'Once, slowly' : `About ${repetitions} times`;
}
