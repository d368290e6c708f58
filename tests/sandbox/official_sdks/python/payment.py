"""One card payment through the official `mercadopago` SDK (PyPI), unmodified, against mp-sandbox.

    payment.py                  the SDK as shipped: https://api.mercadopago.com, trusted through
                                REQUESTS_CA_BUNDLE; official_sdks/run.sh runs it where that name
                                resolves to the sandbox
    payment.py --url URL --ca CA  the SDK's own seam instead: SDK(token, http_client=...)

Tokenizes the APRO test card (Brazil's documented Mastercard test card, 5031 4332 1540 6351), creates a payment (approved), reads it back, refunds it, and
checks each answer. Exit status 0 when every check passed.
"""
import argparse
import sys

import mercadopago
from mercadopago.config.config import Config
from mercadopago.http.http_client import HttpClient

TOKEN = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567"
LIVE_BASE_URL = "https://api.mercadopago.com"


class SandboxHttpClient(HttpClient):
    """The README's snippet: the SDK builds every URL as https://api.mercadopago.com + path and
    hands it to its http_client; this one sends it to the sandbox and verifies with its CA."""

    def __init__(self, base_url, ca_file):
        self.base_url = base_url.rstrip("/")
        self.ca_file = ca_file

    def request(self, method, url, maxretries=None, retry_on=None, backoff_factor=None,
                **kwargs):
        if url.startswith(LIVE_BASE_URL):
            url = self.base_url + url[len(LIVE_BASE_URL):]
        kwargs["verify"] = self.ca_file  # a path given here wins over REQUESTS_CA_BUNDLE
        return super().request(method, url, maxretries=maxretries, retry_on=retry_on,
                               backoff_factor=backoff_factor, **kwargs)


failures = 0


def check(what, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else "  " + str(detail)[:400]))
    if not ok:
        failures += 1
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url")
    parser.add_argument("--ca")
    args = parser.parse_args()
    if args.url:
        sdk = mercadopago.SDK(TOKEN, http_client=SandboxHttpClient(args.url, args.ca))
        how = "SDK(token, http_client=SandboxHttpClient(%s, CA))" % args.url
    else:
        sdk = mercadopago.SDK(TOKEN)
        how = "SDK(token) as shipped, to %s" % LIVE_BASE_URL
    print("mercadopago %s: %s" % (Config().version, how))

    token = sdk.card_token().create({
        "card_number": "5031433215406351",
        "expiration_month": 11,
        "expiration_year": 2030,
        "security_code": "123",
        "cardholder": {"name": "APRO",
                       "identification": {"type": "CPF", "number": "12345678909"}},
    })
    if not check("card_token().create -> 201", token["status"] == 201, token):
        return 1
    token_id = token["response"]["id"]

    created = sdk.payment().create({
        "transaction_amount": 100,
        "token": token_id,
        "description": "official SDK against mp-sandbox",
        "installments": 1,
        "payment_method_id": "master",
        "payer": {"email": "test_user_123@testuser.com",
                  "identification": {"type": "CPF", "number": "12345678909"}},
    })
    if not check("payment().create -> 201", created["status"] == 201, created):
        return 1
    payment = created["response"]
    check("the APRO card's payment is approved/accredited",
          (payment.get("status"), payment.get("status_detail")) == ("approved", "accredited"),
          payment)

    got = sdk.payment().get(payment["id"])
    check("payment().get -> 200 with the same id",
          got["status"] == 200 and got["response"].get("id") == payment["id"], got)

    refund = sdk.refund().create(payment["id"])
    check("refund().create -> 201, the whole amount",
          refund["status"] == 201 and refund["response"].get("amount") == 100, refund)

    after = sdk.payment().get(payment["id"])
    check("the payment is refunded", after["response"].get("status") == "refunded", after)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
