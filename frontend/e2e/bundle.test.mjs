// The web app's bundle as a visitor downloads it: the main module under its size budget, the
// routes of src/pages/deferred.rs fetched only when first shown, and every one of them working
// once fetched (a module the split lost a function from fails only when its route opens).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launch, freshPage } from './browser.mjs';
import { OPERATOR, signIn } from './helpers.mjs';

const dist = resolve(import.meta.dirname, '..', 'dist');
const BUDGET_KIB = 500;

// Every route deferred.rs splits off, and what its page shows once loaded.
const DEFERRED = [
  '/organisations', '/events', '/cooperation', '/sign-up', '/verify-email', '/forgot-password',
  '/reset-password', '/confirm-email', '/invitation', '/unsubscribe', '/inbox', '/my-account',
  '/requests', '/my-organisation', '/coordinator', '/operator', '/projects', '/esca', '/about',
  '/contact', '/privacy', '/accessibility',
];

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

/** The .wasm files a page asks for, by name, as they are requested. */
function wasmRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.slice(1);
    if (name.endsWith('.wasm')) seen.push(name);
  });
  return seen;
}

test('the main module stays under its gzipped budget and the routes come as modules of their own', () => {
  const files = readdirSync(dist);
  const main = files.filter((f) => /^app-[0-9a-f]{12}\.wasm$/.test(f));
  assert.equal(main.length, 1, `one main module in ${files.join(' ')}`);
  const gz = statSync(join(dist, `${main[0]}.gz`)).size / 1024;
  assert.ok(gz < BUDGET_KIB, `main module ${gz.toFixed(0)} KiB gzipped, budget ${BUDGET_KIB}`);
  const routes = files.filter((f) => /^split_.*-[0-9a-f]{12}\.wasm$/.test(f));
  assert.ok(routes.some((f) => f.startsWith('split_coordinator_page')), 'the coordinator desk is split off');
  assert.ok(routes.some((f) => f.startsWith('split_operator_page')), 'the operator desk is split off');
});

test('every asset is pre-compressed in brotli and gzip, and a browser gets brotli', async () => {
  const assets = readdirSync(dist).filter((f) => /\.(wasm|js|css|html)$/.test(f));
  for (const asset of assets) {
    for (const copy of [`${asset}.br`, `${asset}.gz`]) {
      assert.ok(statSync(join(dist, copy)).size > 0, `${copy} beside ${asset}`);
    }
  }
  const main = assets.find((f) => /^app-[0-9a-f]{12}\.wasm$/.test(f));
  const response = await fetch(`${server.base}/${main}`, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
  assert.equal(response.headers.get('content-encoding'), 'br');
  await response.arrayBuffer();
});

test('a visitor to the home page loads no route module; opening the events fetches theirs once', async () => {
  const page = await freshPage(browser, server.base);
  const requested = wasmRequests(page);
  await page.goto('/');
  await page.getByTestId('stat-clusters').waitFor();
  assert.deepEqual(requested.filter((f) => f.startsWith('split_')), []);

  await page.getByRole('navigation', { name: 'Nawigacja główna' }).getByRole('link', { name: 'Wydarzenia' }).click();
  await page.getByRole('heading', { level: 1, name: 'Wydarzenia klastrów' }).waitFor();
  assert.equal(requested.filter((f) => f.startsWith('split_events_page')).length, 1);

  // Back and forth: the module is not fetched again.
  await page.goBack();
  await page.getByTestId('stat-clusters').waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: 'Wydarzenia klastrów' }).waitFor();
  assert.equal(requested.filter((f) => f.startsWith('split_events_page')).length, 1);
  await page.context().close();
});

test('every deferred route opens with its heading and no error, signed in as the operator', async () => {
  const page = await freshPage(browser, server.base);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await signIn(page, OPERATOR);
  for (const path of DEFERRED) {
    await page.goto(path);
    await page.locator('main h1').first().waitFor();
    assert.ok((await page.locator('main h1').first().innerText()).trim().length > 0, path);
  }
  // The access pages called without their token say so in a notice, which is no error of the
  // bundle; anything else (a failed module, a panic) would be.
  const bundleErrors = errors.filter((e) => !/status of 4\d\d/.test(e));
  assert.deepEqual(bundleErrors, []);
  await page.context().close();
});
