#!/usr/bin/env python3
"""A mixed soak of klastry on PostgreSQL, with PostgreSQL restarted in the middle.

For `--minutes` (10) at `--concurrency` (64) clients on this machine's loopback: anonymous reads
(the directory, a cluster's profile, a search), a coordinator's writes (each creates an event of
the cluster with a unique name), subscribers on WebSockets and a webhook delivered to a
receiver started here. Halfway through, PostgreSQL is restarted. Every few seconds the server's
memory and open file descriptors are sampled. At the end it reports:

- answers by kind and status, and the 5xx answers outside the restart's window;
- memory and descriptors over time (flat is the goal) and at the end;
- whether every write the server acknowledged is there afterwards;
- the events the subscribers heard and the webhook deliveries received.

Traffic goes only to 127.0.0.1. Run it with scripts/soak.sh (which builds the release binary
and installs aiohttp and websockets from PyPI); it writes a Markdown summary to
bench/results/<time>-soak.md.
"""

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import websockets

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "klastry"
RECYCLING = "klaster-gospodarki-odpadowej-i-recyklingu"


def log(message):
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", flush=True)


def sample(pid):
    """(RSS MiB, open file descriptors) of a process."""
    rss = None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return rss, fds


class Tally:
    def __init__(self):
        self.counts = {}
        self.server_errors = []  # (seconds since start, kind, status)
        self.acknowledged = []  # event names the server said it created
        self.heard = 0
        self.deliveries = 0

    def count(self, kind, status):
        self.counts[(kind, status)] = self.counts.get((kind, status), 0) + 1


async def graphql(session, url, query, variables=None, token=None):
    headers = {"authorization": f"Bearer {token}"} if token else {}
    async with session.post(url, json={"query": query, "variables": variables or {}},
                            headers=headers) as response:
        body = await response.json(content_type=None)
        return response.status, body


async def reader(session, url, slugs, deadline, tally, started):
    queries = [
        ("directory", "{ clusters(first: 20) { totalCount edges { node { name slug kkkStatus } } } }", {}),
        ("profile", "query ($s: String!) { cluster(slug: $s) { name members(first: 20) { totalCount "
                    "edges { node { organisation { name } } } } kkkCertifications { round { name } } } }", None),
        ("search", "query ($t: String!) { organisations(first: 10, filter: { search: $t }) { edges "
                   "{ node { name } } } }", None),
    ]
    while time.monotonic() < deadline:
        kind, query, variables = random.choice(queries)
        if variables is None:
            variables = {"s": random.choice(slugs)} if kind == "profile" else {
                "t": random.choice(["klaster", "energia", "uniwersytet", "sp", "zuraw"])}
        try:
            status, _ = await graphql(session, url, query, variables)
        except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError):
            status = "transport error"
        tally.count(kind, status)
        if isinstance(status, int) and status >= 500 or status == "transport error":
            tally.server_errors.append((time.monotonic() - started, kind, status))


async def writer(session, url, token, cluster_id, deadline, tally, started, worker):
    n = 0
    while time.monotonic() < deadline:
        n += 1
        name = f"Soak {worker}-{n}-{random.randrange(1 << 30)}"
        try:
            status, body = await graphql(
                session, url,
                "mutation ($i: CreateEventInput!) { createEvent(input: $i) { event { id } userErrors { message } } }",
                {"i": {"clusterId": cluster_id, "name": name}}, token)
            created = (body.get("data") or {}).get("createEvent") or {}
            if status == 200 and created.get("event"):
                tally.acknowledged.append(name)
        except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError):
            status = "transport error"
        tally.count("write", status)
        if isinstance(status, int) and status >= 500 or status == "transport error":
            tally.server_errors.append((time.monotonic() - started, "write", status))
        await asyncio.sleep(0.2)


