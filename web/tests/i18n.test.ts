import { describe, expect, it } from 'vitest';
import { browserLang, CATALOGS, format, LANGUAGES, t } from '../src/i18n';
import { en } from '../src/messages/en';
import { ROUTINES_ES, STROKES_ES } from '../src/messages/routines.es';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalog', () => {
  it('has every English key in every language, with the same placeholders and no empty text', () => {
    for (const lang of LANGUAGES) {
      const catalog = CATALOGS[lang];
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const translated = catalog[key as keyof typeof en];
        expect(translated.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(translated), `${lang} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it('really is Spanish where the words differ', () => {
    expect(t('home.joinButton', undefined, 'es')).toBe('Unirse a la clase');
    expect(t('status.Live', undefined, 'es')).toBe('En directo');
    const same = Object.keys(en).filter((k) => CATALOGS.es[k as keyof typeof en] === en[k as keyof typeof en]);
    // Names of things (the app, the languages, "Chat") read the same in both, as do lines only joining other messages.
    expect(same.sort()).toEqual([
      'app.name',
      'chat.heading',
      'lang.en',
      'lang.es',
      'recap.chat',
      'recap.summary',
      'speech.cue',
      'teach.sameName',
    ]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Step {n} of {total}', { n: 2, total: 9 })).toBe('Step 2 of 9');
    expect(format('Hello {name}', {})).toBe('Hello {name}');
    expect(t('parent.stepOf', { n: 3, total: 54 }, 'es')).toBe('Paso 3 de 54');
  });

  it('words a check-in in Spanish as telling the instructor how things go, never as signing up', () => {
    expect(t('parent.checkIn', undefined, 'es')).toBe('Avisar cómo vamos');
    // "Registrarse" and "registro" read as signing up or a register, not as "this is how we are".
    const signUp = Object.entries(CATALOGS.es).filter(([, text]) => /registr/i.test(text));
    expect(signUp).toEqual([]);
  });

  it("picks the browser's first language it has, else English", () => {
    expect(browserLang(['es-MX', 'en'])).toBe('es');
    expect(browserLang(['fr-FR', 'es'])).toBe('es');
    expect(browserLang(['de-DE'])).toBe('en');
    expect(browserLang([])).toBe('en');
  });

  it('translates the routine catalog with a name, instructions and cues for each stroke', () => {
    expect(Object.keys(ROUTINES_ES).sort()).toEqual(['full-body', 'week-1', 'week-2', 'week-3', 'week-4', 'week-5']);
    expect(Object.keys(STROKES_ES)).toHaveLength(54);
    for (const [key, text] of Object.entries(STROKES_ES)) {
      expect(key).toMatch(/^(Legs|Feet|Tummy|Chest|Arms|Hands|Face|Back|GentleMovements|Relaxation)\|.+/);
      expect(text.name.trim(), key).not.toBe('');
      expect(text.instructions.length, key).toBeGreaterThan(20);
      expect(text.cues.length, key).toBeGreaterThan(0);
    }
  });
});
