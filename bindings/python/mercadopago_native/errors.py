"""Exceptions of mercadopago_native, built at import from libmercadopago's
error-class table (mp_error_class_*): names, parents, statuses and docs come
from the library; only their Python spelling is written here (``_idiom``).

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
from typing import Any, Dict, List, Optional, Tuple, Type

from . import _native
from ._idiom import MIXINS, error_class_name



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


def _build_classes() -> Dict[str, Type[MercadoPagoError]]:
    """One class per row of the library's error-class table (parents first),
    named and mixed in with Python's builtins as _idiom says."""
    by_table: Dict[str, Type[MercadoPagoError]] = {}
    for name, parent, code, status, doc in _native.error_classes():
        bases: Tuple[type, ...] = (by_table[parent] if parent else MercadoPagoError,)
        if name in MIXINS:
            bases += (getattr(builtins, MIXINS[name]),)
        cls_name = error_class_name(name)
        attrs: Dict[str, Any] = {"__doc__": doc, "__module__": __name__,
                                 "__qualname__": cls_name}
        if code:
            attrs.update(status=status, status_code=code)
        cls = type(cls_name, bases, attrs)
        by_table[name] = cls
        if code:
            _BY_NAME[status] = cls
            STATUS_CLASSES[code] = cls
    return {cls.__name__: cls for cls in by_table.values()}


#: status name ("not_found") -> exception class.
_BY_NAME: Dict[str, Type[MercadoPagoError]] = {}
#: code -> exception class, for every status of the loaded library's table.
STATUS_CLASSES: Dict[int, Type[MercadoPagoError]] = {}
_CLASSES = _build_classes()
globals().update(_CLASSES)



class BadRequestError(_CLASSES["ValidationError"]):  # type: ignore[misc]
    """HTTP 400 exactly (a ValidationError): Python's own finer class."""


__all__ = ["MercadoPagoError", *_CLASSES, "BadRequestError", "error_class_for_status"]


def error_class_for_status(status: str, http_status: int = 0) -> Type[MercadoPagoError]:
    cls = _BY_NAME.get(status, MercadoPagoError)
    if http_status == 400 and cls is BadRequestError.__base__:
        return BadRequestError
    return cls


def _parse_json(data: bytes) -> Any:
    if not data:
        return None
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return data.decode("utf-8", "replace")


def _from_native(error: Any) -> MercadoPagoError:
    """The factory the extension calls for every mercadopago::Error."""
    from ._client import Headers  # late: avoid an import cycle

    http_status = error.http_status
    cls = error_class_for_status(error.status_name, http_status)
    causes = _parse_json(error.causes or b"[]")
    if not isinstance(causes, list):
        causes = [causes] if causes else []
    body = headers = None
    if error.body is not None:
        body = _parse_json(error.body)
        headers = Headers(error)  # the error keeps the answer: every header can be read
    return cls(error.message, status=error.status_name, status_code=error.status,
               http_status=http_status, error=error.api_error, causes=causes,
               request_id=error.request_id, idempotency_key=error.idempotency_key,
               attempts=error.attempts, retryable=error.retryable, body=body,
               headers=headers)


_native._set_error_factory(_from_native)
