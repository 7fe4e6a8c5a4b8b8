// A real SMTP server for the browser tests that send e-mail, never a mock: scripts/smtp-sink.py
// (aiosmtpd, installed by scripts/smtp-sink-setup.sh) on a free loopback port. It keeps every
// message it accepts as NNNNNN.eml and an already decoded NNNNNN.json, which these helpers read:
//
//   const sink = await startSmtpSink();                // or { auth: { user, password }, failFirst: 1 }
//   // ... start klastry with KLASTRY_SMTP_URL=sink.url, make it send a mail ...
//   const mail = await sink.waitFor('anna@example.org', 'Potwierdź');
//   await page.goto(linkIn(mail, '/verify-email'));    // or tokenIn(mail, '/verify-email')
//   await sink.stop();
//
// A mail is the sink's record: { mailFrom, rcptTos, from, to, subject, headers, text, html }
// (text and html decoded, with "\n" line ends), plus eml, the path of the raw message.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const script = join(root, 'scripts', 'smtp-sink.py');
const START_TIMEOUT_MS = 20_000;
const WAIT_TIMEOUT_MS = 30_000;
const POLL_MS = 50;

/**
 * Starts a sink. With `auth` ({ user, password }) it requires AUTH PLAIN or LOGIN before MAIL
 * (no TLS: loopback only); it answers `451 4.3.0 try again later` to the first `failFirst`
 * messages' DATA.
 */
export async function startSmtpSink({ auth, failFirst = 0 } = {}) {
  if (auth?.user.includes(':')) throw new Error("an SMTP sink's user has no ':'");
  const dir = mkdtempSync(join(tmpdir(), 'klastry-smtp-'));
  const mailDir = join(dir, 'mail');
  const args = [script, '--dir', mailDir, '--host', '127.0.0.1', '--port', '0', '--watch-stdin'];
  if (auth) args.push('--auth', `${auth.user}:${auth.password}`);
  if (failFirst > 0) args.push('--fail-first', String(failFirst));
  // stdin stays an open pipe: the sink exits when it closes (--watch-stdin), so it never
  // outlives this process, however that ends.
  const child = spawn('python3', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  const port = await new Promise((resolvePort, reject) => {
    const onError = (error) => fail(`could not start: ${error.message}`);
    const onExit = (code) => fail(`exited with ${code} before it listened`);
    const timer = setTimeout(() => fail(`did not listen within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    function fail(why) {
      clearTimeout(timer);
      child.off('error', onError);
      child.off('exit', onExit);
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`the SMTP sink ${why} (it needs aiosmtpd: run scripts/smtp-sink-setup.sh); its stderr:\n${stderr}`));
    }
    child.once('error', onError);
    child.once('exit', onExit);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/^LISTENING (\d+)$/m);
      if (match) {
        clearTimeout(timer);
        child.off('error', onError);
        child.off('exit', onExit);
        resolvePort(Number(match[1]));
      }
    });
  });
  // A sink left running does not keep this process alive; when it ends, the sink's stdin
  // closes and the sink stops.
  for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref?.();
  child.unref();

  const credentials = auth
    ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@`
    : '';

  /** Every message accepted so far, in the order accepted. */
  function mails() {
    return readdirSync(mailDir)
      .filter((name) => /^\d{6}\.json$/.test(name))
      .sort()
      .map((name) => ({
        ...JSON.parse(readFileSync(join(mailDir, name), 'utf8')),
        eml: join(mailDir, name.replace(/\.json$/, '.eml')),
      }));
  }

  const isTo = (mail, to) => mail.rcptTos.some((rcpt) => rcpt.toLowerCase() === to.toLowerCase());
  const summary = (all) =>
    all.length === 0
      ? 'no e-mail'
      : `${all.length} e-mail${all.length === 1 ? '' : 's'}:${all.map((m) => `\n  to ${JSON.stringify(m.rcptTos)}: "${m.subject}"`).join('')}`;

  async function poll(found, describe) {
    const deadline = Date.now() + WAIT_TIMEOUT_MS;
    for (;;) {
      const all = mails();
      const result = found(all);
      if (result !== undefined) return result;
      if (Date.now() >= deadline) {
        throw new Error(`${describe(all)} within ${WAIT_TIMEOUT_MS / 1000} s; the SMTP sink holds ${summary(all)}`);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  return {
    port,
    /** The sink as the server's KLASTRY_SMTP_URL: plain SMTP, with the credentials if any. */
    url: `smtp://${credentials}127.0.0.1:${port}`,
    mails,
    /** How many messages have `to` among their envelope recipients (any case). */
    countTo(to) {
      return mails().filter((mail) => isTo(mail, to)).length;
    },
    /**
     * The first message to `to` (envelope recipient, any case) whose subject contains
     * `subjectContains` (any subject when omitted), waiting up to 30 s for it.
     */
    waitFor(to, subjectContains) {
      return poll(
        (all) => all.find((m) => isTo(m, to) && (subjectContains == null || m.subject.includes(subjectContains))),
        () => `no e-mail to ${to}${subjectContains == null ? '' : ` with "${subjectContains}" in its subject`} came`,
      );
    },
    /** Every message to `to`, once there are at least `n`, waiting up to 30 s. */
    waitForCount(to, n) {
      return poll(
        (all) => {
          const these = all.filter((m) => isTo(m, to));
          return these.length >= n ? these : undefined;
        },
        (all) => `${all.filter((m) => isTo(m, to)).length} e-mails to ${to} came, not ${n},`,
      );
    },
    /** Stops the sink and removes its messages. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.ref(); // keeps this process alive until the sink has exited
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every http(s) URL in `text`, in order, without the punctuation that ends a sentence. */
function linksIn(text) {
  return [...text.matchAll(/https?:\/\/[^\s<>"'`]+/g)].map((m) => m[0].replace(/[.,;:!?)\]]+$/, ''));
}

/** The first http(s) link in the mail's text whose path contains `pathContains`. */
export function linkIn(mail, pathContains) {
  const link = linksIn(mail.text).find((url) => {
    try {
      return new URL(url).pathname.includes(pathContains);
    } catch {
      return false;
    }
  });
  if (!link) {
    throw new Error(`no http(s) link with "${pathContains}" in its path in the e-mail "${mail.subject}" to ${JSON.stringify(mail.rcptTos)}; its text:\n${mail.text}`);
  }
  return link;
}

/** The `token` query parameter of linkIn(mail, pathContains). */
export function tokenIn(mail, pathContains) {
  const link = linkIn(mail, pathContains);
  const token = new URL(link).searchParams.get('token');
  if (token == null) throw new Error(`the link ${link} has no token parameter`);
  return token;
}
