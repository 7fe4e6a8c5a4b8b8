"""The benchmark's report: the answers checked against the peers', and the tables written to
bench/results/ (see bench/bench.py)."""

import datetime as dt
import os
import platform
from pathlib import Path

import writes


def fmt(value, digits=0):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def fmt_scale(scale):
    return f"{scale:g}"


def names(value, key):
    """Every string under `key` in a JSON tree, in order."""
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, str):
                found.append(v)
            else:
                found.extend(names(v, key))
    elif isinstance(value, list):
        for item in value:
            found.extend(names(item, key))
    return found


def compare(shape, ours, theirs):
    """Checks that the peer answered the same question: the same top-level rows in the same order."""
    if shape == "nested_list":
        a = [e["node"]["name"] for e in ours["clusters"]["edges"]]
        b = [n["namePl"] for n in theirs["allClusters"]["nodes"]]
        counts_a = [e["node"]["members"]["totalCount"] for e in ours["clusters"]["edges"]]
        counts_b = [n["membershipsByClusterId"]["totalCount"] for n in theirs["allClusters"]["nodes"]]
        members_a = [names(e["node"]["members"], "name") for e in ours["clusters"]["edges"]]
        members_b = [names(n["membershipsByClusterId"], "name") for n in theirs["allClusters"]["nodes"]]
        same = (a, counts_a, members_a) == (b, counts_b, members_b)
        return "same clusters, member counts and member pages" if same else "MISMATCH"
    if shape == "organisation_search":
        a = [e["node"]["name"] for e in ours["organisations"]["edges"]]
        b = [n["name"] for n in theirs["allOrganisations"]["nodes"]]
        return "same organisations" if a == b else "MISMATCH"
    if shape == "reverse_nesting":
        a = [e["node"]["name"] for e in ours["organisations"]["edges"]]
        b = [n["name"] for n in theirs["allOrganisations"]["nodes"]]
        return "same organisations" if a == b else "MISMATCH"
    if shape == "profile":
        a = (ours["cluster"]["members"]["totalCount"], names(ours["cluster"]["members"], "name"))
        b = (theirs["clusterBySlug"]["membershipsByClusterId"]["totalCount"],
             names(theirs["clusterBySlug"]["membershipsByClusterId"], "name"))
        return "same cluster, member count and member page" if a == b else "MISMATCH"
    return "–"


def compare_raw(shape, ours, raw):
    """Checks that the raw-SQL ceiling reads the same rows as klastry: names, counts and pages."""
    if shape == "nested_list":
        a = [(e["node"]["name"], e["node"]["members"]["totalCount"], names(e["node"]["members"], "name"))
             for e in ours["clusters"]["edges"]]
        b = [(c["name"], c["members"]["totalCount"], names(c["members"]["edges"] or [], "name")) for c in raw]
        return "same clusters, member counts and member pages" if a == b else "MISMATCH"
    if shape == "profile":
        a = (ours["cluster"]["members"]["totalCount"], names(ours["cluster"]["members"], "name"))
        b = (raw["memberCount"], names(raw["members"] or [], "name"))
        return "same member count and member page" if a == b else "MISMATCH"
    if shape in ("organisation_search", "reverse_nesting"):
        a = [e["node"]["name"] for e in ours["organisations"]["edges"]]
        b = [o["name"] for o in raw or []]
        return "same organisations" if a == b else "MISMATCH"
    return "–"


