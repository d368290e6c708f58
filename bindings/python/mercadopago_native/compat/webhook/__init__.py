"""``mercadopago.webhook``."""
from .validator import (InvalidWebhookSignatureError, SignatureFailureReason,
                        WebhookSignatureValidator)

__all__ = ["InvalidWebhookSignatureError", "SignatureFailureReason", "WebhookSignatureValidator"]
