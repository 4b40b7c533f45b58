import { describe, expect, it } from 'vitest';
import { routineName, routineOptionLabel } from '../src/routineText';

const fullBody = { id: 'full-body', name: 'Full body', steps: new Array<never>(54) };

describe('routine names', () => {
  it('are offered in the page language, with the step count', () => {
    expect(routineOptionLabel(fullBody, 'es')).toBe('Cuerpo entero (54 pasos)');
    expect(routineOptionLabel(fullBody, 'en')).toBe('Full body (54 steps)');
  });

  it('stay in English where a routine has no translation', () => {
    const unknown = { id: 'new-routine', name: 'New routine', steps: [] };
    expect(routineName(unknown, 'es')).toBe('New routine');
    expect(routineOptionLabel(unknown, 'es')).toBe('New routine (0 pasos)');
  });
});
