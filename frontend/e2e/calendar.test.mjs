// The registry-wide events calendar (/events) with its iCalendar feeds, and the organisation
// directory (/organisations), in headless Chromium against a real `klastry serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { COORDINATOR, LANGUAGES, RECYCLING, apiSession, day, openIn, shownNumber } from './helpers.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server;
let browser;
/** The events the coordinator adds to the demo cluster: { name, startsOn, endsOn }. */
let soon;
let laterMonth;
let past;
/** The demo cluster's voivodeship { code name } and the sector it is given { code namePl }. */
let voivodeship;
let sector;

/** A day as the Polish interface writes it: 5.03.2027. */
function polishDay(iso) {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}.${m}.${y}`;
}

before(async () => {
  server = await startServer();
  browser = await launch();
  const token = await apiSession(server, COORDINATOR);
  const { cluster } = await server.graphql(
    'query($s: String!) { cluster(slug: $s) { id version voivodeship { code name } } }',
    { s: RECYCLING },
  );
  voivodeship = cluster.voivodeship;
  // The demo cluster names no sector; the coordinator gives it one, for the sector filter.
  const { sectors } = await server.graphql('{ sectors { code namePl } }');
  sector = sectors[0];
  const updated = await server.graphql(
    'mutation($input: UpdateClusterInput!) { updateCluster(input: $input) { userErrors { field code } } }',
    { input: { id: cluster.id, version: cluster.version, sectors: [sector.code] } },
    token,
  );
  assert.deepEqual(updated.updateCluster.userErrors, []);
  // One event dated to the day, one known only to its month (three months ahead, so after
  // the first), one over.
  soon = { name: 'Dzień otwarty e2e', startsOn: day(30), endsOn: null, location: 'Warszawa, hala A' };
  laterMonth = { name: 'Forum miesięczne e2e', startsOn: day(120).slice(0, 7), endsOn: null, location: null };
  past = { name: 'Szkolenie minione e2e', startsOn: day(-40), endsOn: day(-39), location: 'Radom' };
  for (const event of [soon, laterMonth, past]) {
    const created = await server.graphql(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } userErrors { field code } } }',
      { input: { clusterId: cluster.id, ...event } },
      token,
    );
    assert.deepEqual(created.createEvent.userErrors, [], event.name);
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The names of the event cards shown, in order. */
async function shownEvents(page) {
  return page.getByTestId('event-card').locator('h2').allInnerTexts();
}

test('the calendar lists upcoming events soonest first at their precision, and the past ones apart', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Nawigacja główna' }).getByRole('link', { name: 'Wydarzenia', exact: true }).click();
  await page.waitForURL(/\/events$/);
  await page.getByRole('heading', { level: 1, name: 'Wydarzenia klastrów' }).waitFor();
  const soonCard = page.getByTestId('event-card').filter({ hasText: soon.name });
  await soonCard.waitFor();
  assert.equal(await page.getByTestId('tab-upcoming').getAttribute('aria-current'), 'page');

  // Upcoming: the day event before the month event; the past one is not there.
  const upcoming = await shownEvents(page);
  assert.ok(upcoming.indexOf(soon.name) >= 0 && upcoming.indexOf(laterMonth.name) > upcoming.indexOf(soon.name), `soonest first: ${upcoming}`);
  assert.ok(!upcoming.includes(past.name), 'a past event is not upcoming');
  // Each date as precisely as it is known: a day, a month alone.
  assert.equal(await soonCard.getByTestId('event-dates').innerText(), polishDay(soon.startsOn));
  const monthCard = page.getByTestId('event-card').filter({ hasText: laterMonth.name });
  const [year, month] = laterMonth.startsOn.split('-');
  assert.equal(await monthCard.getByTestId('event-dates').innerText(), `${month}.${year}`);
  assert.match(await soonCard.innerText(), /Warszawa, hala A/);
  // The card links to the cluster holding the event.
  assert.equal(
    await soonCard.getByRole('link', { name: 'Klaster Gospodarki Odpadowej i Recyklingu' }).getAttribute('href'),
    `/clusters/${RECYCLING}`,
  );
  // The registry's feed, with the word that only day-exact events are in it.
  const feed = page.getByTestId('calendar-feed');
  assert.equal(await feed.getByTestId('calendar-feed-link').getAttribute('href'), `${server.base}/calendar.ics`);
  assert.match(await feed.innerText(), /tylko wydarzenia z datą co do dnia/);
  await shot(page, 'events-upcoming');

  // Past: the event over, nothing upcoming.
  await page.getByTestId('tab-past').click();
  await page.waitForURL(/when=past/);
  await page.getByTestId('event-card').filter({ hasText: past.name }).waitFor();
  const shown = await shownEvents(page);
  assert.ok(!shown.includes(soon.name) && !shown.includes(laterMonth.name), `only past events: ${shown}`);
  assert.equal(
    await page.getByTestId('event-card').filter({ hasText: past.name }).getByTestId('event-dates').innerText(),
    `${polishDay(past.startsOn)} – ${polishDay(past.endsOn)}`,
  );
  assert.equal(await page.getByTestId('tab-past').getAttribute('aria-current'), 'page');

  // In English the same dates read the English way, the month as a month.
  await page.getByTestId('switch-language').click();
  await page.getByTestId('tab-upcoming').filter({ hasText: 'Upcoming' }).click();
  await page.waitForURL(/\/events$/);
  const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  await monthCard.getByTestId('event-dates').filter({ hasText: `${monthNames[Number(month) - 1]} ${year}` }).waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('the voivodeship and sector filters narrow the calendar and stay in the URL', async () => {
  const page = await freshPage(browser, server.base);
  await page.goto('/events');
  await page.getByTestId('event-card').filter({ hasText: soon.name }).waitFor();

  // Another voivodeship: the demo cluster's events go.
  const other = voivodeship.code === 'SLASKIE' ? 'OPOLSKIE' : 'SLASKIE';
  await page.getByTestId('facet-voivodeship').locator(`#facet-voivodeship-${other}`).check();
  await page.waitForURL(new RegExp(`voivodeship=${other}`));
  await page.getByTestId('event-card').filter({ hasText: soon.name }).waitFor({ state: 'detached' });
  await page.getByTestId('chip').waitFor();

  // Its own voivodeship and sector instead (the other one's chip removed): they come back.
  await page.getByTestId('chip').click();
  await page.waitForURL(/\/events$/);
  await page.getByTestId('facet-voivodeship').getByLabel(voivodeship.name, { exact: true }).check();
  await page.waitForURL(new RegExp(`voivodeship=${voivodeship.code}`));
  await page.getByTestId('facet-sector').getByLabel(sector.namePl, { exact: true }).check();
  await page.waitForURL(new RegExp(`sector=${encodeURIComponent(sector.code)}`));
  await page.getByTestId('event-card').filter({ hasText: soon.name }).waitFor();
  assert.match(page.url(), new RegExp(`voivodeship=${voivodeship.code}`), 'both filters are kept');
  // The cards may already show from the voivodeship alone: wait for the sector's chip too.
  await page.getByTestId('chip').nth(1).waitFor();
  assert.equal(await page.getByTestId('chip').count(), 2);
  assert.deepEqual(await shownEvents(page), [soon.name, laterMonth.name], 'only the demo cluster holds events there');
  await shot(page, 'events-filtered');

  // A shared link opens the same filtered calendar, the past tab keeping the filters.
  const shared = page.url();
  const again = await freshPage(browser, server.base);
  await again.goto(shared);
  await again.getByTestId('event-card').filter({ hasText: laterMonth.name }).waitFor();
  assert.ok(await again.getByTestId('facet-sector').getByLabel(sector.namePl, { exact: true }).isChecked());
  await again.getByTestId('tab-past').click();
  await again.waitForURL(/when=past.*sector=/);
  await again.getByTestId('event-card').filter({ hasText: past.name }).waitFor();
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(again.pageErrors, []);
});

