"""``mercadopago.pagination.iterator``: every item of a search, page by page,
over a resource's ``search(filters, request_options)``."""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, Optional

from .page import Paging

__all__ = ["search_auto_paging_iter"]


def search_auto_paging_iter(search_fn: Callable[..., Any], filters: Optional[Dict[str, Any]] = None,
                            request_options: Any = None, limit: int = 100) -> Iterator[Any]:
    """Yields the items of successive pages (``limit`` a page, from the
    filters' ``offset``); stops on an empty page or at paging.total. An API
    error raises (``raise_for_status``) rather than ending the walk early."""
    filters = dict(filters or {})
    filters.setdefault("limit", limit)
    offset = int(filters.get("offset", 0))
    while True:
        filters["offset"] = offset
        result = search_fn(filters, request_options)
        if hasattr(result, "raise_for_status"):
            result.raise_for_status()
        body = result.get("response") or {}
        items = body.get("results") or body.get("data") or body.get("elements") or []
        if not items:
            return
        yield from items
        offset += len(items)
        paging = Paging.from_dict(body.get("paging"))
        if paging.total and offset >= paging.total:
            return
