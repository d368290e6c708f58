"""mercadopago_native.compat.SDK: the official package's surface."""
from mercadopago_native.compat import SDK, RequestOptions
from mercadopago_native.sandbox import TEST_CARDS, TEST_TOKEN


def test_sdk_checkout(mp_sandbox):
    sdk = SDK(TEST_TOKEN, base_url=mp_sandbox.url, ca_pem=mp_sandbox.ca_pem)
    tok = sdk.card_token().create({
        "card_number": TEST_CARDS["visa"], "expiration_month": 11, "expiration_year": 2030,
        "security_code": "123",
        "cardholder": {"name": "APRO", "identification": {"type": "DNI", "number": "1"}}})
    assert tok["status"] == 201
    ro = RequestOptions(custom_headers={"x-idempotency-key": "compat-key-1"})
    data = {"transaction_amount": 12.5, "token": tok["response"]["id"], "installments": 1,
            "payment_method_id": "visa", "description": "Café ☕ 🎉 ñandú",
            "payer": {"email": "test_payer_1@testuser.com"}}
    created = sdk.payment().create(data, ro)
    assert created["status"] == 201
    payment = created["response"]
    assert payment["status"] == "approved" and payment["description"] == "Café ☕ 🎉 ñandú"
    replay = sdk.payment().create(data, request_options=ro)
    assert replay["response"]["id"] == payment["id"]
    got = sdk.payment().get(payment["id"])
    assert got == {"status": 200, "response": got["response"]}
    assert got["response"]["id"] == payment["id"]
    page = sdk.payment().search({"external_reference": "nothing-matches-this"})
    assert page["status"] == 200 and page["response"]["results"] == []
    refund = sdk.refund().create(payment["id"], {"amount": 2.5})
    assert refund["status"] == 201
    assert len(sdk.refund().list_all(payment["id"])["response"]) == 1
    # API errors are returned, not raised, as in the official SDK.
    missing = sdk.payment().get(987654321777)
    assert missing["status"] == 404 and isinstance(missing["response"], dict)
    assert sdk.payment_methods().list_all()["status"] == 200
    sdk.close()
