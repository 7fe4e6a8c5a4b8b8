// End-to-end tests of the signed-in desks, the cooperation board, keyboard use and the figures
// the public pages show, in headless Chromium against a real `klastry serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { OPERATOR, COORDINATOR, MEMBER, RECYCLING, signIn, apiSession, memberOrganisation, day, shownNumber, fillDate, dateValue, pickCluster, pickSource } from './helpers.mjs';

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

/** Clusters that hold no KKK certification at all, in the API's order. */
async function clustersWithoutKkk() {
  const data = await server.graphql('{ clusters(first: 100) { nodes { id slug name kkkCertifications { id } } } }');
  return data.clusters.nodes.filter((c) => c.kkkCertifications.length === 0);
}

async function kkkCertificationsOf(slug) {
  const data = await server.graphql(
    'query($s: String!) { cluster(slug: $s) { kkkCertifications { id awardedOn validUntil round { number } } } }',
    { s: slug },
  );
  return data.cluster.kkkCertifications;
}

test('an operator records a KKK certification and the cluster shows it active on its page', async () => {
  const [cluster] = await clustersWithoutKkk();
  assert.ok(cluster, 'the demo registry has a cluster without a KKK certification');
  const awarded = day(-30);
  const until = day(365);

  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.getByRole('link', { name: 'Biurko operatora' }).click();
  const form = page.getByTestId('record-form');
  await form.waitFor();
  assert.equal(await form.getByRole('radio', { name: 'Zapisz status KKK' }).isChecked(), true, 'KKK is the default');
  await pickCluster(form.getByTestId('record-cluster'), cluster.name);
  // The demo's last round (VI) ended on 17 Dec 2025 and no status of a round outlives its
  // term, so a status valid today is a later renewal, recorded without a round.
  await form.getByLabel('Nabór KKK').selectOption('');
  await fillDate(form, 'Data przyznania', awarded);
  await fillDate(form, 'Ważny do', until);
  // Every record names the document it comes from.
  await pickSource(form, '004');
  await form.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await form.getByRole('status').filter({ hasText: 'Zapisano w rejestrze.' }).waitFor();
  await shot(page, 'operator-recorded-kkk');

  const recorded = await kkkCertificationsOf(cluster.slug);
  assert.equal(recorded.length, 1);
  assert.equal(recorded[0].round, null);
  assert.equal(recorded[0].awardedOn, awarded);
  assert.equal(recorded[0].validUntil, until);

  await page.goto(`/clusters/${cluster.slug}`);
  await page.getByTestId('cluster-page').waitFor();
  const entry = page.getByTestId('timeline-kkk');
  await entry.first().waitFor();
  assert.equal(await entry.count(), 1);
  assert.match(await entry.innerText(), /Krajowy Klaster Kluczowy/);
  assert.equal(await entry.locator('.badge').innerText(), 'aktywny');
  assert.equal(await page.getByTestId('kkk-status').innerText(), 'aktywny');
  await shot(page, 'operator-recorded-kkk-cluster');

  // The KKK page counts a status recorded without a round among today's holders, saying the
  // source gives no round, and not among those who lost it.
  await page.goto('/kkk');
  const holder = page.getByTestId('kkk-holders').getByTestId('kkk-holder').filter({ hasText: cluster.name });
  await holder.waitFor();
  assert.match(await holder.innerText(), /nabór niepodany w źródle/);
  assert.equal(await page.getByTestId('kkk-lost').getByText(cluster.name, { exact: true }).count(), 0);
  const { clusters } = await server.graphql(
    'query($on: Date!) { clusters(filter: { kkkActiveOn: $on }, first: 100) { totalCount } }',
    { on: day(0) },
  );
  assert.match(await page.getByTestId('kkk-holders').locator('h2').innerText(), new RegExp(`\\(${clusters.totalCount}\\)`));
  assert.deepEqual(page.pageErrors, []);
});

