"""``mercadopago.http``."""
from .http_client import HttpClient

__all__ = ["HttpClient"]
