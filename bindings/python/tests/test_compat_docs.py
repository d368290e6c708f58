"""Code written as the official package's README and developer guides show it
runs on mercadopago_native.compat with only its import lines changed.

Each snippet below is kept in the official package's style, starting with its
own ``import mercadopago``; the test rewrites exactly the import lines, fills
the placeholders the guides leave to the reader (access token, card token,
ids), points the SDK at the sandbox through the environment and runs it.
"""
import re

import pytest

from mercadopago_native.sandbox import TEST_CARDS, TEST_TOKEN

IMPORTS = [
    (r"^import mercadopago$", "import mercadopago_native.compat as mercadopago"),
    (r"^from mercadopago\.config import RequestOptions$",
     "from mercadopago_native.compat.config import RequestOptions"),
]

# README, "Simple usage".
SIMPLE_USAGE = '''
import mercadopago

sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")

payment_data = {
    "transaction_amount": 100,
    "token": "CARD_TOKEN",
    "description": "Payment description",
    "payment_method_id": 'visa',
    "installments": 1,
    "payer": {
        "email": 'test_user_123456@testuser.com'
    }
}
result = sdk.payment().create(payment_data)
payment = result["response"]

print(payment)
'''

# README, "Per-request configuration".
PER_REQUEST = '''
import mercadopago
from mercadopago.config import RequestOptions

sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")
request_options = RequestOptions(access_token='YOUR_ACCESS_TOKEN')
payment_data = {"transaction_amount": 100, "token": "CARD_TOKEN", "installments": 1,
                "payment_method_id": "visa", "payer": {"email": "test_user_123456@testuser.com"}}

result = sdk.payment().create(payment_data, request_options)
payment = result["response"]
'''

# Guides: idempotency through a custom header on RequestOptions.
IDEMPOTENCY = '''
import mercadopago

sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")

request_options = mercadopago.config.RequestOptions()
request_options.custom_headers = {
    'x-idempotency-key': 'SOME_UNIQUE_VALUE'
}
payment_data = {"transaction_amount": 100, "token": "CARD_TOKEN", "installments": 1,
                "payment_method_id": "visa", "payer": {"email": "test_user_123456@testuser.com"}}
result = sdk.payment().create(payment_data, request_options)
again = sdk.payment().create(payment_data, request_options)
payment = result["response"]
'''

# Guides, "Customers and cards": save a customer and a card, list and search.
CUSTOMERS_AND_CARDS = '''
import mercadopago
sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")

customer_data = {
  "email": "test_payer_12345@testuser.com"
}
customer_response = sdk.customer().create(customer_data)
customer = customer_response["response"]

card_data = {
  "token": "CARD_TOKEN",
}
card_response = sdk.card().create(customer["id"], card_data)
card = card_response["response"]

cards_response = sdk.card().list_all(customer["id"])
cards = cards_response["response"]

filters = {
  "email": "test_payer_12345@testuser.com"
}
customers_response = sdk.customer().search(filters=filters)
customers = customers_response["response"]
'''

# Guides: capture an authorized payment, then cancel another one.
CAPTURE_AND_CANCEL = '''
import mercadopago
sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")

payment_data = {
  "capture": True
}
payment_response = sdk.payment().update(PAYMENT_ID, payment_data)
captured = payment_response["response"]

payment_data = {
  "status": "cancelled"
}
payment_response = sdk.payment().update(OTHER_PAYMENT_ID, payment_data)
cancelled = payment_response["response"]
'''

# Guides, "Refunds": a partial refund, then the list of refunds.
REFUNDS = '''
import mercadopago
sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")

refund_data = {
  "amount": 10.5
}
refund_response = sdk.refund().create(PAYMENT_ID, refund_data)
refund = refund_response["response"]

refunds_response = sdk.refund().list_all(PAYMENT_ID)
refunds = refunds_response["response"]
'''

