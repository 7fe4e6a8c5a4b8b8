// End-to-end test of the registry operator's contact: the operator gives it on the desk (a bad
// e-mail refused under its field by the registry, then saved, then changed again on the
// version the save left), and the contact page and the accessibility statement show it, in
// both languages; emptied on the desk, the pages read as they did before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { OPERATOR, signIn, apiSession, openIn } from './helpers.mjs';

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

const READ = '{ operatorContact { contactPerson email phone postalAddress version } }';

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

/** Opens `path` and gives the contact's read time to answer (it shows nothing until then). */
async function openSettled(page, path, lang = 'pl') {
  await openIn(page, path, lang);
  await page.waitForLoadState('networkidle');
}

test('the operator gives the contact on the desk, and /contact and /accessibility show it until it is emptied', async () => {
  const fresh = await server.graphql(READ, {}, token);
  assert.deepEqual(fresh.operatorContact, {
    contactPerson: null, email: null, phone: null, postalAddress: null, version: 1,
  });

  const page = await freshPage(browser, server.base);
  await page.goto('/');
  // Before the operator gives it, neither page shows a contact.
  await openSettled(page, '/contact');
  assert.equal(await page.getByTestId('operator-contact').count(), 0);
  await openSettled(page, '/accessibility');
  assert.equal(await page.getByTestId('a11y-contact-person').count(), 0);

  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const form = page.getByTestId('operator-contact-form');
  await form.waitFor();
  await form.getByLabel('Osoba kontaktowa').fill('Anna Nowak');
  await form.getByLabel('E-mail').fill('kontakt@klastry'); // the browser takes it; the registry wants a dotted domain
  await form.getByLabel('Telefon').fill('+48 22 123 45 67');
  await form.getByLabel('Adres pocztowy').fill('ul. Prosta 1\n00-001 Warszawa');
  await form.getByRole('button', { name: 'Zapisz' }).click();
  const error = form.getByTestId('error-email');
  await page.waitForFunction((el) => el.textContent.length > 0, await error.elementHandle());
  assert.equal(await form.getByLabel('E-mail').getAttribute('aria-invalid'), 'true');
  assert.equal((await server.graphql(READ, {}, token)).operatorContact.version, 1, 'nothing was written');

  await form.getByLabel('E-mail').fill('dostepnosc@klastry.example');
  await form.getByRole('button', { name: 'Zapisz' }).click();
  await form.getByTestId('done').filter({ hasText: 'Zapisano.' }).waitFor();
  // A second save works on the version the first one left.
  await form.getByLabel('Telefon').fill('+48 22 765 43 21');
  await form.getByRole('button', { name: 'Zapisz' }).click();
  await eventually(async () => {
    const saved = await server.graphql(READ, {}, token);
    assert.deepEqual(saved.operatorContact, {
      contactPerson: 'Anna Nowak',
      email: 'dostepnosc@klastry.example',
      phone: '+48 22 765 43 21',
      postalAddress: 'ul. Prosta 1\n00-001 Warszawa',
      version: 3,
    });
  });
  await form.getByTestId('done').filter({ hasText: 'Zapisano.' }).waitFor();
  assert.deepEqual(page.pageErrors, []);

  // The contact page, in the operators' section.
  await openSettled(page, '/contact');
  const shown = page.getByTestId('operator-contact');
  await shown.waitFor();
  assert.equal(await shown.getByTestId('operator-contact-person').innerText(), 'Anna Nowak');
  const mail = shown.getByRole('link', { name: 'dostepnosc@klastry.example' });
  assert.equal(await mail.getAttribute('href'), 'mailto:dostepnosc@klastry.example');
  const phone = shown.getByRole('link', { name: '+48 22 765 43 21' });
  assert.equal(await phone.getAttribute('href'), 'tel:+48227654321');
  assert.match(await shown.getByTestId('operator-contact-address').innerText(), /ul\. Prosta 1\s+00-001 Warszawa/);
  await shot(page, 'operator-contact-page');

  // The accessibility statement names the contact person, e-mail and phone, in either language.
  await openSettled(page, '/accessibility');
  const statement = page.getByTestId('a11y-contact-person');
  await statement.waitFor();
  assert.match(await statement.innerText(), /^Osobą kontaktową jest Anna Nowak\./);
  assert.equal(await statement.getByRole('link', { name: 'dostepnosc@klastry.example' }).getAttribute('href'), 'mailto:dostepnosc@klastry.example');
  assert.equal(await statement.getByRole('link', { name: '+48 22 765 43 21' }).getAttribute('href'), 'tel:+48227654321');
  await openSettled(page, '/accessibility', 'en');
  await page.getByTestId('a11y-contact-person').filter({ hasText: 'The contact person is Anna Nowak.' }).waitFor();
  assert.deepEqual(page.pageErrors, []);

  // Emptied on the desk, the contact is gone from both pages.
  await openIn(page, '/operator', 'pl');
  await form.waitFor();
  for (const label of ['Osoba kontaktowa', 'E-mail', 'Telefon', 'Adres pocztowy']) {
    await form.getByLabel(label).fill('');
  }
  await form.getByRole('button', { name: 'Zapisz' }).click();
  await form.getByTestId('done').filter({ hasText: 'Zapisano.' }).waitFor();
  const emptied = await server.graphql(READ, {}, token);
  assert.deepEqual(emptied.operatorContact, {
    contactPerson: null, email: null, phone: null, postalAddress: null, version: 4,
  });
  await openSettled(page, '/contact');
  assert.equal(await page.getByTestId('operator-contact').count(), 0);
  await openSettled(page, '/accessibility');
  assert.equal(await page.getByTestId('a11y-contact-person').count(), 0);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
