// End-to-end tests of the operator's back office: clusters and organisations added, changed
// and deleted from the desk (refusals under their fields, deletions confirmed from the
// keyboard), two clusters merged, a cluster found beyond the first hundred by typing in the
// records form's picker (and paged on with "more"), and any cluster's desk opened by an
// operator from /coordinator?cluster=<slug>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { OPERATOR, RECYCLING, signIn, apiSession } from './helpers.mjs';

let server;
let browser;
let token;

before(async () => {
  server = await startServer();
  browser = await launch();
  token = await apiSession(server, OPERATOR);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** What a record's page says once the record is gone. */
const NOT_THERE = /Nie ma (tego w rejestrze|takiej strony)/;

const CREATE_CLUSTER =
  'mutation($input: CreateClusterInput!) { createCluster(input: $input) { cluster { id slug name } userErrors { field code } } }';

/** A cluster made through the API: { id, slug, name }. */
async function createCluster(input) {
  const d = await server.graphql(CREATE_CLUSTER, { input }, token);
  assert.ok(d.createCluster.cluster, JSON.stringify(d.createCluster.userErrors));
  return d.createCluster.cluster;
}

/** A NIP with a correct check digit, different on each call. */
function validNip() {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const digits = String(Math.floor(Math.random() * 1e9)).padStart(9, '1').split('').map(Number);
    const check = digits.reduce((sum, d, i) => sum + d * weights[i], 0) % 11;
    if (check !== 10) return digits.join('') + check;
  }
}

/** Picks, in picker `box`, the record named `name` by typing `typed` (the name by default). */
async function pick(box, label, name, typed = name) {
  await box.getByLabel(label).fill(typed);
  await box.getByTestId('candidate').filter({ hasText: name }).first().getByRole('button', { name: /^Wybierz/ }).click();
  await box.getByTestId('chosen').filter({ hasText: name }).waitFor();
}

/** Retries `check` until it passes, for up to five seconds. */
async function eventually(check) {
  const until = Date.now() + 5000;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The text of a field's refusal, once it is shown. */
async function refusal(page, form, field) {
  const error = form.getByTestId(`error-${field}`);
  await page.waitForFunction((el) => el.textContent.length > 0, await error.elementHandle());
  return error.innerText();
}

test('the operator adds a cluster (a missing address refused under its field), changes it, sees the change on its page, and deletes it after confirming', async () => {
  const stamp = Date.now();
  const name = `Klaster Próbny ${stamp}`;
  const slug = `klaster-probny-${stamp}`;
  const coordinator = (await server.graphql('{ organisations(first: 1, filter: { text: "politechnika" }) { nodes { name } } }', {}, token)).organisations.nodes[0];
  assert.ok(coordinator, 'a demo organisation to coordinate the cluster');

  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const section = page.getByTestId('clusters');
  const create = section.getByTestId('cluster-create');
  await create.getByLabel('Nazwa po polsku').fill(name);
  await create.getByRole('button', { name: 'Dodaj klaster' }).click();
  assert.match(await refusal(page, create, 'slug'), /nie może być puste/);
  assert.equal(await create.getByLabel('Adres w rejestrze').getAttribute('aria-invalid'), 'true');

  await create.getByLabel('Adres w rejestrze').fill(slug);
  await create.getByLabel('Miejscowość').fill('Kalisz');
  await create.getByRole('button', { name: 'Dodaj klaster' }).click();
  const created = section.getByTestId('cluster-created');
  await created.waitFor();
  assert.equal(await created.getByRole('link', { name }).getAttribute('href'), `/clusters/${slug}`);
  assert.equal(await create.getByLabel('Nazwa po polsku').inputValue(), '', 'the form is empty for the next one');

  // Found by typing, changed in place: a new name, city and coordinator.
  await pick(section.getByTestId('cluster-find'), 'Znajdź klaster (nazwa, skrót lub miasto)', name);
  const edit = section.getByTestId('cluster-edit-form');
  await edit.waitFor();
  assert.equal(await edit.getByLabel('Miejscowość').inputValue(), 'Kalisz');
  await edit.getByLabel('Nazwa po polsku').fill(`${name} Zmieniony`);
  await edit.getByLabel('Miejscowość').fill('Gniezno');
  await pick(edit, 'Organizacja koordynująca', coordinator.name, coordinator.name.slice(0, 12));
  await edit.getByRole('button', { name: 'Zapisz' }).click();
  await edit.getByTestId('done').filter({ hasText: 'Zapisano.' }).waitFor();
  // A second save works on the version the first one left.
  await edit.getByLabel('Skrót').fill('KPZ');
  await edit.getByRole('button', { name: 'Zapisz' }).click();
  await eventually(async () => {
    const saved = await server.graphql(`{ cluster(slug: "${slug}") { acronym coordinator { name } } }`, {}, token);
    assert.deepEqual(saved.cluster, { acronym: 'KPZ', coordinator: { name: coordinator.name } });
  });
  await edit.getByTestId('done').filter({ hasText: 'Zapisano.' }).waitFor();

  await section.getByTestId('cluster-page-link').click();
  await page.waitForURL(new RegExp(`/clusters/${slug}$`));
  await page.getByRole('heading', { name: `${name} Zmieniony` }).waitFor();
  await page.getByTestId('cluster-page').getByText('Gniezno').first().waitFor();
  await shot(page, 'operator-cluster-changed');
  assert.deepEqual(page.pageErrors, []);

  // Deleting asks first; the question is answered from the keyboard.
  await page.goto('/operator');
  await pick(section.getByTestId('cluster-find'), 'Znajdź klaster (nazwa, skrót lub miasto)', `${name} Zmieniony`, name);
  await section.getByTestId('cluster-delete').click();
  await section.getByText('Tego nie da się cofnąć').waitFor();
  await section.getByTestId('confirm').focus();
  await page.keyboard.press('Enter');
  await section.getByTestId('cluster-deleted').filter({ hasText: `${name} Zmieniony` }).waitFor();
  assert.equal(await section.getByTestId('cluster-edit').count(), 0);
  assert.deepEqual(page.pageErrors, []);
  const gone = await page.goto(`/clusters/${slug}`);
  assert.equal(gone.status(), 404);
  await page.getByText(NOT_THERE).first().waitFor();
  await page.context().close();
});

test('the operator adds an organisation (a wrong NIP refused under its field), changes it and deletes it after confirming', async () => {
  const name = `Organizacja Próbna ${Date.now()}`;
  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const section = page.getByTestId('organisations');
  const create = section.getByTestId('organisation-create');
  await create.getByLabel('Nazwa', { exact: true }).fill(name);
  await create.getByLabel('Rodzaj').selectOption('SMALL_ENTERPRISE');
  await create.getByLabel('NIP').fill('1234567890');
  await create.getByLabel('Miejscowość').fill('Opole');
  await create.getByRole('button', { name: 'Dodaj organizację' }).click();
  assert.match(await refusal(page, create, 'nip'), /NIP: cyfra kontrolna się nie zgadza/);
  assert.equal(await create.getByLabel('Nazwa', { exact: true }).inputValue(), name, 'the form keeps what was typed');

  await create.getByLabel('NIP').fill(validNip());
  await create.getByRole('button', { name: 'Dodaj organizację' }).click();
  const created = section.getByTestId('organisation-created');
  await created.waitFor();
  const href = await created.getByRole('link', { name }).getAttribute('href');
  assert.match(href, /^\/organisations\/.+/);

  await pick(section.getByTestId('organisation-find'), 'Znajdź organizację (nazwa, miasto, NIP lub REGON)', name);
  const edit = section.getByTestId('organisation-edit-form');
  await edit.waitFor();
  assert.equal(await edit.getByLabel('Rodzaj').inputValue(), 'SMALL_ENTERPRISE');
  await edit.getByLabel('Miejscowość').fill('Nysa');
  await edit.getByRole('button', { name: 'Zapisz' }).click();
  await edit.getByTestId('done').filter({ hasText: 'Zapisano.' }).waitFor();
  const page2 = await page.context().newPage();
  await page2.goto(href);
  await page2.getByRole('heading', { name }).waitFor();
  await page2.getByText('Nysa').first().waitFor();
  await page2.close();

  await section.getByTestId('organisation-delete').click();
  await section.getByText('Tego nie da się cofnąć').waitFor();
  await section.getByTestId('confirm').focus();
  await page.keyboard.press('Enter');
  await section.getByTestId('organisation-deleted').filter({ hasText: name }).waitFor();
  await shot(page, 'operator-organisation-deleted');
  assert.deepEqual(page.pageErrors, []);
  const gone = await page.goto(href);
  assert.equal(gone.status(), 404);
  await page.getByText(NOT_THERE).first().waitFor();
  await page.context().close();
});

test('the operator merges a duplicate cluster made through the API: its page is gone and the kept one lists its members', async () => {
  const stamp = Date.now();
  const kept = await createCluster({ namePl: `Klaster Scalany ${stamp}`, slug: `klaster-scalany-${stamp}`, city: 'Toruń' });
  const duplicate = await createCluster({ namePl: `Klaster Scalany Duplikat ${stamp}`, slug: `klaster-scalany-duplikat-${stamp}`, city: 'Bydgoszcz' });
  const members = (await server.graphql('{ organisations(first: 2, filter: { text: "sp" }) { nodes { id name } } }', {}, token)).organisations.nodes;
  assert.equal(members.length, 2);
  for (const m of members) {
    const d = await server.graphql(
      'mutation($input: AddMemberInput!) { addMember(input: $input) { membership { id } userErrors { field code } } }',
      { input: { clusterId: duplicate.id, organisationId: m.id } },
      token,
    );
    assert.ok(d.addMember.membership, JSON.stringify(d.addMember.userErrors));
  }

  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const merge = page.getByTestId('merge-clusters');
  await pick(merge.getByTestId('merge-kept'), 'Szukaj klastra', kept.name);
  await pick(merge.getByTestId('merge-duplicate'), 'Szukaj klastra', duplicate.name);
  assert.match(await merge.getByTestId('merge-compare').innerText(), /Toruń[\s\S]*Bydgoszcz/);
  await merge.getByTestId('merge-run').click();
  await merge.getByText('Tego nie da się cofnąć').waitFor();
  await merge.getByTestId('confirm').click();
  const done = merge.getByTestId('merge-done');
  await done.waitFor();
  assert.equal(await done.getByRole('link').getAttribute('href'), `/clusters/${kept.slug}`);

  assert.deepEqual(page.pageErrors, []);
  const gone = await page.goto(`/clusters/${duplicate.slug}`);
  assert.equal(gone.status(), 404);
  await page.getByText(NOT_THERE).first().waitFor();
  await page.goto(`/clusters/${kept.slug}`);
  const list = page.getByTestId('members');
  for (const m of members) await list.getByTestId('member-row').filter({ hasText: m.name }).first().waitFor();
  await shot(page, 'operator-clusters-merged');
  await page.context().close();
});

test('the records form finds a cluster beyond the first hundred by typing, and pages on with “more”', async () => {
  const { totalCount } = (await server.graphql('{ clusters(first: 0) { totalCount } }', {}, token)).clusters;
  // Named to sort after every demo cluster, enough of them to pass a hundred.
  const stamp = Date.now();
  const made = Math.max(25, 105 - totalCount);
  for (let i = 0; i < made; i++) {
    const n = String(i).padStart(3, '0');
    await createCluster({ namePl: `Żurawi Klaster ${stamp} ${n}`, slug: `zurawi-klaster-${stamp}-${n}` });
  }
  const last = `Żurawi Klaster ${stamp} ${String(made - 1).padStart(3, '0')}`;
  const names = (await server.graphql('{ clusters(first: 100) { nodes { name } } }', {}, token)).clusters.nodes.map((c) => c.name);
  assert.ok(!names.includes(last), 'the cluster is not among the first hundred');

  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const form = page.getByTestId('record-form');
  const picker = form.getByTestId('record-cluster');
  // "More" appends the next twenty of the clusters found.
  await picker.getByLabel('Wybierz klaster').fill(`Żurawi Klaster ${stamp}`);
  await picker.getByTestId('candidate').nth(19).waitFor();
  assert.equal(await picker.getByTestId('candidate').count(), 20);
  await picker.getByTestId('picker-more').click();
  await picker.getByTestId('candidate').nth(20).waitFor();
  assert.ok((await picker.getByTestId('candidate').count()) > 20);
  // Typing finds the last one at once.
  await pick(picker, 'Wybierz klaster', last);
  await page.getByTestId('statuses').getByText('nie ma zapisanych statusów KKK').waitFor();
  await shot(page, 'operator-records-picker');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the operator opens any cluster’s desk from /coordinator, by its address or by picking it', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  const name = (await server.graphql(`{ cluster(slug: "${RECYCLING}") { name } }`, {}, token)).cluster.name;
  await page.goto(`/coordinator?cluster=${RECYCLING}`);
  await page.locator('main p.lead').getByRole('link', { name }).waitFor();
  await page.getByTestId('cluster-form').waitFor();
  assert.equal(await page.getByText('Twoje konto nie koordynuje żadnego klastra.').count(), 0);

  // Another, picked on the page: the address follows.
  const other = (await server.graphql('{ clusters(first: 1, filter: { text: "morski" }) { nodes { name slug } } }', {}, token)).clusters.nodes[0];
  const picker = page.getByTestId('desk-cluster');
  await picker.getByLabel('Klaster, którego biurko otworzyć').fill(other.name);
  await picker.getByTestId('candidate').filter({ hasText: other.name }).first().getByRole('button', { name: /^Wybierz/ }).click();
  await page.waitForURL(new RegExp(`/coordinator\\?cluster=${other.slug}$`));
  await page.locator('main p.lead').getByRole('link', { name: other.name }).waitFor();

  // From the operator's list of clusters, a link to the desk.
  await page.goto('/operator');
  const find = page.getByTestId('cluster-find');
  await find.getByLabel('Znajdź klaster (nazwa, skrót lub miasto)').fill(name);
  await find.getByTestId('candidate').filter({ hasText: name }).first().getByTestId('open-desk').click();
  await page.waitForURL(new RegExp(`/coordinator\\?cluster=${RECYCLING}$`));
  await page.locator('main p.lead').getByRole('link', { name }).waitFor();
  await shot(page, 'operator-any-desk');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
