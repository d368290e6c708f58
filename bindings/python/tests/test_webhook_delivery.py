"""A signed webhook delivered by the sandbox, verified with the binding."""
import http.server
import queue
import threading
import urllib.parse

import pytest

import mercadopago_native as mp
from conftest import card_token

SECRET = "whsec-python-ñ-🎉"


@pytest.fixture
def receiver():
    got = queue.Queue()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            got.put((dict(self.headers.items()), query, body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/mp", got
    server.shutdown()
    server.server_close()


def test_signed_delivery_verifies(receiver):
    url, got = receiver
    with mp.sandbox.Sandbox(tls=True, webhook_secret=SECRET) as sb, sb.client() as client:
        payment = client.payments.create({
            "transaction_amount": 10, "token": card_token(client), "installments": 1,
            "payment_method_id": "visa", "notification_url": url,
            "payer": {"email": "test_payer_1@testuser.com"}})
        headers, query, body = got.get(timeout=10)
    assert query["data.id"] == [str(payment["id"])]
    mp.webhooks.verify_request(headers, query, SECRET)
    mp.webhooks.verify_request(headers, query, ["old-secret", SECRET])
    with pytest.raises(mp.SignatureError) as ei:
        mp.webhooks.verify_request(headers, query, "another-secret")
    assert ei.value.reason == "mismatch"
    # Tampered data id.
    with pytest.raises(mp.SignatureError):
        mp.webhooks.verify_request(headers, {"data.id": ["1"]}, SECRET)
