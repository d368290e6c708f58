"""Verification of Mercado Pago webhook notifications (``x-signature``).

The manifest ``id:<data.id>;request-id:<x-request-id>;ts:<ts>;`` is checked
with HMAC-SHA256 under each secret (several during a rotation), in constant
time, by libmercadopago.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional, Union

from . import _native
from .errors import SignatureError

__all__ = ["verify", "check", "is_valid", "verify_request", "RESULTS"]

def _results() -> tuple:
    names = []
    while _native.webhook_result_name(len(names)) != "unknown":
        names.append(_native.webhook_result_name(len(names)))
    return tuple(names)


#: Every verification outcome of the library, "ok" first.
RESULTS = _results()

Secrets = Union[str, bytes, Iterable[Union[str, bytes]]]


def _secrets(secrets: Secrets) -> list:
    if isinstance(secrets, (str, bytes)):
        secrets = [secrets]
    out = [s.decode("utf-8") if isinstance(s, bytes) else str(s) for s in secrets]
    if not out:
        raise ValueError("at least one secret is needed")
    return out


def _tolerance(tolerance: Optional[float]) -> int:
    if tolerance is None:
        return 0  # the library's default window, 300 s
    if tolerance is False or tolerance < 0:
        return -1  # no window
    return max(1, int(tolerance))


def check(x_signature: Optional[str], x_request_id: Optional[str], data_id: Optional[Any],
          secrets: Secrets, *, tolerance: Optional[float] = None,
          now: Optional[int] = None) -> str:
    """The verification outcome as a name: "ok", "mismatch", "out_of_tolerance"..."""
    verifier = _native.WebhookVerifier()
    for secret in _secrets(secrets):
        verifier.add_secret(secret)
    result = verifier.verify(x_signature, x_request_id, None if data_id is None else str(data_id),
                             _tolerance(tolerance), int(now or 0))
    return RESULTS[result]


def verify(x_signature: Optional[str], x_request_id: Optional[str], data_id: Optional[Any],
           secrets: Secrets, *, tolerance: Optional[float] = None,
           now: Optional[int] = None) -> None:
    """Raises SignatureError (with ``.reason``) unless the notification verifies.

    data_id is the ``data.id`` query parameter exactly as received; tolerance is
    the accepted age in seconds (None: 300 s; negative: no limit); now is Unix
    seconds (None: the current time).
    """
    reason = check(x_signature, x_request_id, data_id, secrets, tolerance=tolerance, now=now)
    if reason != "ok":
        raise SignatureError(f"webhook signature does not verify: {reason}",
                             status="signature", reason=reason)


def is_valid(*args: Any, **kwargs: Any) -> bool:
    """True when ``verify`` would not raise."""
    return check(*args, **kwargs) == "ok"


def verify_request(headers: Mapping[str, str], query: Mapping[str, Any], secrets: Secrets,
                   **kwargs: Any) -> None:
    """``verify`` from a request's headers (any case) and query parameters."""
    lower = {k.lower(): v for k, v in headers.items()}
    data_id = query.get("data.id")
    if isinstance(data_id, (list, tuple)):
        data_id = data_id[0] if data_id else None
    verify(lower.get("x-signature"), lower.get("x-request-id"), data_id, secrets, **kwargs)
