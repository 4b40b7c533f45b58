import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  boardRow,
  chatTexts,
  closedAfterEach,
  createClass,
  inLanguage,
  joinAsParent,
  localPath,
  openClass,
  lastSeq,
  openInstructor,
  participantId,
  PHONE,
  routines,
  SCREENSHOTS,
  sendChat,
  settle,
  type Person,
  present,
  tempoPhase,
} from './helpers';

const people = closedAfterEach();

test('an instructor and three parents run a class', async ({ browser, request }) => {
  const [routine] = await routines(request);
  const created = await createClass(request, 'Baby massage · week 1');
  // Six characters without look-alikes; the server may include the display hyphen.
  expect(created.joinCode).toMatch(/^[A-HJKMNP-Z2-9]{3}-?[A-HJKMNP-Z2-9]{3}$/);
  const compact = created.joinCode.replace('-', '');

  const teacher = await openInstructor(browser, created);
  people.push(teacher);
  const t = teacher.page;
  await expect(t.getByTestId('class-status')).toHaveText('Waiting to start');
  await expect(t.getByTestId('join-code')).toHaveText(`${compact.slice(0, 3)}-${compact.slice(3)}`);

  const names = ['Amara & Noor', 'Ben & Theo', 'Chloe & Ivy'];
  const parents = [] as Person[];
  for (const name of names) {
    const p = await joinAsParent(browser, created, name);
    people.push(p);
    parents.push(p);
  }
  await expect(t.getByTestId('board-row')).toHaveCount(3);
  for (const p of parents) {
    await expect(p.page.getByTestId('class-status')).toHaveText('Waiting to start');
    await expect(p.page.getByTestId('people-list').locator('li')).toHaveCount(4);
  }

  // Check-ins reach the board and its counts.
  await parents[0].page.getByTestId('checkin-Ready').click();
  await parents[1].page.getByTestId('checkin-Ready').click();
  await parents[2].page.getByTestId('checkin-Break').click();
  await expect(t.getByTestId('board-summary')).toHaveText('2 ready, 1 break');
  await expect(parents[0].page.getByTestId('checkin-Ready')).toHaveAttribute('aria-pressed', 'true');

  // Start, move on, cue, tempo.
  await t.getByTestId('start').click();
  for (const p of parents) await expect(p.page.getByTestId('class-status')).toHaveText('Live');
  await expect(t.getByTestId('start')).toBeHidden();
  await t.getByTestId('next-step').click();
  const second = routine.steps[1];
  for (const p of parents) {
    await expect(p.page.getByTestId('step-name')).toHaveText(second.name);
    await expect(p.page.getByTestId('step-counter')).toHaveText(`Step 2 of ${routine.steps.length}`);
    await expect(p.page.locator('svg.doll')).toHaveAttribute('data-pose', second.dollPose);
  }
  await t.getByTestId('repeat-count').fill('3');
  await t.getByTestId('cue-Repeat').click();
  for (const p of parents) await expect(p.page.getByTestId('cue-title')).toHaveText('Repeat ×3');
  await t.getByTestId('cue-AskPermission').click();
  for (const p of parents) await expect(p.page.getByTestId('cue-title')).toHaveText('Ask permission');

  await t.getByTestId('tempo-input').fill('20');
  await t.getByTestId('tempo-set').click();
  for (const p of parents) await expect(p.page.getByTestId('tempo')).toHaveAttribute('data-tempo', '20');

  // Jump to a step from the list.
  const fifth = routine.steps[4];
  await t.getByTestId('step-4').click();
  for (const p of parents) await expect(p.page.getByTestId('step-name')).toHaveText(fifth.name);
  await expect(t.getByTestId('step-4')).toHaveAttribute('aria-current', 'step');

  // Chat both ways.
  await sendChat(parents[1].page, 'Theo loves this one');
  await sendChat(t, 'Lovely, Ben. Keep the strokes slow.');
  for (const p of [teacher, ...parents]) {
    await expect(chatTexts(p.page)).toHaveText(['Theo loves this one', 'Lovely, Ben. Keep the strokes slow.']);
  }

  // A parent needs help; the board shows it.
  await parents[2].page.getByTestId('checkin-NeedHelp').click();
  await expect(t.getByTestId('board-summary')).toHaveText('2 ready, 1 needs help');
  await expect(boardRow(t, 'Chloe & Ivy')).toHaveAttribute('data-checkin', 'NeedHelp');

  // Pause and resume.
  await t.getByTestId('pause').click();
  for (const p of parents) await expect(p.page.getByTestId('class-status')).toHaveText('Paused');
  await t.getByTestId('resume').click();
  for (const p of parents) await expect(p.page.getByTestId('class-status')).toHaveText('Live');

  // Screenshots of a class in progress.
  mkdirSync(SCREENSHOTS, { recursive: true });
  await t.getByTestId('cue-Slow').click();
  await expect(parents[0].page.getByTestId('cue-title')).toHaveText('Slow down');
  await parents[0].page.waitForTimeout(2600); // let the calm highlight settle
  // Clicking scrolled the pages; show them as a person first sees them.
  await parents[0].page.evaluate(() => {
    window.scrollTo(0, 0);
  });
  await parents[0].page.screenshot({ path: join(SCREENSHOTS, 'parent-phone.png') });
  await t.evaluate(() => {
    document.querySelectorAll('.console-center, .console-side').forEach((e) => {
      e.scrollTop = 0;
    });
  });
  await t.screenshot({ path: join(SCREENSHOTS, 'instructor-laptop.png') });

  // The instructor ends the class; everyone sees it.
  await t.getByTestId('end').click();
  await t.getByTestId('end-confirm').click();
  for (const p of parents) {
    await expect(p.page.getByTestId('class-status')).toHaveText('Ended');
    await expect(p.page.getByTestId('checkin-Ready')).toBeHidden();
  }
  for (const p of [teacher, ...parents]) expect(p.errors).toEqual([]);
});

