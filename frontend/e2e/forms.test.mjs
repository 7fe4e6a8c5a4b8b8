// Forms people can trust, in headless Chromium against a real `klastry serve`: an application
// is not shown as a membership, an answered notice stays answered after a reload, leaving a
// cluster and deciding a request ask first (keyboard and Escape included), unknown records
// show the not-found page and refused values are worded (never the API's English), dates are
// entered to the year, month or day, the events calendar filters by cluster, and the ESCA page
// pages on past its first hundred labels. The ESCA test adds labels, so it runs last.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { COORDINATOR, MEMBER, OPERATOR, RECYCLING, apiSession, createAccount, day, memberOrganisation, openIn, pickSource, signIn } from './helpers.mjs';

let server;
let browser;
/** The member's organisation { id name } and an API session of the member. */
let organisation;
let memberToken;

before(async () => {
  server = await startServer();
  browser = await launch();
  memberToken = await apiSession(server, MEMBER);
  organisation = await memberOrganisation(server, memberToken);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** What the browser logged, less the 404 the server answers an unknown record's address with. */
function errorsBut404(page) {
  return page.pageErrors.filter((e) => !/status of 404/.test(e));
}

/** A cluster the member's organisation is not in and has not applied to: { id slug name }. */
async function clusterToApplyTo(skip = []) {
  const data = await server.graphql(
    'query($id: ID!) { organisation(id: $id) { memberships { status cluster { slug } } } clusters(first: 100) { nodes { id slug name } } }',
    { id: organisation.id },
    memberToken,
  );
  const taken = data.organisation.memberships.filter((m) => ['ACTIVE', 'PENDING'].includes(m.status)).map((m) => m.cluster?.slug);
  return data.clusters.nodes.find((c) => !taken.includes(c.slug) && !skip.includes(c.slug));
}

/** Applies for the member's organisation through the API; the membership's { id status }. */
async function apply(cluster) {
  const data = await server.graphql(
    'mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { membership { id version status } userErrors { field code } } }',
    { input: { clusterId: cluster.id, organisationId: organisation.id, message: 'Wniosek z testu formularzy.' } },
    memberToken,
  );
  assert.deepEqual(data.applyForMembership.userErrors, []);
  return data.applyForMembership.membership;
}

/** The membership's status now, as the member reads it. */
async function membershipStatus(id) {
  const data = await server.graphql(`{ node(id: "${id}") { ... on Membership { status } } }`, {}, memberToken);
  return data.node?.status;
}

/** Withdraws an application through the API (cleaning up after a test). */
async function withdraw(id) {
  const data = await server.graphql(`{ node(id: "${id}") { ... on Membership { version status } } }`, {}, memberToken);
  if (data.node?.status !== 'PENDING') return;
  await server.graphql(
    'mutation($input: LeaveClusterInput!) { leaveCluster(input: $input) { userErrors { code } } }',
    { input: { id, version: data.node.version } },
    memberToken,
  );
}

/** The element that has the focus: its data-test and text. */
async function focused(page) {
  return page.evaluate(() => ({ test: document.activeElement?.dataset?.test ?? null, text: document.activeElement?.textContent ?? '' }));
}

test('a pending application is listed apart on the organisation’s page as “wniosek oczekuje”, not as a membership', async () => {
  const cluster = await clusterToApplyTo();
  const membership = await apply(cluster);
  assert.equal(membership.status, 'PENDING');
  try {
    // Applications show to the organisation's own people (and the cluster's coordinators and
    // operators), who open the organisation's public page too.
    const page = await freshPage(browser, server.base);
    await signIn(page, MEMBER);
    await page.goto(`/organisations/${encodeURIComponent(organisation.id)}`);
    await page.getByTestId('organisation-page').waitFor();
    const pending = page.getByTestId('other-memberships').getByTestId('membership').filter({ hasText: cluster.name });
    await pending.waitFor();
    assert.equal(await pending.getAttribute('data-status'), 'PENDING');
    assert.equal(await pending.getByTestId('membership-state').innerText(), 'wniosek oczekuje');
    assert.equal(await page.getByTestId('memberships').getByText(cluster.name, { exact: true }).count(), 0, 'not among the clusters it is a member of');
    for (const state of await page.getByTestId('memberships').getByTestId('membership').all()) {
      assert.equal(await state.getAttribute('data-status'), 'ACTIVE');
    }
    await shot(page, 'forms-pending-application');

    await openIn(page, `/organisations/${encodeURIComponent(organisation.id)}`, 'en');
    await page.getByTestId('other-memberships').getByText('application pending').waitFor();
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  } finally {
    await withdraw(membership.id);
  }
});

test('after answering a notice and reloading, the card says it was answered instead of offering the form again', async () => {
  const operatorToken = await apiSession(server, OPERATOR);
  const { cluster } = await server.graphql('query($s: String!) { cluster(slug: $s) { coordinator { id } } }', { s: RECYCLING });
  const title = `Wspólne magazynowanie e2e ${Date.now()}`;
  const posted = await server.graphql(
    'mutation($input: PostCooperationOfferInput!) { postCooperationOffer(input: $input) { offer { id } userErrors { field code } } }',
    { input: { organisationId: cluster.coordinator.id, kind: 'OFFER', category: 'SHARED_RESOURCES', title, description: 'Hala na palety.' } },
    operatorToken,
  );
  assert.deepEqual(posted.postCooperationOffer.userErrors, []);

  const page = await freshPage(browser, server.base);
  await signIn(page, MEMBER);
  await page.goto('/cooperation');
  const card = page.getByTestId('offer').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  await card.getByLabel('Twoja odpowiedź').fill('Potrzebujemy 40 miejsc paletowych.');
  await card.getByRole('button', { name: 'Odpowiedz' }).click();
  await card.getByTestId('answered').filter({ hasText: 'Odpowiedź wysłana.' }).waitFor();

  await page.reload();
  await card.getByTestId('answered').filter({ hasText: 'Twoja organizacja odpowiedziała już na to ogłoszenie.' }).waitFor();
  assert.equal(await card.getByLabel('Twoja odpowiedź').count(), 0, 'no answer form after the reload');
  await card.locator('summary').filter({ hasText: 'Odpowiedź Twojej organizacji (1)' }).click();
  await card.getByText('Potrzebujemy 40 miejsc paletowych.').waitFor();
  await shot(page, 'forms-answered-after-reload');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('leaving a cluster asks first: the question takes the focus, Escape cancels, Enter confirms', async () => {
  const cluster = await clusterToApplyTo();
  const membership = await apply(cluster);
  try {
    const page = await freshPage(browser, server.base);
    await signIn(page, MEMBER);
    await page.goto('/my-organisation');
    const entry = page.getByTestId('my-clusters').getByRole('listitem').filter({ hasText: cluster.name });
    await entry.getByRole('button', { name: 'Wystąp' }).click();
    const question = entry.getByTestId('confirm-question');
    await question.getByText('Tego nie da się cofnąć.').waitFor();
    assert.match(await question.innerText(), /Czy na pewno wystąpić z tego klastra\?/);
    await page.waitForFunction(() => document.activeElement?.dataset?.test === 'confirm');
    await shot(page, 'forms-leave-question');

    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.dataset?.test === 'leave');
    assert.equal((await focused(page)).text, 'Wystąp', 'the focus is back on the button');
    assert.equal(await membershipStatus(membership.id), 'PENDING', 'nothing was sent');

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.dataset?.test === 'confirm');
    await page.keyboard.press('Enter');
    await entry.waitFor({ state: 'detached' });
    // A withdrawn application is gone; a membership that ended would be LEFT.
    assert.ok([undefined, 'LEFT'].includes(await membershipStatus(membership.id)), 'the application was withdrawn');
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  } finally {
    await withdraw(membership.id);
  }
});

test('approving a request to act for an organisation asks first, and cancelling sends nothing', async () => {
  const email = `prosba-${Date.now()}@klastry.test`;
  const password = 'ktoś-pyta-o-dostęp-2026';
  await createAccount(server, { email, password, displayName: 'Prosząca Osoba' });
  const token = await apiSession(server, { email, password });
  const asked = await server.graphql(
    'mutation($input: RequestToActInput!) { requestToActForOrganisation(input: $input) { request { id } userErrors { field code } } }',
    { input: { organisationId: organisation.id, message: 'Pracuję w tej organizacji.' } },
    token,
  );
  assert.deepEqual(asked.requestToActForOrganisation.userErrors, []);

  const page = await freshPage(browser, server.base);
  await signIn(page, MEMBER);
  await page.goto('/requests');
  const row = page.locator(`[data-test="request"][data-requester="${email}"]`);
  await row.getByRole('button', { name: 'Przyjmij' }).click();
  await row.getByText('Czy na pewno przyjąć ten wniosek?').waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset?.test === 'confirm');
  await row.getByTestId('cancel').first().click();
  await row.getByTestId('confirm-question').first().waitFor({ state: 'hidden' });
  await page.reload();
  await row.waitFor();

  await row.getByRole('button', { name: 'Przyjmij' }).click();
  await row.getByTestId('confirm').first().click();
  await page.getByTestId('notice').filter({ hasText: 'Decyzja zapisana.' }).waitFor();
  await row.waitFor({ state: 'detached' });
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('an unknown cluster or organisation shows the not-found page in the interface’s language, never the API’s text', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto('/clusters/nie-ma-takiego-klastra');
  await page.getByRole('heading', { level: 1, name: 'Nie ma takiej strony' }).waitFor();
  let body = await page.locator('main').innerText();
  assert.doesNotMatch(body, /NOT_FOUND|no cluster|Coś poszło nie tak/, body);
  assert.match(await page.title(), /^Nie ma takiej strony/);

  await openIn(page, '/organisations/nie-ma-takiej', 'en');
  await page.getByRole('heading', { level: 1, name: 'No such page' }).waitFor();
  // A well-formed ID of no organisation.
  await page.goto(`/organisations/${Buffer.from('Organisation:999999').toString('base64')}`);
  await page.getByRole('heading', { level: 1, name: 'No such page' }).waitFor();
  body = await page.locator('main').innerText();
  assert.doesNotMatch(body, /NOT_FOUND|BAD_USER_INPUT|not a valid ID|no organisation/, body);
  await shot(page, 'forms-not-found');
  assert.deepEqual(errorsBut404(page), []);
  await page.context().close();
});

/** Picks a cluster in the operator's record form by typing its name. */
async function pickCluster(form, name) {
  const picker = form.getByTestId('record-cluster');
  await picker.getByRole('searchbox').fill(name);
  await picker.getByTestId('candidate').filter({ hasText: name }).first().getByRole('button').click();
  await picker.getByTestId('chosen').waitFor();
}

test('dates go in to the year, the month or the day; a malformed year is worded under the field and never sent', async () => {
  const operatorToken = await apiSession(server, OPERATOR);
  const data = await server.graphql('{ clusters(first: 100) { nodes { id name escaLabels { id } } } }', {}, operatorToken);
  const cluster = data.clusters.nodes.find((c) => c.escaLabels.length === 0);
  assert.ok(cluster, 'a cluster without ESCA labels');

  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const form = page.getByTestId('record-form');
  await form.getByRole('radio', { name: 'Zapisz etykietę ESCA' }).check();
  await pickCluster(form, cluster.name);
  await pickSource(form, '000');
  const awarded = form.getByTestId('date-awardedOn');
  const year = awarded.getByLabel('Rok');
  const month = awarded.getByLabel('Miesiąc');
  const dayChoice = awarded.getByLabel('Dzień');
  assert.equal(await dayChoice.isDisabled(), true, 'no day before a month');

  // A two-digit year is refused at once, in words, and the form sends nothing the API would
  // answer in English.
  await year.fill('21');
  await awarded.getByTestId('error-awardedOn').filter({ hasText: 'Podaj rok czterema cyframi, np. 2024.' }).waitFor();
  assert.equal(await year.getAttribute('aria-invalid'), 'true');
  await form.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await page.waitForTimeout(300);
  let body = await page.locator('main').innerText();
  assert.doesNotMatch(body, /Invalid value|expected type|GRAPHQL_VALIDATION_FAILED/, body);

  // February of 2023 has 28 days to choose from; the date is kept to the month.
  await year.fill('2023');
  await month.selectOption('02');
  assert.equal(await dayChoice.isDisabled(), false);
  assert.equal(await dayChoice.locator('option').count(), 29, '“whole month” and 28 days');
  await awarded.getByTestId('error-awardedOn').filter({ hasText: 'Podaj rok' }).waitFor({ state: 'detached' });
  await form.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await form.getByRole('status').filter({ hasText: 'Zapisano w rejestrze.' }).waitFor();
  const recorded = await server.graphql(`{ cluster(id: "${cluster.id}") { escaLabels { awardedOn } } }`, {}, operatorToken);
  assert.deepEqual(recorded.cluster.escaLabels.map((l) => l.awardedOn), ['2023-02']);
  await shot(page, 'forms-partial-date');
  body = await page.locator('main').innerText();
  assert.doesNotMatch(body, /Invalid value|expected type/, body);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the events calendar filters by the cluster holding them, kept in the URL with a chip that removes it', async () => {
  const token = await apiSession(server, COORDINATOR);
  const { cluster } = await server.graphql('query($s: String!) { cluster(slug: $s) { id name } }', { s: RECYCLING });
  const name = `Warsztaty klastra e2e ${Date.now()}`;
  const created = await server.graphql(
    'mutation($input: CreateEventInput!) { createEvent(input: $input) { userErrors { field code } } }',
    { input: { clusterId: cluster.id, name, startsOn: day(20) } },
    token,
  );
  assert.deepEqual(created.createEvent.userErrors, []);

  const page = await freshPage(browser, server.base);
  await page.goto('/events');
  await page.getByTestId('total').waitFor();
  await page.getByTestId('facet-cluster').getByLabel('Wydarzenia klastra').selectOption({ label: cluster.name });
  await page.waitForURL((url) => url.searchParams.get('cluster') === cluster.id);
  const chip = page.getByTestId('chip').filter({ hasText: cluster.name });
  await chip.waitFor();
  await page.getByTestId('event-card').filter({ hasText: name }).waitFor();
  const { events } = await server.graphql(
    'query($f: CalendarFilter!) { events(filter: $f, order: SOONEST_FIRST, first: 20) { totalCount } }',
    { f: { from: day(0), clusters: [cluster.id] } },
  );
  await page.getByTestId('total').filter({ hasText: new RegExp(`: ${events.totalCount} `) }).waitFor();
  for (const card of await page.getByTestId('event-card').all()) {
    assert.ok((await card.innerText()).includes(cluster.name), 'every event is the cluster’s');
  }
  await shot(page, 'forms-events-by-cluster');

  await chip.click();
  await page.waitForURL((url) => !url.searchParams.has('cluster'));
  await chip.waitFor({ state: 'detached' });
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the ESCA page shows a hundred labels and “show more” adds the rest, keeping those read', async () => {
  const operatorToken = await apiSession(server, OPERATOR);
  const { escaLabels, clusters, sources } = await server.graphql('{ escaLabels(first: 1) { totalCount } clusters(first: 100) { nodes { id } } sources(first: 1) { nodes { id } } }');
  // Every label names its source document.
  const sourceId = sources.nodes[0].id;
  // Enough labels for a second page.
  const missing = 105 - escaLabels.totalCount;
  for (let i = 0; i < missing; i += 1) {
    const recorded = await server.graphql(
      'mutation($input: RecordEscaLabelInput!) { recordEscaLabel(input: $input) { userErrors { field code } } }',
      { input: { clusterId: clusters.nodes[i % clusters.nodes.length].id, level: 'BRONZE', awardedOn: String(2000 + (i % 20)), sourceId } },
      operatorToken,
    );
    assert.deepEqual(recorded.recordEscaLabel.userErrors, []);
  }
  const total = Math.max(105, escaLabels.totalCount);

  const page = await freshPage(browser, server.base);
  await page.goto('/esca');
  const rows = page.getByTestId('esca-table').locator('tbody tr');
  await page.getByTestId('esca-shown').filter({ hasText: `Pokazano 100 z ${total}` }).waitFor();
  assert.equal(await rows.count(), 100);
  const first = await rows.first().innerText();
  await page.getByTestId('more').click();
  await page.getByTestId('esca-shown').filter({ hasText: `Pokazano ${total} z ${total}` }).waitFor();
  assert.equal(await rows.count(), total);
  await page.getByTestId('more').waitFor({ state: 'detached' });
  assert.ok((await page.getByTestId('esca-table').innerText()).includes(first), 'the first page stays');
  await shot(page, 'forms-esca-more');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
