import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath } from 'node:url';
// Brings in the type of window.__liveclass, the page's read-only test hooks.
import type {} from '../src/liveClassHooks';

/** The value, or the test fails here naming what was missing. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}

export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 768 };
export const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export interface CreatedClass {
  classId: string;
  joinCode: string;
  instructorKey: string;
  parentUrl: string;
  instructorUrl: string;
}

export interface Routine {
  id: string;
  name: string;
  steps: { index: number; name: string; area: string; dollPose: string }[];
}

export async function routines(request: APIRequestContext): Promise<Routine[]> {
  const response = await request.get('/api/routines');
  expect(response.status()).toBe(200);
  return (await response.json()) as Routine[];
}

export async function createClass(request: APIRequestContext, title: string): Promise<CreatedClass> {
  const response = await request.post('/api/classes', { data: { title, instructorName: 'Maya', routineId: null } });
  expect(response.status()).toBe(201);
  return (await response.json()) as CreatedClass;
}

/** The path (and fragment) of a server URL, so the test's own base URL is used. */
export function localPath(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search + u.hash;
}

export interface Person {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  errors: string[];
}

/** Prepares a browser context before its first page opens, e.g. with init scripts. */
export type Setup = (context: BrowserContext) => Promise<unknown>;

async function person(
  browser: Browser,
  viewport: { width: number; height: number },
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
  setup?: Setup,
): Promise<Person> {
  const context = await browser.newContext({
    viewport,
    reducedMotion,
    isMobile: viewport.width < 900,
    hasTouch: viewport.width < 900,
  });
  await setup?.(context);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, dialogs, errors };
}

export async function openInstructor(browser: Browser, created: CreatedClass, setup?: Setup): Promise<Person> {
  const p = await person(browser, LAPTOP, 'no-preference', setup);
  await p.page.goto(localPath(created.instructorUrl));
  await expect(p.page.getByTestId('step-name')).not.toBeEmpty();
  // The key is kept by the browser and taken out of the address bar.
  expect(p.page.url()).not.toContain('#key=');
  return p;
}

export async function joinAsParent(
  browser: Browser,
  created: CreatedClass,
  name: string,
  viewport = PHONE,
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
  setup?: Setup,
): Promise<Person> {
  const p = await person(browser, viewport, reducedMotion, setup);
  await p.page.goto(localPath(created.parentUrl));
  await p.page.getByTestId('family-name').fill(name);
  await p.page.getByTestId('join-submit').click();
  await expect(p.page).toHaveURL(new RegExp(`/class/${created.classId}$`));
  await expect(p.page.getByTestId('step-name')).not.toBeEmpty();
  await expect(p.page.getByTestId('connection-banner')).toBeHidden();
  return p;
}

/** Families joining one after another on phones; each is added to `people` as it joins. */
export async function joinFamilies(
  browser: Browser,
  created: CreatedClass,
  names: string[],
  people: Person[],
  setup?: Setup,
): Promise<Person[]> {
  const joined: Person[] = [];
  for (const name of names) {
    const family = await joinAsParent(browser, created, name, PHONE, 'no-preference', setup);
    people.push(family);
    joined.push(family);
  }
  return joined;
}

/** A new class with its instructor and families joined on phones; each person is added to `people`. */
export async function openClass(
  browser: Browser,
  request: APIRequestContext,
  people: Person[],
  title: string,
  names: string[],
  setup?: Setup,
): Promise<{ created: CreatedClass; teacher: Person; families: Person[] }> {
  const created = await createClass(request, title);
  const teacher = await openInstructor(browser, created);
  people.push(teacher);
  const families = await joinFamilies(browser, created, names, people, setup);
  return { created, teacher, families };
}

/** The instructor's page and one family's, in a new class; both people are added to `people`. */
export async function instructorAndFamily(
  browser: Browser,
  request: APIRequestContext,
  people: Person[],
  title: string,
  name: string,
  setup?: Setup,
): Promise<[Page, Page]> {
  const { teacher, families } = await openClass(browser, request, people, title, [name], setup);
  return [teacher.page, families[0].page];
}

/** A phone on its own, for pages that need no class (home, practice). */
export async function openPhone(browser: Browser, setup?: Setup): Promise<Person> {
  return person(browser, PHONE, 'no-preference', setup);
}

/** Opens the app in a language, as a parent who picked it before would. */
export function inLanguage(lang: 'en' | 'es'): Setup {
  return (context) =>
    context.addInitScript((l) => {
      localStorage.setItem('liveclass.v1.pref.lang', l);
    }, lang);
}

/** Runs several setups in order. */
export function both(...setups: (Setup | undefined)[]): Setup {
  return async (context) => {
    for (const setup of setups) await setup?.(context);
  };
}

/**
 * Replaces navigator.wakeLock with a recorder: every request and release is logged, and
 * window.__wake.held() tells whether a lock is held now. window.__wake.browserReleases() drops
 * the lock as a browser does when the page is hidden.
 */