test('the operator’s desk refuses a validity period that ends before the award date, next to the field, and records nothing', async () => {
  const candidates = await clustersWithoutKkk();
  // Another cluster than the one the previous test certifies, whatever the order tests run in.
  const cluster = candidates[candidates.length - 1];
  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const form = page.getByTestId('record-form');
  await form.waitFor();
  await pickCluster(form.getByTestId('record-cluster'), cluster.name);
  await form.getByLabel('Nabór KKK').selectOption('6');
  await fillDate(form, 'Data przyznania', day(-30));
  await fillDate(form, 'Ważny do', day(-400));
  await pickSource(form, '004');
  await form.getByRole('button', { name: 'Zapisz', exact: true }).click();

  const error = page.getByTestId('error-validUntil');
  await error.filter({ hasText: /\S/ }).waitFor();
  assert.equal(await form.getByRole('group', { name: 'Ważny do' }).getByLabel('Rok').getAttribute('aria-invalid'), 'true');
  assert.equal(await form.getByRole('status').filter({ hasText: 'Zapisano w rejestrze.' }).count(), 0);
  assert.equal(await dateValue(form, 'Ważny do'), day(-400), 'what was typed is kept');
  await shot(page, 'operator-reversed-period');

  assert.deepEqual(await kkkCertificationsOf(cluster.slug), [], 'nothing was recorded');
  assert.deepEqual(page.pageErrors, []);
});

/** Applies through the member's "my organisation" desk, the page being signed in as a member. */
async function applyThroughDesk(page, clusterName, message) {
  await page.goto('/my-organisation');
  const applyForm = page.getByTestId('apply-form');
  await applyForm.waitFor();
  await applyForm.getByLabel('Wybierz klaster').selectOption({ label: clusterName });
  await applyForm.getByLabel('Wiadomość do koordynatora').fill(message);
  await applyForm.getByRole('button', { name: 'Złóż wniosek' }).click();
  const entry = page.getByTestId('my-clusters').getByRole('listitem').filter({ hasText: clusterName });
  await entry.filter({ hasText: 'wniosek czeka' }).waitFor();
  return entry;
}

/** The slugs of the clusters the organisation is in or has applied to. */
async function currentClusters(organisationId, token) {
  const data = await server.graphql(
    'query($id: ID!) { organisation(id: $id) { memberships { status cluster { slug } } } }',
    { id: organisationId },
    token,
  );
  return data.organisation.memberships
    .filter((m) => ['ACTIVE', 'PENDING'].includes(m.status))
    .map((m) => m.cluster?.slug);
}

test('a member applies to a cluster from “my organisation”, the coordinator gets the application, and the member withdraws it', async () => {
  const memberToken = await apiSession(server, MEMBER);
  const organisation = await memberOrganisation(server, memberToken);
  const taken = await currentClusters(organisation.id, memberToken);
  // The coordinator's own cluster when the member can still apply to it, else another one,
  // checked with the operator, who reads every cluster's applications.
  let slug = RECYCLING;
  let checker = COORDINATOR;
  if (taken.includes(RECYCLING)) {
    slug = (await clustersWithoutKkk()).map((c) => c.slug).find((s) => !taken.includes(s));
    checker = OPERATOR;
  }
  const { cluster } = await server.graphql('query($s: String!) { cluster(slug: $s) { name } }', { s: slug });
  const checkerToken = await apiSession(server, checker);
  const applicants = async () => {
    const data = await server.graphql(
      'query($s: String!) { cluster(slug: $s) { membershipApplications { organisation { name } } } }',
      { s: slug },
      checkerToken,
    );
    return data.cluster.membershipApplications.map((a) => a.organisation?.name);
  };

  const page = await freshPage(browser, server.base);
  await signIn(page, MEMBER);
  await page.getByRole('link', { name: 'Moja organizacja' }).click();
  await page.getByTestId('apply-form').waitFor();
  const entry = await applyThroughDesk(page, cluster.name, 'Chcemy współpracować przy recyklingu.');
  await shot(page, 'member-applied');
  assert.deepEqual(await applicants(), [organisation.name], `the ${checker === COORDINATOR ? 'coordinator' : 'operator'} sees the application`);

  await entry.getByRole('button', { name: 'Wystąp' }).click();
  await entry.getByTestId('confirm').click();
  await entry.waitFor({ state: 'detached' });
  await shot(page, 'member-withdrew');
  assert.deepEqual(await applicants(), [], 'the application is withdrawn');
  assert.deepEqual(page.pageErrors, []);
});

