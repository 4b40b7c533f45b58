import { describe, expect, it } from 'vitest';
import { tn } from '../src/i18n';
import { recapSummary } from '../src/recapCsv';
import { checkInCounts, checkInSummary } from '../src/state';
import { parent } from './fixtures';

describe('counts in words', () => {
  it.each([
    ['en', 1, 'In the class (1 family)'],
    ['en', 2, 'In the class (2 families)'],
    ['en', 0, 'In the class (0 families)'],
    ['es', 1, 'En la clase (1 familia)'],
    ['es', 3, 'En la clase (3 familias)'],
  ] as const)('the family list heading in %s for %i', (lang, n, heading) => {
    expect(tn('people.headingCount', n, undefined, lang)).toBe(heading);
  });

  it('says the join code line with one family or more', () => {
    expect(tn('join.codeLine', 1, { code: 'KQ7-M4P' }, 'en')).toBe('Code KQ7-M4P · 1 family');
    expect(tn('join.codeLine', 4, { code: 'KQ7-M4P' }, 'es')).toBe('Código KQ7-M4P · 4 familias');
  });

  it('sums up the recap with singular and plural, and a class shorter than a minute', () => {
    expect(recapSummary(1, 2 * 60_000, 'Ended', 'en')).toBe('1 family · 2 minutes · Ended');
    expect(recapSummary(3, 60_000, 'Ended', 'en')).toBe('3 families · 1 minute · Ended');
    expect(recapSummary(1, 60_000, 'Terminada', 'es')).toBe('1 familia · 1 minuto · Terminada');
    expect(recapSummary(2, 10_000, 'Terminada', 'es')).toBe('2 familias · menos de un minuto · Terminada');
    expect(recapSummary(0, 0, 'Ended', 'en')).toBe('0 families · 0 minutes · Ended');
  });

  it('agrees the board summary with its count', () => {
    const help = { status: 'NeedHelp' as const, stepIndex: 0, at: 0 };
    const two = [parent('a', 'A', { checkIn: help }), parent('b', 'B', { checkIn: help })];
    expect(checkInSummary(checkInCounts(two))).toBe('2 need help');
    expect(checkInSummary(checkInCounts(two.slice(1)))).toBe('1 needs help');
    expect(tn('count.Sleeping', 1, undefined, 'es')).toBe('1 dormido');
    expect(tn('count.Sleeping', 2, undefined, 'es')).toBe('2 dormidos');
  });
});