def render(args, result, levels, startup):
    rows, klastry_rss, peer_rss = result["rows"], result["rss"], result["peer_rss"]
    generated, generation_seconds = result["generated"], result["generation_seconds"]
    checks, raw_checks = result["checks"], result["raw_checks"]
    cpu = "unknown"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [
        f"## Benchmark {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} — {args.backend}"
        + (f", {fmt_scale(result['scale'])}× the default scale" if result["scale"] != 1 else ""),
        "",
        f"Machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; load generator, database and server share it.",
        f"Data: {generated} ({generation_seconds:.1f} s including start-up). wrk, {args.duration} s per run.",
        "",
        "| query | c | klastry req/s | p50 ms | p99 ms | SQL stmts/req | PostGraphile 4 req/s | p50 ms | PostGraphile 5 req/s | p50 ms | klastry ÷ better PostGraphile | raw SQL tps | klastry ÷ raw SQL |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for shape, row in rows.items():
        for c in levels:
            ours = row["klastry"][c]
            v4 = row.get("postgraphile", {}).get(c)
            v5 = row.get("postgraphile5", {}).get(c)
            sql = row.get("sql", {}).get(c)
            better = max((p["rps"] for p in (v4, v5) if p and p["rps"]), default=None)
            ratio = f"{ours['rps'] / better:.1f}×" if better and ours["rps"] else "–"
            ceiling = f"{ours['rps'] / sql['rps']:.2f}" if sql and sql["rps"] and ours["rps"] else "–"
            errors = f" ({ours['errors']} errors)" if ours["errors"] else ""
            peer = lambda p: f"{fmt(p['rps'])} | {fmt(p['p50'], 1)}" if p else "– | –"
            lines.append(
                f"| {shape.replace('_', ' ')} | {c} | {fmt(ours['rps'])}{errors} | {fmt(ours['p50'], 1)} | {fmt(ours['p99'], 1)} | {row['statements']} | "
                f"{peer(v4)} | {peer(v5)} | {ratio} | {fmt(sql['rps']) if sql else '–'} | {ceiling} |")
    lines += [
        "",
        f"Peak RSS of the klastry server over the whole run (c up to {max(levels)}): {fmt(klastry_rss, 1)} MiB"
        + ("; " + "; ".join(f"{k}: {fmt(v, 1)} MiB" for k, v in peer_rss.items()) + "." if peer_rss else "."),
        f"Start-up to ready on the embedded default (SQLite under ./data/): first start with migrations and the demo "
        f"registry {fmt(startup[0], 2)} s, second start {fmt(startup[1], 2)} s.",
    ]
    counted = {shape: row["instructions"] for shape, row in rows.items() if row.get("instructions")}
    if counted:
        lines.append("Server instructions per request (callgrind, mean of 5 after 3 warm-up requests): "
                     + "; ".join(f"{k.replace('_', ' ')} {v / 1e6:.2f} M" for k, v in counted.items()) + ".")
    written = [shape for shape in rows if shape in writes.WRITE_SHAPES]
    if written:
        lines.append("Writes (" + ", ".join(s.replace("_", " ") for s in written) + ") are driven by bench/writes.py, "
                     "one kept-alive client per worker, each with its cluster or pairs of its own; their req/s are "
                     "operations a second, and an application with its approval is one operation of two requests. "
                     "The driver's own ceiling, on `{ __typename }`: "
                     + "; ".join(f"c={c} {fmt(r['rps'])}/s" for c, r in result["ceiling"].items()) + ".")
    if checks:
        lines.append("Answers checked against PostGraphile 4 and 5: " + "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in checks.items()) + ".")
    if raw_checks:
        lines.append("Answers checked against the raw SQL: " + "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in raw_checks.items()) + ".")
    lines.append("")
    return "\n".join(lines)


def render_curve(args, results, levels):
    """How each shape grows with the registry: every scale's figures beside the first's."""
    c = levels[0]
    lines = [
        "",
        f"## The scale curve — {args.backend}, c={c}",
        "",
        "| query | scale | clusters / organisations / memberships | req/s | p50 ms | p99 ms | p50 ÷ first scale | SQL stmts/req | instructions/req (M) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    base = results[0]
    for shape in base["rows"]:
        for result in results:
            row = result["rows"].get(shape)
            if not row:
                continue
            ours = row["klastry"][c]
            first = base["rows"][shape]["klastry"][c]
            growth = f"{ours['p50'] / first['p50']:.2f}×" if ours["p50"] and first["p50"] else "–"
            instructions = fmt(row["instructions"] / 1e6, 2) if row.get("instructions") else "–"
            counts = result["counts"]
            size = f"{counts['clusters']:,} / {counts['organisations']:,} / {counts['memberships']:,}"
            lines.append(f"| {shape.replace('_', ' ')} | {fmt_scale(result['scale'])}× | {size} | "
                         f"{fmt(ours['rps'])} | {fmt(ours['p50'], 1)} | {fmt(ours['p99'], 1)} | {growth} | "
                         f"{row['statements']} | {instructions} |")
    lines += ["", "Generation: " + "; ".join(f"{fmt_scale(r['scale'])}× in {r['generation_seconds']:.0f} s"
                                           for r in results) + ".", ""]
    return "\n".join(lines)