export const recordWakeLock: Setup = (context) =>
  context.addInitScript(() => {
    const log: string[] = [];
    let current: (EventTarget & { released: boolean; type: string; release(): Promise<void> }) | null = null;
    const wake = {
      log,
      held: () => !!current && !current.released,
      browserReleases: () => {
        const lock = current;
        if (!lock || lock.released) return;
        lock.released = true;
        log.push('lost');
        lock.dispatchEvent(new Event('release'));
      },
    };
    Object.defineProperty(window, '__wake', { value: wake });
    Object.defineProperty(navigator, 'wakeLock', {
      configurable: true,
      value: {
        request: (type: string) => {
          const lock = Object.assign(new EventTarget(), {
            released: false,
            type,
            release() {
              if (lock.released) return Promise.resolve();
              lock.released = true;
              log.push('release');
              lock.dispatchEvent(new Event('release'));
              return Promise.resolve();
            },
          });
          current = lock;
          log.push(`request:${type}`);
          return Promise.resolve(lock);
        },
      },
    });
  });

/**
 * Replaces speechSynthesis and Web Audio with recorders: window.__spoken lists each utterance's
 * text and language; window.__sounds lists tones (by frequency) and utterances in the order played.
 */
export const recordSpeech: Setup = (context) =>
  context.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    const sounds: string[] = [];
    Object.defineProperty(window, '__spoken', { value: spoken });
    Object.defineProperty(window, '__sounds', { value: sounds });
    class RecordingAudioContext {
      state = 'running';
      currentTime = 0;
      destination = {};
      resume() {
        return Promise.resolve();
      }
      close() {
        return Promise.resolve();
      }
      createGain() {
        const ramp = () => undefined;
        return { gain: { setValueAtTime: ramp, exponentialRampToValueAtTime: ramp }, connect: (next: unknown) => next };
      }
      createOscillator() {
        const osc = {
          type: 'sine',
          frequency: { value: 0 },
          connect: (next: unknown) => next,
          start: () => sounds.push(`tone:${osc.frequency.value}`),
          stop: () => undefined,
        };
        return osc;
      }
    }
    Object.defineProperty(window, 'AudioContext', { configurable: true, value: RecordingAudioContext });
    if (typeof window.SpeechSynthesisUtterance !== 'function') {
      Object.defineProperty(window, 'SpeechSynthesisUtterance', {
        configurable: true,
        value: class {
          text: string;
          lang = '';
          rate = 1;
          pitch = 1;
          volume = 1;
          voice = null;
          constructor(text: string) {
            this.text = text;
          }
        },
      });
    }
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speak: (u: { text: string; lang: string }) => {
          spoken.push({ text: u.text, lang: u.lang });
          sounds.push(`speak:${u.text}`);
        },
        cancel: () => undefined,
        pause: () => undefined,
        resume: () => undefined,
        getVoices: () => [],
        speaking: false,
        pending: false,
        paused: false,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
  });

export async function spoken(page: Page): Promise<{ text: string; lang: string }[]> {
  return page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken.slice());
}

export async function sounds(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __sounds: string[] }).__sounds.slice());
}

export async function wakeHeld(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __wake: { held(): boolean } }).__wake.held());
}

/** Runs axe-core over the page and fails with the rules broken, if any (of any impact). */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(' | ')}`,
  );
  expect.soft(found, `axe-core on ${what}`).toEqual([]);
}

export async function participantId(page: Page): Promise<string | null> {
  return page.evaluate(() => window.__liveclass?.participantId() ?? null);
}

/** The tempo guide's phase on a page at a client time (now when not given); null while it is off. */
export async function tempoPhase(page: Page, clientNow?: number): Promise<number | null> {
  return page.evaluate((at) => {
    const hooks = window.__liveclass;
    if (!hooks) throw new Error('the page has no test hooks');
    return hooks.tempoPhaseMs(at);
  }, clientNow);
}

export async function lastSeq(page: Page): Promise<number> {
  return page.evaluate(() => window.__liveclass?.lastSeq() ?? 0);
}

/** Waits until every page has applied at least the given seq. */
export async function settle(pages: Page[], seq: number): Promise<void> {
  for (const page of pages) {
    await expect.poll(() => lastSeq(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(seq);
  }
}

export function boardRow(instructor: Page, name: string) {
  return instructor.getByTestId('board-row').filter({ hasText: name });
}

export async function sendChat(page: Page, text: string): Promise<void> {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
}

export function chatTexts(page: Page) {
  return page.getByTestId('chat-list').getByTestId('chat-text');
}

export async function closeAll(people: Person[]): Promise<void> {
  for (const p of people) await p.context.close().catch(() => undefined);
}

/** The people a spec file's tests open; each test's are closed once it ends. */
export function closedAfterEach(): Person[] {
  const people: Person[] = [];
  test.afterEach(async () => {
    await closeAll(people.splice(0));
  });
  return people;
}
