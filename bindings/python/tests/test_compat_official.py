"""Issue 15: mercadopago_native.compat follows the official package 3.x's
public modules: errors (MPResponse.raise_for_status and the typed classes),
pagination, webhook, http (the custom http_client seam), config, resources'
statuses, and the methods 3.x added (Payment.capture, search_auto_paging_iter,
Order.search/refund, DisbursementRefund.create(amount)/save, Point,
OAuth.get_authorization_url). Everything runs against the sandbox."""
import hashlib
import hmac
import time
import urllib.parse

import pytest

import mercadopago_native.compat as mercadopago
from mercadopago_native.compat.config import RequestOptions
from mercadopago_native.compat.errors import MPNotFoundError, MPResponse, MPValidationError
from mercadopago_native.compat.http import HttpClient
from mercadopago_native.compat.webhook import (InvalidWebhookSignatureError,
                                                SignatureFailureReason,
                                                WebhookSignatureValidator)
from mercadopago_native.sandbox import TEST_CARDS, TEST_TOKEN

LIVE = "https://api.mercadopago.com"


@pytest.fixture
def sdk(mp_sandbox):
    s = mercadopago.SDK(TEST_TOKEN, base_url=mp_sandbox.url, ca_pem=mp_sandbox.ca_pem)
    yield s
    s.close()


def _token(sdk):
    res = sdk.card_token().create({
        "card_number": TEST_CARDS["visa"], "expiration_month": 11, "expiration_year": 2030,
        "security_code": "123",
        "cardholder": {"name": "APRO", "identification": {"type": "DNI", "number": "1"}}})
    return res["response"]["id"]


def _pay(sdk, **extra):
    return sdk.payment().create({
        "transaction_amount": 100, "token": _token(sdk), "installments": 1,
        "payment_method_id": "visa", "payer": {"email": "test_payer_1@testuser.com"},
        **extra})


def test_every_official_public_name_is_here():
    for name in ("SDK", "MercadoPagoError", "MPBadRequestError", "MPAuthenticationError",
                 "MPPaymentError", "MPForbiddenError", "MPNotFoundError", "MPIdempotencyError",
                 "MPValidationError", "MPResourceLockedError", "MPDependencyError",
                 "MPRateLimitError", "MPServerError", "MPConnectionError", "MPOrderErrors",
                 "MPPaymentErrors", "MPResponse", "PaymentStatus", "OrderStatus",
                 "PreapprovalStatus", "MerchantOrderStatus", "RefundStatus"):
        assert hasattr(mercadopago, name), name
    from mercadopago_native.compat.config.config import Config
    from mercadopago_native.compat.errors import build_error
    from mercadopago_native.compat.pagination import Paging, search_auto_paging_iter  # noqa
    assert Config().version == "3.6.0"
    assert isinstance(build_error(404, {}), MPNotFoundError)
    assert type(build_error(503, {})).__name__ == "MPServerError"
    assert build_error(429, {}, 3).retry_after == 3
    assert Paging.from_dict({"total": "7", "limit": 2}).total == 7


def test_mpresponse_and_raise_for_status(sdk):
    ok = sdk.payment_methods().list_all()
    assert isinstance(ok, MPResponse) and ok.is_success and ok.status_code == 200
    assert ok.request_id
    ok.raise_for_status()  # nothing
    missing = sdk.payment().get(987654321015)
    assert missing["status"] == 404 and not missing.is_success
    with pytest.raises(MPNotFoundError) as ei:
        missing.raise_for_status()
    assert ei.value.status_code == 404 and ei.value.request_id == missing.request_id
    assert isinstance(ei.value, mercadopago.MercadoPagoError)
    bad = sdk.payment().create({"transaction_amount": -1})
    assert bad.status_code == 400 and bad.error_message
    with pytest.raises(mercadopago.MPBadRequestError):
        bad.raise_for_status()


def test_capture_and_auto_paging(sdk, mp_sandbox):
    ref = f"compat-paging-{time.time_ns()}"
    ids = [_pay(sdk, external_reference=ref)["response"]["id"] for _ in range(3)]
    found = [p["id"] for p in sdk.payment().search_auto_paging_iter({"external_reference": ref},
                                                                    limit=2)]
    assert sorted(found) == sorted(ids)
    held = _pay(sdk, capture=False)["response"]
    assert held["status"] == "authorized"
    captured = sdk.payment().capture(held["id"], 80)
    assert captured["status"] == 200 and captured["response"]["captured"] is True
    assert captured["response"]["transaction_amount"] == 80


