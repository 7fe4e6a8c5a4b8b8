// Every page and desk on a 360 px wide phone, in both languages: nothing scrolls the page
// sideways; the header folds its navigation behind a menu button that works with a mouse and a
// keyboard; a wide table scrolls inside its own box.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { DESKS, LANGUAGES, MEMBER, apiSession, memberOrganisation, openIn, publicPages, signIn } from './helpers.mjs';

const PHONE = { width: 360, height: 740 };

let server;
let browser;
let organisationId;

before(async () => {
  server = await startServer();
  browser = await launch();
  const token = await apiSession(server, MEMBER);
  organisationId = (await memberOrganisation(server, token)).id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Checks that each page fits the phone's width, one subtest per page and language. */
async function fitEach(t, page, paths, who) {
  for (const lang of LANGUAGES) {
    for (const [name, path] of paths) {
      await t.test(`${name} (${path}) in ${lang}`, async () => {
        await openIn(page, path, lang);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > PHONE.width) await shot(page, `wide-${who}-${name.replace(/\W+/g, '-')}-${lang}`);
        assert.ok(width <= PHONE.width, `${path} in ${lang} is ${width}px wide: it scrolls sideways`);
      });
    }
  }
}

test('no public page scrolls sideways at 360 px', async (t) => {
  const page = await freshPage(browser, server.base, PHONE);
  await page.goto('/');
  await fitEach(t, page, publicPages(organisationId), 'public');
  assert.deepEqual(page.pageErrors, []);
});

for (const [who, paths] of DESKS) {
  test(`no desk of ${who.email} scrolls sideways at 360 px`, async (t) => {
    const page = await freshPage(browser, server.base, PHONE);
    await signIn(page, who);
    await fitEach(t, page, paths.map((p) => [p.slice(1), p]), who.email.split('@')[0]);
    assert.deepEqual(page.pageErrors, []);
  });
}

test('on a phone the menu button opens the navigation, a link in it works, and the menu closes', async () => {
  const page = await freshPage(browser, server.base, PHONE);
  await page.goto('/');
  await page.getByTestId('stat-clusters').waitFor();
  const button = page.getByRole('button', { name: 'Menu' });
  const navigation = page.getByRole('navigation', { name: 'Nawigacja główna' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await navigation.isVisible(), false, 'the navigation is folded');
  const header = await page.locator('header').boundingBox();
  assert.ok(header.height < 80, `the folded header is one row (${header.height}px high)`);
  const menu = page.locator(`#${await button.getAttribute('aria-controls')}`);
  assert.equal(await menu.count(), 1, 'the button names the menu it opens');

  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await navigation.waitFor();
  await shot(page, 'phone-menu-open');
  await navigation.getByRole('link', { name: 'KKK' }).click();
  await page.getByRole('heading', { level: 1, name: 'Krajowe Klastry Kluczowe' }).waitFor();
  assert.match(page.url(), /\/kkk$/);
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'moving to another page closes the menu');
  assert.equal(await navigation.isVisible(), false);
  // Going back in the history closes it too.
  await button.click();
  await navigation.waitFor();
  await page.goBack();
  await page.getByTestId('stat-clusters').waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'going back closes the menu');
  assert.deepEqual(page.pageErrors, []);
});

test('the menu works from the keyboard: Enter opens it, Tab goes into it, Escape closes it', async () => {
  const page = await freshPage(browser, server.base, PHONE);
  await page.goto('/');
  await page.getByTestId('stat-clusters').waitFor();
  const button = page.getByRole('button', { name: 'Menu' });
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(() => document.activeElement?.textContent),
    'Klastry',
    'the first link of the navigation comes next',
  );
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'menu-button', 'focus goes back to the button');
  // Enter on a link in the menu follows it.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Katalog klastrów' }).waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.deepEqual(page.pageErrors, []);
});

test('on a wide screen the navigation is in sight and there is no menu button', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Nawigacja główna' }).getByRole('link', { name: 'Klastry' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Menu' }).isVisible(), false);
  assert.deepEqual(page.pageErrors, []);
});

test('on a phone the ESCA table scrolls inside its own box, which the keyboard can reach', async () => {
  const page = await freshPage(browser, server.base, PHONE);
  await page.goto('/esca');
  const box = page.getByRole('region', { name: 'Etykiety ESCA' });
  await box.getByTestId('esca-table').waitFor();
  const sizes = await box.evaluate((b) => ({ scroll: b.scrollWidth, client: b.clientWidth, tabIndex: b.tabIndex }));
  assert.ok(sizes.scroll > sizes.client, `the table is wider than its box (${sizes.scroll} > ${sizes.client})`);
  assert.equal(sizes.tabIndex, 0, 'the box is in the tab order');
  await box.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.table-box').scrollLeft > 0);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'the page itself does not scroll');
  await shot(page, 'phone-esca-table');
  assert.deepEqual(page.pageErrors, []);
});
