// End-to-end tests of the registry's source documents: a cluster's page links each fact to its
// source in the page's list of sources, /sources lists and searches every document (the search
// kept in the URL), and the operator names a record's source, chosen or added anew, in the
// record form, a record without one being refused under the source picker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage, shot } from './browser.mjs';
import { OPERATOR, RECYCLING, signIn, apiSession, fillDate, pickCluster, pickSource, openIn } from './helpers.mjs';

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

test('a cluster’s page links each KKK entry to its source, listed by code at the page’s end', async () => {
  const { cluster } = await server.graphql(
    'query($s: String!) { cluster(slug: $s) { kkkCertifications { id source { code title } } sources { code } } }',
    { s: RECYCLING },
  );
  assert.ok(cluster.kkkCertifications.length > 0, 'the demo cluster holds KKK certifications');
  const cited = cluster.kkkCertifications.map((k) => k.source);
  assert.ok(cited.every((s) => s), 'every KKK certification names its source');

  const page = await freshPage(browser, server.base);
  await page.goto(`/clusters/${RECYCLING}`);
  await page.getByTestId('cluster-page').waitFor();
  const entries = page.getByTestId('timeline-kkk');
  await entries.first().waitFor();
  assert.equal(await entries.count(), cited.length);
  for (const entry of await entries.all()) {
    const link = entry.getByTestId('source-ref');
    assert.equal(await link.count(), 1, 'one source link per entry');
    const code = await link.getAttribute('data-code');
    const source = cited.find((s) => s.code === code);
    assert.ok(source, `${code} is a source the API names for a KKK certification`);
    assert.equal(await link.innerText(), `źródło: ${code}`);
    assert.equal(await link.getAttribute('title'), source.title);
    assert.equal(await link.getAttribute('href'), `#source-${code}`);
  }

  // The list at the end: each document once, by code, the cluster's own and every fact's.
  const listed = page.getByTestId('sources').getByTestId('source');
  const codes = await listed.evaluateAll((items) => items.map((i) => i.dataset.code));
  assert.deepEqual(codes, [...codes].sort(), 'in the order of codes');
  assert.equal(new Set(codes).size, codes.length, 'each once');
  for (const { code } of [...cluster.sources, ...cited]) assert.ok(codes.includes(code), `${code} is listed`);

  // Clicking a link lands on the document's entry, whose title is the API's.
  const first = entries.first().getByTestId('source-ref');
  const code = await first.getAttribute('data-code');
  await first.click();
  await page.waitForFunction((c) => location.hash === `#source-${c}`, code);
  assert.equal(new URL(page.url()).pathname, `/clusters/${RECYCLING}`, 'still the cluster’s page');
  assert.equal(await page.evaluate(() => document.querySelector(':target')?.dataset.code), code, 'the entry is the target');
  const target = page.getByTestId('sources').locator(`#source-${code}`);
  assert.equal(await target.getByTestId('source-title').innerText(), cited.find((s) => s.code === code).title);
  assert.ok(await target.isVisible());
  assert.ok(await target.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }), 'scrolled into view');
  // Its members and specialisations cite their documents too, each one the page lists.
  const { cluster: facts } = await server.graphql(
    'query($s: String!) { cluster(slug: $s) { specialisationRecords { source { code } } members(first: 100) { nodes { source { code } } } } }',
    { s: RECYCLING },
  );
  const specialisationCodes = await page.getByTestId('specialisations').getByTestId('source-ref')
    .evaluateAll((links) => links.map((l) => l.dataset.code));
  assert.deepEqual(specialisationCodes, facts.specialisationRecords.map((s) => s.source.code));
  await page.getByTestId('member-row').first().waitFor();
  const memberCodes = await page.getByTestId('member-row').getByTestId('source-ref')
    .evaluateAll((links) => links.map((l) => l.dataset.code));
  assert.deepEqual(memberCodes, facts.members.nodes.filter((m) => m.source).map((m) => m.source.code));
  for (const c of [...specialisationCodes, ...memberCodes]) assert.ok(codes.includes(c), `${c} is listed`);
  // The record's own facts cite the documents that mention the cluster.
  const recordCodes = await page.getByTestId('record-sources').getByTestId('source-ref')
    .evaluateAll((links) => links.map((l) => l.dataset.code));
  assert.deepEqual(recordCodes, cluster.sources.map((s) => s.code));
  await page.getByTestId('cluster-page').waitFor();
  await shot(page, 'sources-cluster-page');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('/sources finds a document by its publisher, with its year as the source gives it, and keeps the search in the URL', async () => {
  const { sources } = await server.graphql('{ sources(filter: { text: "PARP" }, first: 20) { totalCount nodes { code title publisher publishedOn } } }');
  const parp = sources.nodes.find((s) => s.code === '003');
  assert.ok(parp, 'the demo registry holds PARP’s 2017 guide as 003');
  assert.equal(parp.publishedOn, '2017');

  const page = await freshPage(browser, server.base);
  await page.goto('/');
  await openIn(page, '/sources?q=PARP', 'pl');
  const card = page.getByTestId('source-card').and(page.locator('[data-code="003"]'));
  await card.waitFor();
  assert.equal(await card.getByTestId('source-title').innerText(), parp.title);
  assert.equal(await card.getByTestId('source-publisher').innerText(), parp.publisher);
  assert.equal(await card.getByTestId('source-date').innerText(), '2017');
  assert.equal(await page.getByTestId('source-card').count(), sources.nodes.length);
  assert.equal(await page.getByLabel('Szukaj dokumentu').inputValue(), 'PARP');

  // Typing another search replaces it in the URL; an empty one lists every document.
  await page.getByLabel('Szukaj dokumentu').fill('');
  await page.waitForURL((url) => url.pathname === '/sources' && !url.searchParams.has('q'));
  const { sources: all } = await server.graphql('{ sources(first: 1) { totalCount } }');
  await page.getByTestId('total').filter({ hasText: new RegExp(`: ${all.totalCount} dokument`) }).waitFor();
  await shot(page, 'sources-page');

  // The footer leads to it.
  await page.goto('/about');
  await page.getByRole('navigation', { name: 'O serwisie' }).getByRole('link', { name: 'Dokumenty źródłowe' }).click();
  await page.waitForURL((url) => url.pathname === '/sources');
  await page.getByRole('heading', { level: 1, name: 'Dokumenty źródłowe' }).waitFor();
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the operator records an ESCA label from a new source document; without a source the record is refused under the picker', async () => {
  const token = await apiSession(server, OPERATOR);
  const data = await server.graphql('{ clusters(first: 100) { nodes { id slug name escaLabels { id } } } }', {}, token);
  const cluster = data.clusters.nodes.find((c) => c.escaLabels.length === 0);
  assert.ok(cluster, 'a cluster without ESCA labels');
  const stamp = Date.now();
  const title = `Komunikat o etykietach ESCA e2e ${stamp}`;

  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const form = page.getByTestId('record-form');
  await form.getByRole('radio', { name: 'Zapisz etykietę ESCA' }).check();
  await pickCluster(form.getByTestId('record-cluster'), cluster.name);
  await fillDate(form, 'Data przyznania', '2024-05');

  // No source: refused under the source picker, nothing recorded.
  await form.getByRole('button', { name: 'Zapisz', exact: true }).click();
  const picker = form.getByTestId('source-picker');
  await picker.locator('.field-error').filter({ hasText: 'wskaż dokument źródłowy albo dodaj nowy' }).waitFor();
  assert.equal(await picker.getByRole('searchbox').getAttribute('aria-invalid'), 'true');
  const none = await server.graphql(`{ cluster(id: "${cluster.id}") { escaLabels { id } } }`, {}, token);
  assert.deepEqual(none.cluster.escaLabels, [], 'nothing was recorded');
  await shot(page, 'sources-record-refused');

  // A new document without its publisher: refused under that field.
  await form.getByLabel('Dodaj nowy dokument źródłowy').check();
  await form.getByLabel('Tytuł dokumentu').fill(title);
  await form.getByLabel('Adres dokumentu (URL)').fill(`https://klastry.example/esca-${stamp}`);
  await form.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await form.getByTestId('error-source.publisher').filter({ hasText: /\S/ }).waitFor();
  assert.equal(await form.getByLabel('Wydawca').getAttribute('aria-invalid'), 'true');

  await form.getByLabel('Wydawca').fill('Ministerstwo Rozwoju e2e');
  await fillDate(form, 'Data publikacji', '2024-05');
  await form.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await form.getByRole('status').filter({ hasText: 'Zapisano w rejestrze.' }).waitFor();

  const recorded = await server.graphql(
    `{ cluster(id: "${cluster.id}") { escaLabels { awardedOn source { code title publisher publishedOn url } } } }`,
    {},
    token,
  );
  assert.equal(recorded.cluster.escaLabels.length, 1);
  const [label] = recorded.cluster.escaLabels;
  assert.equal(label.awardedOn, '2024-05');
  assert.equal(label.source.title, title);
  assert.equal(label.source.publisher, 'Ministerstwo Rozwoju e2e');
  assert.equal(label.source.publishedOn, '2024-05');
  const { code } = label.source;
  // The new document is now the one chosen, for the next record.
  await form.getByTestId('source-picker').getByTestId('chosen').filter({ hasText: `${code} · ${title}` }).waitFor();
  // The recorded label names it in the cluster's list of records.
  await page.getByTestId('status-record').filter({ hasText: '2024-05' }).getByTestId('status-source').filter({ hasText: code }).waitFor();
  await shot(page, 'sources-record-new-document');

  // The cluster's page shows the label with its source, listed at the end.
  await page.goto(`/clusters/${cluster.slug}`);
  const entry = page.getByTestId('timeline-esca');
  await entry.first().waitFor();
  const link = entry.getByTestId('source-ref');
  assert.equal(await link.getAttribute('data-code'), code);
  assert.equal(await link.getAttribute('title'), title);
  const listed = page.getByTestId('sources').locator(`#source-${code}`);
  assert.equal(await listed.getByTestId('source-title').innerText(), title);
  assert.equal(await listed.getByTestId('source-date').innerText(), '05.2024');
  assert.equal(await listed.getByTestId('source-url').getAttribute('href'), `https://klastry.example/esca-${stamp}`);

  // And /sources lists it.
  await page.goto(`/sources?q=${encodeURIComponent(String(stamp))}`);
  const card = page.getByTestId('source-card');
  await card.first().waitFor();
  assert.equal(await card.count(), 1);
  assert.equal(await card.getAttribute('data-code'), code);
  assert.equal(await card.getByTestId('source-title').innerText(), title);
  assert.equal(await card.getByTestId('source-publisher').innerText(), 'Ministerstwo Rozwoju e2e');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a correction starts from the record’s source, and another document chosen is saved', async () => {
  const token = await apiSession(server, OPERATOR);
  const data = await server.graphql(
    `{ cluster(slug: "${RECYCLING}") { id name kkkCertifications { id source { code } } } }`,
    {},
    token,
  );
  const { cluster } = data;
  const first = cluster.kkkCertifications[0];
  assert.ok(first?.source, 'the demo cluster’s KKK certification names a source');
  const { sources } = await server.graphql('{ sources(first: 20) { nodes { code } } }');
  const other = sources.nodes.find((s) => s.code !== first.source.code).code;

  const page = await freshPage(browser, server.base);
  await signIn(page, OPERATOR);
  await page.goto('/operator');
  const form = page.getByTestId('record-form');
  await pickCluster(form.getByTestId('record-cluster'), cluster.name);
  const record = page.getByTestId('status-record').filter({ has: page.getByTestId('status-source').filter({ hasText: first.source.code }) }).first();
  await record.getByTestId('correct').click();
  const correct = record.getByTestId('correct-form');
  await correct.getByTestId('source-picker').getByTestId('chosen').filter({ hasText: `${first.source.code} · ` }).waitFor();
  await pickSource(correct, other);
  await correct.getByRole('button', { name: 'Zapisz' }).click();
  await page.getByTestId('status-notice').filter({ hasText: 'Zapisano.' }).waitFor();
  const after = await server.graphql(`{ node(id: "${first.id}") { ... on KkkCertification { source { code } } } }`, {}, token);
  assert.equal(after.node.source.code, other);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
