"""``mercadopago.errors.constants``: the API's ``error`` strings."""

__all__ = ["MPOrderErrors", "MPPaymentErrors"]


class MPOrderErrors:
    """``error`` of an Orders API conflict (HTTP 409)."""
    CANNOT_REFUND = "cannot_refund_order"
    CANNOT_CANCEL = "cannot_cancel_order"
    CANNOT_CAPTURE = "cannot_capture_order"
    ALREADY_REFUNDED = "order_already_refunded"
    ALREADY_CANCELED = "order_already_canceled"
    RESOURCE_LOCKED = "resource_locked"


class MPPaymentErrors:
    """``error`` of a payment error (HTTP 402)."""
    FAILED = "failed"
