"""Webhook signatures, logging, the pytest plugin, packaging."""
import hashlib
import hmac
import logging
import os
import time

import pytest

import mercadopago_native as mp
from mercadopago_native import webhooks
from mercadopago_native.sandbox import TEST_CARDS
from conftest import card_token


def sign(secret, data_id, request_id, ts):
    manifest = f"id:{data_id};request-id:{request_id};ts:{ts};"
    return hmac.new(secret.encode(), manifest.encode(), hashlib.sha256).hexdigest()


def test_verify_ok_and_failures():
    ts = int(time.time())
    sig = f"ts={ts},v1={sign('s3cret', '123456', 'req-1', ts)}"
    webhooks.verify(sig, "req-1", "123456", "s3cret")
    webhooks.verify(sig, "req-1", 123456, ["old", "s3cret"])  # rotation
    assert webhooks.is_valid(sig, "req-1", "123456", "s3cret")
    assert webhooks.check(sig, "req-1", "123456", "other") == "mismatch"
    assert webhooks.check(None, "req-1", "123456", "s3cret") == "missing_header"
    assert webhooks.check("garbage", "req-1", "123456", "s3cret") == "malformed_header"
    assert webhooks.check(sig, "req-1", "123456", "s3cret", now=ts + 3600) == "out_of_tolerance"
    assert webhooks.check(sig, "req-1", "123456", "s3cret", now=ts + 3600,
                          tolerance=-1) == "ok"
    with pytest.raises(mp.SignatureError) as ei:
        webhooks.verify(sig, "req-2", "123456", "s3cret")
    assert ei.value.reason == "mismatch" and "s3cret" not in str(ei.value)
    webhooks.verify_request({"X-Signature": sig, "X-Request-Id": "req-1"},
                            {"data.id": ["123456"]}, "s3cret")
    # Non-ASCII data ids cross as UTF-8.
    sig2 = f"ts={ts},v1={sign('clé', 'ñandú-🎉', 'req', ts)}"
    webhooks.verify(sig2, "req", "ñandú-🎉", "clé")


def test_logging_goes_to_the_logger(mp_sandbox, caplog):
    with caplog.at_level(logging.DEBUG, logger="mercadopago_native"):
        with mp_sandbox.client("TEST-log-token-should-not-appear-123") as c:
            c.payment_methods.list()
            card_token(c)  # card number and security code in the body
    msgs = [r.getMessage() for r in caplog.records if r.name == "mercadopago_native"]
    assert msgs, "the library logged nothing"
    assert any(r.levelno == logging.DEBUG for r in caplog.records)
    assert any(r.levelno == logging.INFO for r in caplog.records)
    assert not any("TEST-log-token-should-not-appear-123" in m for m in msgs)
    assert not any(TEST_CARDS["visa"] in m for m in msgs)


def test_no_logging_below_the_logger_level(mp_sandbox, caplog):
    with caplog.at_level(logging.ERROR, logger="mercadopago_native"):
        with mp_sandbox.client() as c:
            c.payment_methods.list()
    assert not [r for r in caplog.records if r.name == "mercadopago_native"]


def test_plugin_fixtures(mp_sandbox, mp_client):
    assert mp_sandbox.url.startswith("https://127.0.0.1:")
    assert mp_sandbox.ca_pem.startswith("-----BEGIN CERTIFICATE-----")
    assert os.path.exists(mp_sandbox.ca_file)
    assert mp_client.base_url == mp_sandbox.url


def test_own_sandbox_plain_http():
    with mp.sandbox.Sandbox(tls=False) as sb:
        assert sb.url.startswith("http://") and sb.ca_pem is None and sb.ca_file is None
        with sb.client() as c:
            assert list(c.identification_types.list())
        assert sb.request_count >= 1
    assert not sb.running


def test_oauth_url(mp_client):
    url = mp_client.oauth_authorization_url("123", "https://shop.example/cb", "st ate")
    assert url.startswith("https://") and "client_id=123" in url


def test_typing_stubs_match_the_tables():
    import importlib.util

    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        "gen_stubs", os.path.join(here, "..", "tools", "gen_stubs.py"))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    for name, generate in gen.STUBS.items():
        text = generate()  # from the table sources
        for folder in (gen.PACKAGE, os.path.dirname(mp.__file__)):  # source tree, installed
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                assert f.read() == text, f"{name}: run tools/gen_stubs.py"
    assert os.path.exists(os.path.join(os.path.dirname(mp.__file__), "_native.pyi"))


def test_methods_have_signatures_and_docs(mp_client):
    import inspect

    sig = inspect.signature(mp_client.refunds.get)
    assert list(sig.parameters)[:2] == ["payment_id", "id"]
    assert "idempotency_key" in sig.parameters
    assert "/v1/payments/{payment_id}/refunds/{id}" in inspect.getdoc(mp_client.refunds.get)
    assert "payments" in dir(mp_client)
