// End-to-end tests of notifications: the header's bell follows the unread count live (the
// `inbox` subscription over the WebSocket), falls back to HTTP and reconnects when the socket
// fails, and signs the page out when the server finds the session ended; the inbox lists
// notifications and marks them read, the account chooses how each kind is mailed, a cluster is
// followed from its page, searches are saved from the directory and the board (and a part of
// the board followed), the "stop these e-mails" link of a notification mail works once, and
// operators watch the pipeline. The server mails a real SMTP server (smtp.mjs). The tests run
// in order: later ones read what earlier ones left (an application, a mail).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { startSmtpSink, linkIn } from './smtp.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { OPERATOR, COORDINATOR, MEMBER, RECYCLING, signIn, apiSession, memberOrganisation, createAccount } from './helpers.mjs';

let sink;
let server;
let browser;

before(async () => {
  sink = await startSmtpSink();
  // The server checks a socket's caller again every second (30 s by default).
  server = await startServer({
    env: { KLASTRY_SMTP_URL: sink.url, KLASTRY_SOCKET_RECHECK_SECS: '1' },
    publicUrl: true,
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

/** The coordinator's unread count, read through the API. */
async function unreadOf(who) {
  const data = await server.graphql('{ unreadNotificationCount }', {}, await apiSession(server, who));
  return data.unreadNotificationCount;
}

/** `promise`, or a failure saying `why` after `ms`. */
async function within(promise, ms, why) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(why)), ms); });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The bell once it knows the count: its element and the count it shows. */
async function bellCount(page) {
  const bell = page.getByTestId('bell');
  await page.getByRole('link', { name: /^Powiadomienia: / }).waitFor();
  return Number(await bell.getAttribute('data-unread'));
}

test('a coordinator with the page open sees the bell rise when an organisation applies, and reading it in the inbox brings it back to none', async () => {
  const sockets = [];
  const page = await freshPage(browser, server.base);
  page.on('websocket', (socket) => sockets.push(socket));
  await signIn(page, COORDINATOR);
  await page.goto(`/clusters/${RECYCLING}`);
  await page.getByTestId('cluster-page').waitFor();
  const before = await bellCount(page);
  assert.equal(before, await unreadOf(COORDINATOR), 'the bell starts from the account’s count');
  assert.ok(sockets.some((s) => s.url().endsWith('/graphql/ws')), 'the page keeps a socket to /graphql/ws');
  // Nothing below reloads the page: a value set now must still be there at the end.
  await page.evaluate(() => { window.notReloaded = true; });

  // Another account applies to the coordinator's cluster through the API.
  const memberToken = await apiSession(server, MEMBER);
  const organisation = await memberOrganisation(server, memberToken);
  const cluster = await server.graphql('query($s: String!) { cluster(slug: $s) { id name } }', { s: RECYCLING });
  const applied = await server.graphql(
    'mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { membership { id } userErrors { code message } } }',
    { input: { clusterId: cluster.cluster.id, organisationId: organisation.id, message: 'Chcemy dołączyć.' } },
    memberToken,
  );
  assert.ok(applied.applyForMembership.membership, JSON.stringify(applied.applyForMembership.userErrors));

  // The count rises without a reload, well within the 30 s a poll would take.
  const bell = page.getByTestId('bell');
  await page.locator(`[data-test="bell"][data-unread="${before + 1}"]`).waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('bell-count').innerText(), String(before + 1));
  assert.match(await bell.getAttribute('aria-label'), new RegExp(`^Powiadomienia: ${before + 1} nieprzeczytan`));
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
  await shot(page, 'notifications-bell');

  // The inbox lists it, newest first, unread in words too.
  await bell.click();
  await page.waitForURL(/\/inbox$/);
  const newest = page.getByTestId('notification').first();
  await newest.waitFor();
  assert.equal(await newest.getAttribute('data-kind'), 'APPLICATION_RECEIVED');
  assert.equal(await newest.getAttribute('data-read'), 'false');
  assert.match(await newest.innerText(), new RegExp(`${organisation.name}.*chce dołączyć do klastra`));
  assert.equal(await newest.getByTestId('unread-mark').innerText(), 'nieprzeczytane');
  await shot(page, 'notifications-inbox');

  // Marking read: the item says so, and the bell comes back to where it was.
  await newest.getByRole('button', { name: 'Oznacz jako przeczytane' }).click();
  await page.getByTestId('inbox').getByTestId('notice').filter({ hasText: 'Oznaczono jako przeczytane.' }).waitFor();
  await page.locator('[data-test="notification"][data-read="true"][data-kind="APPLICATION_RECEIVED"]').first().waitFor();
  if (before > 0) {
    await page.getByTestId('mark-all-read').click();
  }
  await page.locator('[data-test="bell"][data-unread="0"]').waitFor();
  await page.getByRole('link', { name: 'Powiadomienia: brak nieprzeczytanych' }).waitFor();
  assert.equal(await page.getByTestId('bell-count').isVisible(), false, 'no badge at none unread');
  assert.equal(await unreadOf(COORDINATOR), 0);
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');

  // The unread filter now shows nothing, and says so.
  await page.getByTestId('inbox').getByLabel('Nieprzeczytane', { exact: true }).check();
  await page.getByTestId('inbox-empty').filter({ hasText: 'Wszystko przeczytane.' }).waitFor();
  await shot(page, 'notifications-inbox-read');

  // Signing out takes the bell away and closes the socket, and names the account nowhere.
  const socket = sockets.filter((s) => s.url().endsWith('/graphql/ws')).at(-1);
  assert.equal(socket.isClosed(), false, 'the socket is open while signed in');
  const closed = new Promise((resolve) => socket.once('close', resolve));
  await page.getByRole('button', { name: 'Wyloguj się' }).click();
  const signInLink = page.locator('.header').getByRole('link', { name: 'Zaloguj się' });
  await signInLink.waitFor();
  await within(closed, 5_000, 'the socket stayed open after signing out');
  assert.equal(await bell.count(), 0);
  assert.equal(await signInLink.getAttribute('title'), null);
  assert.doesNotMatch(await page.locator('.header').innerHTML(), /koordynator@klastry\.demo/);
  assert.deepEqual(page.pageErrors, []);
});

