import { describe, expect, it } from 'vitest';
import { formatJoinCode, normalizeJoinCode } from '../src/joincode';

describe('join codes', () => {
  it('formats six characters as three and three', () => {
    expect(formatJoinCode('KQ7M4P')).toBe('KQ7-M4P');
    expect(formatJoinCode('kq7m4p')).toBe('KQ7-M4P');
    expect(formatJoinCode('KQ7-M4P')).toBe('KQ7-M4P');
    expect(formatJoinCode(' abc ')).toBe('ABC');
  });

  it('accepts any case, with or without the hyphen or spaces', () => {
    expect(normalizeJoinCode('kq7-m4p')).toBe('KQ7M4P');
    expect(normalizeJoinCode(' KQ7 M4P ')).toBe('KQ7M4P');
  });

  it('rejects wrong lengths and look-alike characters', () => {
    expect(normalizeJoinCode('KQ7M4')).toBeNull();
    expect(normalizeJoinCode('KQ7M4PP')).toBeNull();
    expect(normalizeJoinCode('KQ0M4P')).toBeNull();
    expect(normalizeJoinCode('KQIM4P')).toBeNull();
    expect(normalizeJoinCode('KQLM4P')).toBeNull();
    expect(normalizeJoinCode('KQ1M4P')).toBeNull();
  });
});
