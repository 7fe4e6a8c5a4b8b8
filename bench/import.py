#!/usr/bin/env python3
"""The bulk import's speed: rows a second of `klastry import`, and statements a row.

Builds nothing: uses target/release/klastry, or --binary. For each backend asked for it
creates a fresh database (PostgreSQL: klastry_importbench_<timestamp> on --postgres, dropped
after unless --keep; SQLite: a file under bench/.work/), migrates it (`klastry migrate`), writes
a JSON Lines file of --rows rows in the export's format (one cluster, then organisations with
valid NIP and REGON, each followed by its membership of that cluster, or organisations only
with --organisations-only) and times `klastry import FILE` as a user runs it, --runs times,
each run into a fresh database.

Then, unless --no-statements, it counts the statements a row costs: it starts `klastry serve`
on the last run's database with KLASTRY_EXPOSE_STATEMENT_COUNT=true, signs in an operator made
with `klastry user create --admin`, and sends two imports of new rows (--sample and twice as
many) through the importRecords mutation, reading `extensions.sqlStatements`: the statements
per row, and what an import costs whatever its size.

    bench/import.py                       # both backends, 10,000 rows
    bench/import.py --backend postgres --rows 20000 --runs 2
    bench/import.py --backend postgres --socket /var/run/postgresql
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
SLUG = "klaster-importu"


def nip(i):
    """The i-th checksum-valid NIP (the synthetic generator's numbering)."""
    for k in range(3):
        base = f"{100_000_000 + i * 3 + k:09d}"
        check = sum(int(d) * w for d, w in zip(base, [6, 5, 7, 2, 3, 4, 5, 6, 7])) % 11
        if check != 10:
            return base + str(check)
    raise ValueError(i)


def regon(i):
    """The i-th checksum-valid nine-digit REGON."""
    base = f"{10_000_000 + i:08d}"
    check = sum(int(d) * w for d, w in zip(base, [8, 9, 2, 3, 4, 5, 6, 7])) % 11
    return base + str(check % 10)


def records(first, n, organisations_only, with_cluster=True):
    """n rows: (a cluster, then) organisations first.. with their memberships."""
    out = []
    if with_cluster and not organisations_only:
        out.append({"type": "cluster", "slug": SLUG, "namePl": "Klaster importu", "status": "ACTIVE"})
    i = first
    while len(out) < n:
        out.append({
            "type": "organisation", "registryId": i, "name": f"Firma Importowa {i} sp. z o.o.",
            "kind": "SMALL_ENTERPRISE", "nip": nip(i), "regon": regon(i),
            "voivodeshipTeryt": f"{2 * (i % 16) + 2:02d}", "city": "Gdańsk",
            "postalCode": "80-001", "website": f"https://firma{i}.example.pl",
        })
        if not organisations_only and len(out) < n:
            out.append({"type": "membership", "clusterSlug": SLUG, "organisationRegistryId": i,
                        "role": "MEMBER", "joinedOn": "2025-03"})
        i += 1
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in out) + "\n"


def psql(url, sql):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


class Database:
    def __init__(self, backend, args, tag):
        self.backend = backend
        self.args = args
        stamp = time.strftime("%Y%m%d%H%M%S") + f"_{os.getpid()}_{tag}"
        if backend == "postgres":
            self.name = f"klastry_importbench_{stamp}"
            psql(f"{args.postgres}/postgres", f"CREATE DATABASE {self.name}")
            self.url = (f"postgres://postgres@localhost/{self.name}?host={args.socket}" if args.socket
                        else f"{args.postgres}/{self.name}")
        else:
            WORK.mkdir(parents=True, exist_ok=True)
            self.path = WORK / f"import_{stamp}.db"
            self.url = f"sqlite://{self.path}?mode=rwc"

    def drop(self):
        if self.args.keep:
            print(f"  kept {self.url}")
            return
        if self.backend == "postgres":
            psql(f"{self.args.postgres}/postgres", f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        else:
            for suffix in ["", "-wal", "-shm", "-journal"]:
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)


def env(db, **extra):
    e = dict(os.environ, DATABASE_URL=db.url, KLASTRY_DEMO="false", RUST_LOG="warn")
    e.update(extra)
    return e