# Checkout Pro guide: a preference.
PREFERENCE = '''
import mercadopago
sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")

preference_data = {
    "items": [
        {
            "title": "My Item",
            "quantity": 1,
            "unit_price": 75.76,
        }
    ]
}

preference_response = sdk.preference().create(preference_data)
preference = preference_response["response"]
'''

# The package's payment-search example, and the lists the card form needs.
SEARCH_AND_LISTS = '''
import mercadopago
sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")

filters = {
    "status": "approved",
    "offset": 0,
    "limit": 10
}
search_response = sdk.payment().search(filters)
search_result = search_response["response"]

payment_methods_response = sdk.payment_methods().list_all()
payment_methods = payment_methods_response["response"]

identification_types_response = sdk.identification_type().list_all()
identification_types = identification_types_response["response"]
'''

# README 3.x, "Simple usage — Orders API" (the placeholder's angle brackets
# become a plain name here, as the other placeholders are).
ORDERS_USAGE = '''
import mercadopago

sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")

request_options = mercadopago.config.RequestOptions()
request_options.custom_headers = {
    'x-idempotency-key': 'SOME_UNIQUE_VALUE'
}

order_data = {
    "type": "online",
    "total_amount": "100.00",
    "external_reference": "ext_ref_1234",
    "transactions": {
        "payments": [
            {
                "amount": "100.00",
                "payment_method": {
                    "id": "master",
                    "type": "credit_card",
                    "token": "CARD_TOKEN",
                    "installments": 1,
                },
            }
        ]
    },
    "payer": {
        "email": "test_user_123456@testuser.com"
    },
}
result = sdk.order().create(order_data, request_options)
order = result["response"]

print(order)
'''

# MPResponse's documented use (3.x): raise_for_status and the typed errors.
RAISE_FOR_STATUS = '''
import mercadopago

sdk = mercadopago.SDK("YOUR_ACCESS_TOKEN")
result = sdk.payment().get(PAYMENT_ID)
print(result["status"])
try:
    result.raise_for_status()
except mercadopago.MPNotFoundError as e:
    missing = e
'''