test(
  'the member’s desk confirms that an application was sent and that it was withdrawn',
  async () => {
    const memberToken = await apiSession(server, MEMBER);
    const organisation = await memberOrganisation(server, memberToken);
    const taken = await currentClusters(organisation.id, memberToken);
    const cluster = (await clustersWithoutKkk()).find((c) => c.slug !== RECYCLING && !taken.includes(c.slug));
    const page = await freshPage(browser, server.base);
    await signIn(page, MEMBER);
    // The list shows the application once the desk has reloaded after applying.
    const entry = await applyThroughDesk(page, cluster.name, 'Prosimy o przyjęcie.');
    const notice = page.getByTestId('membership-notice');
    await shot(page, 'member-applied-notice');
    try {
      assert.equal(await notice.filter({ hasText: 'Wniosek złożony: czeka na decyzję koordynatora.' }).count(), 1, 'the applied notice is still shown');
      await entry.getByRole('button', { name: 'Wystąp' }).click();
      await entry.getByTestId('confirm').click();
      await entry.waitFor({ state: 'detached' });
      assert.equal(await notice.filter({ hasText: 'Organizacja wystąpiła z klastra.' }).count(), 1, 'the left notice is shown');
      assert.deepEqual(page.pageErrors, []);
    } finally {
      // Leave no pending application behind for the other tests.
      const data = await server.graphql(
        'query($id: ID!) { organisation(id: $id) { memberships { id version status cluster { slug } } } }',
        { id: organisation.id },
        memberToken,
      );
      const pending = data.organisation.memberships.find((m) => m.status === 'PENDING' && m.cluster?.slug === cluster.slug);
      if (pending) {
        await server.graphql(
          'mutation($input: LeaveClusterInput!) { leaveCluster(input: $input) { userErrors { message } } }',
          { input: { id: pending.id, version: pending.version } },
          memberToken,
        );
      }
    }
  },
);

/** Posts an offer for the organisation that coordinates the coordinator's cluster. The
 * coordinator account acts for no organisation (the API answers FORBIDDEN when it posts for
 * the coordinating organisation), so the operator posts it. */
async function postOffer(title) {
  const operatorToken = await apiSession(server, OPERATOR);
  const { cluster } = await server.graphql('query($s: String!) { cluster(slug: $s) { coordinator { id } } }', { s: RECYCLING });
  const posted = await server.graphql(
    `mutation($input: PostCooperationOfferInput!) {
      postCooperationOffer(input: $input) { offer { id title organisation { id name } } userErrors { field message } }
    }`,
    {
      input: {
        organisationId: cluster.coordinator.id,
        kind: 'OFFER',
        category: 'RECYCLATES',
        title,
        description: 'Oferujemy regranulat w partiach po 5 ton.',
      },
    },
    operatorToken,
  );
  assert.deepEqual(posted.postCooperationOffer.userErrors, []);
  return posted.postCooperationOffer.offer;
}

/** The card of the offer on the cooperation board. */
function offerCard(page, offer) {
  return page.getByTestId('offer').filter({ has: page.getByRole('heading', { name: offer.title, exact: true }) });
}

test('a member answers another organisation’s offer on the cooperation board and that organisation reads the answer', async () => {
  const memberToken = await apiSession(server, MEMBER);
  const own = await memberOrganisation(server, memberToken);
  const board = await server.graphql('{ cooperationOffers(first: 100) { nodes { id title organisation { id name } } } }');
  const offer =
    board.cooperationOffers.nodes.find((o) => o.organisation && o.organisation.id !== own.id) ??
    (await postOffer('Regranulat PET z odzysku'));
  // An account that acts for the offer's organisation, to read the answers as it does.
  const operatorToken = await apiSession(server, OPERATOR);
  const reader = { email: 'oferent@klastry.test', password: 'kto-pyta-nie-błądzi-2026' };
  const created = await server.graphql(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { field message } } }',
    { input: { ...reader, displayName: 'Oferent' } },
    operatorToken,
  );
  assert.deepEqual(created.createUser.userErrors, []);
  const granted = await server.graphql(
    'mutation($input: GrantRoleInput!) { grantRole(input: $input) { userErrors { field message } } }',
    { input: { userId: created.createUser.user.id, role: 'MEMBER', organisationId: offer.organisation.id } },
    operatorToken,
  );
  assert.deepEqual(granted.grantRole.userErrors, []);

  const answer = 'Jesteśmy zainteresowani, prosimy o kontakt.';
  const page = await freshPage(browser, server.base);
  await signIn(page, MEMBER);
  await page.getByRole('link', { name: 'Współpraca' }).click();
  const card = offerCard(page, offer);
  await card.waitFor();
  await card.getByLabel('Twoja odpowiedź').fill(answer);
  await card.getByRole('button', { name: 'Odpowiedz' }).click();
  // The board reloads and shows the member its own answer.
  await card.locator('summary').filter({ hasText: 'Odpowiedź Twojej organizacji (1)' }).waitFor();
  await card.locator('summary').click();
  await card.getByText(answer).waitFor();
  await shot(page, 'cooperation-answered');

  const readerToken = await apiSession(server, reader);
  const seen = await server.graphql(
    'query($org: ID) { cooperationOffers(filter: { organisationId: $org }, first: 100) { nodes { id responses { organisation { name } message } } } }',
    { org: offer.organisation.id },
    readerToken,
  );
  const read = seen.cooperationOffers.nodes.find((o) => o.id === offer.id);
  assert.deepEqual(read.responses, [{ organisation: { name: own.name }, message: answer }]);
  assert.deepEqual(page.pageErrors, []);
});