test('a parent who was offline comes back to exactly the right step, cue and chat', async ({ browser, request }) => {
  const [routine] = await routines(request);
  const names = ['Dana & Leo', 'Eli & Mia'];
  const { teacher, families } = await openClass(browser, request, people, 'Offline catch-up', names);
  const [online, away] = families;
  const t = teacher.page;

  await t.getByTestId('start').click();
  await sendChat(t, 'Welcome, everyone');
  await expect(chatTexts(away.page)).toHaveText(['Welcome, everyone']);
  await expect(away.page.getByTestId('class-status')).toHaveText('Live');

  await away.context.setOffline(true);
  await expect(away.page.getByTestId('connection-banner')).toBeVisible({ timeout: 45_000 });
  // With a short grace period the instructor sees the family go offline.
  await expect(boardRow(t, 'Eli & Mia')).toHaveAttribute('data-online', 'false', { timeout: 45_000 });

  await t.getByTestId('next-step').click();
  await t.getByTestId('next-step').click();
  await t.getByTestId('repeat-count').fill('4');
  await t.getByTestId('cue-Repeat').click();
  const lines = ['Now the second leg', 'Watch for hiccups or yawns', '<b>not bold</b>'];
  for (const line of lines) await sendChat(t, line);
  await sendChat(online.page, 'Leo is smiling');
  const expectedChat = ['Welcome, everyone', ...lines, 'Leo is smiling'];
  await expect(chatTexts(online.page)).toHaveText(expectedChat);
  const third = routine.steps[2];
  await expect(online.page.getByTestId('step-name')).toHaveText(third.name);
  // Still offline: the page has not moved on.
  await expect(away.page.getByTestId('step-name')).toHaveText(routine.steps[0].name);
  // A check-in tapped while offline is sent once the family is back.
  await away.page.getByTestId('checkin-Break').click();
  await expect(away.page.getByTestId('checkin-Break')).toHaveAttribute('aria-pressed', 'true');

  await away.context.setOffline(false);
  await expect(away.page.getByTestId('connection-banner')).toBeHidden({ timeout: 45_000 });
  // A screen reader that heard "reconnecting" hears that the family is back.
  await expect(away.page.getByTestId('announcer')).toContainText('Connected again');
  await expect(away.page.getByTestId('step-name')).toHaveText(third.name);
  await expect(away.page.getByTestId('step-counter')).toHaveText(`Step 3 of ${routine.steps.length}`);
  await expect(away.page.getByTestId('cue-title')).toHaveText('Repeat ×4');
  await expect(chatTexts(away.page)).toHaveText(expectedChat);
  await expect(boardRow(t, 'Eli & Mia')).toHaveAttribute('data-online', 'true');
  await expect(boardRow(t, 'Eli & Mia')).toHaveAttribute('data-checkin', 'Break');
  // Filed under the step the family was at when it tapped, not the one the class had reached.
  await expect(boardRow(t, 'Eli & Mia')).toContainText('step 1 ·');

  // Same seq as a page that never dropped, and nothing twice.
  await settle([away.page], await lastSeq(online.page));
  await expect.poll(async () => (await lastSeq(away.page)) - (await lastSeq(online.page))).toBe(0);
  await expect(away.page.getByTestId('chat-line')).toHaveCount(expectedChat.length);
  // The missed lines are not read out to a screen reader as if they were new.
  await expect(away.page.getByTestId('chat-list')).toHaveAttribute('aria-live', 'off');

  // Live events flow again after the catch-up.
  await t.getByTestId('next-step').click();
  await expect(away.page.getByTestId('step-name')).toHaveText(routine.steps[3].name);
  // History delivered by Rejoin is not announced; the live step change is.
  await expect(away.page.getByTestId('announcer')).toContainText(routine.steps[3].name);
  await expect(away.page.getByTestId('announcer')).not.toContainText('Repeat');
  // A line posted now is.
  await sendChat(t, 'Back with us');
  await expect(chatTexts(away.page)).toHaveText([...expectedChat, 'Back with us']);
  await expect(away.page.getByTestId('chat-list')).toHaveAttribute('aria-live', 'polite');
});

