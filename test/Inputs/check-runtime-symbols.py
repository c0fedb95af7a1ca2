#!/usr/bin/env python3
"""Checks that every function LLVM IR declares is defined by a library.

usage: check-runtime-symbols.py FILE.ll LIB.so[,LIB.so...]

Reads the `declare` lines of FILE.ll (LLVM intrinsics aside) and looks each
name up among the dynamic symbols that the libraries (and the C library)
define. Prints the names it checked; exits 1 naming any that is undefined.
"""
import re
import subprocess
import sys


def defined_symbols(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library],
                         check=True, capture_output=True, text=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines()
            if line.strip()}


def main():
    ir_file, libraries = sys.argv[1], sys.argv[2].split(",")
    declared = set()
    with open(ir_file) as f:
        for line in f:
            m = re.match(r"declare .*?@([\w.$]+)\(", line)
            if m and not m.group(1).startswith("llvm."):
                declared.add(m.group(1))
    defined = set()
    for library in libraries + ["/lib/x86_64-linux-gnu/libc.so.6",
                                "/lib/x86_64-linux-gnu/libm.so.6"]:
        try:
            defined |= defined_symbols(library)
        except (OSError, subprocess.CalledProcessError):
            pass
    missing = sorted(declared - defined)
    for name in sorted(declared):
        print(("undefined: " if name in missing else "defined: ") + name)
    if missing:
        print("error: %d runtime symbol(s) undefined" % len(missing))
        return 1
    print("all %d runtime symbols defined" % len(declared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
