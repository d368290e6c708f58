"""Every exception type the sandbox (or the library) can produce."""
import pickle

import pytest

import mercadopago_native as mp
from conftest import card_token, pay, unique

TOKEN = mp.sandbox.TEST_TOKEN


def _no_token(exc, token=TOKEN):
    assert token not in str(exc) and token not in repr(exc)
    assert token not in repr(exc.__dict__.get("body"))


def test_hierarchy():
    assert issubclass(mp.BadRequestError, mp.ValidationError)
    for cls in (mp.ValidationError, mp.AuthenticationError, mp.NotFoundError, mp.ConflictError,
                mp.RateLimitError, mp.ServerError):
        assert issubclass(cls, mp.APIError) and issubclass(cls, mp.MercadoPagoError)
    for cls in (mp.NetworkError, mp.TimeoutError, mp.TLSError, mp.SignatureError,
                mp.InvalidArgumentError, mp.JSONError):
        assert issubclass(cls, mp.MercadoPagoError) and not issubclass(cls, mp.APIError)
    # Generated from the library's status table.
    codes = dict((name, code) for code, name in mp._native.status_table())
    assert mp.NotFoundError.status_code == codes["not_found"] == -7
    assert mp.errors.STATUS_CLASSES[codes["rate_limited"]] is mp.RateLimitError
    # A status past the iterator's end (MP_ERR_PROTOCOL) has its own class too.
    assert mp.errors.STATUS_CLASSES[codes["protocol"]] is mp.ProtocolError
    assert not issubclass(mp.ProtocolError, mp.APIError)


def test_not_found(mp_client):
    with pytest.raises(mp.NotFoundError) as ei:
        mp_client.payments.get(987654321012)
    e = ei.value
    assert e.status == "not_found" and e.http_status == 404
    assert e.request_id and e.request_id in str(e)
    assert e.error == "not_found" or e.error
    assert e.attempts == 1 and e.retryable is False
    assert isinstance(e.causes, list)
    assert e.headers["X-Request-Id"] == e.request_id
    assert isinstance(e.body, dict)
    _no_token(e)
    # Picklable (for multiprocessing), details kept.
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is mp.NotFoundError and back.request_id == e.request_id


def test_bad_request_with_causes(mp_client):
    body = {"transaction_amount": 10, "token": "f" * 32, "installments": 1,
            "payment_method_id": "visa", "payer": {"email": "a@b.com"}}
    with pytest.raises(mp.BadRequestError) as ei:
        mp_client.payments.create(body)
    e = ei.value
    assert isinstance(e, mp.ValidationError) and e.http_status == 400
    codes = [str(c.get("code")) for c in e.causes if isinstance(c, dict)]
    assert "2006" in codes, e.causes
    assert len(e.idempotency_key) == 36
    _no_token(e)


def test_authentication_error(mp_client):
    with pytest.raises(mp.AuthenticationError) as ei:
        mp_client.payments.get(1, access_token="NOT_A_TOKEN_shape_0000000")
    assert ei.value.http_status == 401 and ei.value.status == "auth"
    assert not ei.value.retryable
    _no_token(ei.value, "NOT_A_TOKEN_shape_0000000")


def test_conflict_on_key_reuse(mp_client):
    key = unique("conflict-key")
    body = {"transaction_amount": 10, "token": card_token(mp_client), "installments": 1,
            "payment_method_id": "visa", "payer": {"email": "a_b@example.com"}}
    mp_client.payments.create(body, idempotency_key=key)
    other = dict(body, transaction_amount=11, token=card_token(mp_client))
    with pytest.raises(mp.ConflictError) as ei:
        mp_client.payments.create(other, idempotency_key=key)
    assert ei.value.http_status == 409 and ei.value.idempotency_key == key


def test_rate_limit_and_server_errors(mp_sandbox):
    with mp_sandbox.client(max_retries=0) as c:
        mp_sandbox.arm_faults("GET", "/v1/payment_methods", ["429:0"])
        with pytest.raises(mp.RateLimitError) as ei:
            c.payment_methods.list()
        assert ei.value.http_status == 429 and ei.value.retryable
        mp_sandbox.arm_faults("GET", "/v1/payment_methods", ["503"])
        with pytest.raises(mp.ServerError) as ei:
            c.payment_methods.list()
        assert ei.value.http_status == 503 and ei.value.retryable
    mp_sandbox.clear_faults()


