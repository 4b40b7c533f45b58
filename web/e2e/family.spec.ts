import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../src/csv';
import {
  boardRow,
  both,
  closedAfterEach,
  instructorAndFamily,
  createClass,
  inLanguage,
  lastSeq,
  openClass,
  openPhone,
  PHONE,
  recordSpeech,
  recordWakeLock,
  routines,
  SCREENSHOTS,
  sendChat,
  settle,
  sounds,
  spoken,
  wakeHeld,
  type Setup,
  present,
} from './helpers';

const people = closedAfterEach();

async function wakeLog(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __wake: { log: string[] } }).__wake.log.slice());
}

test('the screen stays on while the family is in the class: waiting, live and on a break', async ({
  browser,
  request,
}) => {
  const [t, p] = await instructorAndFamily(browser, request, people, 'Screen on', 'Dana & Leo', recordWakeLock);

  // Waiting to start: oily hands already, so the screen stays on.
  await expect.poll(() => wakeHeld(p)).toBe(true);
  await expect(p.locator('main')).toHaveAttribute('data-wake-lock', 'held');
  await expect(p.getByTestId('wake-note')).toBeHidden();

  await t.getByTestId('start').click();
  await expect(p.getByTestId('class-status')).toHaveText('Live');
  expect(await wakeHeld(p)).toBe(true);

  // A feeding break: still on.
  await t.getByTestId('pause').click();
  await expect(p.getByTestId('class-status')).toHaveText('Paused');
  expect(await wakeHeld(p)).toBe(true);
  await t.getByTestId('resume').click();
  await expect(p.getByTestId('class-status')).toHaveText('Live');

  // The browser drops the lock when the page is hidden; it is taken again once visible.
  await p.evaluate(() => {
    (window as unknown as { __wake: { browserReleases(): void } }).__wake.browserReleases();
  });
  expect(await wakeHeld(p)).toBe(false);
  await p.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect.poll(() => wakeHeld(p)).toBe(true);

  await t.getByTestId('end').click();
  await t.getByTestId('end-confirm').click();
  await expect(p.getByTestId('class-status')).toHaveText('Ended');
  await expect.poll(() => wakeHeld(p)).toBe(false);
  expect(await wakeLog(p)).toEqual(['request:screen', 'lost', 'request:screen', 'release']);
});

test('the screen lets go when a family is removed or leaves the class page', async ({ browser, request }) => {
  const names = ['Gil & Ro', 'Han & Io'];
  const { teacher, families } = await openClass(browser, request, people, 'Screen off', names, recordWakeLock);
  const [removed, leaving] = families.map((f) => f.page);
  for (const p of [removed, leaving]) await expect.poll(() => wakeHeld(p)).toBe(true);

  await boardRow(teacher.page, 'Gil & Ro').getByTestId('remove').click();
  await boardRow(teacher.page, 'Gil & Ro').getByTestId('remove-confirm').click();
  await expect(removed.getByTestId('session-notice')).toBeVisible();
  await expect.poll(() => wakeHeld(removed)).toBe(false);

  // Wide enough for the home link in the top bar; the app moves there without reloading.
  await leaving.setViewportSize({ width: 800, height: 900 });
  await leaving.getByRole('link', { name: 'LiveClass home' }).click();
  await expect(leaving).toHaveURL(/\/$/);
  await expect.poll(() => wakeHeld(leaving)).toBe(false);
  expect(await wakeLog(leaving)).toEqual(['request:screen', 'release']);
});

test('a browser without a screen wake lock says so while the family is in the class', async ({ browser, request }) => {
  const noWakeLock: Setup = (context) =>
    context.addInitScript(() => Reflect.deleteProperty(Navigator.prototype, 'wakeLock'));
  const [t, p] = await instructorAndFamily(browser, request, people, 'No wake lock', 'Eli & Mo', noWakeLock);
  await expect(p.getByTestId('wake-note')).toBeVisible();
  await expect(p.getByTestId('wake-note')).toContainText('cannot keep the screen on');
  await t.getByTestId('start').click();
  await t.getByTestId('end').click();
  await t.getByTestId('end-confirm').click();
  await expect(p.getByTestId('practice-from-class')).toBeVisible();
  await expect(p.getByTestId('wake-note')).toBeHidden();
});

