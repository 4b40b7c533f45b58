import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

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

async function person(
  browser: Browser, viewport: { width: number; height: number }, reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
): Promise<Person> {
  const context = await browser.newContext({ viewport, reducedMotion });
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

export async function openInstructor(browser: Browser, created: CreatedClass): Promise<Person> {
  const p = await person(browser, LAPTOP);
  await p.page.goto(localPath(created.instructorUrl));
  await expect(p.page.getByTestId('step-name')).not.toBeEmpty();
  // The key is kept by the browser and taken out of the address bar.
  expect(p.page.url()).not.toContain('#key=');
  return p;
}

export async function joinAsParent(
  browser: Browser, created: CreatedClass, name: string, viewport = PHONE,
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
): Promise<Person> {
  const p = await person(browser, viewport, reducedMotion);
  await p.page.goto(localPath(created.parentUrl));
  await p.page.getByTestId('family-name').fill(name);
  await p.page.getByTestId('join-submit').click();
  await expect(p.page).toHaveURL(new RegExp(`/class/${created.classId}$`));
  await expect(p.page.getByTestId('step-name')).not.toBeEmpty();
  await expect(p.page.getByTestId('connection-banner')).toBeHidden();
  return p;
}

export async function participantId(page: Page): Promise<string | null> {
  return page.evaluate(() => window.__liveclass?.participantId() ?? null);
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

declare global {
  interface Window {
    __liveclass?: {
      tempoPhaseMs(clientNow?: number): number | null;
      clockOffsetMs(): number;
      hasClock(): boolean;
      participantId(): string | null;
      connectionStatus(): string;
      lastSeq(): number;
    };
  }
}
