// A family's display name, checked as the server checks it (src/LiveClass.Domain/TextRules.cs), so
// a parent hears why a name cannot be used in their own language, before it is even sent.
import { characterCount } from './limits';
import { t } from './i18n';
import type { Participant } from './protocol';

export type NameProblem =
  | { kind: 'empty' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'hidden' }
  | { kind: 'instructor' }
  | { kind: 'other' };

export interface NameRules {
  /** The server's limit in characters, when known. */
  maxLength?: number | undefined;
  /** The class's instructor, when the look-up has said. */
  instructorName?: string | null | undefined;
}

/** The ends the server trims: spaces, tabs and line breaks. */
const ENDS = /^[\t\n\r\p{Zs}]+|[\t\n\r\p{Zs}]+$/gu;
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Mn}\p{Me}]/u;
const HIDDEN = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u;
const FORMAT = /\p{Cf}/u;
// A zero-width joiner is allowed only inside an emoji sequence (a family, a profession).
const EMOJI_JOINER =
  /\p{Extended_Pictographic}(?:\u{FE0E}|\u{FE0F}|\p{Emoji_Modifier})*\u200D(?=\p{Extended_Pictographic})/gu;

export function trimName(raw: string): string {
  return raw.replace(ENDS, '');
}

/** Why the server would refuse this name, or null when it would take it. */
export function nameProblem(raw: string, rules: NameRules = {}): NameProblem | null {
  const name = trimName(raw);
  if (!name || !VISIBLE.test(name)) return { kind: 'empty' };
  if (rules.maxLength !== undefined && characterCount(name) > rules.maxLength) {
    return { kind: 'tooLong', max: rules.maxLength };
  }
  if (HIDDEN.test(name) || FORMAT.test(name.replace(EMOJI_JOINER, (m) => m.slice(0, -1)))) return { kind: 'hidden' };
  if (rules.instructorName && sameName(name, rules.instructorName)) return { kind: 'instructor' };
  return null;
}

/** One character's simple upper case, as .NET's ordinal case-insensitive comparison has it. */
function upper(char: string): string {
  const u = char.toUpperCase();
  return Array.from(u).length === 1 ? u : char;
}

function fold(name: string): string {
  return Array.from(name.trim().normalize('NFKC'), upper).join('');
}

/** Whether two names would look like the same person: equal once NFKC-folded, without case. */
export function sameName(a: string, b: string): boolean {
  return fold(a) === fold(b);
}

/** The problem behind the server's refusal of a name (its detail is English, for developers). */
export function nameRefusal(detail: string): NameProblem {
  const tooLong = /must be at most (\d+) characters/.exec(detail);
  if (tooLong) return { kind: 'tooLong', max: Number(tooLong[1]) };
  if (/must not be empty/.test(detail)) return { kind: 'empty' };
  if (/instructor's name/.test(detail)) return { kind: 'instructor' };
  if (/control characters|invisible|separators|valid Unicode/.test(detail)) return { kind: 'hidden' };
  return { kind: 'other' };
}

/** What to tell the parent, in the page's language. */
export function nameMessage(problem: NameProblem): string {
  switch (problem.kind) {
    case 'empty':
      return t('join.nameRequired');
    case 'tooLong':
      return t('join.nameTooLong', { max: problem.max });
    case 'hidden':
      return t('join.nameHidden');
    case 'instructor':
      return t('join.nameInstructor');
    case 'other':
      return t('join.nameRejected');
  }
}

/**
 * The names the console shows: the server lets two families join under one name, so the second to
 * join (in roster order, which is join order) reads "Amara & Noor (2)", the third "(3)".
 */
export function distinctNames(
  people: readonly Pick<Participant, 'participantId' | 'displayName'>[],
): Map<string, string> {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const p of people) {
    const key = fold(p.displayName);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    names.set(p.participantId, n === 1 ? p.displayName : t('teach.sameName', { name: p.displayName, n }));
  }
  return names;
}
