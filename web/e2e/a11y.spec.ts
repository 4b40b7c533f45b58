import { expect, test } from '@playwright/test';
import {
  boardRow,
  closedAfterEach,
  createClass,
  expectNoAxeViolations,
  inLanguage,
  joinFamilies,
  lastSeq,
  localPath,
  openInstructor,
  openPhone,
  sendChat,
  settle,
} from './helpers';

const people = closedAfterEach();

// axe-core over every page of the app, in each language, with a class in full swing: no
// violation of any impact.
for (const lang of ['en', 'es'] as const) {
  test(`every page passes axe-core in ${lang === 'en' ? 'English' : 'Spanish'}`, async ({ browser, request }) => {
    // Four browsers and a dozen full-page scans: long on a shared 2-core machine.
    test.setTimeout(360_000);
    const setup = inLanguage(lang);
    const visitor = await openPhone(browser, setup);
    people.push(visitor);
    await visitor.page.goto('/');
    await expect(visitor.page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoAxeViolations(visitor.page, `home (${lang})`);

    const created = await createClass(request, lang === 'en' ? 'Week 1' : 'Semana 1');
    await visitor.page.goto(localPath(created.parentUrl));
    await expect(visitor.page.getByTestId('join-submit')).toBeVisible();
    await expectNoAxeViolations(visitor.page, `join (${lang})`);

    const teacher = await openInstructor(browser, created, setup);
    people.push(teacher);
    const [parent, other] = await joinFamilies(browser, created, ['Amara & Noor', 'Ben & Theo'], people, setup);
    const t = teacher.page;
    const p = parent.page;

    await p.getByTestId('checkin-Ready').click();
    await other.page.getByTestId('checkin-NeedHelp').click();
    // One family drops out, so the console shows an offline row too.
    await expect(boardRow(t, 'Ben & Theo')).toHaveAttribute('data-checkin', 'NeedHelp');
    await other.context.close();
    await t.getByTestId('start').click();
    await t.getByTestId('next-step').click();
    await t.getByTestId('cue-AskPermission').click();
    await t.getByTestId('tempo-input').fill('20');
    await t.getByTestId('tempo-set').click();
    await sendChat(p, 'Noor is smiling');
    await sendChat(t, 'Lovely');
    await settle([p, t], await lastSeq(t));
    await expect(t.getByTestId('chat-list').getByTestId('chat-text')).toHaveCount(2);
    await expect(boardRow(t, 'Ben & Theo')).toHaveAttribute('data-online', 'false');

    await expectNoAxeViolations(t, `console (${lang})`);
    await expectNoAxeViolations(p, `parent (${lang})`);
    await p.getByTestId('handsfree-toggle').click();
    await p.getByTestId('mat-toggle').click();
    await expect(p.locator('main')).toHaveClass(/is-mat/);
    await expectNoAxeViolations(p, `mat view (${lang})`);
    await p.getByTestId('mat-checkin').click();
    await expectNoAxeViolations(p, `mat view with check-ins open (${lang})`);
    await p.getByTestId('mat-checkin-close').click();

    await t.getByTestId('end').click();
    await t.getByTestId('end-confirm').click();
    await expect(p.getByTestId('practice-from-class')).toBeVisible();
    await expectNoAxeViolations(p, `parent after the class (${lang})`);
    await expectNoAxeViolations(t, `console after the class (${lang})`);

    await t.getByTestId('recap-link').click();
    await expect(t.getByTestId('recap-family')).toHaveCount(2);
    await expectNoAxeViolations(t, `recap (${lang})`);

    await p.getByTestId('practice-from-class').click();
    await expect(p.getByTestId('practice-title')).toBeVisible();
    await expectNoAxeViolations(p, `practice (${lang})`);
    await p.goto('/practice');
    await expect(p.getByTestId('practice-full-body')).toBeVisible();
    await expectNoAxeViolations(p, `practice chooser (${lang})`);
  });
}