test('a chat line sent offline is posted once after the tab was closed and the class opened again', async ({
  browser,
  request,
}) => {
  const { created, teacher, families } = await openClass(browser, request, people, 'Closed tab', ['Hana & Rio']);
  const [family] = families;
  await sendChat(family.page, 'Hello from the mat');
  await expect(chatTexts(teacher.page)).toHaveText(['Hello from the mat']);

  await family.context.setOffline(true);
  await expect(family.page.getByTestId('connection-banner')).toBeVisible({ timeout: 45_000 });
  await sendChat(family.page, 'Rio fell asleep, back soon');
  await expect(family.page.locator('.chat-pending.is-waiting')).toHaveCount(1);
  // The phone closes the tab before the line could go.
  await family.page.close();
  await family.context.setOffline(false);

  const again = await family.context.newPage();
  await again.goto(`/class/${created.classId}`);
  await expect(chatTexts(teacher.page)).toHaveText(['Hello from the mat', 'Rio fell asleep, back soon']);
  await expect(chatTexts(again)).toHaveText(['Hello from the mat', 'Rio fell asleep, back soon']);
  await expect(again.locator('.chat-pending')).toHaveCount(0);

  // Opened once more, nothing is sent twice.
  await again.reload();
  await expect(chatTexts(again)).toHaveText(['Hello from the mat', 'Rio fell asleep, back soon']);
  await expect(teacher.page.getByTestId('chat-line')).toHaveCount(2);
});

