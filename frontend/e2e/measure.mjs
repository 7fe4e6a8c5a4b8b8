// Measures the web app as users meet it (a benchmark, not a test): the release WASM's size (the
// main module and the routes' modules), and
// how long the directory takes to show its first results, both after in-app navigation and on
// a cold load of /clusters, against `klastry serve` on loopback. Prints a Markdown table.
//   node e2e/measure.mjs [runs]       (from frontend/, after scripts/build-web.sh)
//
// With --slow-phone, measures instead the cold load of /clusters?q=klaster on a slow phone
// (Lighthouse's "slow 4G / mobile" figures, applied with Chromium's own throttling through the
// DevTools protocol: 1.6 Mbps down, 750 kbps up, 150 ms round trip, a CPU 4× slower, a 360×740
// viewport), each run in a fresh browser context, so with an empty cache:
//   node e2e/measure.mjs [runs] --slow-phone
// The first results are the server's (the directory's address comes with its first page in
// the HTML); the time the app shows its own, having started, is given beside them.
// Besides the time to the first results, it gives the bytes transferred and when the main .wasm
// finished and the first GraphQL request started, counted from the start of the navigation (so
// one sees whether code and data are fetched side by side or one after the other).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launch, freshPage } from './browser.mjs';

const args = process.argv.slice(2);
const slowPhone = args.includes('--slow-phone');
const runs = Number(args.find((a) => !a.startsWith('--')) ?? 10);
const dist = resolve(import.meta.dirname, '..', 'dist');
const files = readdirSync(dist);
// The main module, which every visit loads; the routes in src/pages/deferred.rs come later.
const wasm = files.find((f) => f.startsWith('app-') && f.endsWith('.wasm'));
const routeModules = files.filter((f) => /^(split|chunk)_.*\.wasm$/.test(f));
const size = (f) => statSync(join(dist, f)).size;
const kib = (bytes) => (bytes / 1024).toFixed(0);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const ms = (x) => (Number.isNaN(x) ? 'none' : `${x.toFixed(0)} ms`);
const sizeRows = `| release .wasm (after wasm-opt) | ${kib(size(wasm))} KiB | |
| release .wasm gzipped (as served) | ${kib(size(`${wasm}.gz`))} KiB | under 500 KiB |
| modules of the routes loaded on first visit, gzipped: all (largest) | ${kib(routeModules.reduce((n, f) => n + size(`${f}.gz`), 0))} KiB (${kib(Math.max(0, ...routeModules.map((f) => size(`${f}.gz`))))} KiB) | |`;

// Lighthouse's "slow 4G / mobile" (its throughputKbps counts 1024 bits to the kilobit).
const SLOW_PHONE = {
  latency: 150, // ms, round trip
  downloadThroughput: (1.6 * 1024 * 1024) / 8, // bytes/s
  uploadThroughput: (750 * 1024) / 8, // bytes/s
  cpuSlowdown: 4,
  viewport: { width: 360, height: 740 },
};

/** One cold load of the directory on the slow phone, in a fresh context (empty cache). */
async function slowPhoneColdLoad(browser, base) {
  const page = await freshPage(browser, base, SLOW_PHONE.viewport);
  // When the first result appears, by the page's own clock (0 = start of the navigation).
  // The server's HTML carries the first page of results (`#first-paint`), which the app
  // replaces with its own when it starts: both moments are recorded, and the first paint.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const cards = [...document.querySelectorAll('[data-test="cluster-card"]')];
      if (cards.length && window.__firstResults === undefined) window.__firstResults = performance.now();
      if (cards.some((card) => !card.closest('#first-paint'))) {
        window.__appResults = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name === 'first-contentful-paint') window.__firstPaint = entry.startTime;
      }
    }).observe({ type: 'paint', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map();
  let navigationStart;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Document' && navigationStart === undefined) navigationStart = e.timestamp;
    // The extra info (the headers as sent) may come first.
    const r = requests.get(e.requestId) ?? {};
    // A GraphQL request is named by its operation in the waterfall.
    const operation = e.request.postData?.match(/"operationName":"(\w+)"/)?.[1];
    requests.set(e.requestId, { ...r, url: e.request.url, method: e.request.method, operation, start: e.timestamp });
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const header = Object.entries(e.headers).find(([name]) => name.toLowerCase() === 'accept-encoding');
    if (header) requests.set(e.requestId, { ...requests.get(e.requestId), acceptEncoding: header[1] });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    const header = Object.entries(e.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding');
    r.contentEncoding = header?.[1];
    r.status = e.response.status;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.end = e.timestamp;
    r.bytes = e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW_PHONE.latency,
    downloadThroughput: SLOW_PHONE.downloadThroughput,
    uploadThroughput: SLOW_PHONE.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpuSlowdown });

  const t0 = performance.now();
  await page.goto('/clusters?q=klaster', { timeout: 60_000 });
  await page.getByTestId('cluster-card').first().waitFor({ timeout: 60_000 });
  const wall = performance.now() - t0;
  await page.waitForFunction(() => window.__appResults !== undefined, null, { timeout: 60_000 });
  const { inPage, appResults, firstPaint } = await page.evaluate(() => ({
    inPage: window.__firstResults,
    appResults: window.__appResults,
    firstPaint: window.__firstPaint ?? NaN,
  }));
  // Let what is still on the way finish, so the bytes of the whole load are counted.
  await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
  await page.context().close();
  if (page.pageErrors.length) throw new Error(`errors on the page: ${page.pageErrors.join('; ')}`);

  const all = [...requests.values()].filter((r) => r.url);
  const since = (t) => (t - navigationStart) * 1000;
  const mainWasm = all.find((r) => r.url.endsWith(`/${wasm}`));
  const graphql = all.filter((r) => new URL(r.url).pathname === '/graphql').sort((a, b) => a.start - b.start);
  const finished = all.filter((r) => r.end !== undefined);
  return {
    wall,
    inPage,
    appResults,
    firstPaint,
    bytes: finished.reduce((n, r) => n + r.bytes, 0),
    bytesBeforeResults: finished.filter((r) => since(r.end) <= inPage).reduce((n, r) => n + r.bytes, 0),
    wasmEnd: mainWasm?.end !== undefined ? since(mainWasm.end) : NaN,
    wasmStart: mainWasm ? since(mainWasm.start) : NaN,
    wasmBytes: mainWasm?.bytes ?? NaN,
    graphqlStart: graphql.length ? since(graphql[0].start) : NaN,
    graphqlEnd: graphql[0]?.end !== undefined ? since(graphql[0].end) : NaN,
    graphqlCount: graphql.length,
    acceptEncoding: mainWasm?.acceptEncoding ?? '?',
    wasmEncoding: mainWasm?.contentEncoding ?? 'none',
    waterfall: all
      .sort((a, b) => a.start - b.start)
      .map((r) => ({
        what: `${r.method} ${new URL(r.url).pathname}${r.operation ? ` (${r.operation})` : ''}`,
        start: since(r.start),
        end: r.end !== undefined ? since(r.end) : NaN,
        bytes: r.bytes ?? 0,
      })),
  };
}