test(
  'after answering an offer the member keeps seeing “Odpowiedź wysłana.” instead of a fresh answer form',
  async () => {
    const offer = await postOffer('Wspólne laboratorium badań recyklatów');
    const page = await freshPage(browser, server.base);
    await signIn(page, MEMBER);
    await page.goto('/cooperation');
    const card = offerCard(page, offer);
    await card.getByLabel('Twoja odpowiedź').fill('Chętnie skorzystamy.');
    await card.getByRole('button', { name: 'Odpowiedz' }).click();
    // Wait until the board has reloaded with the answer, then look at what the member sees.
    await card.locator('summary').filter({ hasText: 'Odpowiedź Twojej organizacji (1)' }).waitFor();
    await shot(page, 'cooperation-answered-confirmation');
    assert.equal(await card.getByRole('status').filter({ hasText: 'Odpowiedź wysłana.' }).count(), 1, 'the confirmation stays');
    assert.equal(await card.getByLabel('Twoja odpowiedź').count(), 0, 'no new answer form');
    assert.deepEqual(page.pageErrors, []);
  },
);

test('anonymous visitors of the desks are asked to sign in, and a member is told the operator’s desk is not theirs', async () => {
  const page = await freshPage(browser, server.base);
  for (const path of ['/coordinator', '/operator', '/my-organisation']) {
    await page.goto(path);
    const main = page.locator('main');
    const prompt = main.locator('.notice').filter({ hasText: 'Zaloguj się, aby zobaczyć tę stronę.' });
    await prompt.waitFor();
    const href = await prompt.getByRole('link', { name: 'Zaloguj się' }).getAttribute('href');
    assert.ok([`/sign-in`, `/sign-in?next=${path}`].includes(href), `the prompt links to the sign-in page (${href})`);
    assert.equal(await main.locator('.error').count(), 0, `${path} shows no error`);
    await shot(page, `anonymous${path.replace('/', '-')}`);
  }
  assert.deepEqual(page.pageErrors, []);

  const member = await freshPage(browser, server.base);
  await signIn(member, MEMBER);
  assert.equal(await member.getByRole('link', { name: 'Biurko operatora' }).count(), 0, 'no operator link for a member');
  await member.goto('/operator');
  await member.locator('main .notice').filter({ hasText: 'Ta strona jest dla operatorów rejestru.' }).waitFor();
  assert.equal(await member.getByTestId('record-form').count(), 0);
  await shot(member, 'member-on-operator-desk');
  assert.deepEqual(member.pageErrors, []);
});

/** What has the keyboard focus. */
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    return { tag: e?.tagName, id: e?.id, text: e?.textContent?.trim() };
  });
}

test(
  'on the directory the first Tab reaches the “Przejdź do treści” skip link, and Enter on it moves the focus to the main content',
  async () => {
    const page = await freshPage(browser, server.base);
    await page.goto('/clusters');
    await page.getByTestId('total').waitFor();
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(page), { tag: 'A', id: '', text: 'Przejdź do treści' }, 'the skip link comes first');
    await shot(page, 'keyboard-skip-link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main', null, { timeout: 5_000 });
    // The next Tab continues inside the main content: the search field.
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'cluster-search');
    assert.deepEqual(page.pageErrors, []);
  },
);

