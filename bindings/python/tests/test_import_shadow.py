"""Issue 15: importing from inside bindings/python (the source tree, which has
no compiled extension, shadows the installed package) says so clearly."""
import os
import subprocess
import sys

SOURCE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def test_import_from_the_source_tree_explains():
    out = subprocess.run([sys.executable, "-c", "import mercadopago_native"],
                         capture_output=True, text=True, cwd=SOURCE, timeout=60)
    assert out.returncode == 1
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: mercadopago_native was imported from its source tree")
    assert "circular import" not in out.stderr
    assert "Run Python from another directory" in last


def test_import_elsewhere_works():
    out = subprocess.run([sys.executable, "-c", "import mercadopago_native as m; print(m.Client)"],
                         capture_output=True, text=True, cwd=os.path.dirname(SOURCE), timeout=60)
    assert out.returncode == 0 and "Client" in out.stdout, out.stderr
