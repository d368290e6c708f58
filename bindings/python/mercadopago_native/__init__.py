"""mercadopago_native: the Mercado Pago API client over libmercadopago.

    import mercadopago_native as mp
    with mp.Client(token) as client:
        payment = client.payments.get(123)

See ``Client`` for the surface (built from the library's operations table),
``mercadopago_native.errors`` for the exceptions, ``mercadopago_native.webhooks``
and ``mercadopago_native.sandbox``.
"""
from __future__ import annotations

from . import _native
from .errors import (APIError, AuthenticationError, BadRequestError, ConflictError,
                     InternalError, InvalidArgumentError, JSONError, MercadoPagoError,
                     NetworkError, NoMemoryError, NotFoundError, NotPresentError,
                     ProtocolError, RateLimitError, ServerError, SignatureError, TimeoutError, TLSError,
                     ValidationError)
from ._client import (OPERATIONS, Batch, Client, Headers, ListResult, Operation, PageIterator,
                      Result, logger)
from . import webhooks

__version__ = "0.1.0"
#: The version of the libmercadopago actually loaded.
library_version: str = _native.version()

__all__ = [
    "Client", "Result", "ListResult", "Headers", "Operation", "PageIterator", "Batch",
    "OPERATIONS", "webhooks", "sandbox", "library_version", "logger",
    "MercadoPagoError", "APIError", "BadRequestError", "ValidationError",
    "AuthenticationError", "NotFoundError", "ConflictError", "RateLimitError", "ServerError",
    "NetworkError", "TimeoutError", "TLSError", "SignatureError", "InvalidArgumentError",
    "JSONError", "NoMemoryError", "InternalError", "NotPresentError", "ProtocolError",
]


def __getattr__(name: str):
    # The sandbox (and the ssl/urllib it needs) and the compat layer load on
    # first use: a production import pays for neither.
    if name in ("sandbox", "compat"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