test('when the socket fails, the bell reads the count over HTTP, reconnects after a pause, and follows live again', async () => {
  const page = await freshPage(browser, server.base);
  // The first two sockets are closed at once, as a server that is restarting would; the third
  // goes through.
  let opened = 0;
  await page.routeWebSocket(/\/graphql\/ws$/, (socket) => {
    opened += 1;
    if (opened <= 2) {
      socket.close({ code: 1011, reason: 'restarting' });
    } else {
      socket.connectToServer();
    }
  });
  await signIn(page, MEMBER);
  const before = await bellCount(page);
  assert.equal(before, await unreadOf(MEMBER), 'the count is read over HTTP while no socket works');
  // 1 s, then 2 s (and up to a fifth more) before the third socket.
  const deadline = Date.now() + 10_000;
  while (opened < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(opened, 3, 'a third socket was opened after the pauses');

  // The coordinator admits the member's organisation (it applied in the first test): the
  // member is told live, through the third socket.
  const coordinatorToken = await apiSession(server, COORDINATOR);
  const organisation = await memberOrganisation(server, await apiSession(server, MEMBER));
  const { cluster } = await server.graphql(
    'query($s: String!) { cluster(slug: $s) { membershipApplications { id version organisation { id } } } }',
    { s: RECYCLING },
    coordinatorToken,
  );
  const application = cluster.membershipApplications.find((m) => m.organisation?.id === organisation.id);
  assert.ok(application, 'the application of the first test waits');
  const approved = await server.graphql(
    'mutation($input: DecideMembershipInput!) { approveMembership(input: $input) { membership { status } userErrors { code } } }',
    { input: { id: application.id, version: application.version } },
    coordinatorToken,
  );
  assert.equal(approved.approveMembership.membership?.status, 'ACTIVE', JSON.stringify(approved));
  await page.locator(`[data-test="bell"][data-unread="${before + 1}"]`).waitFor({ timeout: 10_000 });
  await page.getByTestId('bell').click();
  const newest = page.getByTestId('notification').first();
  await newest.waitFor();
  assert.equal(await newest.getAttribute('data-kind'), 'APPLICATION_DECIDED');
  await page.getByTestId('mark-all-read').click();
  await page.locator('[data-test="bell"][data-unread="0"]').waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('when the server closes the socket because the session ended elsewhere, the page signs out', async () => {
  const who = { email: `nina-${Date.now()}@example.org`, password: 'zielony-dach-nad-rzeką-4', displayName: 'Nina Sowa' };
  await createAccount(server, who);
  const sockets = [];
  const page = await freshPage(browser, server.base);
  page.on('websocket', (socket) => sockets.push(socket));
  await signIn(page, who);
  assert.equal(await bellCount(page), 0);
  const socket = sockets.find((s) => s.url().endsWith('/graphql/ws'));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  // Every session of the account ends (from another device): the server's next check closes
  // the socket (4401), the page's session cannot be renewed, and the page signs out.
  const elsewhere = await apiSession(server, { email: who.email, password: who.password });
  const ended = await server.graphql('mutation { signOutEverywhere { ok } }', {}, elsewhere);
  assert.equal(ended.signOutEverywhere.ok, true);
  await within(closed, 10_000, 'the server did not close the socket');
  await page.locator('.header').getByRole('link', { name: 'Zaloguj się' }).waitFor();
  assert.equal(await page.getByTestId('bell').count(), 0);
  // The browser logs the refused request that found the session ended; nothing else.
  assert.deepEqual(page.pageErrors.filter((e) => !/status of 401 \(Unauthorized\)/.test(e)), []);
});

test('the "stop these e-mails" link of a notification mail switches its kind off once, without signing in', async () => {
  // The application of the first test was mailed to the coordinator at once (the default).
  const mail = await sink.waitFor(COORDINATOR.email, 'chce dołączyć');
  const link = linkIn(mail, '/unsubscribe');
  assert.ok(link.startsWith(`${server.base}/unsubscribe?token=`), link);
  const page = await freshPage(browser, server.base);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Rezygnacja z wiadomości e-mail' }).waitFor();
  assert.equal(await page.getByTestId('unsubscribed').count(), 0, 'nothing is switched off before asking');
  await shot(page, 'notifications-unsubscribe-ask');
  await page.getByRole('button', { name: 'Nie wysyłaj mi tych wiadomości' }).click();
  const done = page.getByTestId('unsubscribed');
  await done.waitFor();
  assert.equal(await done.getByTestId('unsubscribed-kind').first().getAttribute('data-kind'), 'APPLICATION_RECEIVED');
  assert.match(await done.innerText(), /Wnioski o przyjęcie do Twojego klastra/);
  await shot(page, 'notifications-unsubscribed');

  const preferences = await server.graphql(
    '{ notificationPreferences { kind email isDefault } }',
    {},
    await apiSession(server, COORDINATOR),
  );
  const chosen = preferences.notificationPreferences.find((p) => p.kind === 'APPLICATION_RECEIVED');
  assert.deepEqual(chosen, { kind: 'APPLICATION_RECEIVED', email: 'NONE', isDefault: false });

  // The link works once.
  const again = await freshPage(browser, server.base);
  await again.goto(link);
  await again.getByRole('button', { name: 'Nie wysyłaj mi tych wiadomości' }).click();
  const refused = again.getByTestId('link-refused');
  await refused.waitFor();
  assert.match(await refused.innerText(), /ten link już nie działa/);
  // A link without a token is refused at once.
  await again.goto('/unsubscribe');
  await again.getByTestId('link-refused').waitFor();
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(again.pageErrors, []);
});

test('the account chooses how each kind is mailed, in words of either language', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await page.goto('/my-account#notifications');
  const settings = page.getByTestId('notification-settings');
  const received = settings.getByLabel('Wnioski o przyjęcie do Twojego klastra', { exact: true });
  await received.waitFor();
  // Switched off by the link of the test before.
  assert.equal(await received.inputValue(), 'NONE');
  await received.selectOption({ label: 'raz dziennie, zestawienie rano' });
  const row = settings.locator('[data-test="preference"][data-kind="APPLICATION_RECEIVED"]');
  await row.getByTestId('preference-saved').filter({ hasText: 'Zapisano.' }).waitFor();
  const decided = settings.locator('[data-test="preference"][data-kind="REQUEST_DECIDED"]');
  assert.match(await decided.innerText(), /ustawienie domyślne/);
  await shot(page, 'notifications-settings');

  await page.reload();
  await received.waitFor();
  assert.equal(await received.inputValue(), 'DAILY');
  await page.getByTestId('switch-language').click();
  await settings.getByLabel('Applications to join your cluster', { exact: true }).waitFor();
  assert.equal(
    await settings.getByLabel('Applications to join your cluster', { exact: true }).locator('option:checked').innerText(),
    'once a day, a morning digest',
  );
  await page.getByRole('link', { name: /^Notifications: / }).waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('a member follows a cluster from its page, sees it in the account’s settings, and stops following it there', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, MEMBER);
  await page.goto(`/clusters/${RECYCLING}`);
  const follow = page.getByTestId('follow');
  await follow.filter({ hasText: 'Obserwuj' }).waitFor();
  await page.locator('[data-test="follow"]:not([disabled])').waitFor();
  assert.equal(await follow.getAttribute('data-following'), 'false');
  await follow.click();
  await page.locator('[data-test="follow"][data-following="true"]').filter({ hasText: 'Obserwujesz' }).waitFor();
  await shot(page, 'notifications-following');
  await page.reload();
  await page.locator('[data-test="follow"][data-following="true"]').waitFor();

  await page.goto('/my-account#notifications');
  const { cluster } = await server.graphql('query($s: String!) { cluster(slug: $s) { name } }', { s: RECYCLING });
  const entry = page.getByTestId('follow-entry').filter({ hasText: cluster.name });
  await entry.waitFor();
  assert.match(await entry.innerText(), /^klaster: /);
  await entry.getByRole('button', { name: 'Przestań obserwować' }).click();
  await page.getByTestId('notification-settings').getByTestId('notice').filter({ hasText: 'Już tego nie obserwujesz.' }).waitFor();
  await page.getByText('Niczego nie obserwujesz.').waitFor();

  await page.goto(`/clusters/${RECYCLING}`);
  await page.locator('[data-test="follow"][data-following="false"]:not([disabled])').waitFor();
  // An organisation's page offers the same.
  const organisation = await memberOrganisation(server, await apiSession(server, MEMBER));
  await page.goto(`/organisations/${organisation.id}`);
  await page.locator('[data-test="follow"]:not([disabled])').click();
  await page.locator('[data-test="follow"][data-following="true"]').waitFor();
  // Visitors who are not signed in get no button.
  const visitor = await freshPage(browser, server.base);
  await visitor.goto(`/clusters/${RECYCLING}`);
  await visitor.getByTestId('cluster-page').waitFor();
  assert.equal(await visitor.getByTestId('follow').count(), 0);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(visitor.pageErrors, []);
});

test('a member saves a board search and a directory search, follows a sector in a voivodeship from the board, and finds them in the account’s settings', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, MEMBER);
  await page.goto('/cooperation');
  // The board's filter: a sector and a voivodeship, one of each.
  const sectorOption = page.locator('#offer-sector option').nth(1);
  await sectorOption.waitFor({ state: 'attached' });
  const [sector, sectorName] = [await sectorOption.getAttribute('value'), (await sectorOption.innerText()).trim()];
  const voivodeshipOption = page.locator('#offer-voivodeship option').nth(1);
  const [voivodeship, voivodeshipName] = [await voivodeshipOption.getAttribute('value'), (await voivodeshipOption.innerText()).trim()];
  assert.equal(await page.getByTestId('follow').count(), 0, 'no follow button without a sector or a voivodeship');
  await page.locator('#offer-sector').selectOption(sector);
  await page.locator('#offer-voivodeship').selectOption(voivodeship);
  const follow = page.locator('[data-test="follow"]:not([disabled])').filter({ hasText: 'Obserwuj ten sektor w tym województwie' });
  await follow.click();
  await page.locator('[data-test="follow"][data-following="true"]').waitFor();

  const board = page.getByTestId('save-search');
  await board.locator('summary').click();
  const boardName = board.getByLabel('Nazwa wyszukiwania');
  assert.equal(await boardName.inputValue(), `${sectorName}, ${voivodeshipName}`);
  await boardName.fill('Tablica: mój sektor');
  await board.getByRole('button', { name: 'Zapisz wyszukiwanie' }).click();
  await board.getByTestId('done').filter({ hasText: 'Wyszukiwanie zapisane.' }).waitFor();
  await shot(page, 'notifications-save-board-search');

  // The directory, filtered by the same voivodeship and KKK status: its name is suggested.
  await page.goto(`/clusters?voivodeship=${voivodeship}&kkk=active`);
  const directory = page.getByTestId('save-search');
  await directory.locator('summary').click();
  const directoryName = directory.getByLabel('Nazwa wyszukiwania');
  await page.waitForFunction(
    ([name]) => document.querySelector('[data-test="save-search"] input')?.value.startsWith(name),
    [voivodeshipName],
  );
  const suggested = await directoryName.inputValue();
  assert.match(suggested, /KKK/);
  await directory.getByRole('button', { name: 'Zapisz wyszukiwanie' }).click();
  await directory.getByTestId('done').waitFor();

  await page.goto('/my-account#notifications');
  const searches = page.getByTestId('saved-search');
  await searches.filter({ hasText: 'Tablica: mój sektor' }).filter({ hasText: 'tablica współpracy' }).waitFor();
  await searches.filter({ hasText: suggested }).filter({ hasText: 'katalog klastrów' }).waitFor();
  await page.getByTestId('follow-entry').filter({ hasText: `${sectorName} · ${voivodeshipName}` }).waitFor();
  await shot(page, 'notifications-saved-searches');

  // Saved as many as an account may: the next is refused, in words.
  const token = await apiSession(server, MEMBER);
  const saved = await server.graphql('{ savedSearches { id } }', {}, token);
  for (let n = saved.savedSearches.length; n < 20; n += 1) {
    await server.graphql(
      'mutation($input: SaveSearchInput!) { saveSearch(input: $input) { savedSearch { id } } }',
      { input: { name: `Wyszukiwanie ${n}`, scope: 'DIRECTORY' } },
      token,
    );
  }
  await page.goto('/clusters');
  await page.getByTestId('save-search').locator('summary').click();
  await page.getByTestId('save-search').getByRole('button', { name: 'Zapisz wyszukiwanie' }).click();
  await page.getByTestId('save-search').getByRole('alert').filter({ hasText: 'masz już najwięcej zapisanych wyszukiwań' }).waitFor();
  // Visitors who are not signed in are offered neither.
  const visitor = await freshPage(browser, server.base);
  await visitor.goto('/cooperation');
  await visitor.getByTestId('offer-search').waitFor();
  assert.equal(await visitor.getByTestId('save-search').count(), 0);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(visitor.pageErrors, []);
});

test('operators read the notification pipeline beside the outbox', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator#outbox');
  const pipeline = page.getByTestId('pipeline');
  await pipeline.waitFor();
  const lastDay = pipeline.getByTestId('pipeline-notificationsLastDay');
  assert.match(await lastDay.innerText(), /powiadomień w ostatniej dobie/);
  assert.ok(Number((await lastDay.locator('strong').innerText()).replace(/\s/g, '')) >= 1, 'the application of the first test counts');
  assert.ok(Number((await pipeline.getByTestId('pipeline-mailsSent').locator('strong').innerText()).replace(/\s/g, '')) >= 1);
  assert.equal(await pipeline.locator('li').count(), 9);
  await shot(page, 'notifications-pipeline');
  assert.deepEqual(page.pageErrors, []);
});
