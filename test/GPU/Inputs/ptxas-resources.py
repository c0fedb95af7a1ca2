#!/usr/bin/env python3
"""Prints what ptxas reports for every kernel that spider-gpu-pipeline's
`format=isa` output embeds: one line per kernel,

    <binary>/<kernel>: registers R, spill stores S, spill loads L, shared B (fits)
    <binary>: 64-bit divisions D

so that lit tests check that no kernel spills, that shared memory fits and
that no index arithmetic by a constant became a run-time 64-bit division
(div/rem .s64/.u64, each a call-like sequence of dozens of instructions).
Usage: ptxas-resources.py PTXAS CHIP < spider-opt-output
"""
import re
import subprocess
import sys
import tempfile


def unescape(text):
    """MLIR string attribute escapes: \\XX hex bytes, \\\\ and \\"."""
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 2 < len(text) + 1:
            nxt = text[i + 1]
            if nxt in "\\\"":
                out.append(ord(nxt))
                i += 2
                continue
            out += bytes.fromhex(text[i + 1:i + 3])
            i += 3
            continue
        out += c.encode()
        i += 1
    return out.decode()


def main():
    ptxas, chip = sys.argv[1], sys.argv[2]
    ir = sys.stdin.read()
    binaries = re.findall(r'gpu\.binary @(\w+).*?assembly = "((?:[^"\\]|\\.)*)"',
                          ir)
    if not binaries:
        sys.exit("ptxas-resources: no gpu.binary with PTX in the input")
    for name, escaped in binaries:
        text = unescape(escaped)
        with tempfile.NamedTemporaryFile("w", suffix=".ptx") as ptx:
            ptx.write(text)
            ptx.flush()
            run = subprocess.run([ptxas, "-arch=" + chip, "-v", ptx.name,
                                  "-o", "/dev/null"],
                                 capture_output=True, text=True)
        if run.returncode:
            sys.exit("ptxas-resources: ptxas failed on @%s:\n%s" %
                     (name, run.stderr))
        kernel, spills = None, (0, 0)
        for line in run.stderr.splitlines():
            m = re.search(r"Compiling entry function '(\w+)'", line)
            if m:
                kernel = m.group(1)
            m = re.search(r"(\d+) bytes spill stores, (\d+) bytes spill loads",
                          line)
            if m:
                spills = (int(m.group(1)), int(m.group(2)))
            m = re.search(r"Used (\d+) registers", line)
            if m:
                shared = re.search(r"(\d+) bytes smem", line)
                smem = int(shared.group(1)) if shared else 0
                # Static shared memory beyond 48 KiB does not launch.
                print("%s/%s: registers %s, spill stores %d, spill loads %d, "
                      "shared %d (%s)" % (name, kernel, m.group(1), spills[0],
                                          spills[1], smem,
                                          "fits" if smem <= 48 * 1024
                                          else "over 48 KiB"))
                spills = (0, 0)
        divisions = len(re.findall(r"\b(?:div|rem)\.[su]64\b", text))
        print("%s: 64-bit divisions %d" % (name, divisions))


if __name__ == "__main__":
    main()
