// End-to-end tests of the registry as of a day in the web app: the KKK page, the directory, the
// ESCA page and the home page's figures answer for the day the URL names (`?asOf=`), the same
// as the API does for that day, so "who held the KKK status on 1 June 2024?" is one link; the
// day is chosen in the page and taken back to today.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage } from './browser.mjs';
import { fillDate, shownNumber } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Rounds V and VI were both in force on this day (20 holders in the demo registry); neither is
// today.
const DAY = '2024-06-01';

/** The names of the clusters certainly holding the KKK status on `day`, by the API. */
async function holdersOn(day) {
  const { clusters } = await server.graphql(
    'query($on: Date!) { clusters(filter: { kkkActiveOn: $on }, first: 100) { nodes { name } } }',
    { on: day },
  );
  return clusters.nodes.map((c) => c.name).sort();
}

test('a link to the KKK page as of a day lists exactly who held the status that day, and the page goes back to today', async () => {
  const expected = await holdersOn(DAY);
  assert.ok(expected.length > 0);
  const page = await freshPage(browser, server.base);
  await page.goto(`/kkk?asOf=${DAY}`);
  const holders = page.getByTestId('kkk-holders');
  await holders.locator('h2').filter({ hasText: '1.06.2024' }).waitFor();
  const shown = (await holders.getByTestId('kkk-holder').locator('a').allInnerTexts()).sort();
  assert.deepEqual(shown, expected);

  // Back to today: the list is today's, and the URL no longer names a day.
  await page.getByTestId('as-of-today').click();
  await holders.locator('h2').filter({ hasText: 'Mają status dziś' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('asOf'), null);
  const today = await holdersOn(new Date().toISOString().slice(0, 10));
  assert.equal(await holders.getByTestId('kkk-holder').count(), today.length);

  // Chosen in the page, the day goes into the URL.
  await fillDate(page.getByTestId('as-of'), 'Stan na dzień', DAY);
  await page.getByTestId('as-of').getByRole('button', { name: 'Pokaż', exact: true }).click();
  await holders.locator('h2').filter({ hasText: '1.06.2024' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('asOf'), DAY);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the directory’s “KKK active” and the home page’s figures answer for the day the URL names', async () => {
  const expected = await holdersOn(DAY);
  const page = await freshPage(browser, server.base);
  await page.goto(`/clusters?kkk=active&asOf=${DAY}`);
  await page.getByTestId('as-of-day').filter({ hasText: '1.06.2024' }).waitFor();
  const total = page.getByTestId('total');
  await total.filter({ hasText: String(expected.length) }).waitFor();
  const cards = page.locator('ul.cards > li');
  await cards.first().waitFor();
  assert.equal(await cards.count(), Math.min(expected.length, 20));
  assert.equal(await cards.getByText('wygasły', { exact: true }).count(), 0, 'statuses shown as of that day');

  const { statistics } = await server.graphql(
    'query($on: Date) { statistics(asOf: $on) { kkk { active } } }',
    { on: DAY },
  );
  await page.goto(`/?asOf=${DAY}`);
  const figure = page.getByTestId('stat-kkk').locator('strong');
  await figure.waitFor();
  assert.equal(shownNumber(await figure.innerText()), statistics.kkk.active);

  // The ESCA page's statuses: the Bronze labels of 24 February 2017 are active that day.
  const ESCA_DAY = '2017-02-24';
  const { escaLabels } = await server.graphql(
    'query($on: Date) { escaLabels(first: 100) { nodes { status(on: $on) } } }',
    { on: ESCA_DAY },
  );
  const active = escaLabels.nodes.filter((l) => l.status === 'ACTIVE').length;
  assert.ok(active > 0);
  await page.goto(`/esca?asOf=${ESCA_DAY}`);
  await page.getByTestId('as-of-day').filter({ hasText: '24.02.2017' }).waitFor();
  const rows = page.locator('table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.filter({ hasText: 'aktywny' }).count(), active);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
