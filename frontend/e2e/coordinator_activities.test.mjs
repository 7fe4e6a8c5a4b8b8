// End-to-end tests of what the coordinator keeps on the desk: the cluster's events and
// projects (added, edited, deleted after a confirmation), its members (added by searching as
// one types, their role changed, their membership ended), the history of decided
// applications, and webhooks (registered to a loopback server the test runs, a delivery seen
// with its tries and sent again, the webhook deleted).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { OPERATOR, COORDINATOR, RECYCLING, signIn, apiSession, fillDate, dateValue } from './helpers.mjs';

let server;
let browser;
/** The demo cluster's global ID. */
let clusterId;

before(async () => {
  server = await startServer();
  browser = await launch();
  const { cluster } = await server.graphql('query($s: String!) { cluster(slug: $s) { id } }', { s: RECYCLING });
  clusterId = cluster.id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The coordinator's desk, signed in and loaded. */
async function openDesk() {
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await page.goto('/coordinator');
  await page.getByTestId('desk-events').waitFor();
  return page;
}

/** Confirms the question a delete button opened, from the keyboard. */
async function confirmByKeyboard(page, row) {
  await row.getByText('Tego nie da się cofnąć').waitFor();
  await row.getByTestId('confirm').focus();
  await page.keyboard.press('Enter');
}

/** A new organisation made by the operator through the API: { id, name }. */
async function newOrganisation(name) {
  const token = await apiSession(server, OPERATOR);
  const data = await server.graphql(
    'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id name } userErrors { field code } } }',
    { input: { name, kind: 'SMALL_ENTERPRISE', city: 'Kalisz' } },
    token,
  );
  assert.deepEqual(data.createOrganisation.userErrors, []);
  return data.createOrganisation.organisation;
}

test('the coordinator adds an event with a partial date, edits it (the cluster page shows the change) and deletes it after confirming', async () => {
  const stamp = Date.now();
  const first = `Targi recyklingu ${stamp}`;
  const renamed = `Targi recyklingu i odzysku ${stamp}`;
  const page = await openDesk();
  const events = page.getByTestId('desk-events');
  const form = events.getByTestId('event-form');
  await form.getByLabel('Nazwa wydarzenia').fill(first);
  await fillDate(form, 'Początek', '2031-05');
  await form.getByLabel('Miejsce').fill('Poznań');
  await form.getByRole('button', { name: 'Dodaj wydarzenie' }).click();
  await form.getByText('Dodano.').waitFor();
  const row = events.locator(`[data-test="desk-event"][data-name="${first}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('when').innerText(), '05.2031', 'a date known to the month stays so');

  // A malformed date is refused under its field, in words, and nothing is written.
  await row.getByTestId('edit').click();
  const edit = row.getByTestId('edit-form');
  assert.equal(await dateValue(edit, 'Początek'), '2031-05', 'the form opens with the stored date');
  await edit.getByRole('group', { name: 'Początek' }).getByLabel('Rok').fill('231');
  await edit.getByRole('button', { name: 'Zapisz' }).click();
  const error = edit.getByTestId('error-startsOn');
  await page.waitForFunction((el) => el.textContent.length > 0, await error.elementHandle());

  await edit.getByLabel('Nazwa wydarzenia').fill(renamed);
  await fillDate(edit, 'Początek', '2031-05-14');
  await edit.getByRole('button', { name: 'Zapisz' }).click();
  await events.getByTestId('events-notice').filter({ hasText: 'Zapisano zmiany wydarzenia.' }).waitFor();
  const edited = events.locator(`[data-test="desk-event"][data-name="${renamed}"]`);
  await edited.waitFor();
  assert.equal(await edited.getByTestId('when').innerText(), '14.05.2031');
  await shot(page, 'coordinator-events');

  // The public cluster page shows the event as changed.
  const visitor = await freshPage(browser, server.base);
  await visitor.goto(`/clusters/${RECYCLING}`);
  await visitor.getByTestId('events').getByText(renamed).waitFor();
  assert.equal(await visitor.getByTestId('events').getByText(first, { exact: true }).count(), 0);
  await visitor.context().close();

  // Deleting asks first; cancelling keeps it.
  await edited.getByTestId('delete').click();
  await edited.getByText('Tego nie da się cofnąć').waitFor();
  await edited.getByRole('button', { name: 'Anuluj' }).click();
  await edited.getByTestId('delete').waitFor();
  await edited.getByTestId('delete').click();
  await confirmByKeyboard(page, edited);
  await events.getByTestId('events-notice').filter({ hasText: 'Wydarzenie usunięte.' }).waitFor();
  await edited.waitFor({ state: 'detached' });
  const { cluster } = await server.graphql(`{ cluster(id: "${clusterId}") { events { name } } }`);
  assert.ok(!cluster.events.some((e) => e.name === renamed), 'the event is gone');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the coordinator edits a project and deletes it after confirming', async () => {
  const stamp = Date.now();
  const name = `Projekt GOZ ${stamp}`;
  const page = await openDesk();
  const projects = page.getByTestId('desk-projects');
  const form = projects.getByTestId('project-form');
  await form.getByLabel('Nazwa projektu').fill(name);
  await form.getByLabel('Program').fill('LIFE');
  await fillDate(form, 'Początek', '2030');
  await form.getByRole('button', { name: 'Dodaj projekt' }).click();
  const row = projects.locator(`[data-test="desk-project"][data-name="${name}"]`);
  await row.waitFor();

  await row.getByTestId('edit').click();
  const edit = row.getByTestId('edit-form');
  await edit.getByLabel('Skrót').fill('GOZ-E2E');
  await edit.getByLabel('Program').fill('Horyzont Europa');
  await fillDate(edit, 'Koniec', '2032-12');
  await edit.getByRole('button', { name: 'Zapisz' }).click();
  await projects.getByTestId('projects-notice').filter({ hasText: 'Zapisano zmiany projektu.' }).waitFor();
  const edited = projects.locator(`[data-test="desk-project"][data-name="${name}"]`).filter({ hasText: 'GOZ-E2E' });
  await edited.waitFor();
  assert.equal(await edited.getByTestId('when').innerText(), '2030 – 12.2032');
  const read = await server.graphql(`{ cluster(id: "${clusterId}") { projects { name programme acronym } } }`);
  assert.deepEqual(read.cluster.projects.find((p) => p.name === name), { name, programme: 'Horyzont Europa', acronym: 'GOZ-E2E' });

  // A date once given can be taken back: the emptied end is cleared, not kept.
  await edited.getByTestId('edit').click();
  const again = edited.getByTestId('edit-form');
  await fillDate(again, 'Koniec', '');
  await again.getByRole('button', { name: 'Zapisz' }).click();
  const open = projects.locator(`[data-test="desk-project"][data-name="${name}"]`).filter({ hasText: 'GOZ-E2E' });
  await page.waitForFunction(
    (el) => el && !el.textContent.includes('12.2032'),
    await open.getByTestId('when').elementHandle(),
  );
  const cleared = await server.graphql(`{ cluster(id: "${clusterId}") { projects { name startsOn endsOn } } }`);
  assert.deepEqual(cleared.cluster.projects.find((p) => p.name === name), { name, startsOn: '2030', endsOn: null });

  await edited.getByTestId('delete').click();
  await confirmByKeyboard(page, edited);
  await projects.getByTestId('projects-notice').filter({ hasText: 'Projekt usunięty.' }).waitFor();
  await edited.waitFor({ state: 'detached' });
  await shot(page, 'coordinator-projects');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the coordinator adds a member found as they type, changes its role and ends its membership', async () => {
  const organisation = await newOrganisation(`Recykling Kalisz ${Date.now()} sp. z o.o.`);
  const page = await openDesk();
  const members = page.getByTestId('desk-members');
  const form = members.getByTestId('add-member');
  await form.getByLabel('Szukaj organizacji (nazwa lub miejscowość)').pressSequentially('Recykling Kal', { delay: 20 });
  const candidate = form.getByTestId('member-candidate').filter({ hasText: organisation.name });
  await candidate.waitFor();
  await candidate.getByTestId('choose-organisation').click();
  await form.getByTestId('chosen-organisation').filter({ hasText: organisation.name }).waitFor();
  await form.getByLabel('Rola', { exact: true }).selectOption('MEMBER');
  await form.getByRole('button', { name: 'Dodaj członka' }).click();
  await members.getByTestId('members-notice').filter({ hasText: 'Dodano członka.' }).waitFor();
  const row = members.locator(`[data-test="desk-member"][data-organisation="${organisation.name}"]`);
  await row.waitFor();

  // Adding it again is refused under the organisation field, in words.
  await form.getByLabel('Szukaj organizacji (nazwa lub miejscowość)').fill(organisation.name);
  await form.getByTestId('member-candidate').filter({ hasText: organisation.name }).getByTestId('choose-organisation').click();
  await form.getByRole('button', { name: 'Dodaj członka' }).click();
  const refused = form.getByTestId('error-organisationId');
  await page.waitForFunction((el) => el.textContent.length > 0, await refused.elementHandle());

  await row.getByLabel(`Rola organizacji ${organisation.name}`).selectOption('STRATEGIC_PARTNER');
  await row.getByTestId('change-role').click();
  await members.getByTestId('members-notice').filter({ hasText: 'Rola zmieniona.' }).waitFor();
  const partners = await server.graphql(
    `{ cluster(id: "${clusterId}") { members(first: 100, roles: [STRATEGIC_PARTNER]) { nodes { organisation { id } } } } }`,
  );
  assert.ok(partners.cluster.members.nodes.some((m) => m.organisation.id === organisation.id), 'a strategic partner now');
  assert.equal(await row.getByLabel(`Rola organizacji ${organisation.name}`).inputValue(), 'STRATEGIC_PARTNER');
  await shot(page, 'coordinator-members');

  await row.getByTestId('end-membership').click();
  await confirmByKeyboard(page, row);
  await members.getByTestId('members-notice').filter({ hasText: 'Członkostwo zakończone.' }).waitFor();
  await row.waitFor({ state: 'detached' });
  const token = await apiSession(server, OPERATOR);
  const { node } = await server.graphql(
    `{ node(id: "${organisation.id}") { ... on Organisation { memberships { status leftOn cluster { slug } } } } }`,
    {},
    token,
  );
  const ours = node.memberships.find((m) => m.cluster.slug === RECYCLING);
  assert.equal(ours.status, 'LEFT');
  assert.ok(ours.leftOn, 'it left today');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a rejected application appears in the history of decided ones with its reason and when', async () => {
  const organisation = await newOrganisation(`Odzysk Turek ${Date.now()}`);
  const token = await apiSession(server, OPERATOR);
  const applied = await server.graphql(
    'mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { userErrors { field code } } }',
    { input: { clusterId, organisationId: organisation.id, message: 'Chcemy dołączyć.' } },
    token,
  );
  assert.deepEqual(applied.applyForMembership.userErrors, []);

  const page = await openDesk();
  const application = page.getByTestId('application').filter({ hasText: organisation.name });
  await application.waitFor();
  await application.getByLabel('Powód odrzucenia').fill('Profil działalności poza zakresem klastra.');
  await application.getByRole('button', { name: 'Odrzuć' }).click();
  await page.getByTestId('desk-notice').filter({ hasText: 'Wniosek odrzucony.' }).waitFor();
  const decided = page.getByTestId('decided-application').filter({ hasText: organisation.name });
  await decided.waitFor();
  assert.equal(await decided.getAttribute('data-decision'), 'REJECTED');
  const shown = await decided.innerText();
  assert.match(shown, /odrzucony/);
  assert.match(shown, /Uzasadnienie: Profil działalności poza zakresem klastra\./);
  assert.match(shown, /\d{1,2}\.\d{2}\.\d{4}, \d{2}:\d{2}/, 'when, to the minute');
  assert.match(shown, /koordynator@klastry\.demo/);
  await shot(page, 'coordinator-decided');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the coordinator registers a webhook to a loopback server, sees a delivery and its try, sends it again and deletes the webhook', async () => {
  const received = [];
  const hook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
  });
  await new Promise((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${hook.address().port}/klastry`;
  try {
    const page = await openDesk();
    const panel = page.getByTestId('webhooks');
    await panel.getByText('Klaster nie ma webhooków.').waitFor();
    const form = panel.getByTestId('webhook-form');
    // No kind chosen is refused under the kinds, in words.
    await form.getByLabel('Adres (https://…)').fill(url);
    const kinds = form.locator('input[type="checkbox"]');
    await kinds.first().waitFor();
    for (const kind of await kinds.all()) await kind.uncheck();
    await form.getByRole('button', { name: 'Zarejestruj webhook' }).click();
    const error = form.getByTestId('error-events');
    await page.waitForFunction((el) => el.textContent.length > 0, await error.elementHandle());

    await form.getByLabel(/^zmiany klastra/).check();
    await form.getByRole('button', { name: 'Zarejestruj webhook' }).click();
    await panel.getByTestId('webhooks-notice').filter({ hasText: 'Webhook zarejestrowany.' }).waitFor();
    assert.match(await panel.getByTestId('webhook-secret').innerText(), /^whsec_/);
    const webhook = panel.locator(`[data-test="webhook"][data-url="${url}"]`);
    await webhook.waitFor();
    await webhook.getByText('Jeszcze nic nie wysłano.').waitFor();

    // A change to the cluster is sent to the loopback server.
    const token = await apiSession(server, COORDINATOR);
    const created = await server.graphql(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } userErrors { field } } }',
      { input: { clusterId, name: `Zdarzenie dla webhooka ${Date.now()}`, startsOn: '2032' } },
      token,
    );
    assert.deepEqual(created.createEvent.userErrors, []);
    const until = async (check, what) => {
      for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(check(), what);
    };
    await until(() => received.length >= 1, 'the loopback server got the delivery');

    // The desk shows it delivered, with its one try and the response code.
    const delivery = webhook.getByTestId('delivery').first();
    for (let i = 0; i < 50; i++) {
      await panel.getByTestId('refresh-webhooks').click();
      await webhook.getByTestId('delivery').first().waitFor();
      if ((await delivery.getAttribute('data-status')) === 'DELIVERED') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(await delivery.getAttribute('data-status'), 'DELIVERED');
    assert.match(await delivery.getByTestId('delivery-summary').innerText(), /^doręczone · /);
    const attempt = delivery.getByTestId('attempt').first();
    assert.equal(await attempt.getAttribute('data-code'), '200');
    assert.match(await attempt.innerText(), /^Próba 1 · .+ · kod odpowiedzi 200 · \d+ ms$/);
    await shot(page, 'coordinator-webhook-delivered');

    // Sent again: the server gets it a second time, and the desk shows a second try.
    await delivery.getByTestId('redeliver').click();
    await panel.getByTestId('webhooks-notice').filter({ hasText: 'Doręczenie wróciło do kolejki' }).waitFor();
    await until(() => received.length >= 2, 'the delivery was sent again');
    assert.equal(received[1].headers['klastry-event-id'], received[0].headers['klastry-event-id']);
    for (let i = 0; i < 50; i++) {
      await panel.getByTestId('refresh-webhooks').click();
      await webhook.getByTestId('delivery').first().waitFor();
      if ((await delivery.getByTestId('attempt').count()) >= 2 && (await delivery.getAttribute('data-status')) === 'DELIVERED') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(await delivery.getByTestId('attempt').count(), 2);

    // Deleting asks first.
    await webhook.getByTestId('delete-webhook').click();
    await webhook.getByText('Tego nie da się cofnąć').waitFor();
    await webhook.getByTestId('confirm').focus();
    await page.keyboard.press('Enter');
    await panel.getByTestId('webhooks-notice').filter({ hasText: 'Webhook usunięty.' }).waitFor();
    await panel.getByText('Klaster nie ma webhooków.').waitFor();
    const left = await server.graphql(`{ webhooks(clusterId: "${clusterId}") { nodes { id } } }`, {}, token);
    assert.deepEqual(left.webhooks.nodes, []);
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  } finally {
    await new Promise((resolve) => hook.close(resolve));
  }
});
