"""``mercadopago.config`` of the official package: per-call options and the
SDK's constants."""
from .config import Config
from .request_options import RequestOptions

__all__ = ["RequestOptions", "Config"]
