"""The card checkout end to end against the embedded sandbox over HTTPS."""
import mercadopago_native as mp
from conftest import card_token, pay, unique


def test_surface_is_built_from_the_table(mp_client):
    names = {row[0] for row in mp._native.operations()}
    assert "payments.create" in names and len(names) == len(mp.OPERATIONS)
    for name in names:
        resource, action = name.split(".")
        assert callable(getattr(getattr(mp_client, resource), action))
    doc = mp_client.payments.get.__doc__
    assert "/v1/payments/{id}" in doc and "GET" in doc
    assert mp.OPERATIONS["refunds.create"].params == ("payment_id",)


def test_payment_create_get_update(mp_client):
    ref = unique("order")
    res = pay(mp_client, amount=150.5, external_reference=ref)
    assert isinstance(res, dict) and isinstance(res, mp.Result)
    assert res.http_status == 201
    assert res["status"] == "approved" and res["status_detail"] == "accredited"
    assert res["transaction_amount"] == 150.5
    assert res["card"]["last_four_digits"] == "3704"
    assert len(res.idempotency_key) == 36 and res.idempotency_key[14] == "4"
    assert res.request_id and res.headers["x-request-id"] == res.request_id
    assert res.headers.get("X-Request-Id") == res.request_id
    assert res.attempts == 1
    got = mp_client.payments.get(res["id"])
    assert got.http_status == 200 and got["id"] == res["id"]
    assert got.idempotency_key == ""  # reads carry none
    upd = mp_client.payments.update(res["id"], {"description": "updated"})
    assert upd["description"] == "updated"
    # Keyword members are merged into the body.
    upd = mp_client.payments.update(res["id"], description="again")
    assert upd["description"] == "again"


def test_capture_cancel_refund(mp_client):
    res = pay(mp_client, amount=200, capture=False)
    assert res["status"] == "authorized"
    cap = mp_client.payments.capture(res["id"], transaction_amount=120)
    assert cap["status"] == "approved" and cap["captured"] is True
    assert cap["transaction_amount"] == 120
    r1 = mp_client.refunds.create(res["id"], amount=30)
    assert r1.http_status == 201 and r1["amount"] == 30
    refunds = list(mp_client.refunds.list(res["id"]))
    assert [r["id"] for r in refunds] == [r1["id"]]
    one = mp_client.refunds.get(res["id"], r1["id"])
    assert one["id"] == r1["id"]
    # Path parameters by keyword too.
    assert mp_client.refunds.get(payment_id=res["id"], id=r1["id"])["id"] == r1["id"]
    full = mp_client.refunds.create(res["id"])  # the rest
    assert full.http_status == 201
    after = mp_client.payments.get(res["id"])
    assert after["status"] == "refunded"

    other = pay(mp_client, amount=50, capture=False)
    cancelled = mp_client.payments.cancel(other["id"])
    assert cancelled["status"] == "cancelled"


def test_customers_and_cards(mp_client):
    email = f"{unique('jane')}@example.com".replace("-", "_")
    cust = mp_client.customers.create({"email": email, "first_name": "Jane", "last_name": "Doe",
                                       "identification": {"type": "DNI", "number": "12345678"}})
    assert cust.http_status == 201
    cid = cust["id"]
    found = list(mp_client.customers.search(email=email))
    assert [c["id"] for c in found] == [cid]
    token = card_token(mp_client, card=mp.sandbox.TEST_CARDS["master"])
    card = mp_client.cards.create(cid, {"token": token})
    assert card.http_status == 201 and card["last_four_digits"] == "0604"
    cards = list(mp_client.cards.list(cid))
    assert [c["id"] for c in cards] == [card["id"]]
    assert mp_client.cards.get(cid, card["id"])["id"] == card["id"]
    # Pay with the saved card through a CVV-only token.
    tok = mp_client.card_tokens.create({"card_id": card["id"], "security_code": "123"})["id"]
    p = mp_client.payments.create({"transaction_amount": 75, "token": tok, "installments": 3,
                                   "payment_method_id": "master",
                                   "payer": {"type": "customer", "id": cid}})
    assert p["status"] == "approved" and p["installments"] == 3
    mp_client.cards.delete(cid, card["id"])
    with __import__("pytest").raises(mp.NotFoundError):
        mp_client.cards.get(cid, card["id"])
    mp_client.customers.delete(cid)


def test_lists_return_list_results(mp_client):
    methods = mp_client.call("payment_methods.list")
    items = list(methods)
    assert items and all("id" in m for m in items)
    raw = mp_client._native.call("identification_types.list")
    assert raw.http_status == 200


def test_declines_are_results_not_errors(mp_client):
    res = pay(mp_client, name="OTHE")
    assert res.http_status == 201 and res["status"] == "rejected"
    assert res["status_detail"] == "cc_rejected_other_reason"


def test_idempotency_key_replay(mp_client):
    token = card_token(mp_client)
    body = {"transaction_amount": 10, "token": token, "installments": 1,
            "payment_method_id": "visa", "payer": {"email": "a_b@example.com"}}
    key = unique("idem-key-python")
    first = mp_client.payments.create(body, idempotency_key=key)
    again = mp_client.payments.create(body, idempotency_key=key)
    assert first.idempotency_key == key == again.idempotency_key
    assert again["id"] == first["id"] and again.http_status == 200


def test_unicode_round_trip(mp_client):
    text = "Café ☕ 🎉 ñandú — 日本語 \"quotes\" \\ back\nslash"
    res = pay(mp_client, description=text, external_reference="ünï-" + unique("ref"))
    assert res["description"] == text
    got = mp_client.payments.get(res["id"])
    assert got["description"] == text
    assert got["external_reference"].startswith("ünï-")
    # bytes and str bodies cross unchanged too.
    upd = mp_client.payments.update(res["id"], '{"description":"Café ☕ 🎉 ñandú"}')
    assert upd["description"] == "Café ☕ 🎉 ñandú"
    upd = mp_client.payments.update(res["id"], "{\"description\":\"🎉\"}".encode("utf-8"))
    assert upd["description"] == "🎉"


def test_context_manager_and_repr_never_show_token(mp_sandbox):
    token = "TEST-secret-token-abcdef-999"
    with mp_sandbox.client(token) as c:
        assert token not in repr(c) and token not in str(c)
        res = c.payment_methods.list()
        assert token not in repr(list(res))
    assert c.closed
    import pytest
    with pytest.raises(ValueError):
        c.payments.get(1)
    c.close()  # twice is fine


def test_non_ascii_path_and_query_are_encoded(mp_client, mp_sandbox):
    import pytest
    with pytest.raises(mp.NotFoundError) as ei:
        mp_client.customers.get("ñandú/🎉?x=1")  # one URL-encoded segment
    assert ei.value.http_status == 404
    assert list(mp_client.customers.search(email="ñandú🎉@example.com")) == []
