#!/usr/bin/env python3
"""Cuts the seed corpus of spider-opt-fuzzer from the lit tests.

Every test/**/*.mlir is split at `// -----` (as -split-input-file does),
comment lines are dropped, and each piece becomes one or two inputs: a
selector byte then the MLIR text. The selector picks an action of
FuzzActions.cpp: one whose pipeline runs a pass of the test's RUN lines,
and another chosen by a hash of the piece, so that every action has seeds.

Usage: make-seed-corpus.py SRC_ROOT OUT_DIR [MAX_BYTES]
"""
import hashlib
import os
import re
import sys


def read_actions(src_root):
    """(name, pipeline, selector) of each action, in table order; the
    selector is the first byte value that picks it (actionIndex)."""
    text = open(os.path.join(src_root, "fuzz", "FuzzActions.cpp")).read()
    table = text[text.index("kActions[] = {"):]
    table = table[:table.index("};")]
    table = re.sub(r"//[^\n]*", "", table)
    actions = []
    selector = 0
    for name, weight, strings in re.findall(
            r'\{"([^"]+)",\s*(\d+),((?:\s*"[^"]*")+)\s*\}', table):
        pipeline = "".join(re.findall(r'"([^"]*)"', strings))
        actions.append((name, pipeline, selector))
        selector += int(weight)
    return actions


def pieces(path):
    with open(path, errors="replace") as f:
        lines = f.read().split("\n")
    runs = " ".join(l for l in lines if "RUN:" in l)
    chunk = []
    for line in lines + ["// -----"]:
        if re.match(r"^\s*// -----", line):
            body = "\n".join(chunk).strip()
            if body:
                yield runs, body + "\n"
            chunk = []
        elif not re.match(r"^\s*//", line):
            chunk.append(line)


def pass_names(runs):
    """The pass and pipeline names on a test's RUN lines."""
    names = set(re.findall(r"-(spider-[a-z0-9-]+|convert-spider-to-runtime|"
                           r"canonicalize)", runs))
    names.update(re.findall(r"(spider-[a-z-]+-pipeline)", runs))
    return names


def main():
    src_root, out_dir = sys.argv[1], sys.argv[2]
    max_bytes = int(sys.argv[3]) if len(sys.argv) > 3 else 16384
    actions = read_actions(src_root)
    os.makedirs(out_dir, exist_ok=True)
    written = 0
    for root, _, files in sorted(os.walk(os.path.join(src_root, "test"))):
        for name in sorted(files):
            if not name.endswith(".mlir"):
                continue
            for runs, body in pieces(os.path.join(root, name)):
                data = body.encode()
                if len(data) + 1 > max_bytes:
                    continue
                digest = hashlib.sha1(data).digest()
                wanted = pass_names(runs)
                selectors = {actions[digest[0] % len(actions)][2]}
                matching = [sel for _, p, sel in actions
                            if any(n in p for n in wanted)]
                if matching:
                    selectors.add(matching[digest[1] % len(matching)])
                for s in sorted(selectors):
                    seed = bytes([s]) + data
                    out = hashlib.sha1(seed).hexdigest()
                    with open(os.path.join(out_dir, out), "wb") as f:
                        f.write(seed)
                    written += 1
    print("%d seeds from %s/test in %s (%d actions)" %
          (written, src_root, out_dir, len(actions)))


if __name__ == "__main__":
    main()