test('a refused screen wake lock says so calmly, and is asked for again on a tap', async ({ browser, request }) => {
  // Battery saver: the browser refuses while window.__refuse is set.
  const refusing: Setup = (context) =>
    context.addInitScript(() => {
      const w = window as unknown as { __refuse: boolean };
      const api = (navigator as Navigator & { wakeLock: { request(type: string): Promise<unknown> } }).wakeLock;
      const request = api.request.bind(api);
      w.__refuse = true;
      Object.defineProperty(navigator, 'wakeLock', {
        configurable: true,
        value: {
          request: (type: string) =>
            w.__refuse ? Promise.reject(new DOMException('Battery saver is on', 'NotAllowedError')) : request(type),
        },
      });
    });
  const setup = both(recordWakeLock, refusing);
  const [, p] = await instructorAndFamily(browser, request, people, 'Refused', 'Ola & Pim', setup);
  await expect(p.locator('main')).toHaveAttribute('data-wake-lock', 'refused');
  await expect(p.getByTestId('wake-note')).toBeVisible();
  await expect(p.getByTestId('wake-note')).toContainText('cannot keep the screen on');

  // Still refused when the page comes back into view: the note stays.
  await p.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(p.getByTestId('wake-note')).toBeVisible();

  await p.evaluate(() => {
    (window as unknown as { __refuse: boolean }).__refuse = false;
  });
  await p.getByTestId('state-note').click();
  await expect.poll(() => wakeHeld(p)).toBe(true);
  await expect(p.getByTestId('wake-note')).toBeHidden();
  await expect(p.locator('main')).toHaveAttribute('data-wake-lock', 'held');
});