test("a cluster's page links its own iCalendar feed, which holds the day-exact event", async () => {
  const page = await freshPage(browser, server.base);
  await page.goto(`/clusters/${RECYCLING}`);
  const feed = page.getByTestId('calendar-feed');
  await feed.waitFor();
  assert.match(await feed.innerText(), /tego klastra/);
  const href = await feed.getByTestId('calendar-feed-link').getAttribute('href');
  assert.equal(href, `${server.base}/clusters/${RECYCLING}/calendar.ics`);
  await shot(page, 'cluster-calendar-feed');

  const response = await fetch(href);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/calendar/);
  const body = await response.text();
  assert.match(body, /BEGIN:VCALENDAR/);
  assert.ok(body.includes(`SUMMARY:${soon.name}`), 'the day-exact event is in the feed');
  assert.ok(!body.includes(laterMonth.name), 'an event known only to its month is not');
  // The registry's feed holds it too.
  const registry = await (await fetch(`${server.base}/calendar.ics`)).text();
  assert.ok(registry.includes(`SUMMARY:${soon.name}`));
  assert.deepEqual(page.pageErrors, []);
});

test('the organisation directory finds by text and by kind, shows removable chips, and pages', async () => {
  const { organisations: all } = await server.graphql('{ organisations(first: 100) { totalCount nodes { name kind } } }');
  const { organisations: universities } = await server.graphql(
    '{ organisations(filter: { kinds: [UNIVERSITY] }, first: 100) { totalCount nodes { name } } }',
  );
  assert.ok(all.totalCount > 20, 'the demo registry holds more than one page of organisations');
  assert.ok(universities.totalCount > 0);

  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Nawigacja główna' }).getByRole('link', { name: 'Organizacje', exact: true }).click();
  await page.waitForURL(/\/organisations$/);
  await page.getByRole('heading', { level: 1, name: 'Katalog organizacji' }).waitFor();
  const cards = page.getByTestId('organisation-card');
  await cards.first().waitFor();
  assert.equal(shownNumber((await page.getByTestId('total').innerText()).match(/[\d\s\u00a0]+/)[0]), all.totalCount);
  assert.equal(await cards.count(), 20);

  // Paging: the next page starts after the first, the previous one comes back.
  const firstOnPageOne = await cards.first().locator('h2').innerText();
  await page.getByTestId('next-page').click();
  await page.waitForURL(/after=/);
  await cards.first().locator('h2').filter({ hasNotText: firstOnPageOne }).waitFor();
  assert.equal(await cards.count(), all.totalCount - 20);
  await page.getByTestId('previous-page').click();
  await page.waitForURL(/before=/);
  await cards.first().locator('h2').filter({ hasText: firstOnPageOne }).waitFor();
  assert.equal(await cards.count(), 20);

  // By text: a word of one organisation's name, typed without its capitals.
  const wanted = universities.nodes[0].name;
  const word = wanted
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\d]/gu, ''))
    .sort((a, b) => b.length - a.length)[0]
    .toLowerCase();
  await page.getByLabel('Szukaj organizacji').fill(word);
  await page.waitForURL(new RegExp(`q=${encodeURIComponent(word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const found = cards.filter({ hasText: wanted });
  await found.waitFor();
  const chip = page.getByTestId('chip').filter({ hasText: word });
  await chip.waitFor();
  assert.equal(await chip.getAttribute('aria-label'), `Usuń filtr: „${word}”`);
  await shot(page, 'organisations-by-text');
  // The chip removes the search.
  await chip.click();
  await page.waitForURL(/\/organisations$/);
  await page.getByTestId('chip').waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('Szukaj organizacji').inputValue(), '');

  // By kind, counted beside each choice: only universities, each card saying so; its chip
  // takes the filter away again.
  const university = page.getByTestId('facet-kind').getByLabel('uczelnia');
  assert.equal(await university.locator('xpath=..').locator('.count').innerText(), `(${universities.totalCount})`);
  await university.check();
  await page.waitForURL(/kind=UNIVERSITY/);
  await page.getByTestId('total').filter({ hasText: new RegExp(`: ${universities.totalCount} `) }).waitFor();
  for (const text of await cards.allInnerTexts()) assert.match(text, /uczelnia/);
  await page.getByTestId('chip').filter({ hasText: 'uczelnia' }).click();
  await page.waitForURL(/\/organisations$/);
  await page.getByTestId('total').filter({ hasText: new RegExp(`: ${all.totalCount} `) }).waitFor();
  assert.equal(await page.getByTestId('facet-kind').getByLabel('uczelnia').isChecked(), false);

  // By cluster: the members of the demo cluster, as the API lists them.
  const { cluster } = await server.graphql('query($s: String!) { cluster(slug: $s) { id name } }', { s: RECYCLING });
  const { organisations: members } = await server.graphql(
    'query($c: ID!) { organisations(filter: { clusters: [$c] }) { totalCount nodes { name } } }',
    { c: cluster.id },
  );
  await page.getByTestId('facet-cluster').getByLabel(cluster.name).check();
  await page.waitForURL(/cluster=/);
  await page.getByTestId('chip').filter({ hasText: cluster.name }).waitFor();
  await page.getByTestId('total').filter({ hasText: new RegExp(`: ${members.totalCount} `) }).waitFor();
  assert.deepEqual(await cards.locator('h2').allInnerTexts(), members.nodes.map((m) => m.name));
  await shot(page, 'organisations-by-cluster');
  await page.getByTestId('chip').filter({ hasText: cluster.name }).click();
  await page.waitForURL(/\/organisations$/);

  // A card opens the organisation's page.
  await page.getByLabel('Szukaj organizacji').fill(word);
  await found.getByRole('link').click();
  await page.waitForURL(/\/organisations\/.+/);
  await page.getByRole('heading', { level: 1, name: wanted }).waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('the calendar and the organisation directory pass axe in both languages and fit a phone', async (t) => {
  const paths = [
    '/events',
    `/events?when=past&voivodeship=${voivodeship.code}`,
    '/organisations',
    '/organisations?q=a&kind=UNIVERSITY,NGO',
  ];
  for (const [viewport, name] of [[undefined, 'wide'], [{ width: 360, height: 740 }, 'phone']]) {
    const page = await freshPage(browser, server.base, viewport);
    await page.addInitScript(axeSource);
    await page.goto('/');
    for (const lang of LANGUAGES) {
      for (const path of paths) {
        await t.test(`${path} in ${lang}, ${name}`, async () => {
          await openIn(page, path, lang);
          await page.locator('[data-test=total]').waitFor();
          assert.equal(await page.locator('main h1').count(), 1);
          const found = await page.evaluate(async () => {
            const result = await window.axe.run(document, { resultTypes: ['violations'] });
            return result.violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
          });
          assert.deepEqual(found, []);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= page.viewportSize().width, `${path} is ${width} px wide`);
          if (name === 'phone' && lang === 'pl') await shot(page, `phone${path.replace(/\W+/g, '-')}`);
        });
      }
    }
    assert.deepEqual(page.pageErrors, []);
  }
});
