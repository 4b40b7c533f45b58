import { expect, test, type Page } from '@playwright/test';
import { closedAfterEach, inLanguage, openPhone, routines } from './helpers';

const people = closedAfterEach();

/** The page scrolling sideways, and elements sticking out past the right edge of the box they are in. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const wide: string[] = [];
    if (root.scrollWidth > root.clientWidth) wide.push(`the page scrolls sideways (${String(root.scrollWidth)} px)`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *, header *'))) {
      const parent = el.parentElement;
      if (!parent || !el.checkVisibility() || getComputedStyle(el).position === 'absolute') continue;
      const right = el.getBoundingClientRect().right;
      const limit = Math.min(parent.getBoundingClientRect().right, root.clientWidth);
      if (right > limit + 0.5) {
        wide.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${String(right)} px, past ${String(limit)} px`);
      }
    }
    return wide;
  });
}

test('the Spanish home page offers the routines by their Spanish names', async ({ browser, request }) => {
  const [fullBody] = await routines(request);
  const visitor = await openPhone(browser, inLanguage('es'));
  people.push(visitor);
  const p = visitor.page;
  await p.goto('/');
  const options = p.getByTestId('create-routine').locator('option');
  await expect(options).not.toHaveCount(1);
  await expect(options.filter({ hasText: `Cuerpo entero (${String(fullBody.steps.length)} pasos)` })).toHaveCount(1);
  await expect(options.filter({ hasText: 'Semana 1: piernas y pies' })).toHaveCount(1);
  await expect(options.filter({ hasText: fullBody.name })).toHaveCount(0);

  // The same names as the practice page's.
  await p.goto('/practice');
  await expect(p.getByTestId('practice-full-body')).toContainText('Cuerpo entero');
});

test('nothing on the home page is wider than a 320 px phone, in English and Spanish', async ({ browser }) => {
  for (const lang of ['en', 'es'] as const) {
    const visitor = await openPhone(browser, inLanguage(lang));
    people.push(visitor);
    const p = visitor.page;
    await p.setViewportSize({ width: 320, height: 640 });
    await p.goto('/');
    await expect(p.getByTestId('create-routine').locator('option')).not.toHaveCount(1);
    expect(await overflowing(p), `home (${lang})`).toEqual([]);

    // With a class created, its long links stay on screen too.
    await p.getByTestId('create-instructor').fill('Maya');
    await p.getByTestId('create-submit').click();
    await expect(p.getByTestId('created-join-code')).toBeVisible();
    expect(await overflowing(p), `home with a class created (${lang})`).toEqual([]);
  }
});
