// The registry-wide list of projects by programme (/projects), and the coordinator's API tokens
// (revoking asks first, the new secret is hidden once copied), in headless Chromium against a
// real `klastry serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { COORDINATOR, RECYCLING, apiSession, shownNumber, signIn } from './helpers.mjs';

let server;
let browser;
/** The programme the many projects share, enough of them for two pages. */
const MANY = 'Program Stronicowania e2e';
const MANY_COUNT = 22;
/** The one project known to a month only, alone in its programme. */
const monthly = { name: 'Projekt miesięczny e2e', programme: 'COSME e2e', startsOn: '2025-03' };

/** The name of the n-th (1-based) of the many projects; they sort by name. */
const manyName = (n) => `Projekt e2e ${String(n).padStart(2, '0')}`;

before(async () => {
  server = await startServer();
  browser = await launch();
  const token = await apiSession(server, COORDINATOR);
  const { cluster } = await server.graphql('query($s: String!) { cluster(slug: $s) { id } }', { s: RECYCLING });
  const projects = [
    monthly,
    ...Array.from({ length: MANY_COUNT }, (_, i) => ({ name: manyName(i + 1), programme: MANY, startsOn: '2024-01-15' })),
  ];
  for (const project of projects) {
    const created = await server.graphql(
      'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } userErrors { field code } } }',
      { input: { clusterId: cluster.id, ...project } },
      token,
    );
    assert.deepEqual(created.createProject.userErrors, [], project.name);
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The number of projects the list's total line ("Wyniki: 23 projekty") gives. */
async function shownTotal(page) {
  const text = await page.getByTestId('total').innerText();
  return shownNumber(/\d[\d\s\u00a0,.]*/.exec(text)?.[0] ?? 'NaN');
}

/** The names of the project cards shown, in order. */
async function shownProjects(page) {
  return page.getByTestId('project-card').locator('h2').allInnerTexts();
}

test('the programme facet narrows the list with a chip that survives a reload, and dates show at their precision', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Nawigacja główna' }).getByRole('link', { name: 'Projekty', exact: true }).click();
  await page.waitForURL(/\/projects$/);
  await page.getByRole('heading', { level: 1, name: 'Projekty klastrów' }).waitFor();
  await page.getByTestId('project-card').first().waitFor();
  const total = await shownTotal(page);
  assert.ok(total >= MANY_COUNT + 1, `every project is counted: ${total}`);

  // The programme facet counts its projects.
  const facet = page.getByTestId('facet-programme');
  const cosme = facet.getByLabel(/^COSME e2e/);
  await cosme.waitFor();
  assert.match(await facet.locator('li').filter({ hasText: 'COSME e2e' }).innerText(), /\(1\)/);
  assert.match(await facet.locator('li').filter({ hasText: MANY }).innerText(), new RegExp(`\\(${MANY_COUNT}\\)`));

  // Ticking it: only its project, a chip naming it, the choice in the URL.
  await cosme.check();
  await page.waitForURL(/programme=COSME%20e2e/);
  await page.getByTestId('chip').filter({ hasText: 'COSME e2e' }).waitFor();
  await page.getByTestId('project-card').filter({ hasText: manyName(1) }).waitFor({ state: 'detached' });
  assert.deepEqual(await shownProjects(page), [monthly.name]);
  const card = page.getByTestId('project-card').filter({ hasText: monthly.name });
  // Known to a month only: shown as a month.
  assert.equal(await card.getByTestId('project-dates').innerText(), '03.2025');
  assert.equal(await card.getByTestId('project-programme').innerText(), 'COSME e2e');
  // The card links to the cluster running the project.
  assert.equal(await card.getByTestId('project-cluster').getAttribute('href'), `/clusters/${RECYCLING}`);
  await shot(page, 'projects-filtered');

  // A reload keeps the filter (it lives in the URL).
  await page.reload();
  await page.getByTestId('chip').filter({ hasText: 'COSME e2e' }).waitFor();
  await page.getByTestId('project-card').first().waitFor();
  assert.deepEqual(await shownProjects(page), [monthly.name]);
  assert.ok(await page.getByTestId('facet-programme').getByLabel(/^COSME e2e/).isChecked());

  // Removing the chip brings the whole list back.
  await page.getByTestId('chip').click();
  await page.waitForURL(/\/projects$/);
  await page.getByTestId('project-card').filter({ hasText: manyName(1) }).waitFor();
  assert.equal(await page.getByTestId('chip').count(), 0);
  assert.equal(await shownTotal(page), total);

  // In English the month reads the English way.
  await page.getByTestId('switch-language').click();
  await page.getByRole('heading', { level: 1, name: 'Cluster projects' }).waitFor();
  await page.getByTestId('facet-programme').getByLabel(/^COSME e2e/).check();
  await page.waitForURL(/programme=COSME%20e2e/);
  await page.getByTestId('project-dates').filter({ hasText: 'Mar 2025' }).waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('a programme with more projects than a page pages through them', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto(`/projects?programme=${encodeURIComponent(MANY)}`);
  await page.getByTestId('project-card').filter({ hasText: manyName(20) }).waitFor();
  assert.equal(await shownTotal(page), MANY_COUNT);
  assert.deepEqual(await shownProjects(page), Array.from({ length: 20 }, (_, i) => manyName(i + 1)));
  assert.equal(await page.getByTestId('previous-page').count(), 0);

  await page.getByTestId('next-page').click();
  await page.waitForURL(/after=/);
  await page.getByTestId('project-card').filter({ hasText: manyName(21) }).waitFor();
  assert.deepEqual(await shownProjects(page), [manyName(21), manyName(22)]);
  assert.match(page.url(), /programme=/, 'the filter stays while paging');
  assert.equal(await page.getByTestId('next-page').count(), 0);

  await page.getByTestId('previous-page').click();
  await page.waitForURL(/before=/);
  await page.getByTestId('project-card').filter({ hasText: manyName(1) }).waitFor();
  assert.equal((await shownProjects(page)).length, 20);
  assert.deepEqual(page.pageErrors, []);
});

test('revoking an API token asks first, and the new secret goes once it is copied', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await page.getByRole('link', { name: 'Biurko koordynatora' }).click();
  const panel = page.getByTestId('api-tokens');
  await panel.getByText('Klaster nie ma jeszcze tokenów.').waitFor();
  await panel.getByLabel('Do czego służy token').fill('Eksport e2e');
  await panel.getByRole('button', { name: 'Utwórz token' }).click();
  const secret = panel.getByTestId('new-token');
  await secret.waitFor();
  assert.match((await secret.innerText()).trim(), /^klt_/);
  const entry = panel.getByTestId('api-token').filter({ hasText: 'Eksport e2e' });
  await entry.waitFor();

  // "Revoke" asks; cancelling keeps the token.
  await entry.getByTestId('revoke-token').click();
  const question = entry.getByTestId('confirm-question');
  await question.waitFor();
  assert.match(await question.innerText(), /Unieważnić ten token\?/);
  await question.getByTestId('cancel').click();
  await question.waitFor({ state: 'hidden' });
  await entry.getByTestId('revoke-token').waitFor();
  assert.doesNotMatch(await entry.innerText(), /unieważniony/);

  // The secret goes once "copied", and does not come back with a reload.
  await panel.getByTestId('hide-token').click();
  await secret.waitFor({ state: 'detached' });
  await page.reload();
  await entry.waitFor();
  assert.equal(await panel.getByTestId('new-token').count(), 0);

  // Confirming revokes it.
  await entry.getByTestId('revoke-token').click();
  await entry.getByTestId('confirm').click();
  await panel.getByTestId('api-token').filter({ hasText: 'unieważniony' }).waitFor();
  await shot(page, 'api-token-revoked');
  assert.deepEqual(page.pageErrors, []);
});
