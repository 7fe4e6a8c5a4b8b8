#!/usr/bin/env python3
"""What hostile documents cost the server: memory, answer size and time.

Starts the release binary on a fresh SQLite registry (the embedded default), then sends each
kind of hostile document eight at once, a few rounds, while sampling the server's RSS every
10 ms: a 1 MiB document declaring 80,000 unused variables (it once returned an 11 MB error body
and took the server from 72 to 782 MB), literals nested 1,600 deep (they once aborted the
process), a document of 90,000 tokens, and 1,000 directives. Reports the peak RSS above the
idle server, the largest answer, the codes and whether the server still answers. Traffic goes
only to 127.0.0.1. Run it with scripts/memory.sh; it writes bench/results/<time>-hostile.md.
"""

import concurrent.futures
import datetime as dt
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "klastry"


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def post(url, query):
    body = json.dumps({"query": query}).encode()
    request = urllib.request.Request(url, body, {"content-type": "application/json"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        answer = error.read()
        status = error.code
    code = ""
    try:
        code = json.loads(answer)["errors"][0]["extensions"]["code"]
    except (ValueError, KeyError, IndexError, TypeError):
        pass
    return status, len(answer), code, time.monotonic() - started


def documents():
    variables = " ".join(f"$v{i}:Int" for i in range(80_000))
    many_variables = f"query ({variables}) {{ __typename }}"
    assert len(many_variables) < (1 << 20) - 100, "fits the body limit"
    deep = "[" * 1_600 + "1" + "]" * 1_600
    return {
        "80,000 unused variables (1 MiB)": many_variables,
        "a list literal 1,600 deep": f"{{ nodes(ids: {deep}) {{ id }} }}",
        "90,000 tokens (1 MiB)": "{ " + "__typename " * 90_000 + "}",
        "1,000 directives": "{ __typename " + "@include(if: true) " * 1_000 + "}",
    }


def main():
    work = Path(tempfile.mkdtemp(prefix="klastry-hostile-"))
    port = 18690
    url = f"http://127.0.0.1:{port}/graphql"
    env = {**os.environ, "DATABASE_URL": f"sqlite://{work}/registry.db?mode=rwc", "KLASTRY_BIND": f"127.0.0.1:{port}",
           "KLASTRY_DEMO_ACCOUNTS_FILE": str(work / "demo.json"), "KLASTRY_JWT_SECRET_FILE": str(work / "jwt"),
           "KLASTRY_WEB_DIR": str(work / "none"), "RUST_LOG": "warn"}
    log = open(work / "server.log", "w")
    server = subprocess.Popen([str(BINARY), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        post(url, "{ statistics { clusterCount } }")
        rows = []
        for name, document in documents().items():
            time.sleep(1)
            idle = rss_mib(server.pid)
            peak = [idle]
            stop = threading.Event()

            def watch():
                while not stop.is_set():
                    peak[0] = max(peak[0], rss_mib(server.pid))
                    time.sleep(0.01)
            watcher = threading.Thread(target=watch)
            watcher.start()
            answers = []
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                for _ in range(3):
                    answers += list(pool.map(lambda _: post(url, document), range(8)))
            stop.set()
            watcher.join()
            alive = post(url, "{ statistics { clusterCount } }")[0] == 200
            rows.append((name, len(document.encode()), idle, peak[0], max(a[1] for a in answers),
                         sorted({f"{a[0]} {a[2]}" for a in answers}), max(a[3] for a in answers), alive))
        end = rss_mib(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        log.close()
    lines = [f"# Hostile documents, eight at once, three rounds ({dt.datetime.now().isoformat(timespec='seconds')})",
             "", "| document | bytes | idle RSS MiB | peak RSS MiB | largest answer (bytes) | answers | slowest s | "
             "server answers after |", "|---|---|---|---|---|---|---|---|"]
    for name, size, idle, peak, largest, answers, slowest, alive in rows:
        lines.append(f"| {name} | {size} | {idle:.0f} | {peak:.0f} | {largest} | {', '.join(answers)} | "
                     f"{slowest:.2f} | {'yes' if alive else 'NO'} |")
    lines += ["", f"RSS at the end: {end:.0f} MiB."]
    report = "\n".join(lines) + "\n"
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    path = results / f"{dt.datetime.now().strftime('%Y%m%d%H%M%S')}-hostile.md"
    path.write_text(report)
    print(report)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
