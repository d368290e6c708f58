"""mercadopago_native: the Mercado Pago API client over libmercadopago.

    import mercadopago_native as mp
    with mp.Client(token) as client:
        payment = client.payments.get(123)

    async with mp.AsyncClient(token) as client:      # asyncio
        payment = await client.payments.get(123)

See ``Client`` (and ``AsyncClient``) for the surface (built from the library's operations table),
``mercadopago_native.errors`` for the exceptions, ``mercadopago_native.webhooks``
and ``mercadopago_native.sandbox``.
"""
from __future__ import annotations

from . import _native, errors, webhooks
from .errors import *  # noqa: F401,F403 (the classes of the library's error table)
from ._client import (OPERATIONS, OPTIONS, AsyncClient, AsyncPageIterator, Batch, Client,
                      Headers, ListResult, Operation, Option, PageIterator, Result, logger)

#: The version of the libmercadopago actually loaded (the package's own: the
#: wheel ships the library it was built with).
library_version: str = _native.version()
__version__ = library_version

__all__ = [
    "Client", "AsyncClient", "AsyncPageIterator", "Result", "ListResult", "Headers", "Operation", "Option", "PageIterator", "Batch",
    "OPERATIONS", "OPTIONS", "webhooks", "sandbox", "library_version", "logger",
    *errors.__all__,
]
__all__.remove("error_class_for_status")


def __getattr__(name: str):
    # The sandbox (and the ssl/urllib it needs) and the compat layer load on
    # first use: a production import pays for neither.
    if name in ("sandbox", "compat"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
