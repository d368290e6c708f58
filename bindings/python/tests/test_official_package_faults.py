"""Issue 15: what the official ``mercadopago`` package 3.6.0 does on a 503,
on a 429 with Retry-After and on a refused connection, measured by running
it (installed from PyPI by run_tests.sh) against the sandbox through its own
http_client seam; the README's comparison quotes these results."""
import socket
import time

import pytest

import mercadopago  # the official package: run_tests.sh installs mercadopago==3.6.0
from mercadopago.http.http_client import HttpClient

from mercadopago_native.sandbox import TEST_TOKEN

LIVE = "https://api.mercadopago.com"


class Seam(HttpClient):
    def __init__(self, base_url, ca_file):
        self.base_url, self.ca_file = base_url.rstrip("/"), ca_file

    def request(self, method, url, maxretries=None, retry_on=None, backoff_factor=None,
                **kwargs):
        kwargs["verify"] = self.ca_file
        return super().request(method, self.base_url + url[len(LIVE):], maxretries=maxretries,
                               retry_on=retry_on, backoff_factor=backoff_factor, **kwargs)


def test_it_is_the_version_the_readme_compares():
    from mercadopago.config.config import Config
    assert Config().version == "3.6.0"


def test_official_retries_503_on_get(mp_sandbox):
    sdk = mercadopago.SDK(TEST_TOKEN, http_client=Seam(mp_sandbox.url, mp_sandbox.ca_file))
    mp_sandbox.arm_faults("GET", "/users/me", ["503", "503", "ok"])
    before = mp_sandbox.request_count
    res = sdk.user().get()
    assert res["status"] == 200
    assert mp_sandbox.request_count - before == 3  # two retries
    assert res.request_id is None  # the sandbox sends X-Request-Id; the package drops it


def test_official_honours_retry_after_on_429(mp_sandbox):
    sdk = mercadopago.SDK(TEST_TOKEN, http_client=Seam(mp_sandbox.url, mp_sandbox.ca_file))
    mp_sandbox.arm_faults("GET", "/users/me", ["429:2", "ok"])
    start = time.monotonic()
    res = sdk.user().get()
    took = time.monotonic() - start
    assert res["status"] == 200
    assert took >= 1.9, took  # it waited the Retry-After (2 s) before the retry


def test_official_does_not_retry_a_post(mp_sandbox):
    sdk = mercadopago.SDK(TEST_TOKEN, http_client=Seam(mp_sandbox.url, mp_sandbox.ca_file))
    mp_sandbox.arm_faults("POST", "/v1/customers", ["503", "ok"])
    res = sdk.customer().create({"email": "official-post-15@testuser.com"})
    assert res["status"] == 503  # returned, not retried


def test_official_refused_connection_raises_requests_connection_error():
    import requests

    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sdk = mercadopago.SDK(TEST_TOKEN, http_client=Seam(f"https://127.0.0.1:{port}", True))
    with pytest.raises(requests.exceptions.ConnectionError) as ei:
        sdk.user().get()
    # requests' ConnectionError, an OSError but not the builtin ConnectionError,
    # and not the package's own MPConnectionError (defined, never raised here).
    assert isinstance(ei.value, OSError)
    assert not isinstance(ei.value, ConnectionError)
    assert not isinstance(ei.value, mercadopago.MPConnectionError)
