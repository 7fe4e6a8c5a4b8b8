// The cluster directory's cards, chips, order and CSV export, in headless Chromium against a
// real `klastry serve` with the demo registry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { RECYCLING } from './helpers.mjs';

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

/** The clusters as the API orders them: { name slug voivodeship sectors members }. */
async function clusters(filter = {}, orderBy = { field: 'NAME', direction: 'ASC' }) {
  const data = await server.graphql(
    `query($f: ClusterFilter, $o: ClusterOrder) { clusters(filter: $f, orderBy: $o, first: 100) {
      totalCount nodes { name slug voivodeship { code name } sectors { namePl } members(first: 0) { totalCount } }
    } }`,
    { f: filter, o: orderBy },
  );
  return data.clusters;
}

/** The card of a cluster, by its name. */
function card(page, name) {
  return page.getByTestId('cluster-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

test('a card shows the seat’s voivodeship, the sectors, the KKK state and the members recorded, never “0 członków”', async () => {
  const all = await clusters();
  const recycling = all.nodes.find((c) => c.slug === RECYCLING);
  assert.ok(recycling.members.totalCount > 0, 'the demo cluster has members');
  const unknown = all.nodes.find((c) => c.members.totalCount === 0);
  assert.ok(unknown, 'the demo registry has a cluster without members recorded');
  const withSectors = all.nodes.find((c) => c.sectors.length > 0);

  const page = await freshPage(browser, server.base);
  await page.goto(`/clusters?q=${encodeURIComponent(recycling.name)}`);
  const shown = card(page, recycling.name);
  await shown.waitFor();
  assert.match(await shown.getByTestId('card-members').innerText(), new RegExp(`^${recycling.members.totalCount} człon(ek|k)`));
  if (recycling.voivodeship) assert.match(await shown.getByTestId('card-place').innerText(), new RegExp(recycling.voivodeship.name));

  await page.goto(`/clusters?q=${encodeURIComponent(unknown.name)}`);
  await card(page, unknown.name).getByTestId('card-members').filter({ hasText: 'członkowie nieznani' }).waitFor();

  if (withSectors) {
    await page.goto(`/clusters?q=${encodeURIComponent(withSectors.name)}`);
    await card(page, withSectors.name).getByTestId('card-sectors').filter({ hasText: withSectors.sectors[0].namePl }).waitFor();
  }
  await page.goto('/clusters');
  await page.getByTestId('cluster-card').first().waitFor();
  const counts = await page.getByTestId('card-members').allInnerTexts();
  assert.ok(counts.every((t) => !/^0 /.test(t)), counts.join(' | '));
  // Every card says its KKK state: a badge, or that it has none.
  for (const c of await page.getByTestId('cluster-card').all()) {
    assert.ok((await c.locator('[data-status], [data-test="no-kkk"]').count()) >= 1);
  }
  await shot(page, 'directory-cards');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the order is chosen from what the API sorts by, kept in the URL, and back on the first page', async () => {
  const descending = await clusters({}, { field: 'NAME', direction: 'DESC' });
  const page = await freshPage(browser, server.base);
  await page.goto('/clusters');
  await page.getByTestId('cluster-card').first().waitFor();
  const sort = page.getByLabel('Kolejność');
  assert.deepEqual(await sort.locator('option').allInnerTexts(), [
    'nazwa A–Ż',
    'nazwa Ż–A',
    'ostatnio dodane do rejestru',
    'najdawniej dodane do rejestru',
  ]);
  await sort.selectOption({ label: 'nazwa Ż–A' });
  await page.waitForURL(/sort=name-desc/);
  await card(page, descending.nodes[0].name).waitFor();
  assert.equal(await page.getByTestId('cluster-card').first().locator('h2').innerText(), descending.nodes[0].name);

  await page.reload();
  await page.getByTestId('cluster-card').first().waitFor();
  assert.equal(await page.getByLabel('Kolejność').inputValue(), 'name-desc');
  assert.equal(await page.getByTestId('cluster-card').first().locator('h2').innerText(), descending.nodes[0].name);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the chosen filters are chips; removing one keeps the others and the order', async () => {
  const all = await clusters();
  const voivodeship = all.nodes.find((c) => c.voivodeship).voivodeship;
  const page = await freshPage(browser, server.base);
  await page.goto(`/clusters?q=klaster&voivodeship=${voivodeship.code}&sort=newest`);
  const chips = page.getByTestId('chip');
  await chips.filter({ hasText: voivodeship.name }).waitFor();
  await chips.filter({ hasText: '„klaster”' }).waitFor();
  assert.equal(await chips.count(), 2);
  await shot(page, 'directory-chips');

  await chips.filter({ hasText: '„klaster”' }).click();
  await page.waitForURL((url) => !url.searchParams.has('q'));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('voivodeship'), voivodeship.code);
  assert.equal(url.searchParams.get('sort'), 'newest');
  await chips.filter({ hasText: '„klaster”' }).waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('Szukaj klastra').inputValue(), '');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the results are exported as CSV built in the browser from every page of the search', async () => {
  const all = await clusters();
  const voivodeship = all.nodes.find((c) => c.voivodeship).voivodeship;
  const matching = await clusters({ voivodeships: [voivodeship.code] });
  const page = await freshPage(browser, server.base);
  await page.goto(`/clusters?voivodeship=${voivodeship.code}`);
  const exporter = page.getByTestId('export');
  await exporter.getByText('eksport rejestru nie przyjmuje filtrów').waitFor();
  assert.equal(await exporter.getByRole('link', { name: 'wszystkie klastry (CSV)' }).getAttribute('href'), '/export/clusters.csv');
  await exporter.getByTestId('export-csv').click();
  const link = exporter.getByTestId('export-file');
  await link.waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset?.test === 'export-file');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.match(download.suggestedFilename(), /^klastry-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\r\n').filter((l) => l.length > 0);
  assert.equal(lines[0], 'slug,name,acronym,city,voivodeship,sectors,kkkStatus,escaLabels,activeMembers,url');
  assert.equal(lines.length, matching.totalCount + 1, 'a row per cluster of the search');
  for (const cluster of matching.nodes) {
    assert.ok(lines.some((l) => l.startsWith(`${cluster.slug},`)), cluster.slug);
  }
  await shot(page, 'directory-export');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the directory’s address shows its results before the app starts, and the app takes the page’s answers without asking again', async () => {
  // What a reader without JavaScript, a crawler or a slow phone sees first: the HTML itself.
  const html = await (await fetch(`${server.base}/clusters?q=klaster`)).text();
  const inHtml = (html.match(/data-test="cluster-card"/g) ?? []).length;
  assert.ok(inHtml > 0, 'the page carries its first results');
  assert.match(html, /id="first-answer"/);

  const page = await freshPage(browser, server.base);
  const asked = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') asked.push(request.postDataJSON()?.operationName);
  });
  await page.goto('/clusters?q=klaster');
  await page.getByTestId('cluster-search').waitFor();
  await page.waitForFunction(() => !document.getElementById('first-paint') && document.querySelector('[data-test="cluster-card"]'));
  assert.equal(await page.getByTestId('cluster-card').count(), inHtml, 'the app shows the same page');
  assert.equal(await page.locator('#first-answer').count(), 0);
  // The filters' names came with the page too: a facet shows a voivodeship by name.
  await page.locator('.facets label').first().waitFor();
  assert.deepEqual(asked.filter((o) => o === 'Directory' || o === 'DirectoryOptions'), [], 'nothing asked twice');

  // The page's answers are used once: a new search asks the API.
  await page.getByTestId('cluster-search').fill('Recyklingu');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'Recyklingu');
  await page.getByTestId('cluster-card').first().waitFor();
  assert.ok(asked.includes('Directory'), `asked: ${asked.join(', ')}`);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
