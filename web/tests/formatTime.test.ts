import { describe, expect, it } from 'vitest';
import { formatTime } from '../src/dom';

// 08:16 in the morning and 20:16 in the evening, on the test machine's clock.
const morning = new Date(2025, 0, 15, 8, 16).getTime();
const evening = new Date(2025, 0, 15, 20, 16).getTime();

describe('clock times', () => {
  it('read in the page language, whatever the browser locale', () => {
    expect(formatTime(morning, 'es')).toBe('08:16');
    expect(formatTime(evening, 'es')).toBe('20:16');
    expect(formatTime(evening, 'es')).not.toMatch(/AM|PM|a\.\s?m\.|p\.\s?m\./i);
  });

  it('are two-digit hours and minutes in English too', () => {
    expect(formatTime(morning, 'en')).toMatch(/^08:16/);
  });
});