test('the directory’s search field can be reached with Tab and typed into, and the results follow', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto('/clusters');
  const total = page.getByTestId('total');
  await total.waitFor();
  const before = await total.innerText();

  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Przejdź do treści', 'the skip link is the first Tab stop');
  let tabs = 1;
  while ((await focused(page)).id !== 'cluster-search') {
    assert.ok(tabs < 20, `the search field is reached within 20 Tabs (now on ${JSON.stringify(await focused(page))})`);
    await page.keyboard.press('Tab');
    tabs += 1;
  }
  await page.keyboard.type('swiatlowodow');
  await page.getByTestId('cluster-card').filter({ hasText: 'Klaster Fotoniki i Światłowodów' }).waitFor();
  await total.filter({ hasText: '1 pasujący klaster' }).waitFor();
  assert.notEqual(await total.innerText(), before, 'the results changed');
  assert.equal(await page.getByTestId('cluster-card').count(), 1);
  assert.equal(await page.getByLabel('Szukaj klastra').inputValue(), 'swiatlowodow', 'every key reached the field');
  assert.match(page.url(), /q=swiatlowodow/);
  await shot(page, 'keyboard-search');
  assert.deepEqual(page.pageErrors, []);
});

test('the home page shows the statistics of the API, and a voivodeship tile opens the directory filtered to it', async () => {
  const { statistics } = await server.graphql(`{
    statistics {
      clusterCount memberOrganisationCount kkk { active }
      esca { clusters { active } }
      clustersByVoivodeship { voivodeship { code } count }
    }
  }`);
  const page = await freshPage(browser, server.base);
  await page.goto('/');
  const figure = async (key) => shownNumber(await page.getByTestId(`stat-${key}`).locator('strong').innerText());
  await page.getByTestId('stat-clusters').waitFor();
  assert.equal(await figure('clusters'), statistics.clusterCount);
  assert.equal(await figure('organisations'), statistics.memberOrganisationCount);
  assert.equal(await figure('kkk'), statistics.kkk.active);
  assert.equal(await figure('esca'), statistics.esca.reduce((sum, e) => sum + e.clusters.active, 0));
  await shot(page, 'home-statistics');

  const busiest = statistics.clustersByVoivodeship
    .filter((v) => v.voivodeship)
    .sort((a, b) => b.count - a.count)[0];
  assert.ok(busiest && busiest.count > 0, 'some voivodeship has clusters');
  const code = busiest.voivodeship.code;
  const { clusters } = await server.graphql(
    'query($v: [VoivodeshipCode!]) { clusters(filter: { voivodeships: $v }) { totalCount } }',
    { v: [code] },
  );
  const tile = page.getByTestId('tile-map').locator(`a[href="/clusters?voivodeship=${code}"]`);
  assert.equal(shownNumber(await tile.locator('.tile-count').innerText()), busiest.count);
  await tile.click();
  await page.waitForURL(`**/clusters?voivodeship=${code}`);
  const expected = clusters.totalCount === 1 ? '1 pasujący klaster' : `${clusters.totalCount} pasując`;
  await page.getByTestId('total').filter({ hasText: expected }).waitFor();
  assert.equal(shownNumber((await page.getByTestId('total').innerText()).replace(/\D+/g, ' ')), clusters.totalCount);
  assert.equal(await page.getByTestId('cluster-card').count(), Math.min(clusters.totalCount, 20));
  assert.equal(await page.locator(`#facet-voivodeship-${code}`).isChecked(), true, 'the facet shows the filter');
  await shot(page, 'home-tile-to-directory');
  assert.deepEqual(page.pageErrors, []);
});