test('a parent who reloads is the same family', async ({ browser, request }) => {
  // The second family is on the board beside the first throughout.
  const names = ['Faye & Ada', 'Gus & Kit'];
  const { created, teacher, families } = await openClass(browser, request, people, 'Reload', names);
  const [parent] = families;
  const t = teacher.page;

  await parent.page.getByTestId('checkin-Following').click();
  await expect(boardRow(t, 'Faye & Ada')).toHaveAttribute('data-checkin', 'Following');
  const before = await participantId(parent.page);
  expect(before).toBeTruthy();

  await parent.page.reload();
  await expect(parent.page.getByTestId('step-name')).not.toBeEmpty();
  await expect(parent.page.getByTestId('connection-banner')).toBeHidden();
  await expect.poll(() => participantId(parent.page)).toBe(before);
  await expect(parent.page.getByTestId('checkin-Following')).toHaveAttribute('aria-pressed', 'true');
  // A reload is a first visit for the page: nothing to announce as a reconnection.
  await expect(parent.page.getByTestId('announcer')).not.toContainText('Connected again');

  // Still one row for the family, and still online.
  await t.getByTestId('next-step').click();
  await expect(parent.page.getByTestId('step-counter')).toHaveText(/^Step 2 of/);
  await expect(t.getByTestId('board-row')).toHaveCount(2);
  await expect(boardRow(t, 'Faye & Ada')).toHaveCount(1);
  await expect(boardRow(t, 'Faye & Ada')).toHaveAttribute('data-online', 'true');

  // A second reload and a fresh visit to the join link both come back as the same family.
  await parent.page.goto(new URL(created.parentUrl).pathname);
  await expect(parent.page).toHaveURL(new RegExp(`/class/${created.classId}$`));
  await expect.poll(() => participantId(parent.page)).toBe(before);
  await expect(t.getByTestId('board-row')).toHaveCount(2);

  // "Continue on another device" opens the class as the same family elsewhere.
  const link = await parent.page.getByTestId('device-link').getAttribute('href');
  expect(link).toContain('#token=');
  const device = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const second = await device.newPage();
  people.push({ context: device, page: second, dialogs: [], errors: [] });
  const url = new URL(present(link, 'the device link'));
  await second.goto(url.pathname + url.hash);
  await expect(second.getByTestId('step-counter')).toHaveText(/^Step 2 of/);
  expect(second.url()).not.toContain('token=');
  await expect.poll(() => participantId(second)).toBe(before);
  await expect(t.getByTestId('board-row')).toHaveCount(2);
});

test('chat shows markup as text and fires nothing', async ({ browser, request }) => {
  const names = ['Hana & Ola', 'Ivo & Pia'];
  const { teacher, families } = await openClass(browser, request, people, 'Chat safety', names);
  const [writer, reader] = families;

  const payload = '<img src=x onerror=alert(1)>';
  await sendChat(writer.page, payload);
  for (const p of [teacher, writer, reader]) {
    await expect(chatTexts(p.page)).toHaveText([payload]);
    await expect(p.page.getByTestId('chat-list').locator('img')).toHaveCount(0);
  }
  await reader.page.waitForTimeout(500);
  for (const p of [teacher, writer, reader]) expect(p.dialogs).toEqual([]);

  // The instructor deletes it; it disappears everywhere.
  await teacher.page
    .getByTestId('chat-list')
    .getByRole('button', { name: /Delete message/ })
    .click();
  for (const p of [teacher, writer, reader]) await expect(chatTexts(p.page)).toHaveCount(0);
});

