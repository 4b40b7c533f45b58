// The one message catalog: every word of the app goes through t(). The language is the parent's
// choice when made, otherwise the browser's.
import { en, type MessageKey } from './messages/en';
import { es } from './messages/es';
import { loadPref, savePref } from './prefs';

export type { MessageKey } from './messages/en';
export const LANGUAGES = ['en', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const CATALOGS: Record<Lang, Record<MessageKey, string>> = { en, es };

export type Params = Record<string, string | number>;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the browser's languages we have, else English. */
export function browserLang(languages: readonly string[]): Lang {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

function initialLang(): Lang {
  const saved = loadPref('lang');
  if (isLang(saved)) return saved;
  if (typeof navigator === 'undefined') return 'en';
  return browserLang(navigator.languages.length ? navigator.languages : [navigator.language]);
}

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();

export function lang(): Lang {
  return current;
}

/** A BCP 47 tag for speech synthesis and number formatting. */
export function locale(l: Lang = current): string {
  return l === 'es' ? 'es-ES' : 'en-GB';
}

export function setLang(next: Lang): void {
  savePref('lang', next);
  if (next === current) return;
  current = next;
  applyDocumentLang();
  for (const l of listeners) l(next);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function applyDocumentLang(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message for key in the page's language (or the one given). */
export function t(key: MessageKey, params?: Params, l: Lang = current): string {
  return format(CATALOGS[l][key], params);
}

/** Message bases that come in plural forms: `${base}.one`, `${base}.other`, … as the language needs. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}.other` ? Base : never;
}[MessageKey];

const pluralRules = new Map<Lang, Intl.PluralRules>();

/** The form of `base` for the count `n` (given to the message as {n}), by the language's plural rules. */
export function tn(base: PluralBase, n: number, params?: Params, l: Lang = current): string {
  let rules = pluralRules.get(l);
  if (!rules) {
    rules = new Intl.PluralRules(locale(l));
    pluralRules.set(l, rules);
  }
  const catalog: Record<string, string> = CATALOGS[l];
  const form = catalog[`${base}.${rules.select(n)}`] ?? catalog[`${base}.other`];
  return format(form, { ...params, n });
}

/** For keys built from protocol values (e.g. `area.${area}`): falls back when unknown. */
export function tOr(key: string, fallback: string, params?: Params, l: Lang = current): string {
  return key in en ? t(key as MessageKey, params, l) : fallback;
}
