// End-to-end tests of how certain a cluster's page says its facts are: the figures a source
// states ("blisko 150 członków", with its source) apart from the members the registry has
// recorded; a sector (or an organisation's kind) the registry inferred, marked with its rule; a
// status held since its award, continuously; and the members of a day the URL names (`?asOf=`),
// each with its membership periods, the same as the API's `members(asOf:)`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage } from './browser.mjs';
import { RECYCLING, openIn } from './helpers.mjs';

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

test('a figure a source states is worded with its source, apart from the members the registry has recorded', async () => {
  const { cluster } = await server.graphql(
    `query($s: String!) { cluster(slug: $s) {
      statedFigures { kind qualifier value source { code } }
      members(first: 1) { totalCount }
    } }`,
    { s: RECYCLING },
  );
  const stated = cluster.statedFigures.find((f) => f.kind === 'MEMBERS' && f.qualifier === 'NEARLY' && f.value === 150);
  assert.ok(stated, 'the demo cluster has a source stating nearly 150 members');
  assert.equal(stated.source?.code, '001');
  const recorded = cluster.members.totalCount;

  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await openIn(page, `/clusters/${RECYCLING}`, 'pl');
  const figure = page.getByTestId('stated-figure').filter({ hasText: 'blisko 150 członków' });
  await figure.waitFor();
  assert.equal(await figure.getByTestId('source-ref').getAttribute('data-code'), '001');
  assert.ok(
    await page.locator('dt').filter({ hasText: 'Według źródeł' }).count(),
    'the figures are said to come from sources',
  );
  // The source's document is in the page's list of sources.
  await page.getByTestId('sources').locator('[data-test=source][data-code="001"]').waitFor();
  // The registry's own count, labelled as such, in the members' section.
  const line = page.getByTestId('members').getByTestId('recorded-members');
  await line.filter({ hasText: `W rejestrze: ${recorded} ` }).waitFor();
  assert.equal(await page.getByTestId('stated-figures').getByTestId('recorded-members').count(), 0);

  await openIn(page, `/clusters/${RECYCLING}`, 'en');
  await page.getByTestId('stated-figure').filter({ hasText: 'nearly 150 members' }).waitFor();
  await page.locator('dt').filter({ hasText: 'According to sources' }).waitFor();
  await line.filter({ hasText: `Recorded in the registry: ${recorded} member` }).waitFor();
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a sector the registry inferred is marked so, with its rule; a stated one is not', async () => {
  const { clusters } = await server.graphql(
    '{ clusters(first: 100) { nodes { slug sectorAssignments { inferredBy sector { namePl } } } } }',
  );
  const cluster = clusters.nodes.find((c) => c.sectorAssignments.some((a) => a.inferredBy));
  assert.ok(cluster, 'a demo cluster has an inferred sector');
  const inferred = cluster.sectorAssignments.filter((a) => a.inferredBy);

  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await openIn(page, `/clusters/${cluster.slug}`, 'pl');
  const sectors = page.getByTestId('sectors');
  await sectors.waitFor();
  const marks = sectors.getByTestId('inferred');
  assert.equal(await marks.count(), inferred.length, 'only the inferred sectors are marked');
  for (const [i, a] of inferred.entries()) {
    const mark = marks.nth(i);
    assert.equal(await mark.getAttribute('title'), a.inferredBy);
    assert.equal(await mark.textContent(), `(wnioskowany: ${a.inferredBy})`, 'the rule read out');
  }
  await sectors.filter({ hasText: `${inferred[0].sector.namePl} (wnioskowany:` }).waitFor();
  await openIn(page, `/clusters/${cluster.slug}`, 'en');
  await page.getByTestId('sectors').getByTestId('inferred').filter({ hasText: '(inferred: ' }).first().waitFor();
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('an organisation whose kind the registry inferred shows it marked so', async () => {
  const { organisations } = await server.graphql(
    '{ organisations(first: 100) { nodes { id kind kindInferredBy } } }',
  );
  const inferred = organisations.nodes.find((o) => o.kind && o.kindInferredBy);
  const stated = organisations.nodes.find((o) => o.kind && !o.kindInferredBy);
  const page = await freshPage(browser, server.base);
  await page.goto('/');
  if (inferred) {
    await openIn(page, `/organisations/${inferred.id}`, 'pl');
    const mark = page.getByTestId('organisation-kind').getByTestId('inferred');
    await mark.waitFor();
    assert.equal(await mark.getAttribute('title'), inferred.kindInferredBy);
  }
  if (stated) {
    await openIn(page, `/organisations/${stated.id}`, 'pl');
    await page.getByTestId('organisation-kind').filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.getByTestId('organisation-kind').getByTestId('inferred').count(), 0);
  }
  assert.ok(inferred || stated);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a status held since its award reads as held continuously since then', async () => {
  const { cluster } = await server.graphql(
    `query($s: String!) { cluster(slug: $s) {
      kkkCertifications { heldSince awardedOn } escaLabels { heldSince awardedOn }
    } }`,
    { s: RECYCLING },
  );
  const held = [
    ...cluster.kkkCertifications.map((r) => ({ ...r, test: 'timeline-kkk' })),
    ...cluster.escaLabels.map((r) => ({ ...r, test: 'timeline-esca' })),
  ].find((r) => r.heldSince);
  assert.ok(held, 'the demo cluster holds a status since its award');
  assert.equal(held.awardedOn, '2016');

  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await openIn(page, `/clusters/${RECYCLING}`, 'pl');
  await page.getByTestId(held.test).filter({ hasText: 'od 2016 nieprzerwanie' }).waitFor();
  await openIn(page, `/clusters/${RECYCLING}`, 'en');
  await page.getByTestId(held.test).filter({ hasText: 'since 2016, continuously' }).waitFor();
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

/** The names of the cluster's members on `day` (today when null), by the API. */
async function membersOn(slug, day) {
  const names = [];
  let after = null;
  for (;;) {
    const { cluster } = await server.graphql(
      `query($s: String!, $on: Date, $after: String) { cluster(slug: $s) {
        members(asOf: $on, first: 100, after: $after) {
          totalCount pageInfo { hasNextPage endCursor }
          nodes { organisation { name } }
        }
      } }`,
      { s: slug, on: day, after },
    );
    names.push(...cluster.members.nodes.map((m) => m.organisation.name));
    if (!cluster.members.pageInfo.hasNextPage) return { names: names.sort() };
    after = cluster.members.pageInfo.endCursor;
  }
}

/** The names the page's member list shows, every page of it loaded. */
async function shownMembers(page) {
  const list = page.getByTestId('members');
  const more = list.getByRole('button', { name: 'Więcej członków' });
  for (;;) {
    await page.waitForFunction(() => !document.querySelector('.loading'));
    const count = await list.getByTestId('member-row').count();
    if (!(await more.count())) break;
    await more.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-test=member-row]').length > n,
      count,
    );
  }
  return (await list.getByTestId('member-row').locator('td:first-child').allInnerTexts()).sort();
}

/** The day before a partial date's first day, as YYYY-MM-DD. */
function dayBefore(partial) {
  const [y, m = '01', d = '01'] = partial.split('-');
  const first = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return new Date(first.getTime() - 86_400_000).toISOString().slice(0, 10);
}

test('the members of a day the URL names are those whose periods include it, as the API says', async () => {
  // Every demo member has one open period from its joinedOn: in the cluster whose members
  // joined on the most different days, the day before the latest start leaves out at least the
  // member who joined last.
  const { clusters } = await server.graphql(
    '{ clusters(first: 100) { nodes { slug members(first: 100) { nodes { periods { joinedOn } } } } } }',
  );
  const startsOf = (c) => [...new Set(c.members.nodes.flatMap((m) => m.periods.map((p) => p.joinedOn)).filter(Boolean))].sort();
  const cluster = clusters.nodes.reduce((best, c) => (startsOf(c).length > startsOf(best).length ? c : best));
  const starts = startsOf(cluster);
  const today = new Date().toISOString().slice(0, 10);
  const days = starts.length > 1 ? [dayBefore(starts[starts.length - 1]), today] : ['2020-01-01', today];

  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await openIn(page, `/clusters/${cluster.slug}`, 'pl');
  if (starts.length) {
    await page.getByTestId('members').getByTestId('member-periods').filter({ hasText: /^od \S/ }).first().waitFor();
  }
  const counts = [];
  for (const day of days) {
    const expected = await membersOn(cluster.slug, day);
    counts.push(expected.names.length);
    await page.goto(`/clusters/${cluster.slug}?asOf=${day}`);
    const [y, m, d] = day.split('-');
    await page.getByTestId('members').getByTestId('as-of-day').filter({ hasText: `${Number(d)}.${m}.${y}` }).waitFor();
    await page
      .getByTestId('recorded-members')
      .filter({ hasText: `W rejestrze: ${expected.names.length} ` })
      .waitFor();
    assert.deepEqual(await shownMembers(page), expected.names, `the members of ${cluster.slug} on ${day}`);
    assert.equal(
      await page.getByTestId('members').getByRole('group', { name: 'Członkowie na dzień', exact: true }).count(),
      1,
      'the day is chosen above the list',
    );
  }
  if (starts.length > 1) assert.ok(counts[0] < counts[1], 'fewer members before the latest one joined');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
