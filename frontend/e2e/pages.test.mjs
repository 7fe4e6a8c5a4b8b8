// What each page says of itself (its title and description, in the interface's language), and
// the pages about the registry the footer of every page leads to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { COORDINATOR, LANGUAGES, MEMBER, RECYCLING, apiSession, memberOrganisation, openIn, publicPages, signIn } from './helpers.mjs';

let server;
let browser;
let organisation;

before(async () => {
  server = await startServer();
  browser = await launch();
  organisation = await memberOrganisation(server, await apiSession(server, MEMBER));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const APP_NAME = { pl: 'Rejestr klastrów', en: 'Cluster registry' };

/** The document's title and the content of its description. */
async function head(page) {
  return page.evaluate(() => ({
    title: document.title,
    descriptions: [...document.querySelectorAll('meta[name=description]')].map((m) => m.content),
  }));
}

test('every route has a title and a description of its own, in the interface’s language', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await signIn(page, COORDINATOR);
  // One address per route: the filtered directory is the directory's route.
  const routes = publicPages(organisation.id)
    .filter(([name]) => name !== 'directory, filtered')
    .concat([['coordinator', '/coordinator'], ['my account', '/my-account'], ['inbox', '/inbox'], ['requests', '/requests']]);
  const seen = {};
  for (const lang of LANGUAGES) {
    seen[lang] = [];
    for (const [name, path] of routes) {
      await openIn(page, path, lang);
      // A cluster's or an organisation's page is named after its data, a moment after its heading;
      // until then it is called by its kind.
      await page.waitForFunction(() => !/^(Klaster|Cluster|Organizacja|Organisation) · /.test(document.title));
      const { title, descriptions } = await head(page);
      assert.equal(descriptions.length, 1, `${path} has one description`);
      const [description] = descriptions;
      assert.ok(title.endsWith(` · ${APP_NAME[lang]}`), `${path} in ${lang}: "${title}" names the registry`);
      assert.ok(title.length > ` · ${APP_NAME[lang]}`.length + 3, `${path} in ${lang}: "${title}" names the page`);
      assert.ok(description.length >= 40 && description.length <= 200, `${path} in ${lang}: "${description}" says what the page holds, briefly`);
      seen[lang].push({ name, path, title, description });
    }
    const titles = seen[lang].map((p) => p.title);
    assert.equal(new Set(titles).size, titles.length, `titles in ${lang} are distinct:\n${titles.join('\n')}`);
    const descriptions = seen[lang].map((p) => p.description);
    assert.equal(new Set(descriptions).size, descriptions.length, `descriptions in ${lang} are distinct:\n${descriptions.join('\n')}`);
  }
  const byName = (lang, name) => seen[lang].find((p) => p.name === name);
  assert.equal(byName('pl', 'home').title, 'Klastry przemysłowe w Polsce · Rejestr klastrów');
  assert.equal(byName('en', 'home').title, 'Industrial clusters in Poland · Cluster registry');
  assert.equal(byName('pl', 'cluster').title, 'Klaster Gospodarki Odpadowej i Recyklingu · Rejestr klastrów');
  assert.equal(byName('pl', 'organisation').title, `${organisation.name} · Rejestr klastrów`);
  assert.equal(byName('en', 'KKK').title, 'Key National Clusters · Cluster registry');
  for (const name of ['home', 'directory', 'KKK', 'ESCA', 'about', 'privacy', 'accessibility statement', 'coordinator']) {
    assert.notEqual(byName('pl', name).description, byName('en', name).description, `${name} is described in each language`);
  }
  assert.deepEqual(page.pageErrors, []);
});

test('a cluster’s description is its own, cut to the length search engines show', async () => {
  const data = await server.graphql('query($s: String!) { cluster(slug: $s) { descriptionPl descriptionEn } }', { s: RECYCLING });
  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await openIn(page, `/clusters/${RECYCLING}`, 'pl');
  await page.getByTestId('cluster-page').waitFor();
  const [description] = (await head(page)).descriptions;
  // In Polish, or in English when the cluster wrote none in Polish, as its page shows it.
  const own = (data.cluster.descriptionPl || data.cluster.descriptionEn || '').trim().replace(/\s+/g, ' ');
  if (own) {
    assert.ok(description.length <= 160, `at most 160 characters: ${description}`);
    assert.ok(own.startsWith(description.replace(/…$/, '')), `"${description}" starts the cluster's own description`);
  } else {
    assert.match(description, /^Klaster Gospodarki Odpadowej i Recyklingu: członkowie/);
  }
  if (own) {
    // A description shown in the other language says so, for screen readers' voices.
    const lang = data.cluster.descriptionPl ? 'pl' : 'en';
    assert.equal(await page.locator('p.description').getAttribute('lang'), lang);
  }
  assert.deepEqual(page.pageErrors, []);
});

test('the footer of every page leads to about, contact, privacy and the accessibility statement, in both languages', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto(`/clusters/${RECYCLING}`);
  await page.getByTestId('cluster-page').waitFor();
  const footer = page.getByRole('navigation', { name: 'O serwisie' });
  const pages = [
    ['O rejestrze', '/about', /ministerstwo/],
    ['Kontakt', '/contact', /koordynator/],
    ['Prywatność i dane osobowe', '/privacy', /art\. 6 ust\. 1 lit\. b RODO[\s\S]*art\. 6 ust\. 1 lit\. f RODO/i],
    ['Deklaracja dostępności', '/accessibility', /ustawą z dnia 4 kwietnia 2019[\s\S]*częściowo zgodna[\s\S]*2026-12-06[\s\S]*Rzecznika Praw Obywatelskich/],
  ];
  for (const [name, path, content] of pages) {
    await footer.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.match(page.url(), new RegExp(`${path}$`));
    assert.match(await page.getByTestId('text-page').innerText(), content, `${path} says what it should`);
    assert.equal(await page.locator('h1').count(), 1);
  }
  // The dates carry the ids of the statutory template, which monitoring tools read.
  assert.equal(await page.locator('#a11y-data-publikacja').getAttribute('datetime'), '2026-11-23');
  assert.equal(await page.locator('#a11y-data-aktualizacja').innerText(), '2026-12-06');
  await shot(page, 'accessibility-statement');
  await page.getByTestId('switch-language').click();
  const english = [
    ['About the registry', /ministry/],
    ['Contact', /coordinator/],
    ['Privacy and personal data', /Art\. 6\(1\)\(b\) GDPR[\s\S]*Art\. 6\(1\)\(f\) GDPR/],
    ['Accessibility statement', /Act of 4 April 2019[\s\S]*partially compliant[\s\S]*2026-12-06/],
  ];
  const englishFooter = page.getByRole('navigation', { name: 'About this site' });
  for (const [name, content] of english) {
    await englishFooter.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.match(await page.getByTestId('text-page').innerText(), content);
  }
  await shot(page, 'accessibility-statement-english');
  assert.deepEqual(page.pageErrors, []);
});
