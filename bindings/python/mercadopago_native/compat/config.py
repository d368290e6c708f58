"""``mercadopago.config`` of the official package: per-call options."""
from __future__ import annotations

from typing import Dict, Optional

__all__ = ["RequestOptions"]


class RequestOptions:
    """Per-call options, as in ``mercadopago.config.RequestOptions``."""

    def __init__(self, access_token: Optional[str] = None, connection_timeout: float = 60.0,
                 custom_headers: Optional[Dict[str, str]] = None,
                 corporation_id: Optional[str] = None, integrator_id: Optional[str] = None,
                 platform_id: Optional[str] = None, max_retries: int = 3) -> None:
        self.access_token = access_token
        self.connection_timeout = connection_timeout
        self.custom_headers = dict(custom_headers or {})
        self.corporation_id = corporation_id
        self.integrator_id = integrator_id
        self.platform_id = platform_id
        self.max_retries = max_retries
