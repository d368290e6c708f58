"""``mercadopago.config.config``: the SDK's constants (the official package's
version it follows, its user agent and base URL)."""
import platform

__all__ = ["Config"]


class Config:
    version = "3.6.0"
    user_agent = "MercadoPago Python SDK v3.6.0 (mercadopago_native.compat)"
    product_id = "bc32bpftrpp001u8nhlg"
    tracking_id = "platform:" + platform.python_version() + ",type:SDK3.6.0,so;"
    api_base_url = "https://api.mercadopago.com"
    mime_json = "application/json"
    mime_form = "application/x-www-form-urlencoded"