test('hands-free speaks each step change and cue once, only when turned on and only while live', async ({
  browser,
  request,
}) => {
  const [routine] = await routines(request);
  const ninth = routine.steps[8];
  expect(ninth.name).toBe('Top of foot');
  const names = ['Fay & Ada', 'Gus & Bo'];
  const { teacher, families } = await openClass(browser, request, people, 'Hands free', names, recordSpeech);
  const [listening, quiet] = families;
  const t = teacher.page;
  const p = listening.page;

  // Off until the parent turns it on, with one tap; remembered after a reload.
  await expect(p.getByTestId('handsfree-toggle')).toHaveAttribute('aria-pressed', 'false');
  await p.getByTestId('handsfree-toggle').click();
  await expect(p.getByTestId('handsfree-toggle')).toHaveAttribute('aria-pressed', 'true');
  await p.reload();
  await expect(p.getByTestId('handsfree-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(p.getByTestId('connection-banner')).toBeHidden();

  await t.getByTestId('start').click();
  await t.getByTestId('step-8').click();
  await expect.poll(() => spoken(p)).toEqual([{ text: 'Step 9, top of foot. About three times.', lang: 'en-GB' }]);
  // A soft two-note chime comes first.
  expect(await sounds(p)).toEqual(['tone:660', 'tone:880', 'speak:Step 9, top of foot. About three times.']);

  await t.getByTestId('cue-Pause').click();
  await expect.poll(() => spoken(p)).toHaveLength(2);
  expect((await spoken(p))[1]).toEqual({
    text: 'Pause. Rest your hands still on your baby and breathe.',
    lang: 'en-GB',
  });

  // The page out of sight (another app in front): nothing is said.
  const setVisibility = (state: 'hidden' | 'visible') =>
    p.evaluate((v) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => v });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  await t.getByTestId('next-step').click();
  await settle([p], await lastSeq(t));
  await p.waitForTimeout(1000);
  expect(await spoken(p)).toHaveLength(2);
  await setVisibility('visible');

  // Paused: the step moves on screen, and nothing is said.
  await t.getByTestId('pause').click();
  await t.getByTestId('next-step').click();
  await t.getByTestId('cue-Slow').click();
  const seq = await lastSeq(t);
  await settle([p, quiet.page], seq);
  await p.waitForTimeout(1000);
  expect(await spoken(p)).toHaveLength(2);
  expect(await spoken(quiet.page)).toEqual([]);
  expect(await sounds(quiet.page)).toEqual([]);
});

test('a hands-free family back after a drop hears where the class is now, not what it missed', async ({
  browser,
  request,
}) => {
  const [routine] = await routines(request);
  const { teacher, families } = await openClass(browser, request, people, 'Back again', ['Kit & Lu'], recordSpeech);
  const [family] = families;
  const t = teacher.page;
  const p = family.page;
  await p.getByTestId('handsfree-toggle').click();
  await t.getByTestId('start').click();
  await t.getByTestId('step-8').click();
  await expect.poll(() => spoken(p)).toEqual([{ text: 'Step 9, top of foot. About three times.', lang: 'en-GB' }]);

  await family.context.setOffline(true);
  await expect(p.getByTestId('connection-banner')).toBeVisible({ timeout: 45_000 });
  await t.getByTestId('next-step').click();
  await t.getByTestId('cue-Slow').click();
  await t.getByTestId('next-step').click();
  const seq = await lastSeq(t);
  await family.context.setOffline(false);
  await expect(p.getByTestId('connection-banner')).toBeHidden({ timeout: 45_000 });
  await settle([p], seq);

  const eleventh = routine.steps[10];
  await expect(p.getByTestId('step-name')).toHaveText(eleventh.name);
  await expect.poll(() => spoken(p)).toHaveLength(2);
  const back = (await spoken(p))[1];
  expect(back.text).toMatch(/^Back in the class\. Step 11, /);
  await p.waitForTimeout(1000);
  // The step and cue it missed are history: said neither on their own nor after.
  expect(await spoken(p)).toHaveLength(2);
});

test('once the class has ended a family sees it ended, without live controls, and hands-free says so once', async ({
  browser,
  request,
}) => {
  const names = ['Kim & Lu', 'Mo & Ned'];
  const { teacher, families } = await openClass(browser, request, people, 'The end', names, recordSpeech);
  const [listening, quiet] = families;
  const t = teacher.page;
  const p = listening.page;
  await p.getByTestId('handsfree-toggle').click();
  await p.getByTestId('mat-toggle').click();
  await expect(p.locator('main')).toHaveClass(/is-mat/);
  await t.getByTestId('start').click();
  await t.getByTestId('cue-Pause').click();
  await expect(p.getByTestId('cue')).toBeVisible();
  await expect(p.locator('.online-dot')).not.toHaveCount(0);
  await expect.poll(() => spoken(p)).toHaveLength(1);

  await t.getByTestId('end').click();
  await t.getByTestId('end-confirm').click();
  await expect(p.getByTestId('class-status')).toHaveText('Ended');
  await expect(p.getByTestId('state-note')).toContainText('The class has ended');
  await expect(p.getByTestId('practice-from-class')).toBeVisible();
  // Nothing left to follow: no mat view, hands-free, check-in, last cue, other device or who is online.
  await expect(p.locator('main')).not.toHaveClass(/is-mat/);
  for (const id of ['mat-toggle', 'handsfree-toggle', 'tick-toggle', 'mat-checkin', 'cue', 'device-link']) {
    await expect(p.getByTestId(id), id).toBeHidden();
  }
  await expect(p.getByText('Continue on another device')).toBeHidden();
  await expect(p.getByTestId('people-list')).toContainText('Mo & Ned');
  await expect(p.locator('.online-dot')).toHaveCount(0);
  await expect(p.getByTestId('people-list')).not.toContainText(/online|away/);

  // Said once, with hands-free on; a family without it hears nothing.
  await expect.poll(() => spoken(p)).toHaveLength(2);
  expect((await spoken(p))[1]).toEqual({ text: 'The class has ended. Thank you for coming.', lang: 'en-GB' });
  await p.waitForTimeout(1000);
  expect(await spoken(p)).toHaveLength(2);
  expect(await spoken(quiet.page)).toEqual([]);

  // Coming back to the ended class only sees it as history: nothing is said.
  await p.reload();
  await expect(p.getByTestId('practice-from-class')).toBeVisible();
  await expect(p.getByTestId('handsfree-toggle')).toBeHidden();
  await p.waitForTimeout(1500);
  expect(await spoken(p)).toEqual([]);
});

test('the tempo guide ticks softly for a parent who asks, and stops when the class pauses', async ({
  browser,
  request,
}) => {
  const [t, p] = await instructorAndFamily(browser, request, people, 'Ticks', 'Ivy & Jo', recordSpeech);
  const ticks = async () => (await sounds(p)).filter((s) => s === 'tone:1200').length;

  await p.getByTestId('handsfree-toggle').click();
  await expect(p.getByTestId('tick-toggle')).toBeVisible();
  await p.getByTestId('tick-toggle').click();
  await expect(p.getByTestId('tick-toggle')).toHaveAttribute('aria-pressed', 'true');
  await t.getByTestId('start').click();
  await t.getByTestId('tempo-input').fill('30');
  await t.getByTestId('tempo-set').click();
  await expect(p.getByTestId('tempo')).toHaveAttribute('data-tempo', '30');
  // A beat every two seconds.
  await expect.poll(ticks, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

  await t.getByTestId('pause').click();
  await expect(p.getByTestId('class-status')).toHaveText('Paused');
  const atPause = await ticks();
  await p.waitForTimeout(4500);
  expect(await ticks()).toBe(atPause);
});

test('a Spanish-speaking parent hears the step in Spanish', async ({ browser, request }) => {
  const inSpanish = both(recordSpeech, inLanguage('es'));
  const [t, p] = await instructorAndFamily(browser, request, people, 'Manos libres', 'Lucía y Pablo', inSpanish);
  await expect(p.getByTestId('class-status')).toHaveText('Esperando el inicio');
  await p.getByTestId('handsfree-toggle').click();
  await t.getByTestId('start').click();
  await t.getByTestId('step-8').click();
  await expect(p.getByTestId('step-name')).toHaveText('Parte superior del pie');
  await expect
    .poll(() => spoken(p))
    .toEqual([{ text: 'Paso 9, parte superior del pie. Unas tres veces.', lang: 'es-ES' }]);
});

/** Words of the visible check-in buttons that spill out of their button or break inside a word. */
async function checkInWordsOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const button of Array.from(document.querySelectorAll<HTMLElement>('.checkin-btn'))) {
      if (!button.checkVisibility()) continue;
      const box = button.getBoundingClientRect();
      const border = parseFloat(getComputedStyle(button).borderLeftWidth);
      if (box.height < 64) bad.push(`${button.dataset.status ?? ''} is only ${String(box.height)} px tall`);
      const label = button.querySelector('.checkin-label')?.firstChild;
      const text = label?.textContent ?? '';
      for (const word of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(label as Node, word.index);
        range.setEnd(label as Node, word.index + word[0].length);
        const rects = Array.from(range.getClientRects());
        const inside = rects.every((r) => r.left >= box.left + border - 0.5 && r.right <= box.right - border + 0.5);
        if (rects.length !== 1 || !inside) bad.push(`${word[0]} (${String(box.width)} px button)`);
      }
    }
    return bad;
  });
}

