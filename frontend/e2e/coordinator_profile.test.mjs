// End-to-end tests of the coordinator's desk keeping the cluster's whole profile: its names
// in both languages (the English one shown on the public page), its lists (a sector and an
// alias added and removed, with the keyboard where a keyboard user would), and its services,
// working groups, board and office and yearly figures, each added, edited in place and deleted
// after a confirmation; refusals appear under their fields in the app's own words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { COORDINATOR, RECYCLING, signIn, apiSession, fillDate } from './helpers.mjs';

let server;
let browser;
let token;

before(async () => {
  server = await startServer();
  browser = await launch();
  token = await apiSession(server, COORDINATOR);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const STAMP = Date.now();

/** The coordinator's cluster as the API gives it now. */
async function cluster(fields) {
  const data = await server.graphql(`{ cluster(slug: "${RECYCLING}") { id ${fields} } }`, {}, token);
  return data.cluster;
}

/** The coordinator's desk, opened afresh (so no form is redrawn under the test's hands). */
async function desk(page) {
  await page.goto('/coordinator');
  const form = page.getByTestId('cluster-form');
  await form.waitFor();
  return form;
}

/** Saves the profile form and waits for its lasting "saved". */
async function saveProfile(form) {
  await form.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await form.getByTestId('cluster-saved').waitFor();
}

/** Waits until `locator` (a field's error) says something, and gives it. */
async function errorText(page, locator) {
  await page.waitForFunction((el) => el.textContent.length > 0, await locator.elementHandle());
  return locator.innerText();
}

test('the coordinator renames the cluster in English, shown on its public page, and emptying both names is refused under the Polish one', async () => {
  const before = await cluster('namePl nameEn');
  assert.ok(before.namePl, 'the demo cluster has a Polish name');
  const english = `Waste and Recycling Cluster ${STAMP}`;
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  let form = await desk(page);

  // Both names emptied: refused, in words, under the Polish name; what was typed stays.
  await form.getByLabel('Nazwa po polsku').fill('');
  await form.getByLabel('Nazwa po angielsku').fill('');
  await form.getByRole('button', { name: 'Zapisz', exact: true }).click();
  const refused = await errorText(page, form.getByTestId('error-namePl'));
  assert.match(refused, /nie może być puste/);
  assert.doesNotMatch(refused, /must/, 'not the server\'s English');
  assert.equal(await form.getByLabel('Nazwa po polsku').getAttribute('aria-invalid'), 'true');

  // The English name alone: the public page names the cluster by it.
  await form.getByLabel('Nazwa po angielsku').fill(english);
  await saveProfile(form);
  assert.equal((await cluster('nameEn')).nameEn, english);
  await page.goto(`/clusters/${RECYCLING}`);
  await page.getByRole('heading', { level: 1, name: english }).waitFor();

  // The Polish name back: it names the cluster again, the English one is kept.
  form = await desk(page);
  assert.equal(await form.getByLabel('Nazwa po angielsku').inputValue(), english);
  await form.getByLabel('Nazwa po polsku').fill(before.namePl);
  await saveProfile(form);
  const after = await cluster('namePl nameEn');
  assert.deepEqual([after.namePl, after.nameEn], [before.namePl, english]);
  await page.goto(`/clusters/${RECYCLING}`);
  await page.getByRole('heading', { level: 1, name: before.namePl }).waitFor();
  // In the English interface the cluster is called by its English name.
  await page.getByTestId('switch-language').click();
  await page.getByRole('heading', { level: 1, name: english }).waitFor();
  await page.getByTestId('switch-language').click();
  await page.getByRole('heading', { level: 1, name: before.namePl }).waitFor();
  await shot(page, 'coordinator-profile-names');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the coordinator gives the founding date, strategy period and voivodeship, then takes them back by emptying the fields', async () => {
  const before = await cluster('foundedOn strategyPeriod { from to } voivodeship { code }');
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  let form = await desk(page);
  await fillDate(form, 'Data założenia', '2016-05');
  await form.getByLabel('Strategia od roku').fill('2021');
  await form.getByLabel('Strategia do roku').fill('2027');
  await form.getByLabel('Województwo').selectOption('MAZOWIECKIE');
  await saveProfile(form);
  let now = await cluster('foundedOn strategyPeriod { from to } voivodeship { code }');
  assert.deepEqual(now, { id: now.id, foundedOn: '2016-05', strategyPeriod: { from: 2021, to: 2027 }, voivodeship: { code: 'MAZOWIECKIE' } });

  // Emptied, each is cleared (sent as null), not kept.
  form = await desk(page);
  await fillDate(form, 'Data założenia', '');
  await form.getByLabel('Strategia do roku').fill('');
  await form.getByLabel('Województwo').selectOption('');
  await saveProfile(form);
  now = await cluster('foundedOn strategyPeriod { from to } voivodeship { code }');
  assert.equal(now.foundedOn, null);
  assert.deepEqual(now.strategyPeriod, { from: 2021, to: null });
  assert.equal(now.voivodeship, null);

  // What the cluster had before, back (the other tests and the demo registry expect it).
  form = await desk(page);
  await fillDate(form, 'Data założenia', before.foundedOn ?? '');
  await form.getByLabel('Strategia od roku').fill(before.strategyPeriod?.from?.toString() ?? '');
  await form.getByLabel('Strategia do roku').fill(before.strategyPeriod?.to?.toString() ?? '');
  await form.getByLabel('Województwo').selectOption(before.voivodeship?.code ?? '');
  await saveProfile(form);
  now = await cluster('foundedOn strategyPeriod { from to } voivodeship { code }');
  assert.deepEqual(now, { ...before, id: now.id });
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the coordinator adds a sector and an alias to the lists, saves, then removes both', async () => {
  const { sectors } = await server.graphql('{ sectors { code namePl } }');
  const had = (await cluster('sectors { code }')).sectors.map((s) => s.code);
  const sector = sectors.find((s) => !had.includes(s.code));
  assert.ok(sector, 'a sector the cluster is not in');
  const alias = `Klaster Odzysku ${STAMP}`;
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  let form = await desk(page);

  const sectorList = form.getByTestId('list-sectors');
  const choice = sectorList.getByLabel('Sektor do dodania');
  await choice.locator(`option[value="${sector.code}"]`).waitFor({ state: 'attached' });
  await choice.selectOption(sector.code);
  await sectorList.getByTestId('add').click();
  await sectorList.getByTestId('list-item').filter({ hasText: sector.namePl }).waitFor();
  // An alias typed and added with Enter, which must not send the form.
  const aliasList = form.getByTestId('list-aliases');
  await aliasList.getByLabel('Nowa nazwa').fill(alias);
  await aliasList.getByLabel('Nowa nazwa').press('Enter');
  await aliasList.getByTestId('list-item').filter({ hasText: alias }).waitFor();
  assert.equal(await form.getByTestId('cluster-saved').count(), 0, 'Enter added the item, it did not save');
  assert.equal(await aliasList.getByLabel('Nowa nazwa').inputValue(), '', 'the input is emptied for the next one');
  await saveProfile(form);
  let now = await cluster('sectors { code } aliases');
  assert.ok(now.sectors.some((s) => s.code === sector.code), JSON.stringify(now.sectors));
  assert.ok(now.aliases.includes(alias), JSON.stringify(now.aliases));

  // Read back on a fresh desk, then removed: the sector by mouse, the alias by keyboard.
  form = await desk(page);
  const sectorItem = form.getByTestId('list-sectors').getByTestId('list-item').filter({ hasText: sector.namePl });
  // Each "remove" names its item to a screen reader.
  await sectorItem.getByRole('button', { name: new RegExp(`^Usuń\\s*:\\s*${sector.namePl}$`) }).click();
  await sectorItem.waitFor({ state: 'detached' });
  const aliasItem = form.getByTestId('list-aliases').getByTestId('list-item').filter({ hasText: alias });
  await aliasItem.getByTestId('remove').focus();
  await page.keyboard.press('Enter');
  await aliasItem.waitFor({ state: 'detached' });
  // The focus is left where the next item is typed, not lost.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-test="list-aliases"]') !== null), true);
  await saveProfile(form);
  now = await cluster('sectors { code } aliases');
  assert.ok(!now.sectors.some((s) => s.code === sector.code), JSON.stringify(now.sectors));
  assert.ok(!now.aliases.includes(alias), JSON.stringify(now.aliases));
  await shot(page, 'coordinator-profile-lists');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

/**
 * Adds a fact through its section's form, edits it in place and deletes it after confirming
 * with the keyboard. The row is found by `name`, after the edit by `name` and `renamed`;
 * `read` gives the facts as the API lists them now, `stored` what it lists after the edit.
 */
async function keepFact(page, { section, add, addButton, row, fill, name, edit, renamed, stored = renamed, read }) {
  const box = page.getByTestId(section);
  const form = box.getByTestId(add);
  await fill(form);
  await form.getByRole('button', { name: addButton }).click();
  await form.getByTestId('done').filter({ hasText: 'Dodano.' }).waitFor();
  const added = box.getByTestId(row).filter({ hasText: name });
  await added.waitFor();
  assert.ok((await read()).includes(name));

  await added.getByTestId('edit').click();
  const editForm = added.getByTestId('edit-form');
  await editForm.waitFor();
  await edit(editForm);
  await editForm.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await box.getByTestId('fact-notice').filter({ hasText: 'Zapisano.' }).waitFor();
  const edited = box.getByTestId(row).filter({ hasText: name }).filter({ hasText: renamed });
  await edited.waitFor();
  assert.ok((await read()).includes(stored), JSON.stringify(await read()));

  await edited.getByTestId('delete').click();
  await edited.getByText('Tego nie da się cofnąć').waitFor();
  await edited.getByTestId('confirm').focus();
  await page.keyboard.press('Enter');
  await box.getByTestId('fact-notice').filter({ hasText: 'Usunięto.' }).waitFor();
  await edited.waitFor({ state: 'detached' });
  const left = await read();
  assert.ok(!left.includes(name) && !left.includes(stored), JSON.stringify(left));
}

test('the coordinator adds, edits and deletes a service and a working group', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await desk(page);
  const service = `Audyt gospodarki odpadami ${STAMP}`;
  await keepFact(page, {
    section: 'services',
    add: 'add-service',
    addButton: 'Dodaj usługę',
    row: 'service',
    name: service,
    fill: async (form) => {
      await form.getByLabel('Nazwa usługi').fill(service);
      await form.getByLabel('Opis usługi').fill('Przegląd strumieni odpadów u członka.');
    },
    edit: (form) => form.getByLabel('Nazwa usługi').fill(`${service} (2.0)`),
    renamed: `${service} (2.0)`,
    read: async () => (await cluster('services { name }')).services.map((s) => s.name),
  });
  const group = `Grupa robocza ds. tworzyw ${STAMP}`;
  await keepFact(page, {
    section: 'groups',
    add: 'add-group',
    addButton: 'Dodaj grupę roboczą',
    row: 'group',
    name: group,
    fill: (form) => form.getByLabel('Nazwa grupy').fill(group),
    edit: (form) => form.getByLabel('Opis grupy').fill('Zbiera się raz w miesiącu.').then(() => form.getByLabel('Nazwa grupy').fill(`${group} i szkła`)),
    renamed: `${group} i szkła`,
    read: async () => (await cluster('workingGroups { name }')).workingGroups.map((g) => g.name),
  });
  await shot(page, 'coordinator-profile-services');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the coordinator adds a board member, changes their part and position, and removes them', async () => {
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await desk(page);
  const person = `Anna Testowa-${STAMP}`;
  const people = async () => (await cluster('people { role position person { fullName } }')).people;
  await keepFact(page, {
    section: 'board',
    add: 'add-person',
    addButton: 'Dodaj osobę',
    row: 'person',
    name: person,
    fill: async (form) => {
      await form.getByLabel('Imię i nazwisko').fill(person);
      await form.getByLabel('Rola', { exact: true }).selectOption('CHAIR');
      await form.getByLabel('Stanowisko').fill('Prezes zarządu');
      await fillDate(form, 'Od', '2024-03');
    },
    edit: async (form) => {
      assert.equal(await form.getByLabel('Imię i nazwisko').inputValue(), person, 'the form opens with what is stored');
      await form.getByLabel('Rola', { exact: true }).selectOption('VICE_CHAIR');
      await form.getByLabel('Stanowisko').fill(`Wiceprezes ${STAMP}`);
    },
    renamed: `Wiceprezes ${STAMP}`,
    read: async () => (await people()).flatMap((p) => [p.person.fullName, p.position]),
  });
  await shot(page, 'coordinator-profile-board');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the coordinator adds a year of figures after a year out of range is refused under its field, edits and deletes it', async () => {
  const taken = (await cluster('indicators { year }')).indicators.map((i) => i.year);
  const year = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023].find((y) => !taken.includes(y));
  assert.ok(year, 'a year without figures');
  const page = await freshPage(browser, server.base);
  await signIn(page, COORDINATOR);
  await desk(page);
  const form = page.getByTestId('add-indicator');
  await form.getByLabel('Rok', { exact: true }).fill('1980');
  await form.getByLabel('Liczba członków na koniec roku').fill('42');
  await form.getByRole('button', { name: 'Dodaj rok' }).click();
  const refused = await errorText(page, form.getByTestId('error-year'));
  assert.match(refused, /musi być między 1990 a \d{4}/);
  assert.equal(await form.getByLabel('Rok', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await form.getByLabel('Liczba członków na koniec roku').inputValue(), '42', 'what was typed is kept');

  const years = async () => (await cluster('indicators { year memberCount }')).indicators;
  await keepFact(page, {
    section: 'indicators',
    add: 'add-indicator',
    addButton: 'Dodaj rok',
    row: 'indicator',
    name: String(year),
    fill: async (f) => {
      await f.getByLabel('Rok', { exact: true }).fill(String(year));
      await f.getByLabel('Zatrudnienie u członków').fill('310');
    },
    edit: (f) => f.getByLabel('Liczba członków na koniec roku').fill('43'),
    renamed: 'członków na koniec roku: 43',
    stored: `${year}: 43`,
    read: async () => (await years()).flatMap((i) => [String(i.year), `${i.year}: ${i.memberCount}`]),
  }).catch(async (error) => {
    await shot(page, 'coordinator-profile-indicators-failed');
    throw error;
  });
  await shot(page, 'coordinator-profile-indicators');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
