"""Issue 15: logging follows the logger's level at call time, stays off
stderr when the application configured nothing, and DEBUG bodies carry no
personal data."""
import logging
import os
import subprocess
import sys
import textwrap

import pytest

from mercadopago_native._redact import redact_body, redact_line


def _records(caplog):
    return [r for r in caplog.records if r.name == "mercadopago_native"]


@pytest.fixture
def logger(caplog):
    """The package logger, its level restored after the test; caplog takes
    every record (its own level would filter what the test asserts on)."""
    log = logging.getLogger("mercadopago_native")
    saved = log.level
    caplog.handler.setLevel(logging.DEBUG)
    yield log
    log.setLevel(saved)


def test_level_set_after_the_client_is_created(mp_sandbox, caplog, logger):
    logger.setLevel(logging.WARNING)
    with mp_sandbox.client() as c:
        c.users.get()
        assert not _records(caplog)
        logger.setLevel(logging.INFO)  # later: the next call logs
        c.users.get()
        infos = _records(caplog)
        assert infos and all(r.levelno == logging.INFO for r in infos)
        caplog.clear()
        logger.setLevel(logging.ERROR)  # and back off
        c.users.get()
        assert not _records(caplog)


@pytest.mark.asyncio
async def test_async_client_follows_the_level(mp_sandbox, caplog, logger):
    logger.setLevel(logging.ERROR)
    async with mp_sandbox.async_client() as c:
        await c.users.get()
        assert not _records(caplog)
        logger.setLevel(logging.DEBUG)
        await c.users.get()
        assert any(r.levelno == logging.DEBUG for r in _records(caplog))


def test_explicit_log_level_stays(mp_sandbox, caplog):
    caplog.set_level(logging.DEBUG, logger="mercadopago_native")
    with mp_sandbox.client(log_level="ERROR") as c:
        c.users.get()
    assert not _records(caplog)


def test_retry_warning_not_on_stderr_without_configuration(mp_sandbox):
    # A fresh interpreter that configures no logging: a retried 503 (a WARNING
    # of the library) must not reach stderr through Python's last resort.
    script = textwrap.dedent(f'''
        import mercadopago_native as mp
        with mp.sandbox.Sandbox() as sb:
            sb.arm_faults("GET", "/users/me", ["503"])
            with sb.client(retry_delays=[0.01, 0.01, 0.1]) as c:
                r = c.users.get()
                assert r.attempts == 2, r.attempts
            import logging
            assert logging.getLogger("mercadopago_native").getEffectiveLevel() == logging.WARNING
        print("done")
    ''')
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.abspath(__file__)), timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "done"
    assert out.stderr == "", out.stderr


def test_debug_bodies_have_no_personal_data(mp_sandbox, caplog, helpers):
    caplog.set_level(logging.DEBUG, logger="mercadopago_native")
    with mp_sandbox.client() as c:
        customer = c.customers.create({
            "email": "maria.personal15@example.com", "first_name": "Mariaunique",
            "last_name": "Sobrenomeunique", "phone": {"area_code": "11", "number": "987654321"},
            "address": {"zip_code": "01310-100", "street_name": "Avenida Unica",
                        "street_number": 1578},
            "description": "kept in logs"})
        token = helpers.card_token(c, name="Titularunique")
        c.payments.create({"transaction_amount": 10, "token": token, "installments": 1,
                           "payment_method_id": "visa",
                           "payer": {"email": "pagador.unique15@example.com",
                                     "first_name": "Pagadorunique"}})
        c.customers.get(customer["id"])
    text = "\n".join(r.getMessage() for r in _records(caplog))
    assert "request body:" in text and "response body:" in text
    for personal in ("maria.personal15@example.com", "Mariaunique", "Sobrenomeunique",
                     "987654321", "01310-100", "Avenida Unica", "Titularunique",
                     "pagador.unique15@example.com", "Pagadorunique"):
        assert personal not in text, personal
    assert "kept in logs" in text  # what is not personal stays


def test_redact_body_cut_text():
    cut = '{"payer":{"email":"a@b.c","first_name":"Ana"},"items":[{"title":"Mug","name":"x"' \
          '}],"address":{"zip_code":"1","city":{"name":"X"}},"last_name":"Sil'
    out = redact_body(cut)
    for personal in ("a@b.c", "Ana", "zip_code\":\"1", "Sil"):
        assert personal not in out
    assert "Mug" in out
    assert redact_line("-> GET /v1/payments") == "-> GET /v1/payments"
    line = redact_line('   response body: {"email":"a@b.c","id":1} (9000 bytes in all)')
    assert "a@b.c" not in line and line.endswith("(9000 bytes in all)")
