"""Helpers for the binding's tests (fixtures mp_sandbox / mp_client come from
the package's pytest plugin)."""
import itertools

import pytest

from mercadopago_native.sandbox import TEST_CARDS

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}"


def card_token(client, name="APRO", card=TEST_CARDS["visa"], cvv="123"):
    res = client.card_tokens.create({
        "card_number": card, "expiration_month": 11, "expiration_year": 2030,
        "security_code": cvv,
        "cardholder": {"name": name, "identification": {"type": "DNI", "number": "12345678"}},
    })
    return res["id"]


def pay(client, name="APRO", amount=100, capture=True, external_reference="py-test",
        description="test order", **options):
    token = card_token(client, name)
    return client.payments.create({
        "transaction_amount": amount, "token": token, "installments": 1,
        "payment_method_id": "visa", "capture": capture,
        "external_reference": external_reference, "description": description,
        "payer": {"email": "test_payer_1@testuser.com"},
    }, **options)


@pytest.fixture
def helpers():
    class H:
        pass
    h = H()
    h.unique = unique
    h.card_token = card_token
    h.pay = pay
    return h


@pytest.fixture(autouse=True)
def _clear_faults(request):
    """Faults armed by a test never leak into the next one."""
    yield
    if "mp_sandbox" in request.fixturenames:
        request.getfixturevalue("mp_sandbox").clear_faults()
