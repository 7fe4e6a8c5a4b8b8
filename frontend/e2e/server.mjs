// Starts `klastry serve` on a fresh SQLite database (demo registry loaded) and a free port, with
// the built web app; gives its base URL and a GraphQL helper, and stops it afterwards.
//
//   startServer()                                        // the defaults
//   startServer({ env: { KLASTRY_SMTP_URL: sink.url }, publicUrl: true })
//
// `env` is added to the server's environment. With `publicUrl`, the server listens on a port
// chosen here, and KLASTRY_PUBLIC_URL names it, so links in mail lead back to this server.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { COORDINATOR, MEMBER, OPERATOR } from './helpers.mjs';

const root = resolve(import.meta.dirname, '..', '..');

/** A port free on the loopback address now (the server binds it a moment later). */
async function freePort() {
  const probe = createServer();
  await new Promise((resolveListen, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolveListen);
  });
  const { port } = probe.address();
  await new Promise((resolveClose) => probe.close(resolveClose));
  return port;
}

export async function startServer({ env = {}, publicUrl = false } = {}) {
  const bin = process.env.KLASTRY_BIN ?? join(root, 'target', 'debug', 'klastry');
  const dir = mkdtempSync(join(tmpdir(), 'klastry-e2e-'));
  const demoAccounts = join(dir, 'demo-accounts.json');
  writeFileSync(
    demoAccounts,
    JSON.stringify([OPERATOR, COORDINATOR, MEMBER].map((a) => ({ ...a, may: 'e2e' }))),
  );
  const address = `127.0.0.1:${publicUrl ? await freePort() : 0}`;
  const child = spawn(bin, ['serve'], {
    cwd: dir,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${join(dir, 'klastry.db')}?mode=rwc`,
      KLASTRY_BIND: address,
      ...(publicUrl ? { KLASTRY_PUBLIC_URL: `http://${address}` } : {}),
      KLASTRY_WEB_DIR: join(root, 'frontend', 'dist'),
      KLASTRY_JWT_SECRET_FILE: join(dir, 'jwt-secret'),
      KLASTRY_DEMO_ACCOUNTS_FILE: demoAccounts,
      RUST_LOG: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise((resolveBase, reject) => {
    const timer = setTimeout(() => reject(new Error(`klastry did not start:\n${output}`)), 60_000);
    const read = (chunk) => {
      output += chunk;
      const match = output.match(/serving (http:\/\/[\d.:]+)\//);
      if (match) {
        clearTimeout(timer);
        resolveBase(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`klastry exited with ${code}:\n${output}`)));
  });
  return {
    base,
    async graphql(query, variables = {}, token) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