test('the tempo guide pulses in the same phase on every parent', async ({ browser, request }) => {
  const created = await createClass(request, 'Tempo');
  const teacher = await openInstructor(browser, created);
  const a = await joinAsParent(browser, created, 'Jo & Rae');
  // The second family asks for reduced motion: same phase, but no pulsing scale.
  const b = await joinAsParent(browser, created, 'Kai & Sol', PHONE, 'reduce');
  people.push(teacher, a, b);

  await teacher.page.getByTestId('tempo-input').fill('30');
  await teacher.page.getByTestId('tempo-set').click();
  for (const p of [a, b]) {
    await expect(p.page.getByTestId('tempo')).toBeVisible();
    await expect(p.page.getByTestId('tempo')).toHaveAttribute('data-phase-ms', /^\d+$/);
    await expect.poll(() => p.page.evaluate(() => window.__liveclass?.hasClock() ?? false)).toBe(true);
  }

  const period = 2000;
  for (let i = 0; i < 5; i++) {
    // The same instant for both pages: they share this machine's clock.
    const at = Date.now();
    const phaseA = await tempoPhase(a.page, at);
    const phaseB = await tempoPhase(b.page, at);
    expect(phaseA).not.toBeNull();
    expect(phaseB).not.toBeNull();
    const d = Math.abs(present(phaseA, 'the first phase') - present(phaseB, 'the second phase')) % period;
    expect(Math.min(d, period - d)).toBeLessThan(100);
    await a.page.waitForTimeout(300);
  }

  const pulse = (p: Person) => p.page.locator('.tempo-pulse').evaluate((el) => (el as HTMLElement).style.transform);
  expect(await pulse(a)).toMatch(/^scale\(/);
  expect(await pulse(b)).toBe('');
  await expect(b.page.getByTestId('tempo')).toHaveClass(/tempo--reduced/);

  // An empty box is no tempo to send, and does not stop the guide (Off does).
  await teacher.page.getByTestId('tempo-input').fill('');
  await teacher.page.getByTestId('tempo-set').click();
  await expect(teacher.page.getByTestId('action-error')).toHaveText(
    'Type the strokes a minute, or press Off to stop the tempo.',
  );
  await expect(teacher.page.getByTestId('tempo-now')).toHaveText('· 30 a minute');
  await a.page.waitForTimeout(500);
  await expect(a.page.getByTestId('tempo')).toHaveAttribute('data-tempo', '30');

  await teacher.page.getByTestId('tempo-off').click();
  for (const p of [a, b]) {
    await expect(p.page.getByTestId('tempo')).toBeHidden();
    expect(await tempoPhase(p.page)).toBeNull();
  }
});

test('a removed family is told so and can join again under a new name', async ({ browser, request }) => {
  const { created, teacher, families } = await openClass(browser, request, people, 'Removal', ['Lou & Bo']);
  const [parent] = families;
  const t = teacher.page;

  await boardRow(t, 'Lou & Bo').getByTestId('remove').click();
  await boardRow(t, 'Lou & Bo').getByTestId('remove-confirm').click();
  await expect(t.getByTestId('board-row')).toHaveCount(0);
  await expect(parent.page.getByTestId('session-notice')).toContainText('removed');
  await expect(parent.page.getByTestId('again-name')).toBeVisible();

  // After a reload the page still says why, with the way back in under a new name.
  await parent.page.reload();
  await expect(parent.page.getByTestId('session-notice')).toContainText('You were removed');
  await expect(parent.page.getByTestId('session-notice')).not.toContainText('not joined');
  await expect(parent.page.getByTestId('again-name')).toBeVisible();
  await parent.page.getByTestId('again-name').fill('Lou & Bo too');
  await parent.page.getByTestId('again-submit').click();
  await expect(parent.page.getByTestId('step-name')).not.toBeEmpty();
  await expect(boardRow(t, 'Lou & Bo too')).toHaveCount(1);
  // Back in the class, a reload is the new family, not the removal.
  await parent.page.reload();
  await expect(parent.page.getByTestId('step-name')).not.toBeEmpty();
  await expect(parent.page.getByTestId('session-notice')).toHaveCount(0);
  await boardRow(t, 'Lou & Bo too').getByTestId('remove').click();
  await boardRow(t, 'Lou & Bo too').getByTestId('remove-confirm').click();
  await expect(t.getByTestId('board-row')).toHaveCount(0);

  await parent.page.goto(new URL(created.parentUrl).pathname);
  await parent.page.getByTestId('family-name').fill('Lou & Bo again');
  await parent.page.getByTestId('join-submit').click();
  await expect(parent.page.getByTestId('step-name')).not.toBeEmpty();
  await expect(boardRow(t, 'Lou & Bo again')).toHaveCount(1);
});

test('the console keeps the keyboard where it is while the class changes', async ({ browser, request }) => {
  const names = ['Ada & Bo', 'Cy & Di'];
  const { teacher, families } = await openClass(browser, request, people, 'Keyboard', names);
  const t = teacher.page;
  const cy = families[1].page;
  const focused = () => t.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

  // An empty chat is no tab stop, on the console or a family's page; with a line in it, it is.
  await expect(t.getByTestId('chat-list')).not.toHaveAttribute('tabindex');
  await expect(cy.getByTestId('chat-list')).not.toHaveAttribute('tabindex');

  // The routine is one tab stop, on the current step, between the class controls and Next.
  await t.getByTestId('start').focus();
  const passed: string[] = [];
  while (passed.length < 8 && passed.at(-1) !== 'next-step') {
    await t.keyboard.press('Tab');
    passed.push(await focused());
  }
  expect(passed.slice(passed.indexOf('step-0'))).toEqual(['step-0', 'next-step']);
  // In the list, the arrow keys, Home and End move along it; Enter goes to the step.
  await t.getByTestId('step-0').focus();
  await t.keyboard.press('ArrowDown');
  await expect(t.getByTestId('step-1')).toBeFocused();
  await t.keyboard.press('End');
  await expect(t.getByTestId('step-53')).toBeFocused();
  await t.keyboard.press('Home');
  await t.keyboard.press('ArrowDown');
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('step-1')).toHaveAttribute('aria-current', 'step');
  await expect(cy.getByTestId('step-counter')).toHaveText(/^Step 2 of/);

  // A cue refused before leaves no stale error once another is tried.
  await t.getByTestId('repeat-count').fill('0');
  await t.getByTestId('cue-Repeat').click();
  await expect(t.getByTestId('action-error')).not.toBeEmpty();
  await t.getByTestId('custom-cue').fill('');
  await t.getByTestId('cue-Custom').click();
  await expect(t.getByTestId('action-error')).toHaveText('Write the cue first, then send it.');

  // Online is said once per person: the dot beside the words is not read.
  await cy.getByTestId('checkin-Following').click();
  await expect(boardRow(t, 'Cy & Di')).toHaveAttribute('data-checkin', 'Following');
  const onlineWords = async (snapshot: Promise<string>) => (await snapshot).match(/\bonline\b/g)?.length ?? 0;
  expect(await onlineWords(boardRow(t, 'Cy & Di').ariaSnapshot())).toBe(1);
  expect(await onlineWords(boardRow(t, 'Ada & Bo').ariaSnapshot())).toBe(1);
  expect(await onlineWords(cy.locator('.person').filter({ hasText: 'Ada & Bo' }).ariaSnapshot())).toBe(1);

  await sendChat(cy, 'Hello');
  await expect(t.getByTestId('chat-list')).toHaveAttribute('tabindex', '0');

  // Start, Pause and Resume each go away once pressed: the keyboard moves to the one shown now.
  await t.getByTestId('start').focus();
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('pause')).toBeFocused();
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('resume')).toBeFocused();
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('pause')).toBeFocused();

  // On a family's Remove, and on its confirmation, while another family checks in.
  const remove = boardRow(t, 'Ada & Bo').getByTestId('remove');
  await remove.focus();
  await cy.getByTestId('checkin-Ready').click();
  await expect(boardRow(t, 'Cy & Di')).toHaveAttribute('data-checkin', 'Ready');
  await expect(remove).toBeFocused();
  await t.keyboard.press('Enter');
  const confirm = boardRow(t, 'Ada & Bo').getByTestId('remove-confirm');
  await expect(confirm).toBeFocused();
  await cy.getByTestId('checkin-Fussy').click();
  await expect(boardRow(t, 'Cy & Di')).toHaveAttribute('data-checkin', 'Fussy');
  await expect(confirm).toBeFocused();
  await t.keyboard.press('Tab');
  await t.keyboard.press('Enter');
  await expect(remove).toBeFocused();
  // Removed: the keyboard goes on to the next family's Remove.
  await t.keyboard.press('Enter');
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('board-row')).toHaveCount(1);
  await expect(boardRow(t, 'Cy & Di').getByTestId('remove')).toBeFocused();

  // Ending asks first; once ended, the recap is what is left to do.
  await t.getByTestId('end').focus();
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('end-confirm')).toBeFocused();
  await t.keyboard.press('Tab');
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('end')).toBeFocused();
  await t.keyboard.press('Enter');
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('class-status')).toHaveText('Ended');
  await expect(t.getByTestId('end')).toBeHidden();
  await expect(t.getByTestId('recap-link')).toBeFocused();
});

