#!/usr/bin/env python3
"""Lists the GPU suite's cases: one per RUN line of test/Integration/GPU/*.test.

usage: cases.py SRC_ROOT

Prints one tab-separated line per case:
  name  program  pipeline-options (- for none)  entry  expected-status
  check-prefix
where program is relative to SRC_ROOT, expected-status is 0, or 1 for a
RUN line that expects the program to fail (`not mlir-runner`), and
check-prefix is FileCheck's (CHECK by default). Reading the lit tests keeps
the bundle in step with them: a new GPU integration test is a new case.
"""
import glob
import os
import re
import sys

RUN = re.compile(r"^\s*(?://|#)\s*RUN:\s*(.*)$")
PIPELINE = re.compile(r'--spider-gpu-pipeline(?:=("[^"]*"|\S+))?')
RUNNER = re.compile(r"(\bnot\s+)?mlir-runner\b(.*?)(?:\||$)")
ENTRY = re.compile(r"(?:^|\s)-e\s+(\S+)")
CHECK = re.compile(r"FileCheck\s+(\S+)(.*)$")
PREFIX = re.compile(r"--check-prefix(?:es)?=(\S+)")


def cases(src_root):
    for test in sorted(glob.glob(os.path.join(src_root, "test", "Integration",
                                              "GPU", "*.test"))):
        base = os.path.splitext(os.path.basename(test))[0]
        with open(test) as f:
            lines = [m.group(1) for m in map(RUN.match, f) if m]
        for line in lines:
            pipeline, runner = PIPELINE.search(line), RUNNER.search(line)
            check = CHECK.search(line)
            if not (pipeline and runner and check):
                raise SystemExit("%s: cannot read this RUN line: %s" %
                                 (test, line))
            program = line.split()[1].replace("%spider_src_root/", "")
            options = (pipeline.group(1) or "").strip("\"") or "-"
            entry = ENTRY.search(runner.group(2))
            entry = entry.group(1) if entry else "main"
            status = 1 if runner.group(1) else 0
            prefix = PREFIX.search(check.group(2))
            prefix = prefix.group(1) if prefix else "CHECK"
            name = base if entry == "main" else "%s-%s" % (base, entry)
            yield (name, program, options, entry, str(status), prefix)


def main():
    seen = set()
    for case in cases(sys.argv[1]):
        if case[0] in seen:
            raise SystemExit("two cases are named %s" % case[0])
        seen.add(case[0])
        print("\t".join(case))


if __name__ == "__main__":
    main()
