import { describe, expect, it } from 'vitest';
import { formatJoinCode, normalizeJoinCode } from '../src/joincode';

describe('join codes', () => {
  // What a family types, and how the code is shown back.
  const shown = { KQ7M4P: 'KQ7-M4P', kq7m4p: 'KQ7-M4P', 'KQ7-M4P': 'KQ7-M4P', ' abc ': 'ABC' };
  it.each(Object.entries(shown))('formats %j as %j: six characters as three and three', (typed, code) => {
    expect(formatJoinCode(typed)).toBe(code);
  });

  it.each(['kq7-m4p', ' KQ7 M4P '])('accepts %j: any case, with or without the hyphen or spaces', (typed) => {
    expect(normalizeJoinCode(typed)).toBe('KQ7M4P');
  });

  const rejected = ['KQ7M4', 'KQ7M4PP', 'KQ0M4P', 'KQIM4P', 'KQLM4P', 'KQ1M4P'];
  it.each(rejected)('rejects %j: a wrong length or a look-alike character', (typed) => {
    expect(normalizeJoinCode(typed)).toBeNull();
  });
});