test('deleting chat lines and cancelling a removal keep the console keyboard in place', async ({
  browser,
  request,
}) => {
  const { teacher, families } = await openClass(browser, request, people, 'Chat keyboard', ['Ada & Bo', 'Cy & Di']);
  const t = teacher.page;
  const cy = families[1].page;
  const line = (text: string) => t.getByTestId('chat-line').filter({ hasText: text });
  const deleteOf = (text: string) => line(text).locator('.chat-delete');

  for (const text of ['one', 'two', 'three']) await sendChat(cy, text);
  await expect(chatTexts(t)).toHaveText(['one', 'two', 'three']);

  // Deleted: on to the next line's Delete, or the one before at the end, then the chat input.
  await deleteOf('one').focus();
  await t.keyboard.press('Enter');
  await expect(chatTexts(t)).toHaveText(['two', 'three']);
  await expect(deleteOf('two')).toBeFocused();
  await deleteOf('three').focus();
  await t.keyboard.press('Enter');
  await expect(chatTexts(t)).toHaveText(['two']);
  await expect(deleteOf('two')).toBeFocused();
  await t.keyboard.press('Enter');
  await expect(chatTexts(t)).toHaveCount(0);
  await expect(t.getByTestId('chat-input')).toBeFocused();
  await expect(chatTexts(cy)).toHaveCount(0);

  // Escape takes back "Remove" and "End class" before they are confirmed.
  const remove = boardRow(t, 'Ada & Bo').getByTestId('remove');
  await remove.focus();
  await t.keyboard.press('Enter');
  await expect(boardRow(t, 'Ada & Bo').getByTestId('remove-confirm')).toBeFocused();
  await t.keyboard.press('Escape');
  await expect(remove).toBeFocused();
  await expect(boardRow(t, 'Ada & Bo').getByTestId('remove-confirm')).toBeHidden();
  await t.getByTestId('start').click();
  await t.getByTestId('end').focus();
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('end-confirm')).toBeFocused();
  await t.keyboard.press('Escape');
  await expect(t.getByTestId('end')).toBeFocused();
  await expect(t.getByTestId('class-status')).toHaveText('Live');
  await expect(t.getByTestId('board-row')).toHaveCount(2);
});

