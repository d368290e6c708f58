"""The embedded Mercado Pago emulator (libmercadopago-sandbox), for tests."""
from __future__ import annotations

import os
import tempfile
from typing import Any, Dict, List, Optional

from . import _sandbox

__all__ = ["Sandbox", "TEST_TOKEN", "TEST_CARDS"]

#: A token the sandbox accepts (any "TEST-..." / "APP_USR-..." shaped token is).
TEST_TOKEN = "TEST-sandbox-token-1234567"
TEST_CARDS = {"visa": "4509953566233704", "master": "5031755734530604",
              "amex": "371180303257522"}


class Sandbox:
    """A sandbox server in this process: ``with Sandbox() as sb: sb.url``.

    ``tls=True`` serves HTTPS with a CA generated at start: ``ca_pem`` is its
    PEM, ``ca_file`` a temporary file holding it (removed on ``stop()``).
    """

    def __init__(self, tls: bool = True, *, host: Optional[str] = None, port: int = 0,
                 webhook_secret: Optional[str] = None) -> None:
        self.tls = bool(tls)
        self._native = _sandbox.Sandbox(self.tls, host, int(port), webhook_secret)
        self.url: str = self._native.url
        self.port: int = self._native.port
        self.ca_pem: Optional[str] = self._native.ca_pem
        self.ca_file: Optional[str] = None
        if self.ca_pem is not None:
            fd, path = tempfile.mkstemp(prefix="mp-sandbox-ca-", suffix=".pem")
            os.close(fd)
            self._native.write_ca(path)
            self.ca_file = path

    @property
    def request_count(self) -> int:
        """Requests served so far (all routes)."""
        return self._native.request_count

    @property
    def running(self) -> bool:
        return self._native.running

    def client(self, access_token: str = TEST_TOKEN, **kwargs: Any):
        """A Client for this sandbox (trusting its CA)."""
        from ._client import Client

        kwargs.setdefault("base_url", self.url)
        if self.ca_pem is not None:
            kwargs.setdefault("ca_pem", self.ca_pem)
        return Client(access_token, **kwargs)

    def async_client(self, access_token: str = TEST_TOKEN, **kwargs: Any):
        """An AsyncClient for this sandbox (trusting its CA)."""
        from ._client import AsyncClient

        kwargs.setdefault("base_url", self.url)
        if self.ca_pem is not None:
            kwargs.setdefault("ca_pem", self.ca_pem)
        return AsyncClient(access_token, **kwargs)

    def health(self) -> Dict[str, Any]:
        """GET /__sandbox/health: requests, connections ("connections" counts
        this request's own connection too), TLS handshakes."""
        import json
        import ssl
        import urllib.request

        context = ssl.create_default_context(cadata=self.ca_pem) if self.ca_pem else None
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),  # no proxy
                                             urllib.request.HTTPSHandler(context=context))
        with opener.open(self.url + "/__sandbox/health", timeout=10) as answer:
            return json.loads(answer.read())

    # -- fault injection and reset (mp_sandbox_fault_*, no HTTP) -----------
    def arm_faults(self, method: str, path: str, faults: List[str]) -> None:
        """Makes the next requests to (method, path prefix) meet these faults, in
        order: "ok", "stall", "reset_before", "reset_after", "truncate",
        "delay:<ms>", "429:<retry-after s>", or an HTTP status "400".."599"
        (read by the sandbox's own parser)."""
        self._native.arm_faults(method, path, [str(f) for f in faults])

    def clear_faults(self) -> None:
        self._native.clear_faults()

    def reset(self) -> None:
        """Forgets every resource, idempotency key and armed fault."""
        self._native.reset()

    def stop(self) -> None:
        self._native.stop()
        if self.ca_file and os.path.exists(self.ca_file):
            os.unlink(self.ca_file)
        self.ca_file = None

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<Sandbox {self.url} {'running' if self.running else 'stopped'}>"

