// Measures the web app as users meet it (a benchmark, not a test): the release WASM's size (the
// main module and the routes' modules), and
// how long the directory takes to show its first results, both after in-app navigation and on
// a cold load of /clusters, against `klastry serve` on loopback. Prints a Markdown table.
//   node e2e/measure.mjs [runs]       (from frontend/, after scripts/build-web.sh)
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launch, freshPage } from './browser.mjs';

const runs = Number(process.argv[2] ?? 10);
const dist = resolve(import.meta.dirname, '..', 'dist');
const files = readdirSync(dist);
// The main module, which every visit loads; the routes in src/pages/deferred.rs come later.
const wasm = files.find((f) => f.startsWith('app-') && f.endsWith('.wasm'));
const routeModules = files.filter((f) => /^(split|chunk)_.*\.wasm$/.test(f));
const size = (f) => statSync(join(dist, f)).size;
const kib = (bytes) => (bytes / 1024).toFixed(0);

const server = await startServer();
const browser = await launch();
const navigation = [];
const cold = [];
try {
  for (let i = 0; i < runs; i++) {
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`| measure | value | target |
|---|---|---|
| release .wasm (after wasm-opt) | ${kib(size(wasm))} KiB | |
| release .wasm gzipped (as served) | ${kib(size(`${wasm}.gz`))} KiB | under 500 KiB |
| modules of the routes loaded on first visit, gzipped: all (largest) | ${kib(routeModules.reduce((n, f) => n + size(`${f}.gz`), 0))} KiB (${kib(Math.max(0, ...routeModules.map((f) => size(`${f}.gz`))))} KiB) | |
| directory's first results after navigation, median of ${runs} (max) | ${ms(median(navigation))} (${ms(max(navigation))}) | under 1.5 s |
| cold load of /clusters?q=klaster to first results, median of ${runs} (max) | ${ms(median(cold))} (${ms(max(cold))}) | |`);
