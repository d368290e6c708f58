"""Issue 15: the stubs type the checkout operations with the shapes of
bindings/shapes.txt. mypy --strict must accept typed use (tests/typing/
good_shapes.py and the examples that use the binding) and reject misuse
(tests/typing/bad_shapes.py: each line marked "# E:" must be reported)."""
import os
import re
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
EXAMPLES = [os.path.join(ROOT, "examples", "web", "python", "shop.py")]


def mypy(tmp_path, *files):
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir",
         str(tmp_path / "cache"), "--no-error-summary", "--show-error-codes", *files],
        capture_output=True, text=True, cwd=tmp_path, timeout=600)


def test_typed_use_passes(tmp_path):
    out = mypy(tmp_path, os.path.join(HERE, "typing", "good_shapes.py"))
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("example", EXAMPLES, ids=os.path.basename)
def test_examples_pass(tmp_path, example):
    out = mypy(tmp_path, example)
    assert out.returncode == 0, out.stdout + out.stderr


def test_misuse_is_rejected(tmp_path):
    bad = os.path.join(HERE, "typing", "bad_shapes.py")
    out = mypy(tmp_path, bad)
    assert out.returncode == 1, out.stdout + out.stderr
    with open(bad, encoding="utf-8") as f:
        marked = {n for n, line in enumerate(f, 1) if "# E:" in line}
    reported = {int(m.group(1)) for m in re.finditer(r"bad_shapes\.py:(\d+): error", out.stdout)}
    assert marked <= reported, out.stdout
    assert 'No overload variant of "__getitem__" of "PaymentResult"' in out.stdout
    assert 'variable has type "str"' in out.stdout  # money is a float
    assert re.search(r'"create" of "PaymentsResource" has incompatible type .*PaymentCreate',
                     out.stdout)
    assert re.search(r'"create" of "RefundsResource" has incompatible type .*RefundCreate',
                     out.stdout)
    assert 'TypedDict "Payment" has no key "statuss"' in out.stdout
    assert 'TypedDict "Card" has no key "idd"' in out.stdout
