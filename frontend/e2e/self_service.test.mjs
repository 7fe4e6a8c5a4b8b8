// End-to-end tests of self-service: signing up and verifying the address, a forgotten
// password, cluster submissions and their review, invitations and requests to act for an
// organisation. The server sends its mail to a real SMTP server (smtp.mjs), and the tests
// follow the links in it, as a person would.
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
  // The SMTP server turns the first mail away once (451), so the outbox shows a retry.
  sink = await startSmtpSink({ failFirst: 1 });
  server = await startServer({
    env: { KLASTRY_SMTP_URL: sink.url, KLASTRY_MAIL_RETRY_BASE_MS: '300' },
    publicUrl: true,
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

const PASSWORD = 'zielony-dach-nad-rzeką-4';
let serial = 0;
/** A new address for each account a test makes. */
function address(who) {
  serial += 1;
  return `${who}-${serial}-${Date.now()}@example.org`;
}

/** Signs in through the sign-in page with an account made in a test. */
async function signInAs(page, email, password = PASSWORD) {
  await signIn(page, { email, password });
}

test('a visitor signs up, is told to confirm the address, follows the mailed link and is signed in', async () => {
  const email = address('anna');
  const page = await freshPage(browser, server.base);
  await page.goto('/sign-in');
  await page.getByRole('main').getByRole('link', { name: 'Załóż konto' }).click();
  const form = page.getByTestId('sign-up-form');
  await form.waitFor();
  assert.match(await form.innerText(), /Od 10 do 128 znaków/, 'the password policy is told before typing');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Hasło').fill('krótkie');
  await form.getByLabel('Imię i nazwisko (widoczne dla innych)').fill('Anna Nowak');
  await form.getByRole('button', { name: 'Załóż konto' }).click();
  await page.getByTestId('error-password').filter({ hasText: /co najmniej 10 znaków/ }).waitFor();
  await form.getByLabel('Hasło').fill(PASSWORD);
  await form.getByRole('button', { name: 'Załóż konto' }).click();
  const check = page.getByTestId('check-mail');
  await check.waitFor();
  assert.match(await check.innerText(), new RegExp(email.replace(/[.+]/g, '\\$&')));
  await shot(page, 'self-service-check-mail');

  // Signing in before following the link: the password is right, the address not confirmed.
  const early = await freshPage(browser, server.base);
  await early.goto('/sign-in');
  await early.getByLabel('E-mail').fill(email);
  await early.getByLabel('Hasło').fill(PASSWORD);
  await early.getByRole('button', { name: 'Zaloguj się' }).last().click();
  const unverified = early.getByTestId('email-not-verified');
  await unverified.waitFor();
  assert.match(await unverified.innerText(), /nie jest jeszcze potwierdzony/);
  await unverified.getByRole('button', { name: 'Wyślij link ponownie' }).click();
  await unverified.getByTestId('resent').waitFor();
  await shot(early, 'self-service-sign-in-unverified');

  const mail = await sink.waitFor(email, 'Potwierdź');
  const link = linkIn(mail, '/verify-email');
  assert.ok(link.startsWith(`${server.base}/verify-email?token=`), `the link leads to this server: ${link}`);
  await page.goto(link);
  await page.getByTestId('welcome').waitFor();
  assert.match(page.url(), /\/my-account/);
  assert.equal(await page.getByTestId('account-email').innerText(), email);
  await page.getByRole('link', { name: 'Anna Nowak' }).waitFor();
  await page.getByRole('button', { name: 'Wyloguj się' }).waitFor();
  await shot(page, 'self-service-verified');

  // The link works once.
  const again = await freshPage(browser, server.base);
  await again.goto(link);
  const refused = again.getByTestId('link-refused');
  await refused.waitFor();
  assert.match(await refused.innerText(), /ten link już nie działa/);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(early.pageErrors, []);
});

test('a forgotten password is set anew through the mailed link, and only the new one signs in', async () => {
  const email = address('bartek');
  await createAccount(server, { email, password: PASSWORD, displayName: 'Bartek Zieliński' });
  const page = await freshPage(browser, server.base);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Nie pamiętasz hasła?' }).click();
  const form = page.getByTestId('forgot-form');
  await form.getByLabel('E-mail').fill(email);
  await form.getByRole('button', { name: 'Wyślij link' }).click();
  await form.getByTestId('done').filter({ hasText: 'Jeśli konto z tym adresem istnieje' }).waitFor();
  await shot(page, 'self-service-forgot');

  const mail = await sink.waitFor(email, 'Ustaw nowe hasło');
  await page.goto(linkIn(mail, '/reset-password'));
  const reset = page.getByTestId('reset-form');
  const newPassword = 'nowe-hasło-z-gór-9';
  await reset.getByLabel('Nowe hasło').fill(newPassword);
  await reset.getByRole('button', { name: 'Ustaw hasło' }).click();
  await page.getByTestId('password-set').waitFor();
  assert.match(page.url(), /\/sign-in\?reset=1$/);
  await shot(page, 'self-service-password-set');

  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Hasło').fill(PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).last().click();
  await page.getByTestId('error-password').filter({ hasText: 'Nieprawidłowy e-mail lub hasło.' }).waitFor();
  await page.getByLabel('Hasło').fill(newPassword);
  await page.getByRole('button', { name: 'Zaloguj się' }).last().click();
  await page.getByRole('button', { name: 'Wyloguj się' }).waitFor();
  await sink.waitFor(email, 'Hasło zostało zmienione');
  assert.deepEqual(page.pageErrors, []);
});

test('a submitted cluster waits for review, an operator publishes it, and it appears in the directory', async () => {
  const email = address('celina');
  const name = `Klaster Wodorowy Pomorza ${Date.now() % 100000}`;
  await createAccount(server, { email, password: PASSWORD, displayName: 'Celina Wójcik' });
  const page = await freshPage(browser, server.base);
  await signInAs(page, email);
  await page.goto('/my-account');
  const form = page.getByTestId('submit-cluster-form');
  await form.waitFor();
  await form.getByLabel('Nazwa klastra').fill(name);
  await form.getByLabel('Opis').fill('Producenci i odbiorcy wodoru z Pomorza.');
  await form.getByLabel('Strona', { exact: true }).fill('https://wodor.example.org');
  await form.getByLabel('Strona po angielsku').fill('https://wodor.example.org/en');
  await form.getByLabel('małe przedsiębiorstwo').fill('12');
  await form.getByLabel('uczelnia').fill('2');
  await form.getByLabel('samorząd').fill('2');
  await form.getByLabel('Organizacja koordynująca').fill('Fundacja Wodór Pomorze');
  await form.getByRole('button', { name: 'Zgłoś klaster' }).click();
  await form.getByTestId('done').filter({ hasText: 'Klaster zgłoszony' }).waitFor();
  const mine = page.getByTestId('my-submissions').locator(`[data-test="submission"][data-name="${name}"]`);
  await mine.waitFor();
  assert.equal(await mine.getAttribute('data-status'), 'PENDING');
  await shot(page, 'self-service-submitted');
  // The operators are told.
  await sink.waitFor(OPERATOR.email, name);

  const operator = await freshPage(browser, server.base);
  await signIn(operator, OPERATOR);
  await operator.goto('/operator');
  const card = operator.getByTestId('review-queue').locator(`[data-test="submission"][data-name="${name}"]`);
  await card.waitFor();
  const check = await card.getByTestId('listing-check').innerText();
  assert.match(check, /członkowie: 16 \/ 15/, 'the members declared against the EU platform’s minimum');
  assert.match(check, /rodzaje członków: 3 \/ 2/);
  assert.match(check, /✓ strona po angielsku/);
  await shot(operator, 'self-service-review-queue');
  await card.getByRole('button', { name: 'Opublikuj' }).click();
  await card.getByText('Czy na pewno opublikować ten klaster w rejestrze?').waitFor();
  await card.getByTestId('confirm').first().click();
  await operator.getByTestId('review-queue').getByTestId('notice').filter({ hasText: 'Decyzja zapisana.' }).waitFor();
  await card.waitFor({ state: 'detached' });

  // The submitter is mailed the cluster's page, which the directory now lists.
  const mail = await sink.waitFor(email, 'jest w rejestrze');
  const clusterLink = linkIn(mail, '/clusters/');
  await page.goto(`/clusters?q=${encodeURIComponent(name)}`);
  const found = page.getByTestId('cluster-card').filter({ hasText: name });
  await found.waitFor();
  await found.getByRole('link').first().click();
  await page.getByTestId('cluster-page').waitFor();
  assert.equal(await page.locator('h1').innerText(), name);
  assert.equal(new URL(clusterLink).pathname, new URL(page.url()).pathname);
  await shot(page, 'self-service-published');
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(operator.pageErrors, []);
});

test('a coordinator invites someone by e-mail, who opens an account from the link and acts for the organisation', async () => {
  const email = address('dorota');
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await page.goto('/coordinator');
  const form = page.getByTestId('invite-form');
  await form.waitFor();
  await form.getByLabel('E-mail').fill(email);
  const organisation = form.getByLabel('W imieniu organizacji');
  await organisation.locator('option').nth(1).waitFor({ state: 'attached' });
  const chosen = await organisation.locator('option').nth(1).innerText();
  await organisation.selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Wyślij zaproszenie' }).click();
  await form.getByTestId('done').waitFor();
  const listed = page.getByTestId('invitations').locator(`[data-test="invitation"][data-email="${email}"]`);
  await listed.waitFor();
  assert.equal(await listed.getByTestId('invitation-status').innerText(), 'otwarte');
  await shot(page, 'self-service-invited');

  const mail = await sink.waitFor(email, 'zaprasza Cię');
  const invitee = await freshPage(browser, server.base);
  await invitee.goto(linkIn(mail, '/invitation'));
  const offer = invitee.getByTestId('invitation-offer');
  await offer.waitFor();
  assert.match(await offer.innerText(), new RegExp(chosen.trim()));
  const accept = invitee.getByTestId('accept-form');
  await accept.getByLabel('Nowe hasło').fill(PASSWORD);
  await accept.getByLabel('Imię i nazwisko (widoczne dla innych)').fill('Dorota Kowal');
  await shot(invitee, 'self-service-invitation');
  await accept.getByRole('button', { name: 'Przyjmij zaproszenie' }).click();
  await invitee.waitForURL(/\/my-organisation$/);
  await invitee.getByTestId('profile-form').waitFor();
  assert.equal(await invitee.getByTestId('profile-form').getByLabel('Nazwa').inputValue(), chosen.trim());
  await invitee.getByRole('link', { name: 'Moja organizacja' }).waitFor();

  await page.reload();
  await listed.waitFor();
  assert.equal(await listed.getByTestId('invitation-status').innerText(), 'przyjęte');
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(invitee.pageErrors, []);
});

test('someone asks to act for an organisation, its manager approves on /requests, and they act for it', async () => {
  const email = address('edward');
  await createAccount(server, { email, password: PASSWORD, displayName: 'Edward Lis' });
  const organisation = await memberOrganisation(server, await apiSession(server, MEMBER));
  const page = await freshPage(browser, server.base);
  await signInAs(page, email);
  await page.goto('/my-account');
  const section = page.getByTestId('act-for');
  await section.getByLabel('Nazwa, miejscowość, NIP, REGON albo KRS').fill(organisation.name);
  await section.getByRole('button', { name: 'Szukaj' }).click();
  const found = section.getByTestId('found-organisation').filter({ hasText: organisation.name });
  await found.first().waitFor();
  await section.getByLabel('Wiadomość do decydujących').fill('Pracuję w dziale współpracy.');
  await found.first().getByRole('button', { name: 'Poproś o dostęp' }).click();
  await section.getByTestId('notice').filter({ hasText: 'Wniosek wysłany' }).waitFor();
  const request = page.getByTestId('my-request').first();
  await request.waitFor();
  assert.equal(await request.getAttribute('data-status'), 'PENDING');
  assert.match(await request.innerText(), /zarządzający organizacją/);
  await shot(page, 'self-service-request-sent');

  // The manager is mailed, and decides on /requests.
  await sink.waitFor(MEMBER.email, 'prosi o dostęp');
  const manager = await freshPage(browser, server.base);
  await signIn(manager, MEMBER);
  await manager.getByRole('link', { name: 'Wnioski do decyzji' }).click();
  const row = manager.locator(`[data-test="request"][data-requester="${email}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /Edward Lis/);
  assert.match(await row.innerText(), /Pracuję w dziale współpracy\./);
  assert.match(await row.getByTestId('email-hint').innerText(), /nie zgadza się/);
  await shot(manager, 'self-service-requests');
  await row.getByRole('button', { name: 'Przyjmij' }).click();
  await row.getByTestId('confirm').first().click();
  await manager.getByTestId('notice').filter({ hasText: 'Decyzja zapisana.' }).waitFor();
  await row.waitFor({ state: 'detached' });

  // The manager sees who acts for the organisation now.
  await manager.goto('/my-organisation');
  await manager.getByTestId('organisation-users').locator(`[data-email="${email}"]`).waitFor();

  await sink.waitFor(email, 'została przyjęta');
  await page.reload();
  await page.locator('[data-test="my-request"][data-status="APPROVED"]').waitFor();
  await page.getByTestId('my-roles').getByRole('link', { name: organisation.name }).waitFor();
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(manager.pageErrors, []);
});

test('a claim on a cluster without a coordinator account goes to the operators, who approve it on their desk', async () => {
  const email = address('filip');
  await createAccount(server, { email, password: PASSWORD, displayName: 'Filip Mazur' });
  const clusters = await server.graphql('{ clusters(first: 100) { nodes { slug name } } }');
  const cluster = clusters.clusters.nodes.find((c) => c.slug !== RECYCLING);
  const page = await freshPage(browser, server.base);
  await signInAs(page, email);

  // The demo coordinator's cluster has a coordinator already: it offers no claim.
  await page.goto(`/clusters/${RECYCLING}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.getByTestId('claim').count(), 0, 'a coordinated cluster offers no claim');

  await page.goto(`/clusters/${cluster.slug}`);
  const claim = page.getByTestId('claim');
  await claim.getByRole('button', { name: 'Przejmij ten klaster' }).click();
  await claim.getByLabel('Kim jesteś w organizacji koordynującej').fill('Prezes zarządu.');
  await claim.getByRole('button', { name: 'Wyślij prośbę' }).click();
  await claim.getByTestId('done').filter({ hasText: 'Prośba wysłana' }).waitFor();
  await shot(page, 'self-service-claim');

  const operator = await freshPage(browser, server.base);
  await signIn(operator, OPERATOR);
  await operator.goto('/operator#requests');
  const row = operator.locator(`[data-test="request"][data-requester="${email}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(`koordynowanie klastra: ${cluster.name}`));
  await row.getByRole('button', { name: 'Przyjmij' }).click();
  await row.getByTestId('confirm').first().click();
  await row.waitFor({ state: 'detached' });

  await page.goto('/my-account');
  await page.getByTestId('my-roles').getByRole('link', { name: cluster.name }).waitFor();
  await page.getByRole('link', { name: 'Biurko koordynatora' }).first().waitFor();
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(operator.pageErrors, []);
});

test('an operator disables an account and enables it again, and reads every try at sending a mail', async () => {
  const email = address('gosia');
  await createAccount(server, { email, password: PASSWORD, displayName: 'Gosia Król' });
  const operator = await freshPage(browser, server.base);
  await signIn(operator, OPERATOR);
  await operator.goto('/operator#users');
  const users = operator.getByTestId('users');
  await users.getByLabel('E-mail lub nazwa').fill(email);
  await users.getByRole('button', { name: 'Szukaj' }).click();
  const row = users.locator(`[data-test="user"][data-email="${email}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('account-state').innerText(), 'aktywne');
  await row.getByRole('button', { name: 'Zablokuj' }).click();
  await row.getByTestId('confirm-question').filter({ hasText: 'Zablokować konto?' }).waitFor();
  await row.getByRole('button', { name: 'Tak' }).click();
  await row.getByTestId('account-state').filter({ hasText: 'zablokowane' }).waitFor();

  const blocked = await freshPage(browser, server.base);
  await blocked.goto('/sign-in');
  await blocked.getByLabel('E-mail').fill(email);
  await blocked.getByLabel('Hasło').fill(PASSWORD);
  await blocked.getByRole('button', { name: 'Zaloguj się' }).last().click();
  await blocked.getByTestId('error-password').filter({ hasText: /\S/ }).waitFor();

  await row.getByRole('button', { name: 'Odblokuj' }).click();
  await row.getByRole('button', { name: 'Tak' }).click();
  await row.getByTestId('account-state').filter({ hasText: 'aktywne' }).waitFor();
  await signInAs(blocked, email);

  // The first mail of this server was turned away once, then taken: both tries are listed.
  await operator.reload();
  const outbox = operator.getByTestId('outbox');
  const retried = outbox.locator('[data-test="mail"][data-status="SENT"]').filter({ hasText: 'Próby: 2' });
  await retried.first().waitFor();
  await retried.first().locator('summary').click();
  const tries = retried.first().getByTestId('attempt');
  assert.equal(await tries.count(), 2);
  assert.match(await tries.nth(0).innerText(), /451/);
  assert.match(await tries.nth(1).innerText(), /przyjęta/);
  await shot(operator, 'self-service-outbox');
  assert.deepEqual(operator.pageErrors, []);
});

test('the self-service pages fit a phone-sized screen and speak English after the switch', async () => {
  const phone = { width: 375, height: 740 };
  const wide = async (page, path, ready) => {
    await page.goto(path);
    await page.getByTestId(ready).first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no sideways scrolling on ${path} (page is ${width}px wide)`);
  };
  const visitor = await freshPage(browser, server.base, phone);
  await wide(visitor, '/sign-up', 'sign-up-form');
  await wide(visitor, '/forgot-password', 'forgot-form');
  await wide(visitor, '/invitation?token=nothing-like-it', 'link-refused');
  await visitor.goto('/sign-up');
  // On a phone the language switch is in the menu.
  await visitor.getByTestId('menu-button').click();
  await visitor.getByTestId('switch-language').click();
  await visitor.getByRole('heading', { name: 'Sign up' }).waitFor();
  await visitor.getByText('10 to 128 characters').waitFor();
  await shot(visitor, 'self-service-sign-up-phone-english');

  const operator = await freshPage(browser, server.base, phone);
  await signIn(operator, OPERATOR);
  await wide(operator, '/my-account', 'submit-cluster-form');
  await shot(operator, 'self-service-my-account-phone');
  await wide(operator, '/operator', 'outbox');
  await operator.getByTestId('mail').first().waitFor();
  await shot(operator, 'self-service-operator-phone');
  await wide(operator, '/requests', 'requests-to-decide');
  const coordinator = await freshPage(browser, server.base, phone);
  await signIn(coordinator, COORDINATOR);
  await wide(coordinator, '/coordinator', 'invite-form');
  assert.deepEqual(visitor.pageErrors, []);
  assert.deepEqual(operator.pageErrors, []);
  assert.deepEqual(coordinator.pageErrors, []);
});
