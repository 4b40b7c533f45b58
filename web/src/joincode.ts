// Join codes: 6 characters from an alphabet without look-alikes, shown as "KQ7-M4P".

/** No 0/O, no 1/I/L, matching the server's alphabet rule. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Upper-cases, drops spaces and hyphens; returns null unless it can be a join code. */
export function normalizeJoinCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 6) return null;
  for (const ch of compact) {
    if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  }
  return compact;
}

/** "kq7m4p" → "KQ7-M4P"; anything else is returned trimmed and upper-cased. */
export function formatJoinCode(code: string): string {
  const compact = code.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 6) return code.trim().toUpperCase();
  return `${compact.slice(0, 3)}-${compact.slice(3)}`;
}