test('every check-in label fits inside its large button from a 320 px phone up, in English and Spanish', async ({
  browser,
  request,
}) => {
  const created = await createClass(request, 'Small phones');
  const context = await browser.newContext({ viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true });
  const p = await context.newPage();
  people.push({ context, page: p, dialogs: [], errors: [] });
  await p.goto(new URL(created.parentUrl).pathname);
  // The hint for a family already in on another device stays out of the way of joining.
  await expect(p.getByTestId('other-device-hint')).toContainText('Continue on another device');
  await expect(p.getByTestId('join-submit')).toBeInViewport();
  await p.getByTestId('family-name').fill('Ines & Bea');
  await p.getByTestId('join-submit').click();
  await expect(p.getByTestId('checkin-Following')).toBeVisible();

  for (const lang of ['en', 'es']) {
    if (lang === 'es') {
      await p.evaluate(() => {
        localStorage.setItem('liveclass.v1.pref.lang', 'es');
      });
      await p.reload();
      await expect(p.getByTestId('checkin-Following')).toHaveText(/Siguiendo/);
    }
    // Two columns on phones, four from 640 px, two again beside the class from 900 px.
    for (const width of [320, 360, 640, 900]) {
      await p.setViewportSize({ width, height: 640 });
      expect(await checkInWordsOutside(p), `${lang} at ${String(width)} px`).toEqual([]);
      await p.getByTestId('mat-toggle').click();
      await p.getByTestId('mat-checkin').click();
      await expect(p.getByTestId('checkin-Sleeping')).toBeVisible();
      expect(await checkInWordsOutside(p), `${lang} mat sheet at ${String(width)} px`).toEqual([]);
      await p.getByTestId('mat-checkin-close').click();
      await p.getByTestId('mat-toggle').click();
    }
  }
});

