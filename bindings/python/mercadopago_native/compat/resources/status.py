"""``mercadopago.resources.status``: the statuses of the resources."""

__all__ = ["PaymentStatus", "OrderStatus", "PreapprovalStatus", "MerchantOrderStatus",
           "RefundStatus"]


class PaymentStatus:
    PENDING = "pending"
    APPROVED = "approved"
    AUTHORIZED = "authorized"
    IN_PROCESS = "in_process"
    IN_MEDIATION = "in_mediation"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    CHARGED_BACK = "charged_back"


class OrderStatus:
    CREATED = "created"
    PROCESSED = "processed"
    ACTION_REQUIRED = "action_required"
    PROCESSING = "processing"
    CANCELED = "canceled"


class PreapprovalStatus:
    PENDING = "pending"
    AUTHORIZED = "authorized"
    PAUSED = "paused"
    CANCELLED = "cancelled"


class MerchantOrderStatus:
    OPENED = "opened"
    CLOSED = "closed"
    EXPIRED = "expired"


class RefundStatus:
    APPROVED = "approved"
    IN_PROCESS = "in_process"
    REJECTED = "rejected"