const server = await startServer();
const browser = await launch();
const navigation = [];
const cold = [];
const phone = [];
try {
  for (let i = 0; i < runs; i++) {
    if (slowPhone) {
      phone.push(await slowPhoneColdLoad(browser, server.base));
      continue;
    }
    const page = await freshPage(browser, server.base);
    await page.goto('/');
    await page.getByTestId('stat-clusters').waitFor();
    const t0 = performance.now();
    await page.getByRole('link', { name: 'Klastry', exact: true }).click();
    await page.getByTestId('cluster-card').first().waitFor();
    navigation.push(performance.now() - t0);

    const t1 = performance.now();
    await page.goto('/clusters?q=klaster');
    await page.getByTestId('cluster-card').first().waitFor();
    cold.push(performance.now() - t1);
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.stop();
}

if (!slowPhone) {
  console.log(`| measure | value | target |
|---|---|---|
${sizeRows}
| directory's first results after navigation, median of ${runs} (max) | ${ms(median(navigation))} (${ms(max(navigation))}) | under 1.5 s |
| cold load of /clusters?q=klaster to first results, median of ${runs} (max) | ${ms(median(cold))} (${ms(max(cold))}) | |`);
} else {
  const of = (key) => phone.map((run) => run[key]);
  const row = (what, key, format = ms) =>
    `| ${what}, median of ${runs} (max) | ${format(median(of(key)))} (${format(max(of(key)))}) |`;
  const kb = (bytes) => `${kib(bytes)} KiB`;
  console.log(`Slow phone: ${SLOW_PHONE.downloadThroughput * 8 / 1024 / 1024} Mbps down, ${SLOW_PHONE.uploadThroughput * 8 / 1024} kbps up, \
${SLOW_PHONE.latency} ms round trip, CPU ${SLOW_PHONE.cpuSlowdown}× slower, ${SLOW_PHONE.viewport.width}×${SLOW_PHONE.viewport.height}, empty cache. \
Times from the start of the navigation. Accept-Encoding sent: "${phone[0].acceptEncoding}"; main .wasm served with content-encoding: ${phone[0].wasmEncoding}.

| measure | value | target |
|---|---|---|
${sizeRows}
| cold load of /clusters?q=klaster to first results (page's clock), median of ${runs} (max) | ${ms(median(of('inPage')))} (${ms(max(of('inPage')))}) | under 2 s |
${row('first contentful paint (the results, once the stylesheet is in)', 'firstPaint')} |
${row('the same, measured from the driver (goto to the first card found)', 'wall')} |
${row("the app's own results, the app started (page's clock)", 'appResults')} |
${row('bytes transferred, whole load', 'bytes', kb)} |
${row('bytes transferred before the first results', 'bytesBeforeResults', kb)} |
${row('main .wasm bytes transferred', 'wasmBytes', kb)} |
${row('main .wasm requested', 'wasmStart')} |
${row('main .wasm finished', 'wasmEnd')} |
${row('first GraphQL request started', 'graphqlStart')} |
${row('first GraphQL request finished', 'graphqlEnd')} |
${row('GraphQL requests', 'graphqlCount', String)} |

Requests of the last run (ms from the start of the navigation):

| request | start | end | bytes |
|---|---|---|---|
${phone.at(-1).waterfall.map((r) => `| ${r.what} | ${r.start.toFixed(0)} | ${r.end.toFixed(0)} | ${r.bytes} |`).join('\n')}`);
}
