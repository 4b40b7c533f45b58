import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../src/retry';
import { parseRoute } from '../src/router';
import { areaLabel, cueForParents, statusLabel } from '../src/wording';
import { stepKeyTarget } from '../src/views/teach/steps';

describe('parent-facing words', () => {
  it('turns cues into calm instructions', () => {
    expect(cueForParents({ kind: 'Repeat', count: 3, text: null, at: 0 })).toEqual({
      title: 'Repeat ×3',
      body: 'Do this stroke 3 more times.',
    });
    expect(cueForParents({ kind: 'Slow', count: null, text: null, at: 0 }).title).toBe('Slow down');
    expect(cueForParents({ kind: 'Custom', count: null, text: '<b>hi</b>', at: 0 }).body).toBe('<b>hi</b>');
    expect(cueForParents({ kind: 'Mystery' as never, count: null, text: 'x', at: 0 }).body).toBe('x');
  });

  it.each([
    { name: statusLabel, value: 'Lobby', label: 'Waiting to start' },
    { name: statusLabel, value: 'Live', label: 'Live' },
    { name: areaLabel, value: 'GentleMovements', label: 'Gentle movements' },
    { name: areaLabel, value: 'SomeNewArea', label: 'Some New Area' },
  ])('names statuses and areas: $value is $label', ({ name, value, label }) => {
    expect(name(value)).toBe(label);
  });
});

describe('reconnecting', () => {
  it('never gives up and never waits longer than about ten seconds', () => {
    expect(retryDelayMs(0)).toBe(0);
    for (const attempt of [1, 2, 5, 50, 10_000]) {
      const d = retryDelayMs(attempt);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThan(10_500);
    }
  });
});

describe('routes', () => {
  it('reads the four pages', () => {
    expect(parseRoute('/')).toEqual({ name: 'home' });
    expect(parseRoute('/join/KQ7-M4P')).toEqual({ name: 'join', joinCode: 'KQ7-M4P' });
    expect(parseRoute('/class/abc_123')).toEqual({ name: 'class', classId: 'abc_123' });
    expect(parseRoute('/teach/abc')).toEqual({ name: 'teach', classId: 'abc' });
    expect(parseRoute('/nope/x/y')).toEqual({ name: 'notFound' });
  });
});

describe('the console’s routine list from the keyboard', () => {
  it.each([
    ['ArrowDown', 3, 4],
    ['ArrowRight', 3, 4],
    ['ArrowUp', 3, 2],
    ['ArrowLeft', 0, 0],
    ['ArrowDown', 53, 53],
    ['Home', 20, 0],
    ['End', 20, 53],
  ])('%s from step %i goes to %i', (key, from, to) => {
    expect(stepKeyTarget(key, from, 54)).toBe(to);
  });

  it('leaves Tab, Enter and Space to the browser', () => {
    for (const key of ['Tab', 'Enter', ' ']) expect(stepKeyTarget(key, 3, 54)).toBeNull();
  });
});
