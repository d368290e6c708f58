"""``mercadopago.resources``: the resource classes (in compat/__init__.py,
built over the operations table) and the status constants."""
from .status import (MerchantOrderStatus, OrderStatus, PaymentStatus, PreapprovalStatus,
                     RefundStatus)

__all__ = ["PaymentStatus", "OrderStatus", "PreapprovalStatus", "MerchantOrderStatus",
           "RefundStatus"]