def klastry(args, db, *argv, **extra):
    return subprocess.run([args.binary, *argv], env=env(db, **extra), capture_output=True, text=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url, query, variables, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    body = json.dumps({"query": query, "variables": variables}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=600) as r:
        return json.loads(r.read())


IMPORT = ("mutation ($i: ImportRecordsInput!) { importRecords(input: $i) { applied rows "
          "errors { line message } } }")


def statements(args, db, rows):
    """Statements of two imports through the API: (rows, statements) for each."""
    email, password = "bench-importer@example.pl", "Importer-bench-2026!x"
    made = klastry(args, db, "user", "create", "--email", email, "--password", password, "--admin")
    if made.returncode != 0:
        sys.exit(f"user create failed: {made.stderr}")
    port = free_port()
    server = subprocess.Popen([args.binary, "serve"], env=env(
        db, KLASTRY_BIND=f"127.0.0.1:{port}", KLASTRY_EXPOSE_STATEMENT_COUNT="true"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/graphql"
    try:
        for _ in range(300):
            try:
                post(url, "{ __typename }", {})
                break
            except OSError:
                time.sleep(0.1)
        signed = post(url, "mutation($i: SignInInput!) { signIn(input: $i) { session { accessToken } } }",
                      {"i": {"email": email, "password": password}})
        token = signed["data"]["signIn"]["session"]["accessToken"]
        out = []
        first = rows + 1_000_000
        for n in (args.sample, 2 * args.sample):
            data = records(first, n, args.organisations_only, with_cluster=False)
            first += n
            answer = post(url, IMPORT, {"i": {"format": "JSON_LINES", "data": data}}, token)
            report = answer.get("data", {}).get("importRecords") or {}
            if not report.get("applied"):
                sys.exit(f"sample import refused: {json.dumps(answer)[:2000]}")
            out.append((n, answer["extensions"]["sqlStatements"]))
        return out
    finally:
        server.terminate()
        server.wait()


def run(args, backend):
    WORK.mkdir(parents=True, exist_ok=True)
    file = WORK / f"import_{args.rows}{'_orgs' if args.organisations_only else ''}.jsonl"
    file.write_text(records(1, args.rows, args.organisations_only), encoding="utf-8")
    results = []
    for n in range(args.runs):
        db = Database(backend, args, n)
        try:
            migrated = klastry(args, db, "migrate")
            if migrated.returncode != 0:
                sys.exit(f"migrate failed: {migrated.stderr}")
            start = time.perf_counter()
            done = klastry(args, db, "import", str(file))
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                sys.exit(f"import failed: {done.stdout}{done.stderr[-3000:]}")
            rate = args.rows / elapsed
            results.append(rate)
            print(f"  {backend} run {n + 1}: {args.rows} rows in {elapsed:.2f} s = {rate:,.0f} rows/s"
                  f"  ({done.stdout.strip()})")
            if n == args.runs - 1 and not args.no_statements:
                (a, sa), (b, sb) = statements(args, db, args.rows)
                per_row = (sb - sa) / (b - a)
                print(f"  {backend} statements: {sa} for {a} rows, {sb} for {b} rows: "
                      f"{per_row:.2f} a row beyond {sa - per_row * a:.0f} an import")
        finally:
            db.drop()
    return results


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=str(ROOT / "target" / "release" / "klastry"))
    p.add_argument("--backend", choices=["postgres", "sqlite", "both"], default="both")
    p.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    p.add_argument("--socket", help="connect klastry to PostgreSQL through the Unix socket in this "
                   "directory (e.g. /var/run/postgresql) instead of TCP; --postgres still creates "
                   "and drops the database")
    p.add_argument("--rows", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--sample", type=int, default=200, help="rows of the smaller statement-count import")
    p.add_argument("--organisations-only", action="store_true")
    p.add_argument("--no-statements", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the databases")
    args = p.parse_args()
    if not Path(args.binary).exists():
        sys.exit(f"{args.binary} is missing: build it (cargo build --release -p klastry) or pass --binary")
    backends = ["postgres", "sqlite"] if args.backend == "both" else [args.backend]
    print(f"klastry import of {args.rows} rows ({'organisations' if args.organisations_only else 'a cluster, organisations and their memberships'}), {args.binary}")
    for backend in backends:
        rates = run(args, backend)
        print(f"{backend}: {', '.join(f'{r:,.0f}' for r in rates)} rows/s")


if __name__ == "__main__":
    main()