test('once the class has ended the console offers no chat deletes or cue controls, and never says offline', async ({
  browser,
  request,
}) => {
  const { created, teacher, families } = await openClass(browser, request, people, 'Ended console', ['Eva & Fin']);
  const t = teacher.page;
  await sendChat(families[0].page, 'Thank you!');
  await expect(chatTexts(t)).toHaveText(['Thank you!']);
  await t.getByTestId('start').click();

  // Ended from another tab while the keyboard is on a Delete: it goes on to the recap, not to the page.
  const del = t.getByTestId('chat-line').locator('.chat-delete');
  await del.focus();
  const other = await teacher.context.newPage();
  await other.goto(`/teach/${created.classId}`);
  await other.getByTestId('end').click();
  await other.getByTestId('end-confirm').click();
  await expect(t.getByTestId('class-status')).toHaveText('Ended');
  await expect(t.getByTestId('recap-link')).toBeFocused();

  await expect(del).toBeHidden();
  await expect(t.getByTestId('repeat-count')).toBeDisabled();
  await expect(t.getByTestId('cue-Repeat')).toBeDisabled();
  await expect(t.getByTestId('tempo-input')).toBeDisabled();
  await expect(t.getByTestId('custom-cue')).toBeDisabled();
  await expect(chatTexts(t)).toHaveText(['Thank you!']);
  await expect(t.getByTestId('connection-banner')).toBeHidden();
  await expect(t.getByTestId('action-error')).toBeEmpty();
  await expect(t.getByText(/offline/i)).toHaveCount(0);
});

