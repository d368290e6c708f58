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

try:
    from . import _native
except ImportError as _error:
    import glob as _glob
    import os as _os

    _here = _os.path.dirname(_os.path.abspath(__file__))
    if _glob.glob(_os.path.join(_here, "_native*.so")) or \
            _glob.glob(_os.path.join(_here, "_native*.pyd")):
        raise  # the extension is there: a real load failure (a missing library...)
    # The source tree (bindings/python, or a sys.path entry pointing at it)
    # shadows the installed package: it has no compiled extension.
    raise ImportError(
        f"mercadopago_native was imported from its source tree ({_here}), which has no "
        "compiled extension (_native): the current directory or sys.path shadows the "
        "installed package. Run Python from another directory (or drop that sys.path "
        "entry), after `pip install ./bindings/python`.",
        name=__name__, path=_here) from None

from . import errors, shapes, webhooks
from .errors import *  # noqa: F401,F403 (the classes of the library's error table)
from ._client import (OPERATIONS, OPTIONS, AsyncClient, AsyncPageIterator, Batch, Client,
                      Headers, ListResult, Operation, Option, PageIterator, Result, logger)

#: The version of the libmercadopago actually loaded (the package's own: the
#: wheel ships the library it was built with).
library_version: str = _native.version()
__version__ = library_version

__all__ = [
    "Client", "AsyncClient", "AsyncPageIterator", "Result", "ListResult", "Headers", "Operation", "Option", "PageIterator", "Batch",
    "OPERATIONS", "OPTIONS", "webhooks", "sandbox", "shapes", "library_version", "logger",
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
