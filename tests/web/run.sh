#!/usr/bin/env bash
# Runs a web test (tests/web/*.py) with Playwright from a venv kept in the build directory.
#   run.sh PYTHON3 VENV_DIR TEST.py ARGS...
# The first run makes the venv and installs Playwright's Python package (pinned); it never runs
# `playwright install`: the tests drive Debian's Chromium (/usr/bin/chromium) through
# executable_path. A missing Chromium or certutil fails the test (browser.py says which).
set -euo pipefail
python=${1:?usage: run.sh PYTHON3 VENV_DIR TEST.py ARGS...}
venv=${2:?usage: run.sh PYTHON3 VENV_DIR TEST.py ARGS...}
shift 2
playwright_version=1.65.2
if ! "$venv/bin/python" -c "import playwright" 2>/dev/null ||
   [ "$("$venv/bin/python" -c 'from importlib.metadata import version; print(version("playwright"))')" != "$playwright_version" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "playwright==$playwright_version"
fi
exec "$venv/bin/python" "$@"