test('two families of the same name are told apart on the console, in the order they joined', async ({
  browser,
  request,
}) => {
  const names = ['Amara & Noor', 'Amara & Noor'];
  const { teacher, families } = await openClass(browser, request, people, 'Same names', names);
  const t = teacher.page;
  await expect(t.locator('.board-name')).toHaveText(['Amara & Noor', 'Amara & Noor (2)']);
  const second = present(await participantId(families[1].page), "the second family's id");
  await expect(t.locator(`[data-testid="board-row"][data-participant-id="${second}"] .board-name`)).toHaveText(
    'Amara & Noor (2)',
  );
  await families[1].page.getByTestId('checkin-Sleeping').click();
  await expect(boardRow(t, 'Amara & Noor (2)')).toHaveAttribute('data-checkin', 'Sleeping');
  await expect(t.getByRole('button', { name: 'Remove Amara & Noor (2) from the class' })).toHaveCount(1);
});

test('the console of an ended class says it has ended and offers the recap, in English and Spanish', async ({
  browser,
  request,
}) => {
  const created = await createClass(request, 'Ended before');
  const teacher = await openInstructor(browser, created);
  people.push(teacher);
  await teacher.page.getByTestId('start').click();
  await teacher.page.getByTestId('end').click();
  await teacher.page.getByTestId('end-confirm').click();
  await expect(teacher.page.getByTestId('class-status')).toHaveText('Ended');

  // Another browser with the instructor link: the server answers class_ended to its join.
  for (const [lang, title] of [
    ['es', 'Esta clase ha terminado'],
    ['en', 'This class has ended'],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await inLanguage(lang)(context);
    const page = await context.newPage();
    people.push({ context, page, dialogs: [], errors: [] });
    await page.goto(localPath(created.instructorUrl));
    await expect(page.getByTestId('session-notice')).toContainText(title);
    await expect(page.getByTestId('connection-banner')).toBeHidden();
    await expect(page.getByTestId('start')).toBeHidden();
    await expect(page.getByTestId('end')).toBeHidden();
    if (lang === 'en') {
      await page.getByTestId('recap-link').click();
      await expect(page).toHaveURL(new RegExp(`/teach/${created.classId}/recap$`));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    }
  }
});

test('a class is created and joined from the home page', async ({ browser }) => {
  const teacherContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const t = await teacherContext.newPage();
  people.push({ context: teacherContext, page: t, dialogs: [], errors: [] });
  await t.goto('/');
  await t.getByLabel('Class title').fill('Home page class');
  await t.getByLabel('Your name (instructor)').fill('Maya');
  await expect(t.getByTestId('create-routine').locator('option')).not.toHaveCount(1);
  await t.getByTestId('create-routine').selectOption('week-1');
  await t.getByTestId('create-submit').click();
  const code = present(await t.getByTestId('created-join-code').textContent(), 'the join code').trim();
  expect(code).toMatch(/^[A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3}$/);
  await expect(t.getByTestId('created-parent-url')).toHaveText(/\/join\//);
  await expect(t.getByTestId('created-instructor-url')).toHaveText(/\/teach\/.+#key=/);
  await t.getByTestId('open-console').click();
  await expect(t.getByTestId('join-code')).toHaveText(code);
  await expect(t.getByTestId('step-counter')).toHaveText(/^Step 1 of 15$/);
  expect(t.url()).not.toContain('#key=');

  const parentContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p = await parentContext.newPage();
  people.push({ context: parentContext, page: p, dialogs: [], errors: [] });
  await p.goto('/');
  // Lower case and no hyphen are fine.
  await p.getByLabel('Join code').fill(code.replace('-', '').toLowerCase());
  await p.getByLabel('Your family name').fill('Nia & Oti');
  await p.getByRole('button', { name: 'Join the class' }).click();
  await expect(p.getByTestId('step-counter')).toHaveText('Step 1 of 15');
  await expect(p.getByTestId('state-note')).toContainText('Waiting for Maya to start');
  await expect(boardRow(t, 'Nia & Oti')).toHaveCount(1);

  // A wrong code says so plainly.
  await p.goto('/join/ZZZ-ZZZ');
  await expect(p.getByRole('heading', { name: 'Class not found' })).toBeVisible();
});
