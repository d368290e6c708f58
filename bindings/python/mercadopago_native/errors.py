"""Exceptions of mercadopago_native, generated from libmercadopago's status table.

Every exception carries what the library knows about the failure:
``status`` (the library's category name, e.g. ``"not_found"``), ``status_code``
(the negative ``mp_status``), ``http_status`` (0 when no HTTP answer came),
``message``, ``error`` (the API's error code), ``causes`` (the API's ``cause``
array, parsed), ``request_id``, ``idempotency_key``, ``attempts``,
``retryable`` and, for API errors, ``body`` (the parsed answer) and
``headers``. Neither ``str()`` nor ``repr()`` ever contains the access token.
"""
from __future__ import annotations

import builtins
import json
from typing import Any, Dict, List, Optional, Type

from . import _native

__all__ = [
    "MercadoPagoError",
    "APIError",
    "BadRequestError",
    "ValidationError",
    "AuthenticationError",
    "NotFoundError",
    "ConflictError",
    "RateLimitError",
    "ServerError",
    "NetworkError",
    "TimeoutError",
    "TLSError",
    "SignatureError",
    "InvalidArgumentError",
    "JSONError",
    "NoMemoryError",
    "InternalError",
    "NotPresentError",
    "ProtocolError",
    "error_class_for_status",
]


class MercadoPagoError(Exception):
    """Base class of every error raised by mercadopago_native."""

    status: str = "unknown"
    status_code: int = 0

    def __init__(self, message: str = "", *, status: Optional[str] = None,
                 status_code: Optional[int] = None, http_status: int = 0, error: str = "",
                 causes: Optional[List[Any]] = None, request_id: str = "",
                 idempotency_key: str = "", attempts: int = 0, retryable: bool = False,
                 body: Any = None, headers: Any = None, reason: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if status_code is not None:
            self.status_code = status_code
        self.http_status = http_status
        self.error = error
        self.causes: List[Any] = list(causes or [])
        self.request_id = request_id
        self.idempotency_key = idempotency_key
        self.attempts = attempts
        self.retryable = retryable
        self.body = body
        self.headers = headers
        self.reason = reason

    # Alias matching the C ABI's name.
    @property
    def api_error(self) -> str:
        return self.error

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        parts = [repr(self.message)]
        if self.http_status:
            parts.append(f"http_status={self.http_status}")
        if self.request_id:
            parts.append(f"request_id={self.request_id!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __reduce__(self):  # picklable without the native response
        state = self.__dict__.copy()
        state["headers"] = None  # lookups need the native response
        return (_rebuild, (type(self), self.message, state))


def _rebuild(cls, message, state):
    exc = cls(message)
    exc.__dict__.update(state)
    return exc


class APIError(MercadoPagoError):
    """The API answered with an HTTP error (>= 400)."""


class ValidationError(APIError):
    """HTTP 400, 422 and other 4xx: the API refused the input."""


class BadRequestError(ValidationError):
    """HTTP 400 exactly (a ValidationError)."""


class AuthenticationError(APIError):
    """HTTP 401 or 403."""


class NotFoundError(APIError):
    """HTTP 404."""


class ConflictError(APIError):
    """HTTP 409 or 423: idempotency key reuse or a state conflict."""


class RateLimitError(APIError):
    """HTTP 429."""


class ServerError(APIError):
    """HTTP 5xx."""


class NetworkError(MercadoPagoError, ConnectionError):
    """Could not connect, or the connection broke (also a builtin ConnectionError)."""


class TimeoutError(NetworkError, builtins.TimeoutError):  # noqa: A001
    """The call ran out of time: a NetworkError, and a builtin TimeoutError, so
    that ``except TimeoutError`` catches it whichever of the two is in scope."""


class TLSError(NetworkError):
    """Certificate or TLS handshake failure (a NetworkError)."""


class SignatureError(MercadoPagoError):
    """A webhook signature did not verify; ``reason`` says why."""


class InvalidArgumentError(MercadoPagoError, ValueError):
    """Bad input; no request was sent."""


class JSONError(MercadoPagoError, ValueError):
    """A body is not valid JSON; no request was sent."""


class NoMemoryError(MercadoPagoError, MemoryError):
    """The library ran out of memory."""


class InternalError(MercadoPagoError):
    """A bug in libmercadopago: please report it."""


class NotPresentError(MercadoPagoError, LookupError):
    """A JSON read found nothing there."""


class ProtocolError(MercadoPagoError):
    """The server's answer is not one the API gives: a redirect (3xx), a status outside
    200-599, a body or headers over the limits, a malformed answer; not retried."""


_BY_NAME: Dict[str, Type[MercadoPagoError]] = {
    "invalid_argument": InvalidArgumentError,
    "json": JSONError,
    "network": NetworkError,
    "timeout": TimeoutError,
    "tls": TLSError,
    "auth": AuthenticationError,
    "not_found": NotFoundError,
    "validation": ValidationError,
    "conflict": ConflictError,
    "rate_limited": RateLimitError,
    "server": ServerError,
    "signature": SignatureError,
    "no_memory": NoMemoryError,
    "internal": InternalError,
    "not_present": NotPresentError,
    "protocol": ProtocolError,
}

#: code -> exception class, for every status of the loaded library. A status
#: this module does not know yet gets a generated subclass of MercadoPagoError.
STATUS_CLASSES: Dict[int, Type[MercadoPagoError]] = {}
for _code, _name in _native.status_table():
    if _code == 0 or _name in ("iter_over", "unknown"):
        continue
    _cls = _BY_NAME.get(_name)
    if _cls is None:
        _cls = type("".join(p.title() for p in _name.split("_")) + "Error",
                    (MercadoPagoError,), {"__module__": __name__})
        _BY_NAME[_name] = _cls
    else:
        _cls.status = _name
        _cls.status_code = _code
    STATUS_CLASSES[_code] = _cls
BadRequestError.status = ValidationError.status
BadRequestError.status_code = ValidationError.status_code


def error_class_for_status(status: str, http_status: int = 0) -> Type[MercadoPagoError]:
    cls = _BY_NAME.get(status, MercadoPagoError)
    if cls is ValidationError and http_status == 400:
        return BadRequestError
    return cls


def _parse_json(data: bytes) -> Any:
    if not data:
        return None
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return data.decode("utf-8", "replace")


def _from_native(info: Dict[str, Any], response: Any) -> MercadoPagoError:
    """The factory the extension calls to build every exception."""
    from ._client import Headers  # late: avoid an import cycle

    http_status = int(info.get("http_status") or 0)
    cls = error_class_for_status(info["status"], http_status)
    causes = _parse_json(info.get("causes") or b"[]")
    if not isinstance(causes, list):
        causes = [causes] if causes else []
    body = headers = None
    if response is not None:
        body = _parse_json(response.body())
        headers = Headers(response)
    return cls(info["message"], status=info["status"], status_code=info["status_code"],
               http_status=http_status, error=info.get("api_error", ""), causes=causes,
               request_id=info.get("request_id", ""),
               idempotency_key=info.get("idempotency_key", ""),
               attempts=int(info.get("attempts") or 0), retryable=bool(info.get("retryable")),
               body=body, headers=headers)


_native._set_error_factory(_from_native)
