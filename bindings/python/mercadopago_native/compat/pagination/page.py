"""``mercadopago.pagination.page``: a search answer's paging."""
from __future__ import annotations

from typing import Any, Mapping, Optional

__all__ = ["Paging"]


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class Paging:
    """total, limit, offset of a search page (the Orders API sends strings)."""

    def __init__(self, total: int = 0, limit: int = 0, offset: int = 0) -> None:
        self.total, self.limit, self.offset = total, limit, offset

    @classmethod
    def from_dict(cls, d: Optional[Mapping[str, Any]]) -> "Paging":
        if not d:
            return cls()
        return cls(_int(d.get("total")), _int(d.get("limit")), _int(d.get("offset")))
