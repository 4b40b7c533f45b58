import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../src/i18n';
import { distinctNames, nameMessage, nameProblem, nameRefusal, sameName } from '../src/names';

describe('a family name, checked before it is sent', () => {
  it('is empty when nothing visible is left once trimmed', () => {
    expect(nameProblem('   ')).toEqual({ kind: 'empty' });
    expect(nameProblem('\u200B\u200B')).toEqual({ kind: 'empty' });
    expect(nameProblem('  Sam & Noor  ')).toBeNull();
  });

  it('counts its length in characters a reader sees', () => {
    const family = '👨‍👩‍👧';
    expect(nameProblem(`${'a'.repeat(39)}${family}`, { maxLength: 40 })).toBeNull();
    expect(nameProblem('a'.repeat(41), { maxLength: 40 })).toEqual({ kind: 'tooLong', max: 40 });
  });

  it('refuses control and invisible formatting characters, but not an emoji sequence', () => {
    expect(nameProblem('Sam\u0007')).toEqual({ kind: 'hidden' });
    expect(nameProblem('Sam\u202Eoor')).toEqual({ kind: 'hidden' });
    expect(nameProblem('Sam\u200Boor')).toEqual({ kind: 'hidden' });
    expect(nameProblem('Sam\u2028Noor')).toEqual({ kind: 'hidden' });
    expect(nameProblem('The Garcías 👨‍👩‍👧')).toBeNull();
  });

  it("is the instructor's name compared as the server compares it: NFKC-folded, without case", () => {
    expect(nameProblem('maya', { instructorName: 'Maya' })).toEqual({ kind: 'instructor' });
    expect(nameProblem('ＭＡＹＡ', { instructorName: 'Maya' })).toEqual({ kind: 'instructor' });
    expect(nameProblem('Maya & Leo', { instructorName: 'Maya' })).toBeNull();
    expect(sameName('Straße', 'STRASSE')).toBe(false);
  });
});

describe("the server's refusal of a name", () => {
  afterEach(() => {
    setLang('en');
  });

  it.each([
    ["displayName must not be the instructor's name", { kind: 'instructor' }],
    ['displayName must be at most 40 characters', { kind: 'tooLong', max: 40 }],
    ['displayName must not be empty', { kind: 'empty' }],
    ['displayName must not contain control characters', { kind: 'hidden' }],
    ['displayName must not contain invisible formatting characters', { kind: 'hidden' }],
    ['displayName must not pile more than 4 marks on one character', { kind: 'other' }],
  ])('"%s" is told in the parent’s words', (detail, problem) => {
    expect(nameRefusal(detail)).toEqual(problem);
  });

  it('never shows the server’s field names, in English or Spanish', () => {
    const details = [
      "displayName must not be the instructor's name",
      'displayName must be at most 40 characters',
      'displayName must not contain control characters',
      'something new',
    ];
    setLang('en');
    expect(nameMessage(nameRefusal(details[0]))).toBe(
      'That is your instructor’s name. Please use a name for your family.',
    );
    setLang('es');
    expect(nameMessage(nameRefusal(details[0]))).toBe(
      'Ese es el nombre de tu instructora. Usa un nombre para tu familia.',
    );
    expect(nameMessage(nameRefusal(details[1]))).toContain('40');
    for (const lang of ['en', 'es'] as const) {
      setLang(lang);
      for (const detail of details) expect(nameMessage(nameRefusal(detail))).not.toMatch(/displayName|must/);
    }
  });
});

describe('families of the same name on the console', () => {
  const family = (participantId: string, displayName: string) => ({ participantId, displayName });

  it('are told apart by a number in the order they joined; the first keeps its name', () => {
    const names = distinctNames([
      family('a', 'Amara & Noor'),
      family('b', 'Ben & Theo'),
      family('c', 'Amara & Noor'),
      family('d', 'amara & noor'),
    ]);
    expect([...names.values()]).toEqual(['Amara & Noor', 'Ben & Theo', 'Amara & Noor (2)', 'amara & noor (3)']);
  });

  it('leave names no one else has alone', () => {
    const names = distinctNames([family('a', 'Amara & Noor'), family('b', 'Ben & Theo')]);
    expect(names.get('a')).toBe('Amara & Noor');
    expect(names.get('b')).toBe('Ben & Theo');
  });
});
