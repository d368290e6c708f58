"""The example shop's merchant server in Python (Flask), paying through mercadopago_native.

It serves the shared pages of examples/web/pages and receives from them only a card token
and the payment's metadata; the card itself is tokenized in the buyer's browser by
MercadoPago.js with the public key. The access token stays here.

    MP_ACCESS_TOKEN=TEST-... MP_PUBLIC_KEY=TEST-... python shop.py [--port N]

Environment: MP_ACCESS_TOKEN, MP_PUBLIC_KEY (required); MP_BASE_URL and MP_CA_FILE to pay
against mp-sandbox instead of Mercado Pago; MP_SDK_ORIGIN, where the pages load
MercadoPago.js from (default: MP_BASE_URL when set, else Mercado Pago's CDN);
SHOP_LOG, a file that gets one JSON line per request body received (document numbers
masked), so that tests can check no card data ever reached the server.

`python shop.py` serves it with Werkzeug's development server; in production a WSGI server
serves `shop:app` (e.g. `gunicorn shop:app`).
"""

import argparse
import hashlib
import json
import os
import sys
import threading
from typing import Any, Dict, Optional, Tuple, Union

from flask import Flask, Response, abort, jsonify, request, send_from_directory
from werkzeug.serving import make_server

import mercadopago_native as mp
from mercadopago_native import shapes

# What a view answers: a response, or a response and its status.
View = Union[Response, Tuple[Response, int]]

HERE = os.path.dirname(os.path.abspath(__file__))
WEB = os.path.dirname(HERE)
PAGES = os.path.join(WEB, "pages")
CDN_ORIGIN = "https://sdk.mercadopago.com"

with open(os.path.join(WEB, "product.json"), encoding="utf-8") as f:
    PRODUCT = json.load(f)

ACCESS_TOKEN = os.environ["MP_ACCESS_TOKEN"]
PUBLIC_KEY = os.environ["MP_PUBLIC_KEY"]
BASE_URL = os.environ.get("MP_BASE_URL", "")
SDK_ORIGIN = os.environ.get("MP_SDK_ORIGIN") or BASE_URL or CDN_ORIGIN
SHOP_LOG = os.environ.get("SHOP_LOG", "")

client_options: Dict[str, str] = {}
if BASE_URL:
    client_options["base_url"] = BASE_URL
if os.environ.get("MP_CA_FILE"):
    client_options["ca_file"] = os.environ["MP_CA_FILE"]
client = mp.Client(ACCESS_TOKEN, **client_options)

app = Flask(__name__, static_folder=None)
log_lock = threading.Lock()


def log_received(path: str, raw: bytes) -> None:
    """Appends the body as received, with the payer's document number masked."""
    if not SHOP_LOG:
        return
    body: Any
    try:
        body = json.loads(raw)
        identification = body.get("payer", {}).get("identification")
        if isinstance(identification, dict) and "number" in identification:
            identification["number"] = "***"
    except (ValueError, AttributeError):
        body = raw.decode("utf-8", "replace")
    with log_lock, open(SHOP_LOG, "a", encoding="utf-8") as f:
        f.write(json.dumps({"server": "python", "path": path, "body": body}) + "\n")


def page(name: str) -> Response:
    """A shared page, templated with where MercadoPago.js comes from and the public key."""
    with open(os.path.join(PAGES, name), encoding="utf-8") as f:
        html = f.read()
    html = html.replace("{{SDK_ORIGIN}}", SDK_ORIGIN).replace("{{PUBLIC_KEY}}", PUBLIC_KEY)
    return Response(html, mimetype="text/html")


@app.get("/")
def index() -> Response:
    return page("index.html")


@app.get("/checkout/brick")
def checkout_brick() -> Response:
    return page("checkout-brick.html")


@app.get("/checkout/cardform")
def checkout_cardform() -> Response:
    return page("checkout-cardform.html")


@app.get("/result")
def result() -> Response:
    return page("result.html")


@app.get("/product.json")
def product() -> Response:
    return jsonify(PRODUCT)


@app.get("/<any('shop.css', 'shop.js'):name>")
def asset(name: str) -> Response:
    return send_from_directory(PAGES, name)


def checked_payment(body: Any) -> Tuple[Optional[shapes.PaymentCreate], Optional[str]]:
    """The payment to create from what the page sent, or a reason to refuse it."""
    if not isinstance(body, dict):
        return None, "a JSON object is expected"
    allowed = {"token", "issuer_id", "payment_method_id", "transaction_amount", "installments", "payer"}
    unexpected = sorted(set(body) - allowed)
    if unexpected:
        return None, "unexpected fields: " + ", ".join(unexpected)
    payer = body.get("payer") or {}
    identification = payer.get("identification") or {}
    if not body.get("token") or not body.get("payment_method_id") or not payer.get("email"):
        return None, "token, payment_method_id and payer.email are required"
    # The price is the shop's, not the page's: a page cannot choose what it pays.
    if float(body.get("transaction_amount") or 0) != PRODUCT["price"]:
        return None, "the amount does not match the product's price"
    payment: shapes.PaymentCreate = {
        "transaction_amount": PRODUCT["price"],
        "description": PRODUCT["title"],
        "token": body["token"],
        "installments": int(body.get("installments") or 1),
        "payment_method_id": body["payment_method_id"],
        "payer": {"email": payer["email"]},
    }
    issuer = str(body.get("issuer_id") or "")
    if issuer.isdigit():
        payment["issuer_id"] = issuer
    if identification.get("type") and identification.get("number"):
        payment["payer"]["identification"] = {
            "type": identification["type"], "number": str(identification["number"])}
    return payment, None


@app.post("/process_payment")
def process_payment() -> View:
    raw = request.get_data()
    log_received(request.path, raw)
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    payment, problem = checked_payment(body)
    if payment is None:
        return jsonify(error=problem), 400
    # One key per card token: a resubmitted checkout replays its payment, never pays twice.
    key = "checkout-" + hashlib.sha256(str(payment.get("token")).encode()).hexdigest()[:40]
    try:
        created = client.payments.create(payment, idempotency_key=key)
    except mp.MercadoPagoError as e:
        return jsonify(error=e.message or type(e).__name__), 502
    return jsonify(id=created["id"], status=created["status"], status_detail=created["status_detail"])


@app.get("/payments/<payment_id>")
def payment_status(payment_id: str) -> View:
    if not payment_id.isdigit():
        abort(404)
    try:
        payment = client.payments.get(payment_id)
    except mp.NotFoundError:
        return jsonify(error="no such payment"), 404
    except mp.MercadoPagoError as e:
        return jsonify(error=e.message or type(e).__name__), 502
    return jsonify(id=payment["id"], status=payment["status"], status_detail=payment["status_detail"],
                   transaction_amount=payment["transaction_amount"])


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    server = make_server(args.host, args.port, app, threaded=True)
    print("shop listening on http://%s:%d/" % (args.host, server.server_port), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
