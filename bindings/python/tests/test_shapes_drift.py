"""Issue 15: the shapes of bindings/shapes.txt (what the stubs type) against
the sandbox's answers: each field present in a created payment, card token,
customer, card, refund, preference and order has the type its shape says.
The checker reads the shapes at test time (bindings/tables.py)."""
import os
import re
import sys
import time

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import tables  # noqa: E402  (bindings/tables.py)

SHAPES, OPERATIONS = tables.shapes()
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def _scalar_ok(kind, value):
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": number, "money": number,
        "decimal": isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value) is not None,
        "str": isinstance(value, str),
        "date": isinstance(value, str) and DATE.match(value) is not None,
        "bool": isinstance(value, bool),
        "map": isinstance(value, dict),
        "any": True,
    }[kind]


def drift(shape, value, where=""):
    """Every mismatch between a JSON object and a shape, as "where: what"."""
    if not isinstance(value, dict):
        return [f"{where or shape}: not an object"]
    out = []
    for f in SHAPES[shape]["fields"]:
        if f["name"] not in value:
            continue  # an answer may leave any field out
        out += _field(f, value[f["name"]], f"{where or shape}.{f['name']}")
    return out


def _field(f, value, where):
    if value is None:
        return [] if f["nullable"] else [f"{where}: null, not nullable"]
    if f["list"]:
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [m for i, v in enumerate(value) for m in _one(f["type"], v, f"{where}[{i}]")]
    return _one(f["type"], value, where)


def _one(kind, value, where):
    if kind in SHAPES:
        return drift(kind, value, where)
    return [] if _scalar_ok(kind, value) else [f"{where}: {value!r} is not {kind}"]


def test_the_checker_catches_drift():
    problems = drift("Payment", {"id": "12", "transaction_amount": "1.5",
                                 "payer": {"email": 3}, "refunds": [{"id": 1, "amount": True}],
                                 "status": None})
    assert "Payment.id: '12' is not int" in problems
    assert "Payment.transaction_amount: '1.5' is not money" in problems
    assert "Payment.payer.email: 3 is not str" in problems
    assert "Payment.refunds[0].amount: True is not money" in problems
    assert "Payment.status: null, not nullable" in problems
    assert drift("Order", {"id": "O1", "total_amount": "10.00"}) == []


def test_sandbox_answers_match_the_shapes(mp_client, helpers):
    c = mp_client
    answers = {}
    token = c.card_tokens.create({
        "card_number": "4235647728025682", "expiration_month": 11, "expiration_year": 2030,
        "security_code": "123",
        "cardholder": {"name": "APRO", "identification": {"type": "DNI", "number": "12345678"}}})
    answers["CardToken"] = token
    payment = c.payments.create({
        "transaction_amount": 100, "token": helpers.card_token(c), "installments": 1,
        "payment_method_id": "visa", "description": "drift",
        "payer": {"email": "test_payer_1@testuser.com"}})
    answers["Refund"] = c.refunds.create(payment["id"], amount=10)
    answers["Payment"] = c.payments.get(payment["id"])  # with its refund
    customer = c.customers.create({
        "email": f"drift{time.time_ns()}@testuser.com", "first_name": "Ana",
        "phone": {"area_code": "11", "number": "999999999"},
        "identification": {"type": "CPF", "number": "19119119100"},
        "address": {"zip_code": "01310-100", "street_name": "Av. Paulista",
                    "street_number": 1578}})
    answers["Card"] = c.cards.create(customer["id"], {"token": helpers.card_token(c)})
    answers["Customer"] = c.customers.get(customer["id"])  # with its card
    answers["Preference"] = c.preferences.create({
        "items": [{"title": "Mug", "quantity": 1, "unit_price": 12.5, "currency_id": "BRL"}],
        "back_urls": {"success": "https://shop.example/ok"}, "external_reference": "drift"})
    answers["Order"] = c.orders.create({
        "type": "online", "total_amount": "100.00", "external_reference": "drift-order",
        "processing_mode": "automatic", "payer": {"email": "test_payer_1@testuser.com"},
        "transactions": {"payments": [{"amount": "100.00", "payment_method": {
            "id": "visa", "type": "credit_card", "token": helpers.card_token(c),
            "installments": 1}}]}}, idempotency_key=f"drift-{time.time_ns()}")
    problems = []
    for shape, answer in answers.items():
        present = [f["name"] for f in SHAPES[shape]["fields"] if f["name"] in answer]
        assert len(present) >= 3, f"{shape}: the answer has almost none of the shape's fields"
        problems += drift(shape, dict(answer))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("op", sorted(OPERATIONS))
def test_operations_of_the_shapes_exist(op):
    import mercadopago_native as mp
    assert op in mp.OPERATIONS
