#!/usr/bin/env python3
"""figures.py - the before/after table of README.md from two runs' output.

    python3 figures.py before.log after.log

Each log is the output of test_hostile (all scenarios): its "FIGURE | ..."
lines, each followed by "  passed" or "  FAILED".
"""
import re
import sys


def load(path):
    figures, last = {}, None
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("FIGURE |"):
                last = [x.strip() for x in line.split("|")[1:]]
                figures[last[0]] = last + ["?"]
            elif last and line.strip() in ("passed", "FAILED"):
                figures[last[0]][-1] = "pass" if line.strip() == "passed" else "**FAIL**"
                last = None
    return figures


def cell(f):
    if f is None:
        return "-"
    name, status, ms, peak, sig, secrets, note, verdict = f[:8]
    peak = re.sub(r"peak (\d+) MiB \(([+-]?\d+)\)", r"\2 MiB", peak)
    out = "%s: %s, %s, %s" % (verdict, status, ms, peak)
    if sig != "no signal":
        out += ", **%s**" % sig
    if secrets not in ("secrets 0", "secrets -"):
        out += ", %s" % secrets
    if note:
        out += "; " + note
    return out


def main():
    before, after = load(sys.argv[1]), load(sys.argv[2])
    print("| scenario | before | after |")
    print("|---|---|---|")
    for name in list(before) + [n for n in after if n not in before]:
        print("| %s | %s | %s |" % (name, cell(before.get(name)), cell(after.get(name))))


if __name__ == "__main__":
    main()