def test_retries_recover(mp_sandbox):
    with mp_sandbox.client(max_retries=2, retry_delays=(0.01, 0.05, 1)) as c:
        mp_sandbox.arm_faults("GET", "/v1/identification_types", ["500", "429:0", "ok"])
        res = c._native.call("identification_types.list")
        assert res.attempts == 3 and res.http_status == 200
    mp_sandbox.clear_faults()


def test_timeout(mp_sandbox):
    with mp_sandbox.client(max_retries=0) as c:
        mp_sandbox.arm_faults("GET", "/v1/identification_types", ["delay:3000"])
        with pytest.raises(mp.TimeoutError) as ei:
            c.call("identification_types.list", timeout=0.3)
        assert ei.value.status == "timeout" and ei.value.http_status == 0
        assert isinstance(ei.value, mp.NetworkError)
        assert isinstance(ei.value, TimeoutError)  # the builtin one too
        _no_token(ei.value)
    mp_sandbox.clear_faults()


def test_network_error():
    with mp.Client(TOKEN, base_url="http://127.0.0.1:9", max_retries=0,
                   connect_timeout=2) as c:
        with pytest.raises(mp.NetworkError) as ei:
            c.payments.get(1)
    assert ei.value.status == "network" and ei.value.attempts >= 1


def test_tls_error(mp_sandbox):
    # The sandbox's CA is not in the system store: verification must fail.
    with mp.Client(TOKEN, base_url=mp_sandbox.url, max_retries=0) as c:
        with pytest.raises(mp.TLSError) as ei:
            c.payments.get(1)
    assert ei.value.status == "tls"
    # ...and the CA file works.
    with mp.Client(TOKEN, base_url=mp_sandbox.url, ca_file=mp_sandbox.ca_file) as c:
        assert list(c.identification_types.list())


def test_invalid_arguments(mp_client, mp_sandbox):
    with pytest.raises(mp.InvalidArgumentError):
        mp_client.payments.get(1, headers={"Authorization": "Bearer x"})
    with pytest.raises(mp.InvalidArgumentError) as ei:
        mp.Client(TOKEN, base_url="http://example.com")
    assert isinstance(ei.value, ValueError)
    with pytest.raises(mp.InvalidArgumentError):
        mp_client._native.call("nope.nope")
    with pytest.raises(ValueError):
        mp_client.call("nope.nope")
    with pytest.raises(TypeError):
        mp_client.payments.get()


def test_json_error_sends_nothing(mp_client, mp_sandbox):
    before = mp_sandbox.request_count
    with pytest.raises(mp.JSONError):
        mp_client.payments.create(b"{not json")
    assert mp_sandbox.request_count == before


def test_signature_error():
    with pytest.raises(mp.SignatureError) as ei:
        mp.webhooks.verify("ts=1,v1=00", "req", "123", "secret", tolerance=-1)
    assert ei.value.reason == "mismatch"


def test_an_api_errors_headers_are_all_readable(mp_sandbox):
    """The exception keeps the answer: any of its headers, not only the request id."""
    with mp_sandbox.client(max_retries=0) as c:
        mp_sandbox.arm_faults("GET", "/v1/payments/", ["429:7"])
        with pytest.raises(mp.RateLimitError) as ei:
            c.payments.get(1)
    e = ei.value
    assert e.headers["Retry-After"] == "7"
    assert e.headers.get("content-type", "").startswith("application/json")
    assert e.headers["X-Request-Id"] == e.request_id
    assert e.headers.get("X-No-Such-Header") is None


def test_a_bad_fault_text_is_refused_by_the_sandbox(mp_sandbox):
    with pytest.raises(ValueError, match="not a fault"):
        mp_sandbox.arm_faults("GET", "/v1/payment_methods", ["teapot"])
