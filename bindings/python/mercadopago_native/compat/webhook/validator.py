"""``mercadopago.webhook.validator``: the official package's webhook
signature check, with its rules (an absent data id or request id is left
out of the manifest; ``ts`` in seconds; ``tolerance_seconds`` optional)."""
from __future__ import annotations

import hashlib
import hmac
import re
import time
from enum import Enum
from typing import Any, Callable, Dict, Iterable, Optional, Tuple

__all__ = ["InvalidWebhookSignatureError", "SignatureFailureReason", "WebhookSignatureValidator"]


class SignatureFailureReason(Enum):
    MISSING_SIGNATURE_HEADER = "MissingSignatureHeader"
    MALFORMED_SIGNATURE_HEADER = "MalformedSignatureHeader"
    MISSING_TIMESTAMP = "MissingTimestamp"
    MISSING_HASH = "MissingHash"
    SIGNATURE_MISMATCH = "SignatureMismatch"
    TIMESTAMP_OUT_OF_TOLERANCE = "TimestampOutOfTolerance"


class InvalidWebhookSignatureError(Exception):
    """``reason``, ``request_id``, ``timestamp`` (never the secret)."""

    def __init__(self, reason: SignatureFailureReason, request_id: Optional[str] = None,
                 timestamp: Optional[str] = None) -> None:
        super().__init__(f"Invalid webhook signature: {reason.value}")
        self.reason = reason
        self.request_id = request_id
        self.timestamp = timestamp


_VERSION = re.compile(r"^v\d+$")


def _normalize(value: Any) -> Optional[str]:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _parse(header: str) -> Tuple[Optional[str], Dict[str, str]]:
    ts, hashes = None, {}
    for part in header.split(","):
        key, sep, value = part.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not sep or not key or not value:
            continue
        if key == "ts":
            ts = value
        elif _VERSION.match(key):
            hashes[key] = value
    return ts, hashes


class WebhookSignatureValidator:
    """``WebhookSignatureValidator.validate(x_signature, x_request_id, data_id,
    secret)`` returns None or raises InvalidWebhookSignatureError."""

    @staticmethod
    def validate(x_signature: Any, x_request_id: Any, data_id: Any, secret: Optional[str], *,
                 tolerance_seconds: Optional[float] = None,
                 supported_versions: Optional[Iterable[str]] = None,
                 now: Optional[Callable[[], float]] = None) -> None:
        if secret is None:
            raise ValueError("secret must not be None")
        signature, request_id, data = (_normalize(x_signature), _normalize(x_request_id),
                                       _normalize(data_id))
        versions = tuple(supported_versions) if supported_versions else ("v1",)
        fail = InvalidWebhookSignatureError
        if signature is None:
            raise fail(SignatureFailureReason.MISSING_SIGNATURE_HEADER, request_id)
        ts, hashes = _parse(signature)
        if ts is None and not hashes:
            raise fail(SignatureFailureReason.MALFORMED_SIGNATURE_HEADER, request_id)
        if ts is None:
            raise fail(SignatureFailureReason.MISSING_TIMESTAMP, request_id)
        if not ts.isdigit():
            raise fail(SignatureFailureReason.MALFORMED_SIGNATURE_HEADER, request_id, ts)
        received = next((hashes[v] for v in versions if v in hashes), None)
        if received is None:
            raise fail(SignatureFailureReason.MISSING_HASH, request_id, ts)
        manifest = "".join(f"{k}:{v};" for k, v in
                           (("id", data), ("request-id", request_id), ("ts", ts)) if v)
        computed = hmac.new(secret.encode(), manifest.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(computed, received):
            raise fail(SignatureFailureReason.SIGNATURE_MISMATCH, request_id, ts)
        if tolerance_seconds is not None:
            clock = now() if now is not None else time.time() * 1000
            if abs(clock - int(ts) * 1000) > tolerance_seconds * 1000:
                raise fail(SignatureFailureReason.TIMESTAMP_OUT_OF_TOLERANCE, request_id, ts)
