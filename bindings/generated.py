"""Writes, or checks, the files a generator of the bindings makes from the
library's tables (bindings/tables.py): the one place that decides what is
stale, so that every generator has the same --check.

    sync({path: text}, "python3 bindings/x/generate.py", folder=..., notice=...)

A file whose text differs is rewritten (or, with --check on the command line,
reported, and the program exits 1). With a folder and the notice line every
generated file starts with, a generated file there that is no longer made
(its row left the table) is removed, or reported.
"""
import os
import sys

from tables import ROOT


def sync(files, command, folder=None, notice=None):
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in sorted(files.items()):
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old != text:
            stale.append(os.path.relpath(path, ROOT))
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    if folder and notice:
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if path in files or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as f:
                if notice not in f.read(4096):
                    continue
            stale.append(os.path.relpath(path, ROOT) + " (no longer generated)")
            if not check:
                os.remove(path)
    if check and stale:
        print(f"out of date (run {command}): " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)
    for s in stale:
        print(("stale " if check else "wrote ") + s)