test('the mat view shows the step, doll, cue and tempo large, with check-ins one tap away', async ({
  browser,
  request,
}) => {
  const [routine] = await routines(request);
  const [t, p] = await instructorAndFamily(browser, request, people, 'Mat view', 'Hana & Kai');

  await t.getByTestId('start').click();
  await t.getByTestId('step-8').click();
  await t.getByTestId('repeat-count').fill('3');
  await t.getByTestId('cue-Repeat').click();
  await t.getByTestId('tempo-input').fill('20');
  await t.getByTestId('tempo-set').click();
  await expect(p.getByTestId('cue-title')).toHaveText('Repeat ×3');
  await expect(p.getByTestId('tempo')).toHaveAttribute('data-tempo', '20');

  await p.getByTestId('mat-toggle').click();
  await expect(p.locator('main')).toHaveClass(/is-mat/);
  await expect(p.getByTestId('step-name')).toHaveText(routine.steps[8].name);
  await expect(p.getByTestId('chat-list')).toBeHidden();
  await expect(p.getByTestId('people-list')).toBeHidden();
  await expect(p.getByTestId('step-instructions')).toBeHidden();
  await expect(p.getByTestId('checkin-Ready')).toBeHidden();
  const nameSize = await p.getByTestId('step-name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(nameSize).toBeGreaterThanOrEqual(38);
  const doll = await p.locator('svg.doll').boundingBox();
  expect(present(doll, 'the doll').height).toBeGreaterThan(PHONE.height * 0.3);
  await p.waitForTimeout(300);
  await p.screenshot({ path: join(SCREENSHOTS, 'mat-view-portrait.png') });

  // Check in with one tap on the sheet; it closes after, with focus back on its button.
  await p.getByTestId('mat-checkin').click();
  await p.getByTestId('checkin-NeedHelp').click();
  await expect(boardRow(t, 'Hana & Kai')).toHaveAttribute('data-checkin', 'NeedHelp');
  await expect(p.getByTestId('checkin-NeedHelp')).toBeHidden();
  await expect(p.getByTestId('mat-checkin')).toBeFocused();
  // The same from the keyboard, and with Close.
  await p.keyboard.press('Enter');
  await expect(p.getByTestId('checkin-Ready')).toBeFocused();
  await p.keyboard.press('Enter');
  await expect(boardRow(t, 'Hana & Kai')).toHaveAttribute('data-checkin', 'Ready');
  await expect(p.getByTestId('mat-checkin')).toBeFocused();
  await p.getByTestId('mat-checkin').click();
  await p.getByTestId('mat-checkin-close').click();
  await expect(p.getByTestId('checkin-Ready')).toBeHidden();
  await expect(p.getByTestId('mat-checkin')).toBeFocused();
  // Offline, a tap is kept and the sheet stays open to say so; it goes once the family is back.
  await p.context().setOffline(true);
  await expect(p.getByTestId('connection-banner')).toBeVisible({ timeout: 45_000 });
  await p.getByTestId('mat-checkin').click();
  await p.getByTestId('checkin-Fussy').click();
  await expect(p.locator('#checkin-panel .form-error')).toHaveText("You're offline. We'll send this when you're back.");
  await expect(p.getByTestId('checkin-Fussy')).toBeVisible();
  await p.context().setOffline(false);
  await expect(boardRow(t, 'Hana & Kai')).toHaveAttribute('data-checkin', 'Fussy', { timeout: 45_000 });
  await expect(p.getByTestId('connection-banner')).toBeHidden();
  await p.getByTestId('mat-checkin-close').click();
  await expect(p.getByTestId('checkin-Fussy')).toBeHidden();

  await p.setViewportSize({ width: PHONE.height, height: PHONE.width });
  await expect(p.getByTestId('step-name')).toBeVisible();
  const landscapeDoll = await p.locator('svg.doll').boundingBox();
  expect(present(landscapeDoll, 'the doll').height).toBeGreaterThan(PHONE.width * 0.4);
  const cue = await p.getByTestId('cue').boundingBox();
  const besideDoll = present(landscapeDoll, 'the doll');
  expect(present(cue, 'the cue').x).toBeGreaterThan(besideDoll.x + besideDoll.width - 1);
  await p.waitForTimeout(300);
  await p.screenshot({ path: join(SCREENSHOTS, 'mat-view-landscape.png') });

  // Remembered: the next visit opens in the mat view.
  await p.reload();
  await expect(p.locator('main')).toHaveClass(/is-mat/);
  await expect(p.getByTestId('mat-toggle')).toHaveAttribute('aria-pressed', 'true');
});

test('practice at home works with the network off once the page has loaded', async ({ browser, request }) => {
  const all = await routines(request);
  const week2 = present(
    all.find((r) => r.id === 'week-2'),
    'week-2',
  );
  const family = await openPhone(browser);
  people.push(family);
  const p = family.page;
  await p.goto('/practice/full-body');
  await expect(p.getByTestId('step-name')).toHaveText(all[0].steps[0].name);
  // The service worker has the app and the routines once it controls the page.
  await p.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => p.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  await family.context.setOffline(true);
  await p.getByTestId('practice-next').click();
  await p.getByTestId('practice-next').click();
  await expect(p.getByTestId('step-name')).toHaveText(all[0].steps[2].name);
  await expect(p.getByTestId('step-counter')).toHaveText(`Step 3 of ${all[0].steps.length}`);
  await expect(p.locator('svg.doll')).toHaveAttribute('data-pose', all[0].steps[2].dollPose);
  await p.getByTestId('practice-tempo').selectOption('20');
  await expect(p.getByTestId('tempo')).toHaveAttribute('data-tempo', '20');

  // A reload and another routine open with no network at all.
  await p.reload();
  await expect(p.getByTestId('step-name')).toHaveText(all[0].steps[2].name);
  await p.getByTestId('practice-routine').selectOption('week-2');
  await expect(p.getByTestId('practice-title')).toHaveText(week2.name);
  await expect(p.getByTestId('step-name')).toHaveText(week2.steps[0].name);
  await p.goto('/practice/week-1');
  await expect(p.getByTestId('step-name')).toHaveText(
    present(
      all.find((r) => r.id === 'week-1'),
      'week-1',
    ).steps[0].name,
  );
  expect(family.errors).toEqual([]);
});

test('the recap lists every family and check-in of the class, and its CSV parses', async ({ browser, request }) => {
  const [routine] = await routines(request);
  const names = ['Amara & Noor', 'Ben, Theo "T"', 'Chloe & Ivy'];
  const recapClass = await openClass(browser, request, people, 'Week 3, with recap', names);
  const { created, teacher, families: parents } = recapClass;
  const t = teacher.page;
  await parents[0].page.getByTestId('checkin-Ready').click();
  await t.getByTestId('start').click();
  await t.getByTestId('step-2').click();
  for (const p of parents)
    await expect(p.page.getByTestId('step-counter')).toHaveText(`Step 3 of ${routine.steps.length}`);
  await parents[0].page.getByTestId('checkin-NeedHelp').click();
  await parents[1].page.getByTestId('checkin-Fussy').click();
  await parents[2].page.getByTestId('checkin-Sleeping').click();
  await expect(t.getByTestId('board-summary')).toHaveText('1 sleeping, 1 fussy, 1 needs help');
  await sendChat(parents[1].page, 'Theo, fussy today');
  await sendChat(t, 'No rush, rest if he needs it');
  await expect(t.getByTestId('chat-list').getByTestId('chat-text')).toHaveCount(2);
  // The instructor can share the home practice link at any time.
  await expect(t.getByTestId('practice-share-link')).toHaveAttribute('href', /\/practice\/full-body$/);
  await t.getByTestId('end').click();
  await t.getByTestId('end-confirm').click();

  // The family is offered the routine to practise; the instructor the recap.
  const family = parents[0].page;
  await family.getByTestId('practice-from-class').click();
  await expect(family).toHaveURL(/\/practice\/full-body$/);
  await expect(family.getByTestId('step-name')).toHaveText(routine.steps[0].name);

  await t.getByTestId('recap-link').click();
  await expect(t).toHaveURL(new RegExp(`/teach/${created.classId}/recap$`));
  await expect(t.getByTestId('recap-family').locator('th')).toHaveText(names);
  const rows = t.getByTestId('recap-checkin');
  await expect(rows).toHaveCount(4);
  const seen = await rows.evaluateAll((trs) =>
    trs.map((tr) => [
      (tr as HTMLElement).dataset.step,
      (tr as HTMLElement).dataset.status,
      tr.querySelector('[data-testid="recap-who"]')?.textContent,
    ]),
  );
  expect(seen).toEqual([
    ['0', 'Ready', names[0]],
    ['2', 'Sleeping', names[2]],
    ['2', 'Fussy', names[1]],
    ['2', 'NeedHelp', names[0]],
  ]);
  await expect(t.getByTestId('recap-chat-line')).toHaveCount(2);

  const [download] = await Promise.all([t.waitForEvent('download'), t.getByTestId('recap-csv').click()]);
  expect(download.suggestedFilename()).toBe('week-3-with-recap-recap.csv');
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
  const table = parseCsv(csv);
  expect(table[0][0]).toBe('section');
  expect(new Set(table.map((r) => r.length))).toEqual(new Set([table[0].length]));
  expect(table.filter((r) => r[0] === 'family').map((r) => r[1])).toEqual(names);
  expect(table.filter((r) => r[0] === 'checkin').map((r) => [r[2].split('.')[0], r[3], r[1], r[4]])).toEqual([
    ['1', 'Ready', names[0], '1'],
    ['3', 'Sleeping', names[2], '1'],
    ['3', 'Fussy', names[1], '1'],
    ['3', 'Needs help', names[0], '1'],
  ]);
  expect(table.filter((r) => r[0] === 'chat').map((r) => [r[1], r[9]])).toEqual([
    [names[1], 'Theo, fussy today'],
    ['Maya', 'No rush, rest if he needs it'],
  ]);
  await t.screenshot({ path: join(SCREENSHOTS, 'recap-laptop.png'), fullPage: true });

  // The recap needs the key: another browser without it is refused, and so is a request without it.
  const stranger = await openPhone(browser);
  people.push(stranger);
  await stranger.page.goto(`/teach/${created.classId}/recap`);
  await expect(stranger.page.getByTestId('session-notice')).toBeVisible();
  const refused = await request.get(`/api/classes/${created.classId}/recap`);
  expect(refused.status()).toBe(403);
});

test('the join page switches to Spanish and back', async ({ browser, request }) => {
  const created = await createClass(request, 'Idiomas');
  const family = await openPhone(browser, (context) =>
    context.addInitScript(() => {
      Object.defineProperty(navigator, 'languages', { get: () => ['en-US', 'en'] });
    }),
  );
  people.push(family);
  const p = family.page;
  await p.goto(created.parentUrl.replace(/^https?:\/\/[^/]+/, ''));
  await expect(p.getByTestId('join-submit')).toHaveText('Join the class');
  await expect(p.locator('html')).toHaveAttribute('lang', 'en');
  await expect(p.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');

  await p.getByTestId('lang-es').click();
  await expect(p.getByTestId('join-submit')).toHaveText('Unirse a la clase');
  await expect(p.getByText('Nombre de tu familia, tal como lo verán los demás')).toBeVisible();
  await expect(p.locator('html')).toHaveAttribute('lang', 'es');
  await expect(p.getByTestId('lang-es')).toHaveAttribute('aria-pressed', 'true');
  await p.reload();
  await expect(p.getByTestId('join-submit')).toHaveText('Unirse a la clase');

  await p.getByTestId('lang-en').click();
  await expect(p.getByTestId('join-submit')).toHaveText('Join the class');
  await expect(p.locator('html')).toHaveAttribute('lang', 'en');
});

test('a browser set to Spanish opens the app in Spanish', async ({ browser }) => {
  const family = await openPhone(browser, (context) =>
    context.addInitScript(() => {
      Object.defineProperty(navigator, 'languages', { get: () => ['es-MX', 'es'] });
    }),
  );
  people.push(family);
  await family.page.goto('/');
  await expect(family.page.getByRole('heading', { level: 1 })).toHaveText('Masaje para bebés, juntos desde casa');
  await expect(family.page.locator('html')).toHaveAttribute('lang', 'es');
});
