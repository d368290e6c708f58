"""``mercadopago.config.request_options``: per-call options."""
from __future__ import annotations

import uuid
from typing import Any, Callable, Dict, Iterable, Optional

from .config import Config
from .defaults import DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_MAX_RETRIES, \
    DEFAULT_TIMEOUT_SECONDS

__all__ = ["RequestOptions"]


class RequestOptions:
    """Per-call options, as in ``mercadopago.config.RequestOptions``. Through
    libmercadopago: ``access_token``, ``connection_timeout`` (the call's
    timeout), ``custom_headers`` (``x-idempotency-key`` is the call's
    idempotency key), the partner ids, ``max_retries`` (0 to 10; the library
    retries with its own backoff and honours Retry-After); ``initial_delay``,
    ``max_delay``, ``jitter``, ``retry_on`` and ``on_retry`` are kept for code
    that sets them and reach a custom ``http_client`` only."""

    def __init__(self, access_token: Optional[str] = None,
                 connection_timeout: float = DEFAULT_TIMEOUT_SECONDS,
                 custom_headers: Optional[Dict[str, str]] = None,
                 corporation_id: Optional[str] = None, integrator_id: Optional[str] = None,
                 platform_id: Optional[str] = None, max_retries: int = DEFAULT_MAX_RETRIES,
                 initial_delay: Optional[float] = DEFAULT_INITIAL_DELAY,
                 max_delay: Optional[float] = DEFAULT_MAX_DELAY, jitter: Any = None,
                 retry_on: Optional[Iterable[int]] = None,
                 on_retry: Optional[Callable[..., Any]] = None) -> None:
        self.access_token = access_token
        self.connection_timeout = connection_timeout
        self.custom_headers = dict(custom_headers or {})
        self.corporation_id = corporation_id
        self.integrator_id = integrator_id
        self.platform_id = platform_id
        self.max_retries = max_retries
        self.initial_delay = initial_delay
        self.max_delay = max_delay
        self.jitter = jitter
        self.retry_on = list(retry_on) if retry_on is not None else None
        self.on_retry = on_retry

    def get_headers(self) -> Dict[str, str]:
        """The headers the official package sends (for a custom http_client):
        the token, a fresh idempotency key (a UUIDv4, which the API accepts),
        the partner ids and the custom headers."""
        config = Config()
        headers = {"Authorization": "Bearer " + (self.access_token or ""),
                   "x-product-id": config.product_id, "x-tracking-id": config.tracking_id,
                   "x-idempotency-key": str(uuid.uuid4()), "User-Agent": config.user_agent,
                   "Accept": config.mime_json}
        for name, value in (("x-corporation-id", self.corporation_id),
                            ("x-integrator-id", self.integrator_id),
                            ("x-platform-id", self.platform_id)):
            if value:
                headers[name] = value
        headers.update(self.custom_headers)
        return headers