@pytest.fixture
def sandbox_env(mp_sandbox, monkeypatch, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text(mp_sandbox.ca_pem)
    monkeypatch.setenv("MERCADOPAGO_BASE_URL", mp_sandbox.url)
    monkeypatch.setenv("MERCADOPAGO_CA_FILE", str(ca))
    return mp_sandbox


def card_token(client, name="APRO"):
    return client.card_tokens.create({
        "card_number": TEST_CARDS["visa"], "expiration_month": 11, "expiration_year": 2030,
        "security_code": "123",
        "cardholder": {"name": name, "identification": {"type": "DNI", "number": "12345678"}},
    })["id"]


def run(snippet, **placeholders):
    """Runs a snippet with its import lines changed and nothing else but the
    placeholders; returns its variables."""
    lines = snippet.strip("\n").splitlines()
    changed = 0
    for i, line in enumerate(lines):
        for pattern, replacement in IMPORTS:
            if re.match(pattern, line):
                lines[i] = replacement
                changed += 1
    assert changed >= 1
    code = "\n".join(lines).replace("YOUR_ACCESS_TOKEN", TEST_TOKEN)
    for name in sorted(placeholders, key=len, reverse=True):
        value = repr(placeholders[name])
        code = code.replace(f'"{name}"', value).replace(f"'{name}'", value)
        code = re.sub(rf"\b{name}\b", value, code)
    namespace = {}
    exec(compile(code, "<official example>", "exec"), namespace)
    return namespace


def test_simple_usage(sandbox_env, mp_client, capsys):
    ns = run(SIMPLE_USAGE, CARD_TOKEN=card_token(mp_client))
    assert ns["result"]["status"] == 201
    assert ns["payment"]["status"] == "approved"
    assert str(ns["payment"]["id"]) in capsys.readouterr().out


def test_per_request_configuration(sandbox_env, mp_client):
    ns = run(PER_REQUEST, CARD_TOKEN=card_token(mp_client))
    assert ns["result"]["status"] == 201 and ns["payment"]["status"] == "approved"


def test_idempotency_header(sandbox_env, mp_client):
    ns = run(IDEMPOTENCY, CARD_TOKEN=card_token(mp_client),
             SOME_UNIQUE_VALUE="docs-idempotency-1")
    assert ns["result"]["status"] == 201
    assert ns["again"]["response"]["id"] == ns["payment"]["id"]


def test_customers_and_cards(sandbox_env, mp_client):
    ns = run(CUSTOMERS_AND_CARDS, CARD_TOKEN=card_token(mp_client))
    assert ns["customer_response"]["status"] == 201
    assert ns["card_response"]["status"] in (200, 201)
    assert [c["id"] for c in ns["cards"]] == [ns["card"]["id"]]
    assert ns["customers"]["results"][0]["id"] == ns["customer"]["id"]


def test_capture_and_cancel(sandbox_env, mp_client):
    def authorized():
        return mp_client.payments.create({
            "transaction_amount": 50, "token": card_token(mp_client), "installments": 1,
            "payment_method_id": "visa", "capture": False,
            "payer": {"email": "test_user_123456@testuser.com"}})["id"]

    first, second = authorized(), authorized()
    ns = run(CAPTURE_AND_CANCEL, PAYMENT_ID=first, OTHER_PAYMENT_ID=second)
    assert ns["payment_response"]["status"] == 200
    assert ns["captured"]["status"] == "approved" and ns["captured"]["captured"] is True
    assert ns["cancelled"]["status"] == "cancelled"


def test_refunds(sandbox_env, mp_client):
    payment = mp_client.payments.create({
        "transaction_amount": 100, "token": card_token(mp_client), "installments": 1,
        "payment_method_id": "visa", "payer": {"email": "test_user_123456@testuser.com"}})
    ns = run(REFUNDS, PAYMENT_ID=payment["id"])
    assert ns["refund_response"]["status"] == 201 and ns["refund"]["amount"] == 10.5
    assert [r["id"] for r in ns["refunds"]] == [ns["refund"]["id"]]


def test_preference(sandbox_env):
    ns = run(PREFERENCE)
    assert ns["preference_response"]["status"] == 201
    assert ns["preference"]["items"][0]["title"] == "My Item"
    assert ns["preference"]["init_point"]


def test_search_and_lists(sandbox_env):
    ns = run(SEARCH_AND_LISTS)
    assert ns["search_response"]["status"] == 200
    assert ns["search_result"]["paging"]["limit"] == 10
    assert all(p["status"] == "approved" for p in ns["search_result"]["results"])
    assert any(m["id"] == "visa" for m in ns["payment_methods"])
    assert ns["identification_types"]


def test_orders_usage(sandbox_env, mp_client, capsys):
    token = mp_client.card_tokens.create({
        "card_number": TEST_CARDS["master"], "expiration_month": 11, "expiration_year": 2030,
        "security_code": "123",
        "cardholder": {"name": "APRO", "identification": {"type": "DNI", "number": "1"}}})["id"]
    ns = run(ORDERS_USAGE, CARD_TOKEN=token, SOME_UNIQUE_VALUE="docs-orders-1")
    assert ns["result"]["status"] == 201, ns["result"]
    assert ns["order"]["status"] == "processed" and ns["order"]["external_reference"] == \
        "ext_ref_1234"
    assert ns["order"]["id"] in capsys.readouterr().out


def test_raise_for_status(sandbox_env):
    ns = run(RAISE_FOR_STATUS, PAYMENT_ID=987654321016)
    assert ns["result"]["status"] == 404
    assert ns["missing"].status_code == 404 and ns["missing"].request_id


def test_environment_cannot_send_the_token_elsewhere(monkeypatch):
    import mercadopago_native.compat as mercadopago

    monkeypatch.setenv("MERCADOPAGO_BASE_URL", "https://api.example.com")
    with pytest.raises(ValueError, match="loopback"):
        mercadopago.SDK(TEST_TOKEN)
