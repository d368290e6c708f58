"""``mercadopago.errors.exceptions``: the official package's typed errors,
one class per HTTP status, raised by ``MPResponse.raise_for_status()`` (the
official SDK returns API errors; it raises only when asked)."""
from __future__ import annotations

from typing import Any, Dict, Optional, Type

__all__ = ["MercadoPagoError", "MPBadRequestError", "MPAuthenticationError", "MPPaymentError",
           "MPForbiddenError", "MPNotFoundError", "MPIdempotencyError", "MPValidationError",
           "MPResourceLockedError", "MPDependencyError", "MPRateLimitError", "MPServerError",
           "MPConnectionError", "build_error"]


class MercadoPagoError(Exception):
    """An API error answer: ``status_code``, ``response`` (the body), ``message``,
    ``error``, ``causes``, ``request_id``."""

    def __init__(self, status_code: int, response_body: Any) -> None:
        self.status_code = status_code
        self.response = response_body if isinstance(response_body, dict) else {}
        self.message = self.response.get("message", "")
        self.error = self.response.get("error", "")
        self.causes = self.response.get("cause", [])
        self.request_id: Optional[str] = None
        super().__init__(f"[{status_code}] {self.message or self.error}")


class MPBadRequestError(MercadoPagoError):
    """HTTP 400."""


class MPAuthenticationError(MercadoPagoError):
    """HTTP 401."""


class MPPaymentError(MercadoPagoError):
    """HTTP 402."""


class MPForbiddenError(MercadoPagoError):
    """HTTP 403."""


class MPNotFoundError(MercadoPagoError):
    """HTTP 404."""


class MPIdempotencyError(MercadoPagoError):
    """HTTP 409."""


class MPValidationError(MercadoPagoError):
    """HTTP 422."""


class MPResourceLockedError(MercadoPagoError):
    """HTTP 423."""


class MPDependencyError(MercadoPagoError):
    """HTTP 424."""


class MPRateLimitError(MercadoPagoError):
    """HTTP 429; ``retry_after``: the Retry-After seconds, or None."""

    def __init__(self, status_code: int, response_body: Any,
                 retry_after: Optional[float] = None) -> None:
        super().__init__(status_code, response_body)
        self.retry_after = retry_after


class MPServerError(MercadoPagoError):
    """HTTP 5xx."""


class MPConnectionError(MercadoPagoError):
    """No HTTP answer (status_code 0); the cause is chained."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(0, {"message": str(cause), "error": "connection_error"})
        self.__cause__ = cause


_STATUS: Dict[int, Type[MercadoPagoError]] = {
    400: MPBadRequestError, 401: MPAuthenticationError, 402: MPPaymentError,
    403: MPForbiddenError, 404: MPNotFoundError, 409: MPIdempotencyError,
    422: MPValidationError, 423: MPResourceLockedError, 424: MPDependencyError,
    429: MPRateLimitError,
}


def build_error(status_code: int, response_body: Any,
                retry_after: Optional[float] = None) -> MercadoPagoError:
    """The most specific class for an HTTP status."""
    cls = _STATUS.get(status_code)
    if cls is MPRateLimitError:
        return MPRateLimitError(status_code, response_body, retry_after)
    if cls is not None:
        return cls(status_code, response_body)
    if status_code >= 500:
        return MPServerError(status_code, response_body)
    return MercadoPagoError(status_code, response_body)
