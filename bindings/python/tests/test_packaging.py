"""What the installed package is: each module's libraries beside it, and a
production process that never loads the sandbox."""
import os
import re
import subprocess
import sys

import mercadopago_native as mp
from mercadopago_native import _native, _sandbox


def test_each_module_has_its_libraries_beside_it():
    pkg = os.path.dirname(mp.__file__)
    shipped = sorted(n for n in os.listdir(pkg) if n.startswith("libmercadopago"))
    needed = {}
    for module in (_native, _sandbox):
        assert os.path.dirname(module.__file__) == pkg
        out = subprocess.run(["readelf", "-d", module.__file__], capture_output=True, text=True,
                             check=True).stdout
        assert "$ORIGIN" in out
        needed[module.__name__] = re.findall(r"NEEDED.*\[(libmercadopago[^\]]*)\]", out)
    # _native needs the client's library only, _sandbox the sandbox's only;
    # each library of ours they need (by SONAME) is shipped, and nothing else.
    assert [n.split(".so")[0] for n in needed["mercadopago_native._native"]] == ["libmercadopago"]
    assert [n.split(".so")[0] for n in needed["mercadopago_native._sandbox"]] == [
        "libmercadopago-sandbox"]
    assert sorted(sum(needed.values(), [])) == shipped
    assert mp.library_version == _native.HEADER_VERSION
    assert os.path.exists(os.path.join(pkg, "py.typed"))

# Run in a fresh interpreter: this test process has the sandbox loaded already
# (the fixtures). It reads its own memory map before and after the sandbox's
# first use.
PROGRAM = """
import mercadopago_native as mp
from mercadopago_native.errors import NetworkError

def mapped(name):
    with open("/proc/self/maps") as maps:
        return name in maps.read()

client = mp.Client("TEST-packaging-check", base_url="http://127.0.0.1:9", max_retries=0)
try:
    client.payments.get(1)
except NetworkError:
    pass
client.close()
print(mapped("libmercadopago.so"), mapped("libmercadopago-sandbox"), mapped("_sandbox."))
from mercadopago_native.sandbox import Sandbox
with Sandbox(tls=False) as sb:
    pass
print(mapped("libmercadopago-sandbox"), mapped("_sandbox."))
"""


def test_the_sandbox_loads_on_first_use_only():
    out = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[0] == "True False False", "a client call must not load the sandbox"
    assert out[1] == "True True", "mercadopago_native.sandbox loads it"


def test_the_pytest_plugin_does_not_import_the_sandbox():
    program = ("import sys, mercadopago_native.pytest_plugin; "
               "print('mercadopago_native.sandbox' in sys.modules, "
               "'mercadopago_native._sandbox' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False False"