def test_point_orders_oauth(sdk):
    devices = sdk.point().get_devices()
    assert devices.is_success
    device = devices["response"]["devices"][0]["id"]
    intent = sdk.point().create(device, {"amount": 1500, "description": "compat"})
    assert intent.status_code in (200, 201), intent
    got = sdk.point().get(intent["response"]["id"])
    assert got.is_success and got["response"]["id"] == intent["response"]["id"]
    assert sdk.point().cancel(device, intent["response"]["id"]).is_success
    assert sdk.order().search({"external_reference": "nothing-15"}).is_success
    url = sdk.oauth().get_authorization_url("123", "https://shop.example/cb", "st-1")
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert q["client_id"] == ["123"] and q["state"] == ["st-1"] and q["response_type"] == ["code"]


def test_webhook_validator():
    ts = str(int(time.time()))
    manifest = f"id:123456;request-id:req-1;ts:{ts};"
    sig = hmac.new(b"s3cret", manifest.encode(), hashlib.sha256).hexdigest()
    header = f"ts={ts},v1={sig}"
    assert WebhookSignatureValidator.validate(header, "req-1", "123456", "s3cret",
                                              tolerance_seconds=300) is None
    with pytest.raises(InvalidWebhookSignatureError) as ei:
        WebhookSignatureValidator.validate(header, "req-2", "123456", "s3cret")
    assert ei.value.reason is SignatureFailureReason.SIGNATURE_MISMATCH
    assert "s3cret" not in str(ei.value)
    with pytest.raises(InvalidWebhookSignatureError) as ei:
        WebhookSignatureValidator.validate(" ", "req-1", "1", "s")
    assert ei.value.reason is SignatureFailureReason.MISSING_SIGNATURE_HEADER
    # An absent request id is left out of the manifest (the official rule).
    sig2 = hmac.new(b"k", f"id:9;ts:{ts};".encode(), hashlib.sha256).hexdigest()
    WebhookSignatureValidator.validate(f"ts={ts},v1={sig2}", None, "9", "k")


class SandboxHttpClient(HttpClient):
    """The official README's seam, as tests/sandbox/official_sdks/python/payment.py
    writes it for the official package: every URL is the live base URL + path."""

    def __init__(self, base_url, ca_file):
        self.base_url, self.ca_file, self.calls = base_url.rstrip("/"), ca_file, []

    def request(self, method, url, maxretries=None, retry_on=None, backoff_factor=None,
                **kwargs):
        assert url.startswith(LIVE)
        self.calls.append((method, url[len(LIVE):]))
        kwargs["verify"] = self.ca_file
        return super().request(method, self.base_url + url[len(LIVE):], maxretries=maxretries,
                               retry_on=retry_on, backoff_factor=backoff_factor, **kwargs)


def test_custom_http_client_is_the_seam(mp_sandbox):
    seam = SandboxHttpClient(mp_sandbox.url, mp_sandbox.ca_file)
    sdk = mercadopago.SDK(TEST_TOKEN, http_client=seam)
    payment = _pay(sdk)
    assert payment["status"] == 201 and payment["response"]["status"] == "approved"
    got = sdk.payment().get(payment["response"]["id"])
    assert got["response"]["id"] == payment["response"]["id"]
    assert sdk.payment().get(987654321015)["status"] == 404
    assert ("GET", f"/v1/payments/{payment['response']['id']}") in seam.calls
    assert [m for m, _ in seam.calls].count("POST") == 2  # card token, payment
    with pytest.raises(ValueError):
        mercadopago.SDK(TEST_TOKEN, http_client=object())


def test_request_options_of_3x(sdk):
    ro = RequestOptions(max_retries=1, retry_on=[503], initial_delay=100, max_delay=1000,
                        custom_headers={"x-idempotency-key": "compat-3x-1"})
    assert ro.get_headers()["x-idempotency-key"] == "compat-3x-1"
    assert ro.retry_on == [503]
    data = {"transaction_amount": 5, "token": _token(sdk), "installments": 1,
            "payment_method_id": "visa", "payer": {"email": "test_payer_1@testuser.com"}}
    a = sdk.payment().create(data, ro)
    b = sdk.payment().create(data, ro)
    assert a["response"]["id"] == b["response"]["id"]


def test_typed_request_dataclass_body(sdk):
    import dataclasses
    from typing import Optional

    @dataclasses.dataclass
    class Payer:
        email: str
        first_name: Optional[str] = None

    @dataclasses.dataclass
    class Customer:
        email: str
        description: Optional[str] = None
        payer: Optional[Payer] = None

    email = f"dc{time.time_ns()}@testuser.com"
    res = sdk.customer().create(Customer(email=email))  # None fields are not sent
    assert res["status"] == 201 and res["response"]["email"] == email
