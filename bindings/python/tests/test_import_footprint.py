"""What `import mercadopago_native` loads: none of Python's TLS or hash
modules, which map the system's OpenSSL (the manylinux wheel's clean-room
test checks the process's mappings; this catches it in the dev run)."""
import subprocess
import sys


def test_import_loads_no_ssl_or_hashlib():
    code = ("import sys, mercadopago_native; "
            "print(sorted(m for m in ('ssl', '_ssl', '_hashlib', 'asyncio') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