test('the ESCA page lists every label the API has', async () => {
  const { escaLabels } = await server.graphql('{ escaLabels(first: 100) { nodes { id } } }');
  assert.ok(escaLabels.nodes.length > 0, 'the demo registry has ESCA labels');
  const page = await freshPage(browser, server.base);
  await page.goto('/esca');
  const rows = page.getByTestId('esca-table').locator('tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), escaLabels.nodes.length);
  await shot(page, 'esca-page');
  assert.deepEqual(page.pageErrors, []);
});

test('a member posts a request on the cooperation board: a missing title is refused next to the field, then the notice appears', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, MEMBER);
  await page.goto('/cooperation');
  const form = page.getByTestId('post-offer');
  await form.getByText('Dodaj ogłoszenie').first().click();
  await form.getByLabel('zapytanie').check();
  // The expiry is a day: a month alone is refused under the field before anything is sent.
  const expires = day(30);
  await fillDate(form, 'Ważne do', expires.slice(0, 7));
  assert.equal(await form.getByTestId('error-expiresOn').innerText(), 'Wybierz miesiąc i dzień.');
  await fillDate(form, 'Ważne do', expires);
  assert.equal(await form.getByTestId('error-expiresOn').innerText(), '');
  await form.getByLabel('Opis').fill('Szukamy dostawcy granulatu PET z recyklingu, 20 t miesięcznie.');
  await form.getByRole('button', { name: 'Dodaj ogłoszenie' }).click();
  await page.getByTestId('error-title').filter({ hasText: /\S/ }).waitFor();
  assert.equal(await form.getByLabel('Opis').inputValue(), 'Szukamy dostawcy granulatu PET z recyklingu, 20 t miesięcznie.');

  await form.getByLabel('Tytuł').fill('Dostawca recyklatu PET');
  await form.getByRole('button', { name: 'Dodaj ogłoszenie' }).click();
  await page.getByTestId('offer-posted').waitFor();
  const card = page.getByTestId('offer').filter({ hasText: 'Dostawca recyklatu PET' });
  await card.waitFor();
  assert.match(await card.innerText(), /zapytanie/);
  await shot(page, 'cooperation-posted');
  assert.deepEqual(page.pageErrors, []);
});

test('a coordinator creates an API token on the desk, a partner system uses it, and the coordinator revokes it', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await page.getByRole('link', { name: 'Biurko koordynatora' }).click();
  const panel = page.getByTestId('api-tokens');
  await panel.getByText('Klaster nie ma jeszcze tokenów.').waitFor();
  await panel.getByLabel('Do czego służy token').fill('CRM członków');
  await panel.getByLabel('prowadzi listę członków (wnioski, przyjęcia)').check();
  await panel.getByRole('button', { name: 'Utwórz token' }).click();
  const secret = (await page.getByTestId('new-token').innerText()).trim();
  assert.match(secret, /^klt_/);
  const entry = panel.getByTestId('api-token').filter({ hasText: 'CRM członków' });
  await entry.waitFor();
  await shot(page, 'api-token-created');

  // The partner's system reads the cluster's private queue with it.
  const ask = (token) =>
    fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ cluster(slug: "${RECYCLING}") { membershipApplications { id } } }` }),
    });
  const answer = await ask(secret);
  assert.equal(answer.status, 200);
  assert.ok(Array.isArray((await answer.json()).data.cluster.membershipApplications));

  await page.reload();
  await entry.filter({ hasText: 'ostatnio użyty' }).waitFor();
  await entry.getByTestId('revoke-token').click();
  await entry.getByTestId('confirm').click();
  await panel.getByTestId('api-token').filter({ hasText: 'unieważniony' }).waitFor();
  assert.equal((await ask(secret)).status, 401);
  assert.deepEqual(page.pageErrors, []);
});

test('the cooperation board searches its notices as you type, ignoring diacritics', async () => {
  await server.graphql(
    'mutation($input: PostCooperationOfferInput!) { postCooperationOffer(input: $input) { userErrors { message } } }',
    {
      input: {
        organisationId: (await memberOrganisation(server, await apiSession(server, MEMBER))).id,
        kind: 'OFFER',
        category: 'SHARED_RESOURCES',
        title: 'Wolne moce przerobowe: gięcie blach',
        description: 'Udostępnimy prasę krawędziową w drugiej zmianie.',
        expiresOn: day(60),
      },
    },
    await apiSession(server, MEMBER),
  );
  const page = await freshPage(browser, server.base);
  await page.goto('/cooperation');
  await page.getByLabel('Szukaj w ogłoszeniach').fill('giecie');
  await page.getByTestId('offer').filter({ hasText: 'Wolne moce przerobowe: gięcie blach' }).waitFor();
  await page.getByLabel('Szukaj w ogłoszeniach').fill('zzzz-nic');
  await page.getByText('Nic nie znaleziono.').waitFor();
  await shot(page, 'cooperation-search');
  assert.deepEqual(page.pageErrors, []);
});
