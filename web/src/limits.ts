// The server's limits on what people type (GET /api/limits), fetched once. Until they arrive, or
// if they never do, inputs carry no limit of their own and the server's refusal is the answer.
import { getLimits } from './api';
import type { ClientLimits } from './protocol';

export interface LimitsSource {
  /** Fetches the limits unless they are known; a failed fetch is tried again on the next call. */
  load(): Promise<ClientLimits | null>;
  /** The limits, or null while they are not known. */
  current(): ClientLimits | null;
  /** Runs now if the limits are known, else once they arrive. */
  whenKnown(apply: (limits: ClientLimits) => void): void;
}

export function createLimitsSource(fetchLimits: () => Promise<ClientLimits>): LimitsSource {
  let known: ClientLimits | null = null;
  let loading: Promise<ClientLimits | null> | null = null;
  const waiting = new Set<(limits: ClientLimits) => void>();

  function arrived(limits: ClientLimits): ClientLimits {
    known = limits;
    for (const apply of waiting) apply(limits);
    waiting.clear();
    return limits;
  }

  return {
    load() {
      loading ??= fetchLimits().then(arrived, () => {
        loading = null;
        return null;
      });
      return loading;
    },
    current: () => known,
    whenKnown(apply) {
      if (known) apply(known);
      else waiting.add(apply);
    },
  };
}

/** The app's one source of the server's limits. */
export const serverLimits = createLimitsSource(getLimits);

/** The server refuses text longer than this many UTF-16 code units per character before counting it. */
const MAX_CODE_UNITS_PER_CHARACTER = 16;

const graphemes =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

/** The characters of a text as a reader sees them (grapheme clusters), normalized to NFC: what the server counts. */
function characters(text: string): string[] {
  const nfc = text.normalize('NFC');
  return graphemes ? Array.from(graphemes.segment(nfc), (s) => s.segment) : Array.from(nfc);
}

/** How many characters the server counts in this text (after trimming, as it does). */
export function characterCount(text: string): number {
  return characters(text.trim()).length;
}

/** Whether a text is too long for a known limit; with no limit known, the server decides. */
export function tooLong(text: string, max: number | undefined): boolean {
  return max !== undefined && characterCount(text) > max;
}

/** The text cut to at most `max` characters as the server counts them. */
export function cutToCharacters(text: string, max: number): string {
  const all = characters(text);
  return all.length <= max ? text : all.slice(0, max).join('');
}

type LimitedInput = Pick<HTMLInputElement, 'maxLength' | 'value' | 'addEventListener'>;

/**
 * Gives a text input the server's maximum length once it is known, counted as the server counts
 * it: in characters a reader sees, so a name with emoji or accents gets its full length. The
 * input's own `maxLength` (UTF-16 units) only stops what the server would refuse unread.
 */
export function limitLength(
  input: LimitedInput,
  pick: (limits: ClientLimits) => number,
  source: LimitsSource = serverLimits,
): void {
  let max: number | null = null;
  const cut = () => {
    if (max === null) return;
    const kept = cutToCharacters(input.value, max);
    if (kept !== input.value) input.value = kept;
  };
  // Not in the middle of a composition (an input method builds one character from several keys).
  input.addEventListener('input', (event) => {
    if (!(event as InputEvent).isComposing) cut();
  });
  input.addEventListener('compositionend', cut);
  source.whenKnown((limits) => {
    max = pick(limits);
    input.maxLength = max * MAX_CODE_UNITS_PER_CHARACTER;
    cut();
  });
}
