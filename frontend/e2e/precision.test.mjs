// End-to-end tests that the web app states a KKK status or an ESCA label no more precisely than
// its source: a year stays a year and a month a month on a cluster's page and on the KKK page,
// and where the source gives no end, the last day the rules allow is said as "at the latest".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, freshPage } from './browser.mjs';

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

/** A partial date as the Polish interface writes it: 2015, 03.2015, 5.03.2015. */
function polish(value) {
  const [year, month, day] = value.split('-');
  if (!month) return year;
  if (!day) return `${month}.${year}`;
  return `${Number(day)}.${month}.${year}`;
}

/** A record's period as its source states it, in Polish. */
function statedPeriod({ awardedOn, validUntil, validity, heldSince }) {
  // Held since its award, continuously, as the source says: no end by the term rule.
  if (heldSince && awardedOn) return `od ${polish(awardedOn)} nieprzerwanie`;
  const from = awardedOn ? `od ${polish(awardedOn)}` : null;
  if (validUntil) return [from, `do ${polish(validUntil)}`].filter(Boolean).join(' ');
  const latest = validity.latestEnd ? `najpóźniej do ${polish(validity.latestEnd)}` : null;
  return [from, latest].filter(Boolean).join(', ') || '—';
}

/** As a cluster's page says it: the stated period, and the day a source confirms it. */
function timelinePeriod(record) {
  const stated = statedPeriod(record);
  return record.confirmedOn ? `${stated} · potwierdzony ${polish(record.confirmedOn)}` : stated;
}

const RECORD = 'awardedOn validUntil confirmedOn heldSince validity { latestEnd }';

test('a cluster’s page gives each KKK status and ESCA label the precision of its source', async () => {
  const { clusters } = await server.graphql(
    `{ clusters(first: 100) { nodes { slug kkkCertifications { ${RECORD} } escaLabels { ${RECORD} } } } }`,
  );
  const records = (c) => [...c.kkkCertifications, ...c.escaLabels];
  const partial = (d) => d !== null && d.length < 10;
  const cluster = clusters.nodes.find((c) => records(c).some((r) => partial(r.awardedOn) || partial(r.validUntil)));
  assert.ok(cluster, 'the demo registry has a status known only to its year or month');

  const page = await freshPage(browser, server.base);
  await page.goto(`/clusters/${cluster.slug}`);
  await page.getByTestId('cluster-page').waitFor();
  const periods = page.locator('.timeline-entry .timeline-period');
  await periods.first().waitFor();
  const shown = (await periods.allInnerTexts()).sort();
  assert.deepEqual(shown, records(cluster).map(timelinePeriod).sort());
  // A year is never turned into the first or last day of it.
  for (const record of records(cluster).filter((r) => partial(r.awardedOn))) {
    assert.ok(shown.some((p) => p.startsWith(`od ${polish(record.awardedOn)}`)), JSON.stringify(shown));
  }
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('the KKK page says where each holder’s and each lost status ends, as its source states it', async () => {
  const { kkkRounds } = await server.graphql(
    `{ kkkRounds { certifications { status ${RECORD} cluster { name } } } }`,
  );
  const expired = kkkRounds.flatMap((r) => r.certifications).filter((c) => c.status === 'EXPIRED' && c.cluster);
  const page = await freshPage(browser, server.base);
  await page.goto('/kkk');
  const lost = page.getByTestId('kkk-lost');
  await lost.locator('li').first().waitFor();
  for (const item of await lost.locator('li').all()) {
    const text = await item.innerText();
    const name = await item.locator('a').innerText();
    const ends = expired
      .filter((c) => c.cluster.name === name)
      .map((c) => statedPeriod({ ...c, awardedOn: null }));
    assert.ok(ends.some((end) => text.endsWith(end)), `${text} ends as one of ${JSON.stringify(ends)}`);
    assert.doesNotMatch(text, /\?/);
  }
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