async def subscriber(ws_url, deadline, tally):
    """A subscriber that reconnects, resuming after the last sequence it heard."""
    last = None
    while time.monotonic() < deadline:
        try:
            async with websockets.connect(ws_url, subprotocols=["graphql-transport-ws"]) as socket:
                await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
                await socket.recv()
                await socket.send(json.dumps({
                    "id": "1", "type": "subscribe",
                    "payload": {"query": "subscription ($a: Int) { clusterChanged(after: $a) { sequence } }",
                                "variables": {"a": last}}}))
                while time.monotonic() < deadline:
                    try:
                        message = json.loads(await asyncio.wait_for(socket.recv(), 5))
                    except asyncio.TimeoutError:
                        continue
                    if message.get("type") == "next":
                        data = (message.get("payload") or {}).get("data") or {}
                        event = data.get("clusterChanged")
                        if event:
                            last = event["sequence"]
                            tally.heard += 1
                    elif message.get("type") == "ping":
                        await socket.send(json.dumps({"type": "pong"}))
        except (OSError, websockets.WebSocketException, asyncio.TimeoutError):
            await asyncio.sleep(1)


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--postgres-url", default=os.environ.get("KLASTRY_BENCH_POSTGRES_URL",
                                                                   "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--no-restart", action="store_true", help="do not restart PostgreSQL")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="klastry-soak-"))
    database = f"klastry_soak_{os.getpid()}"
    subprocess.run(["psql", f"{args.postgres_url}/postgres", "-qc", f"CREATE DATABASE {database}"], check=True)
    port = 18590
    receiver_port = 18591
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": f"{args.postgres_url}/{database}", "KLASTRY_BIND": f"127.0.0.1:{port}",
           "KLASTRY_DEMO": "true", "KLASTRY_DEMO_ACCOUNTS_FILE": str(work / "demo.json"),
           "KLASTRY_JWT_SECRET_FILE": str(work / "jwt"), "KLASTRY_WEB_DIR": str(work / "none"),
           "KLASTRY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS": "true", "KLASTRY_WEBHOOK_RETRY_BASE_MS": "1000",
           "RUST_LOG": "warn"}
    server_log = open(work / "server.log", "w")
    server = subprocess.Popen([str(BINARY), "serve"], env=env, stdout=server_log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    tally = Tally()
    samples = []
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60),
                                         connector=aiohttp.TCPConnector(limit=0)) as session:
            for _ in range(600):
                try:
                    async with session.get(f"{base}/healthz") as r:
                        if r.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
            accounts = json.loads((work / "demo.json").read_text())
            password = next(a["password"] for a in accounts if a["email"].startswith("koordynator"))
            _, body = await graphql(session, f"{base}/graphql",
                                    "mutation ($i: SignInInput!) { signIn(input: $i) { session { accessToken refreshToken } } }",
                                    {"i": {"email": "koordynator@klastry.demo", "password": password}})
            session_tokens = body["data"]["signIn"]["session"]
            _, body = await graphql(session, f"{base}/graphql",
                                    "query ($s: String!) { cluster(slug: $s) { id } clusters(first: 100) { edges { node { slug } } } }",
                                    {"s": RECYCLING})
            cluster_id = body["data"]["cluster"]["id"]
            slugs = [e["node"]["slug"] for e in body["data"]["clusters"]["edges"]]

            # A partner's webhook receiver on loopback.
            async def receive(request):
                await request.read()
                tally.deliveries += 1
                return aiohttp.web.Response(status=204)
            receiver = aiohttp.web.Application()
            receiver.router.add_post("/hook", receive)
            runner = aiohttp.web.AppRunner(receiver)
            await runner.setup()
            await aiohttp.web.TCPSite(runner, "127.0.0.1", receiver_port).start()
            await graphql(session, f"{base}/graphql",
                          "mutation ($i: CreateWebhookInput!) { createWebhook(input: $i) { secret } }",
                          {"i": {"url": f"http://127.0.0.1:{receiver_port}/hook", "events": ["CLUSTER_CHANGED"],
                                 "clusterId": cluster_id}}, session_tokens["accessToken"])

            started = time.monotonic()
            deadline = started + args.minutes * 60
            restart_at = started + args.minutes * 30
            # The access token lasts 15 minutes; the soak refreshes it for the writers.
            token_box = {"token": session_tokens["accessToken"], "refresh": session_tokens["refreshToken"]}

            async def refresher():
                while time.monotonic() < deadline:
                    await asyncio.sleep(600)
                    _, body = await graphql(session, f"{base}/graphql",
                                            "mutation ($t: String!) { refreshSession(input: { refreshToken: $t }) { session { accessToken refreshToken } } }",
                                            {"t": token_box["refresh"]})
                    fresh = ((body.get("data") or {}).get("refreshSession") or {}).get("session")
                    if fresh:
                        token_box.update(token=fresh["accessToken"], refresh=fresh["refreshToken"])

            async def sampler():
                while time.monotonic() < deadline:
                    rss, fds = sample(server.pid)
                    samples.append((time.monotonic() - started, rss, fds))
                    await asyncio.sleep(5)

            restart_window = [None, None]

            async def restarter():
                if args.no_restart:
                    return
                await asyncio.sleep(max(0, restart_at - time.monotonic()))
                versions = sorted(os.listdir("/etc/postgresql"))
                restart_window[0] = time.monotonic() - started
                log(f"restarting PostgreSQL {versions[-1]}")
                subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "restart"],
                               check=False)
                restart_window[1] = time.monotonic() - started
                log(f"PostgreSQL is back after {restart_window[1] - restart_window[0]:.1f} s")

            writers = max(1, args.concurrency // 8)
            subscribers = max(1, args.concurrency // 8)
            readers = max(1, args.concurrency - writers - subscribers)
            log(f"{readers} readers, {writers} writers, {subscribers} subscribers for {args.minutes} min")
            url = f"{base}/graphql"

            async def writer_loop(worker):
                # The token may be refreshed while it runs.
                while time.monotonic() < deadline:
                    await writer(session, url, token_box["token"], cluster_id,
                                 min(deadline, time.monotonic() + 30), tally, started, worker)
            await asyncio.gather(
                *[reader(session, url, slugs, deadline, tally, started) for _ in range(readers)],
                *[writer_loop(w) for w in range(writers)],
                *[subscriber(f"ws://127.0.0.1:{port}/graphql/ws", deadline, tally) for _ in range(subscribers)],
                sampler(), restarter(), refresher())
            await asyncio.sleep(5)
            end_rss, end_fds = sample(server.pid)

            # Every acknowledged write is there.
            _, body = await graphql(session, url,
                                    "query ($s: String!) { cluster(slug: $s) { events { name } } }", {"s": RECYCLING})
            present = {e["name"] for e in body["data"]["cluster"]["events"]}
            missing = [name for name in tally.acknowledged if name not in present]
            await runner.cleanup()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        server_log.close()
        subprocess.run(["psql", f"{args.postgres_url}/postgres", "-qc", f"DROP DATABASE IF EXISTS {database}"],
                       check=False)

    window = restart_window
    outside = [e for e in tally.server_errors
               if window[0] is None or not (window[0] - 1 <= e[0] <= window[1] + 10)]
    lines = [f"# Soak: {args.minutes} min at c={args.concurrency}, PostgreSQL "
             f"{'restarted at ' + format(window[0], '.0f') + ' s' if window[0] else 'not restarted'}",
             "", f"Run {dt.datetime.now().isoformat(timespec='seconds')} on {os.cpu_count()} cores.", "",
             "| answers | status | count |", "|---|---|---|"]
    for (kind, status), count in sorted(tally.counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        lines.append(f"| {kind} | {status} | {count} |")
    lines += ["", f"- 5xx or transport errors: {len(tally.server_errors)} in all, "
                  f"{len(outside)} outside the restart's window "
                  f"({'%.0f–%.0f s' % (window[0] - 1, window[1] + 10) if window[0] else 'none'})",
              f"- writes acknowledged: {len(tally.acknowledged)}; missing afterwards: {len(missing)}",
              f"- events heard by {max(1, args.concurrency // 8)} subscribers: {tally.heard}; "
              f"webhook deliveries received: {tally.deliveries}",
              f"- server at the end: {end_rss:.0f} MiB RSS, {end_fds} open descriptors", "",
              "| s | RSS MiB | fds |", "|---|---|---|"]
    step = max(1, len(samples) // 20)
    for seconds, rss, fds in samples[::step]:
        lines.append(f"| {seconds:.0f} | {rss:.0f} | {fds} |")
    report = "\n".join(lines) + "\n"
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    path = results / f"{dt.datetime.now().strftime('%Y%m%d%H%M%S')}-soak.md"
    path.write_text(report)
    print(report)
    log(f"written to {path}; server log in {work / 'server.log'}")
    if missing or outside:
        sys.exit(1)


if __name__ == "__main__":
    import aiohttp.web  # noqa: F401 (the receiver)
    asyncio.run(main())
