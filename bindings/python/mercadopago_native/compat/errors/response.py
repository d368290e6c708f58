"""``mercadopago.errors.response``: MPResponse, the ``{"status", "response"}``
dict every call returns, with ``raise_for_status()``."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from .exceptions import build_error

__all__ = ["MPResponse"]


class MPResponse(dict):  # type: ignore[type-arg]
    """``result["status"]``, ``result["response"]`` as before; ``status_code``,
    ``is_success``, ``error_message``, ``error_causes``, ``request_id`` and
    ``raise_for_status()`` (a typed MercadoPagoError for a non-2xx)."""

    def __init__(self, raw: Dict[str, Any], request_id: Optional[str] = None,
                 retry_after: Optional[float] = None) -> None:
        super().__init__(raw)
        self._request_id = request_id
        self._retry_after = retry_after

    @property
    def status_code(self) -> int:
        return int(self.get("status", 0))

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    @property
    def error_message(self) -> str:
        body = self.get("response") or {}
        return body.get("message", "") if isinstance(body, dict) else ""

    @property
    def error_causes(self) -> List[Any]:
        body = self.get("response") or {}
        return body.get("cause", []) if isinstance(body, dict) else []

    @property
    def request_id(self) -> Optional[str]:
        return self._request_id

    def raise_for_status(self) -> None:
        if not self.is_success:
            err = build_error(self.status_code, self.get("response") or {}, self._retry_after)
            err.request_id = self._request_id
            raise err
