// End-to-end tests of the web app in headless Chromium against a real `klastry serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { COORDINATOR, MEMBER, RECYCLING, apiSession, memberOrganisation, signIn } from './helpers.mjs';

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

test('a diacritic-free search finds a cluster, and its page shows its KKK status', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto('/clusters');
  await page.getByLabel('Szukaj klastra').fill('swiatlowodow');
  // The previous results stay on screen until the new ones arrive: wait for the new total.
  await page.getByTestId('total').filter({ hasText: '1 pasujący klaster' }).waitFor();
  const card = page.getByTestId('cluster-card').filter({ hasText: 'Klaster Fotoniki i Światłowodów' });
  await card.waitFor();
  assert.match(page.url(), /q=swiatlowodow/, 'the search is kept in the URL');
  assert.equal(await page.getByTestId('cluster-card').count(), 1);
  await card.getByRole('link').click();
  await page.getByTestId('cluster-page').waitFor();
  assert.equal(await page.locator('h1').innerText(), 'Klaster Fotoniki i Światłowodów');
  const status = page.getByTestId('kkk-status');
  assert.match(await status.innerText(), /aktywny|wygasły|nieznany/);
  assert.ok((await page.getByTestId('timeline-kkk').count()) >= 1, 'the KKK timeline lists its certifications');
  assert.match(await page.title(), /Klaster Fotoniki i Światłowodów/);
  await shot(page, 'search-and-cluster');
  // A shared link opens the same results.
  await page.goto('/clusters?q=swiatlowodow');
  await card.waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('a coordinator approves an application and the member appears', async () => {
  // The member applies through the API, as a partner system might.
  const memberToken = await apiSession(server, MEMBER);
  const organisation = await memberOrganisation(server, memberToken);
  const cluster = await server.graphql('query($s: String!) { cluster(slug: $s) { id } }', { s: RECYCLING });
  await server.graphql(
    'mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { userErrors { message } } }',
    { input: { clusterId: cluster.cluster.id, organisationId: organisation.id, message: 'Chcemy dołączyć.' } },
    memberToken,
  );

  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await page.getByRole('link', { name: 'Biurko koordynatora' }).click();
  const application = page.getByTestId('application').filter({ hasText: organisation.name });
  await application.waitFor();
  await shot(page, 'coordinator-desk');
  await application.getByRole('button', { name: 'Przyjmij' }).click();
  await page.getByTestId('desk-notice').filter({ hasText: 'Przyjęto' }).waitFor();
  await application.waitFor({ state: 'detached' });

  await page.goto(`/clusters/${RECYCLING}`);
  await page.getByTestId('member-row').filter({ hasText: organisation.name }).waitFor();
  await shot(page, 'member-appears');
  assert.deepEqual(page.pageErrors, []);
});

test('a member sees an invalid NIP refused next to the field, then fixes it', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, MEMBER);
  await page.getByRole('link', { name: 'Moja organizacja' }).click();
  const form = page.getByTestId('profile-form');
  await form.waitFor();
  const description = 'Opis wpisany w teście przeglądarki.';
  await form.getByLabel('Opis').fill(description);
  await form.getByLabel('NIP').fill('123-456-78-90');
  await form.getByRole('button', { name: 'Zapisz' }).click();
  const error = page.getByTestId('error-nip');
  await error.filter({ hasText: /\S/ }).waitFor();
  assert.equal(await form.getByLabel('NIP').getAttribute('aria-invalid'), 'true');
  assert.equal(await form.getByLabel('Opis').inputValue(), description, 'what was typed is kept');
  await shot(page, 'profile-invalid-nip');

  // 526-000-12-46 is a valid NIP (its check digit holds).
  await form.getByLabel('NIP').fill('5260001246');
  await form.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('saved').waitFor();
  assert.equal(await error.innerText(), '');
  await shot(page, 'profile-saved');

  const token = await apiSession(server, MEMBER);
  const me = await server.graphql('{ me { roles { organisation { nip description } } } }', {}, token);
  const saved = me.me.roles.find((r) => r.organisation).organisation;
  assert.equal(saved.nip, '5260001246');
  assert.equal(saved.description, description);
  assert.deepEqual(page.pageErrors, []);
});

test('the language switch turns every page to English and is remembered', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await page.getByTestId('stat-clusters').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'pl');
  await page.getByTestId('switch-language').click();
  await page.getByRole('link', { name: 'Clusters', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.getByTestId('stat-clusters').innerText(), /clusters/);
  assert.match(await page.title(), /Cluster registry/);
  await shot(page, 'home-english');
  await page.goto('/clusters');
  await page.getByLabel('Search clusters').waitFor();
  await page.getByTestId('total').filter({ hasText: 'matching clusters' }).waitFor();
  await shot(page, 'directory-english');
  await page.reload();
  await page.getByLabel('Search clusters').waitFor();
  await page.getByTestId('switch-language').click();
  await page.getByLabel('Szukaj klastra').waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('the directory works on a phone-sized screen', async () => {
  const page = await freshPage(browser, server.base, { width: 375, height: 740 });
  await page.goto('/clusters?kkk=active');
  await page.getByTestId('total').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no sideways scrolling (page is ${width}px wide)`);
  await shot(page, 'directory-phone');
  assert.deepEqual(page.pageErrors, []);
});

test('the app and GraphiQL run under their content security policies', async () => {
  const page = await freshPage(browser, server.base);
  const response = await page.goto('/');
  const policy = response.headers()['content-security-policy'] ?? '';
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /unsafe-inline/, 'the app needs no inline script or style');
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  assert.match(response.headers()['x-frame-options'] ?? '', /DENY/);
  // The home page's tile map sets its colours through the style object, which the policy allows.
  const tile = page.locator('a.tile').first();
  await tile.waitFor();
  assert.notEqual(await tile.evaluate((a) => getComputedStyle(a).backgroundColor), 'rgba(0, 0, 0, 0)');
  assert.deepEqual(page.pageErrors, [], 'no script, style or connection refused by the policy');
  const graphiql = await freshPage(browser, server.base);
  await graphiql.goto('/graphql', { waitUntil: 'networkidle' });
  await graphiql.locator('.graphiql-container').waitFor();
  await shot(graphiql, 'graphiql');
  assert.deepEqual(graphiql.pageErrors, []);
});
