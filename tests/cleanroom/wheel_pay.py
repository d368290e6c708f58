"""Run by tests/cleanroom/wheel.sh inside the clean room, as root, with the
manylinux wheel pip-installed in a venv and nothing else of ours on the system.

1. `import mercadopago_native` maps libmercadopago from the wheel, and neither
   libmercadopago-sandbox nor any system libcurl, OpenSSL, simdjson or httplib.
2. Over HTTPS against the wheel's embedded sandbox: a card token and an
   approved payment (cardholder "APRO"), trusting the sandbox's CA (ca_pem).
3. The system's CA bundle, as the wheel's static libcurl finds it at run time:
   without ca_pem the sandbox's certificate is refused (verification is on);
   with the sandbox's CA added to Debian's bundle (update-ca-certificates), a
   client given no CA pays; and in a fresh process that sees only the RHEL
   layout (/etc/pki/tls/certs/ca-bundle.crt), it pays too.
Prints "N passed, 0 failed" at the end; any failure raises.
"""
import os
import shutil
import subprocess
import sys

MAPS_UNWANTED = ("libmercadopago-sandbox", "libcurl", "libssl", "libcrypto", "libsimdjson",
                 "libcpp-httplib", "libstdc++", "libc++")


def mapped():
    with open("/proc/self/maps") as f:
        return {line.split()[-1] for line in f if "/" in line}


def pay(client):
    token = client.card_tokens.create({
        "card_number": "4509953566233704", "expiration_month": 11, "expiration_year": 2030,
        "security_code": "123", "cardholder": {"name": "APRO"}})
    payment = client.payments.create({
        "transaction_amount": 10, "token": token["id"], "installments": 1,
        "payment_method_id": "visa", "payer": {"email": "buyer@example.com"}})
    assert payment["status"] == "approved", payment
    assert payment["status_detail"] == "accredited", payment
    return payment


def client_without_ca(url):
    """Pays with a client given no CA (the system's bundle); runs in a child."""
    import mercadopago_native as mp
    from mercadopago_native.sandbox import TEST_TOKEN
    with mp.Client(TEST_TOKEN, base_url=url) as client:
        payment = pay(client)
    print(f"child: payment {payment['id']} {payment['status']} with the system's CAs")


def main():
    passed = 0
    import mercadopago_native as mp
    libs = mapped()
    ours = [p for p in libs if os.path.basename(p).startswith("libmercadopago.so")]
    assert ours and all(p.startswith(sys.prefix) for p in ours), ours
    bad = [p for p in libs if any(u in os.path.basename(p) for u in MAPS_UNWANTED)]
    assert not bad, f"import mercadopago_native mapped {bad}"
    print(f"ok: import mercadopago_native maps {ours[0]} and no sandbox, libcurl, OpenSSL, simdjson")
    passed += 1

    from mercadopago_native.sandbox import Sandbox, TEST_TOKEN
    assert any("libmercadopago-sandbox" in p for p in mapped()), "the sandbox module was not loaded"
    with Sandbox(tls=True) as sb:
        assert sb.url.startswith("https://"), sb.url
        with sb.client() as client:
            payment = pay(client)
        print(f"ok: {sb.url}: card token and payment {payment['id']} approved/accredited (ca_pem)")
        passed += 1

        with mp.Client(TEST_TOKEN, base_url=sb.url, max_retries=0) as client:
            try:
                pay(client)
            except mp.TLSError as e:
                print(f"ok: without the sandbox's CA the certificate is refused: {e}")
            else:
                raise AssertionError("a client with no CA trusted the sandbox's certificate")
        passed += 1

        # Debian's layout: the CA in /etc/ssl/certs/ca-certificates.crt.
        os.makedirs("/usr/local/share/ca-certificates", exist_ok=True)
        with open("/usr/local/share/ca-certificates/mp-sandbox.crt", "w") as f:
            f.write(sb.ca_pem)
        subprocess.run(["update-ca-certificates"], check=True, stdout=subprocess.DEVNULL)
        child = [sys.executable, __file__, "child", sb.url]
        subprocess.run(child, check=True)
        print("ok: Debian layout: a client given no CA verifies through ca-certificates.crt")
        passed += 1

        # RHEL's layout only: no Debian bundle nor hashed folder, the CAs in
        # /etc/pki/tls/certs/ca-bundle.crt.
        shutil.move("/etc/ssl/certs", "/etc/ssl/certs.debian")
        try:
            os.makedirs("/etc/pki/tls/certs", exist_ok=True)
            shutil.copyfile("/etc/ssl/certs.debian/ca-certificates.crt",
                            "/etc/pki/tls/certs/ca-bundle.crt")
            subprocess.run(child, check=True)
            print("ok: RHEL layout: a client given no CA verifies through /etc/pki/tls/certs/ca-bundle.crt")
            passed += 1
        finally:
            shutil.rmtree("/etc/pki")
            shutil.move("/etc/ssl/certs.debian", "/etc/ssl/certs")
    print(f"{passed} passed, 0 failed")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "child":
        client_without_ca(sys.argv[2])
    else:
        main()
