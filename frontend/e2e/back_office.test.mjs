// End-to-end tests of the back office (issue 20): the audit trail read as sentences on the
// coordinator's and the operator's desks, with its filters in the URL; recording, correcting
// and deleting KKK certifications with the round chosen from its term; merging organisations;
// the cluster's strategy period. The tests run in order: the second reads the change the first
// made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { OPERATOR, COORDINATOR, RECYCLING, signIn, apiSession, fillDate, pickCluster, pickSource } from './helpers.mjs';

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

const DESCRIPTION = `Opis zmieniony w teście historii ${Date.now()}`;

test('the coordinator edits the description and reads the change in the trail as a sentence with before → after', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await page.goto('/coordinator');
  const form = page.getByTestId('cluster-form');
  await form.getByLabel('Opis po polsku').fill(DESCRIPTION);
  await form.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('cluster-saved').waitFor();

  const entry = page.getByTestId('audit-entry').first();
  await entry.getByTestId('audit-changes').waitFor();
  assert.equal(await entry.getAttribute('data-action'), 'UPDATE');
  assert.equal(await entry.getAttribute('data-object'), 'Cluster');
  const sentence = await entry.locator('p.sentence').innerText();
  assert.match(sentence, /^koordynator@klastry\.demo zmienił\(a\) klaster /, sentence);
  assert.match(sentence, /\d{2}:\d{2}/, 'the time, to the minute');
  assert.doesNotMatch(sentence, /UPDATE|Cluster/, 'no raw codes');
  const change = await entry.locator('li[data-field="description_pl"]').innerText();
  assert.match(change, /^opis \(pl\): .+ → /, change);
  assert.ok(change.includes(DESCRIPTION), change);
  await shot(page, 'back-office-coordinator-trail');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the operator filters the registry-wide trail by action and by person, kept in the URL', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const trail = page.getByTestId('audit-trail');
  await trail.getByTestId('audit-entry').first().waitFor();
  await trail.getByLabel('Działanie').selectOption('UPDATE');
  await page.waitForURL(/trail_action=UPDATE/);
  await trail.getByTestId('audit-entry').first().waitFor();
  // Only updates are left, the coordinator's among them.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-test="audit-entry"]')].every((e) => e.dataset.action === 'UPDATE'));
  const ours = trail.getByTestId('audit-entry').filter({ hasText: 'koordynator@klastry.demo' }).first();
  await ours.waitFor();
  // One person's changes, from a link on their entry.
  await ours.getByTestId('only-person').click();
  await page.waitForURL(/trail_by=/);
  await trail.getByTestId('trail-person').waitFor();
  await page.waitForFunction(() => {
    const entries = [...document.querySelectorAll('[data-test="audit-entry"]')];
    return entries.length > 0 && entries.every((e) => e.querySelector('[data-test="audit-actor"]').textContent === 'koordynator@klastry.demo');
  });
  // The URL opens the same filtered trail.
  await page.reload();
  await trail.getByTestId('trail-person').waitFor();
  assert.equal(await trail.getByLabel('Działanie').inputValue(), 'UPDATE');
  await shot(page, 'back-office-operator-trail');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the operator records a KKK certification in round VI, is told a date beyond its term under the field, then corrects and deletes it', async () => {
  const token = await apiSession(server, OPERATOR);
  const data = await server.graphql('{ clusters(first: 100) { nodes { id name kkkCertifications { id } } } }', {}, token);
  const cluster = data.clusters.nodes.find((c) => c.kkkCertifications.length === 0);
  assert.ok(cluster, 'a cluster without KKK certifications');

  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const form = page.getByTestId('record-form');
  // The cluster is found by typing its name, and chosen from what the search lists.
  const picker = form.getByTestId('record-cluster');
  await pickCluster(picker, cluster.name);
  const round = form.getByLabel('Nabór KKK');
  await round.locator('option', { hasText: /^VI \(/ }).waitFor({ state: 'attached' });
  const label = await round.locator('option', { hasText: /^VI \(/ }).innerText();
  assert.match(label, /^VI \(\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}\)$/, label);
  await round.selectOption({ label });
  await fillDate(form, 'Data przyznania', '2024-01-10');
  await fillDate(form, 'Ważny do', '2028-12-31');
  await pickSource(form, '004');
  await form.getByRole('button', { name: 'Zapisz' }).click();
  const error = form.getByTestId('error-validUntil');
  await page.waitForFunction((el) => el.textContent.length > 0, await error.elementHandle());
  assert.match(await error.innerText(), /poza okres wybranego naboru KKK/);
  assert.equal(await form.getByRole('group', { name: 'Ważny do' }).getByLabel('Rok').getAttribute('aria-invalid'), 'true');

  await fillDate(form, 'Ważny do', '2025-12-17');
  await form.getByRole('button', { name: 'Zapisz' }).click();
  await form.getByText('Zapisano w rejestrze.').waitFor();
  const record = page.getByTestId('status-record').filter({ hasText: '2024-01-10' });
  await record.waitFor();
  assert.match(await record.innerText(), /KKK VI/);

  // Correcting it in place.
  await record.getByTestId('correct').click();
  const correct = record.getByTestId('correct-form');
  await fillDate(correct, 'Ważny do', '2025-06-30');
  await correct.getByRole('button', { name: 'Zapisz' }).click();
  const corrected = page.getByTestId('status-record').filter({ hasText: '2024-01-10 – 2025-06-30' });
  await corrected.waitFor();

  // Deleting it asks first.
  await corrected.getByTestId('delete').click();
  await corrected.getByText('Tego nie da się cofnąć').waitFor();
  await corrected.getByTestId('confirm').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('status-notice').filter({ hasText: 'Usunięto.' }).waitFor();
  await page.getByTestId('statuses').getByText('nie ma zapisanych statusów KKK').waitFor();
  const after = await server.graphql(`{ cluster(id: "${cluster.id}") { kkkCertifications { id } } }`, {}, token);
  assert.deepEqual(after.cluster.kkkCertifications, []);
  await shot(page, 'back-office-records');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the operator merges two organisations made through the API and the duplicate is gone', async () => {
  const token = await apiSession(server, OPERATOR);
  const stamp = Date.now();
  const create = async (name, city) => {
    const d = await server.graphql(
      'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } userErrors { field code } } }',
      { input: { name, kind: 'SMALL_ENTERPRISE', city } },
      token,
    );
    assert.ok(d.createOrganisation.organisation, JSON.stringify(d.createOrganisation.userErrors));
    return d.createOrganisation.organisation.id;
  };
  const keptName = `Scalana Alfa ${stamp}`;
  const duplicateName = `Scalana Alfa Duplikat ${stamp}`;
  const kept = await create(keptName, 'Gliwice');
  const duplicate = await create(duplicateName, 'Zabrze');

  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const merge = page.getByTestId('merge');
  const pick = async (test, name) => {
    const box = merge.getByTestId(test);
    await box.getByLabel('Szukaj po nazwie, NIP lub REGON').fill(name);
    await box.getByTestId('candidate').filter({ hasText: name }).first().getByRole('button', { name: /^Wybierz/ }).click();
    await box.getByTestId('chosen').filter({ hasText: name }).waitFor();
  };
  await pick('merge-kept', keptName);
  await pick('merge-duplicate', duplicateName);
  const compare = merge.getByTestId('merge-compare');
  assert.match(await compare.innerText(), /Gliwice[\s\S]*Zabrze/);
  await merge.getByTestId('merge-run').click();
  await merge.getByText('Tego nie da się cofnąć').waitFor();
  await merge.getByTestId('confirm').click();
  const done = merge.getByTestId('merge-done');
  await done.waitFor();
  assert.equal(await done.getByRole('link').getAttribute('href'), `/organisations/${kept}`);

  // The duplicate's address now answers 404, and the app shows its not-found page.
  const gone = await page.goto(`/organisations/${duplicate}`);
  assert.equal(gone.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Nie ma takiej strony' }).waitFor();
  const left = await page.goto(`/organisations/${kept}`);
  assert.equal(left.status(), 200);
  await page.getByRole('heading', { name: keptName }).waitFor();
  await shot(page, 'back-office-merge');
  await page.context().close();
});

test('the coordinator sets the strategy period, and a reversed one is refused under its end year', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await page.goto('/coordinator');
  const form = page.getByTestId('cluster-form');
  await form.getByLabel('Strategia od roku').fill('2030');
  await form.getByLabel('Strategia do roku').fill('2020');
  await form.getByRole('button', { name: 'Zapisz' }).click();
  const error = form.getByTestId('error-strategyTo');
  await page.waitForFunction((el) => el.textContent.length > 0, await error.elementHandle());
  assert.match(await error.innerText(), /koniec jest wcześniejszy niż początek/);

  await form.getByLabel('Strategia do roku').fill('2034');
  await form.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('cluster-saved').waitFor();
  const token = await apiSession(server, COORDINATOR);
  const d = await server.graphql(`{ cluster(slug: "${RECYCLING}") { strategyPeriod { from to } } }`, {}, token);
  assert.deepEqual(d.cluster.strategyPeriod, { from: 2030, to: 2034 });
  await page.reload();
  assert.equal(await page.getByTestId('cluster-form').getByLabel('Strategia od roku').inputValue(), '2030');
  await shot(page, 'back-office-strategy');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the trail pages on to older changes with “more”, keeping the ones already read', async () => {
  // Over a page (20) of changes to the coordinator's cluster, made through the API.
  const token = await apiSession(server, COORDINATOR);
  const read = async () => (await server.graphql(`{ cluster(slug: "${RECYCLING}") { id version } }`, {}, token)).cluster;
  for (let i = 0; i < 21; i++) {
    const { id, version } = await read();
    const d = await server.graphql(
      'mutation($input: UpdateClusterInput!) { updateCluster(input: $input) { cluster { id } userErrors { field code } } }',
      { input: { id, version, phone: `+48 600 000 ${String(100 + i)}` } },
      token,
    );
    assert.deepEqual(d.updateCluster.userErrors, []);
  }
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await page.goto('/coordinator?trail_action=UPDATE');
  const trail = page.getByTestId('audit-trail');
  await trail.getByTestId('audit-entry').nth(19).waitFor();
  assert.equal(await trail.getByTestId('audit-entry').count(), 20);
  assert.match(await trail.getByTestId('audit-entry').first().innerText(), /telefon: \+48 600 000 119 → \+48 600 000 120/);
  await trail.getByTestId('audit-more').click();
  await trail.getByTestId('audit-entry').nth(20).waitFor();
  const entries = await trail.getByTestId('audit-entry').count();
  assert.ok(entries > 20, `${entries} entries`);
  assert.equal(await trail.getByTestId('audit-more').count(), 0, 'one button, after the last page');
  assert.match(await trail.getByTestId('audit-entry').nth(20).innerText(), /telefon: .*→ \+48 600 000 100/);
  await shot(page, 'back-office-trail-more');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
