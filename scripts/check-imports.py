#!/usr/bin/env python3
"""Fails when modules of one crate import each other in a circle.

Each source file is a module; a file depends on every module of its crate it names through
`crate::` or `super::` (in `use` lines and in paths). A circle means two files that cannot be
understood apart, usually because something lives in the wrong one (docs/ARCHITECTURE.md).
The one kind allowed is among the GraphQL object types (`types::`) around Cluster and
Organisation, which name each other as the schema does (a cluster lists its KKK
certifications, each names its cluster). A module's own submodules (`foo/mod.rs` declaring `mod bar`) are not
dependencies of it. The same holds one level up: a crate's rooms (its top-level modules) must
depend on each other one way.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRATES = [
    "crates/entity/src",
    "crates/domain/src",
    "crates/graphql/src",
    "crates/server/src",
    "frontend/src",
]
PATH = re.compile(r"\b(crate|super)((?:::[a-z_][a-z0-9_]*)+)")
GROUP = re.compile(r"\b(crate|super)::\{([^;]*?)\}", re.S)


def module_of(src: Path, file: Path) -> str:
    parts = list(file.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return "::".join(parts)


def resolve(modules: set, base: list, names: list) -> str | None:
    """The longest module that `base::names` starts with."""
    for end in range(len(names), 0, -1):
        candidate = "::".join(base + names[:end])
        if candidate in modules:
            return candidate
    return None


def dependencies(file: Path, module: str, modules: set) -> set:
    text = re.sub(r"//[^\n]*", "", file.read_text())
    # A test module may use its parent freely.
    text = text.split("#[cfg(test)]")[0]
    here = module.split("::") if module else []
    found = set()

    def add(anchor: str, path: str) -> None:
        names = [n for n in path.split("::") if n]
        # `super` of `a::b` is `a`, whether b is a file or a folder with mod.rs.
        base = [] if anchor == "crate" else here[:-1]
        while names and names[0] == "super":
            names, base = names[1:], base[:-1]
        target = resolve(modules, base, names)
        # A module owns its submodules: naming one is not depending on it.
        if target is None or target == module or target.startswith(module + "::"):
            return
        found.add(target)

    for anchor, body in GROUP.findall(text):
        for item in body.split(","):
            item = item.strip().split(" as ")[0].replace("{", "").replace("}", "")
            if item:
                add(anchor, "::" + item)
    for anchor, path in PATH.findall(text):
        add(anchor, path)
    return found


def schema_objects(component: list) -> bool:
    """Whether a circle is only GraphQL object types naming each other around Cluster."""
    return "types::cluster" in component and all(m.startswith("types::") for m in component)


def circles(graph: dict) -> list:
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in graph:
        if node not in index:
            visit(node)
    return out


def main() -> int:
    failed = False
    for crate in CRATES:
        src = ROOT / crate
        files = sorted(src.rglob("*.rs"))
        modules = {module_of(src, f) for f in files}
        graph = {}
        for f in files:
            module = module_of(src, f)
            graph[module] = dependencies(f, module, modules)
        for component in circles(graph):
            if crate == "crates/graphql/src" and schema_objects(component):
                continue
            failed = True
            print(f"{crate}: import circle: {' ↔ '.join(component)}")
        # The rooms (a crate's top-level modules) must not import each other in a circle
        # either: a room's files may use each other, the rooms depend one way.
        rooms = {}
        for module, targets in graph.items():
            room = module.split("::")[0]
            rooms.setdefault(room, set()).update(
                t.split("::")[0] for t in targets if t.split("::")[0] != room
            )
        for component in circles(rooms):
            if crate == "crates/graphql/src" and set(component) <= {"types", "queries"}:
                continue
            failed = True
            print(f"{crate}: rooms import each other: {' ↔ '.join(component)}")
    if not failed:
        print("no import circles")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
