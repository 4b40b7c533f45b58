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

/** Gives a text input the server's maximum length once it is known. */
export function limitLength(
  input: Pick<HTMLInputElement, 'maxLength'>,
  pick: (limits: ClientLimits) => number,
  source: LimitsSource = serverLimits,
): void {
  source.whenKnown((limits) => {
    input.maxLength = pick(limits);
  });
}

/** Whether a text is too long for a known limit; with no limit known, the server decides. */
export function tooLong(text: string, max: number | undefined): boolean {
  return max !== undefined && text.length > max;
}
