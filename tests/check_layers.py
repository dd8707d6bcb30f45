#!/usr/bin/env python3
"""Checks every #include of the project against the layer table of docs/DESIGN.md.

    tests/check_layers.py SOURCE_DIR          # exit 1 and one line per violation
    tests/check_layers.py --self-test         # shows that a wrong include is caught

Rules (docs/DESIGN.md, "Modules and layers"):
- a file of module M (src/assay/M/, its tests included) may include "assay/X/..." only
  when X is M or X is in M's "may use" cell ("everything below": every module of a
  lower layer);
- a module's tests (*_test.cc) may also include the public headers of every module
  M reaches through the modules it may use (what the build's include tree holds:
  a report test may read an article with text's reader to build its input);
- no file includes another module's private header (internal.h or *_internal.h);
- files outside the modules (tests/, bench/) may include any public header
  (tests/layering/ is skipped: it holds wrong includes on purpose, for
  layering_build_test);
- every module folder under src/assay/ has a row in the table.
The build enforces the same table through per-module include trees
(cmake/layers.cmake); this test names each offending line, and also checks the
direct includes that the build lets through transitively (a report file may see
text's headers because analysis's public headers need them, but may not include
them itself).
"""
import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"assay/([a-z_]+)/([^"]+)"', re.M)
ROW = re.compile(r"^\| (\d+) \| ([^|]*)\|[^|]*\|([^|]*)\|", re.M)


def read_table(design_text):
    section = design_text.split("## Modules and layers", 1)
    if len(section) < 2:
        raise SystemExit("docs/DESIGN.md has no '## Modules and layers' section")
    layer, uses_text = {}, {}
    for m in ROW.finditer(section[1].split("\n## ", 1)[0]):
        for mod in re.findall(r"`([a-z_]+)`", m.group(2)):
            layer[mod] = int(m.group(1))
            uses_text[mod] = m.group(3)
    may_use = {}
    for mod, text in uses_text.items():
        if "everything below" in text:
            may_use[mod] = {o for o in layer if layer[o] < layer[mod]}
        else:
            may_use[mod] = {o for o in layer if o != mod and re.search(r"(^|[^a-z_])" + o + r"([^a-z_]|$)", text)}
    return layer, may_use


def closure(mod, may_use):
    seen, todo = set(), list(may_use[mod])
    while todo:
        o = todo.pop()
        if o not in seen:
            seen.add(o)
            todo.extend(may_use.get(o, ()))
    return seen


def private(header):
    return header == "internal.h" or header.endswith("_internal.h")


def check(root):
    with open(os.path.join(root, "docs", "DESIGN.md"), encoding="utf-8") as f:
        layer, may_use = read_table(f.read())
    problems = []
    for mod, uses in sorted(may_use.items()):
        for o in sorted(uses):
            if layer[o] >= layer[mod]:
                problems.append(f"docs/DESIGN.md: {mod} (layer {layer[mod]}) may use {o} (layer {layer[o]}), not below it")
    src = os.path.join(root, "src", "assay")
    scanned = 0
    for top in ("src/assay", "tests", "bench"):
        for dirpath, dirs, files in os.walk(os.path.join(root, top)):
            # tests/layering holds wrong includes on purpose (layering_build_test).
            dirs[:] = [d for d in dirs if os.path.join(top, d) != os.path.join("tests", "layering")]
            for name in sorted(files):
                if not name.endswith((".h", ".cc")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                parts = rel.split(os.sep)
                mod = parts[2] if parts[0] == "src" and len(parts) > 3 else None
                if mod is not None and mod not in layer:
                    problems.append(f"{rel}: module '{mod}' has no row in the layer table of docs/DESIGN.md")
                    continue
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                scanned += 1
                for m in INCLUDE.finditer(text):
                    target, header = m.group(1), m.group(2)
                    line = text.count("\n", 0, m.start()) + 1
                    where = f"{rel}:{line}: #include \"assay/{target}/{header}\""
                    if not os.path.isdir(os.path.join(src, target)):
                        problems.append(f"{where}: no module '{target}'")
                    elif mod is None:
                        if private(header):
                            problems.append(f"{where}: {header} is private to module {target}")
                    elif target != mod:
                        allowed_here = closure(mod, may_use) if name.endswith("_test.cc") else may_use[mod]
                        if target not in allowed_here:
                            allowed = ", ".join(sorted(may_use[mod])) or "nothing"
                            problems.append(f"{where}: module {mod} may not use {target} (it may use: {allowed})")
                        elif private(header):
                            problems.append(f"{where}: {header} is private to module {target}")
    return problems, scanned


def self_test():
    """A tree with one allowed and two wrong includes: the check must name both wrong ones."""
    design = """# d
## Modules and layers
| layer | module | owns | may use |
|---|---|---|---|
| 0 | `base` | x | the standard library |
| 1 | `text` | x | base |
| 3 | `report` | x | base |
| 7 | `app` | x | everything below |
## Conventions
"""
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "docs"))
        with open(os.path.join(root, "docs", "DESIGN.md"), "w") as f:
            f.write(design)
        files = {
            "src/assay/base/strings.h": "#pragma once\n",
            "src/assay/text/internal.h": "#pragma once\n",
            "src/assay/text/utf8.h": '#include "assay/base/strings.h"\n',
            "src/assay/report/render.cc": '#include "assay/base/strings.h"\n#include "assay/text/utf8.h"\n',
            "src/assay/app/engine.cc": '#include "assay/report/x.h"\n#include "assay/text/internal.h"\n',
            "src/assay/report/x.h": "#pragma once\n",
        }
        for rel, body in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(body)
        problems, _ = check(root)
    expected = ["src/assay/app/engine.cc:2: #include \"assay/text/internal.h\": internal.h is private to module text",
                "src/assay/report/render.cc:2: #include \"assay/text/utf8.h\": module report may not use text (it may use: base)"]
    if sorted(problems) != sorted(expected):
        print("self-test FAILED; got:\n  " + "\n  ".join(problems) + "\nexpected:\n  " + "\n  ".join(expected))
        return 1
    print("self-test ok: the wrong includes were named:\n  " + "\n  ".join(sorted(problems)))
    return 0


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    problems, scanned = check(sys.argv[1])
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) break the layer table of docs/DESIGN.md")
        return 1
    print(f"layers ok: {scanned} files, every include allowed by docs/DESIGN.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
