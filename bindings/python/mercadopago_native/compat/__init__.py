"""A drop-in for the surface of the official ``mercadopago`` package.

    from mercadopago_native.compat import SDK, RequestOptions
    sdk = SDK("APP_USR-...")
    result = sdk.payment().create(payment_data, request_options)
    result["status"], result["response"]

As in the official SDK, an API error is returned (``{"status": 400,
"response": {...}}``, an ``MPResponse``: ``raise_for_status()`` raises the
typed ``mercadopago.errors`` class), not raised; network failures raise the
mercadopago_native exceptions. Searches return one page, as the official SDK
does (``search_auto_paging_iter`` walks them all). A ``x-idempotency-key``
custom header is used as the idempotency key. The official package's other
public modules have their equivalents here: ``errors``, ``pagination``,
``webhook``, ``http`` (a custom ``SDK(token, http_client=...)`` is used for
every call, as the official seam), ``config`` and ``resources`` (statuses).

Code written for the official package runs with only its import changed
(``import mercadopago_native.compat as mercadopago``; ``mercadopago.config.
RequestOptions`` and ``from mercadopago_native.compat.config import
RequestOptions`` work too). To run such code against the sandbox unchanged,
set ``MERCADOPAGO_BASE_URL`` (honoured only for a loopback address, so the
environment cannot send a token elsewhere) and ``MERCADOPAGO_CA_FILE``.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, Optional, Tuple

import dataclasses
import ipaddress
import json
import os
from urllib.parse import quote, urlencode, urlsplit

from .._client import Client, _split_options
from ..errors import APIError
from . import config, errors, http, pagination, resources, webhook
from .config import Config, RequestOptions
from .errors import (MercadoPagoError, MPAuthenticationError, MPBadRequestError,
                     MPConnectionError, MPDependencyError, MPForbiddenError, MPIdempotencyError,
                     MPNotFoundError, MPOrderErrors, MPPaymentError, MPPaymentErrors,
                     MPRateLimitError, MPResourceLockedError, MPResponse, MPServerError,
                     MPValidationError)
from .http import HttpClient
from .pagination import search_auto_paging_iter
from .resources import (MerchantOrderStatus, OrderStatus, PaymentStatus, PreapprovalStatus,
                        RefundStatus)

__all__ = ["SDK", "RequestOptions", "config", "errors", "http", "pagination", "resources",
           "webhook", "MercadoPagoError", "MPBadRequestError", "MPAuthenticationError",
           "MPPaymentError", "MPForbiddenError", "MPNotFoundError", "MPIdempotencyError",
           "MPValidationError", "MPResourceLockedError", "MPDependencyError", "MPRateLimitError",
           "MPServerError", "MPConnectionError", "MPOrderErrors", "MPPaymentErrors", "MPResponse",
           "PaymentStatus", "OrderStatus", "PreapprovalStatus", "MerchantOrderStatus",
           "RefundStatus"]


def _options(ro: Optional[RequestOptions]) -> Dict[str, Any]:
    if ro is None:
        return {}
    headers: Dict[str, str] = {}
    key = None
    for name, value in (ro.custom_headers or {}).items():
        if name.lower() == "x-idempotency-key":
            key = str(value)
        elif name.lower() != "authorization":
            headers[name] = str(value)
    ids: Tuple[Tuple[str, Optional[str]], ...] = (
        ("X-Corporation-Id", ro.corporation_id),
        ("X-Integrator-Id", ro.integrator_id),
        ("X-Platform-Id", ro.platform_id),
    )
    for header, id_value in ids:
        if id_value:
            headers[header] = id_value
    out: Dict[str, Any] = {"headers": headers}
    if key:
        out["idempotency_key"] = key
    if ro.access_token:
        out["access_token"] = ro.access_token
    if ro.connection_timeout:
        out["timeout"] = float(ro.connection_timeout)
    if ro.max_retries is not None:
        out["max_retries"] = max(0, min(10, int(ro.max_retries)))
    return out


class _Resource:
    def __init__(self, sdk: "SDK", request_options: Optional[RequestOptions]) -> None:
        self._sdk = sdk
        self._ro = request_options

    def _do(self, operation: str, path: tuple = (), body: Any = None,
            filters: Optional[Dict[str, Any]] = None,
            request_options: Optional[RequestOptions] = None) -> MPResponse:
        client = self._sdk._client
        op = client._operation(operation)
        if self._sdk._http_client is not None:
            return self._through_http_client(op, path, body, filters,
                                             request_options or self._ro)
        kwargs: Dict[str, Any] = {}
        if not op.has_body:
            kwargs.update(filters or {})
        args = list(path)
        if op.has_body:
            args.append(body)
        options = _split_options(_options(request_options or self._ro) or {})
        bound = op.bind(args, kwargs)
        try:
            res = client._call(op.name, bound, options)
        except APIError as e:
            return MPResponse({"status": e.http_status, "response": e.body},
                              e.request_id or None)
        return MPResponse({"status": res.http_status,
                           "response": list(res) if isinstance(res, list) else dict(res)},
                          res.request_id or None)

    def _through_http_client(self, op: Any, path: tuple, body: Any,
                             filters: Optional[Dict[str, Any]],
                             ro: Optional[RequestOptions]) -> MPResponse:
        """The official seam: the call made by the SDK's own http_client."""
        ro = ro or self._sdk.request_options
        if ro.access_token is None:
            ro.access_token = self._sdk.request_options.access_token
        uri = op.path
        for name, value in zip(op.params, path):
            uri = uri.replace("{" + name + "}", quote(str(value), safe=""))
        url = Config.api_base_url + uri
        headers = ro.get_headers()
        if op.method != "DELETE":
            headers["Content-type"] = Config.mime_json
        common = {"url": url, "headers": headers, "timeout": ro.connection_timeout,
                  "maxretries": ro.max_retries, "retry_on": ro.retry_on}
        hc = self._sdk._http_client
        if op.method == "GET":
            raw = hc.get(params=filters, **common)
        elif op.method == "DELETE":
            raw = hc.delete(**common)
        else:
            data = None if body is None else json.dumps(body)
            raw = (hc.post if op.method == "POST" else hc.put)(data=data, **common)
        return MPResponse(raw)


def _request_dict(data: Any) -> Any:
    """A typed request object (the official package's request dataclasses, or
    any dataclass) as the dict the official package sends: None fields left out."""
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        def strip(value: Any) -> Any:
            if isinstance(value, dict):
                return {k: strip(v) for k, v in value.items() if v is not None}
            if isinstance(value, list):
                return [strip(v) for v in value]
            return value
        return strip(dataclasses.asdict(data))
    return data


def _method(operation: str, nparams: int, body: bool = False, filters: bool = False):
    def call(self: _Resource, *args: Any, **kwargs: Any) -> MPResponse:
        ro = kwargs.pop("request_options", None)
        path = tuple(args[:nparams])
        rest = list(args[nparams:])
        data = None
        flt = None
        if body:
            data = kwargs.pop("data", None) if not rest else rest.pop(0)
            data = _request_dict(data)
            if data is not None and not isinstance(data, dict):
                raise ValueError("Param object must be a Dictionary")
        elif filters:
            flt = kwargs.pop("filters", None) if not rest else rest.pop(0)
        if rest and ro is None:
            ro = rest.pop(0)
        for v in kwargs.values():  # official names of the request object
            v = _request_dict(v)
            if isinstance(v, dict) and data is None and body:
                data = v
            elif isinstance(v, RequestOptions):
                ro = v
        if len(path) < nparams:
            raise TypeError(f"{operation}: {nparams} identifier(s) needed")
        return self._do(operation, path, data, flt, ro)

    call.__name__ = operation.split(".")[1]
    call.__doc__ = f"Calls {operation!r}; returns {{'status': http_status, 'response': json}}."
    return call


def _resource(name: str, methods: Dict[str, Any]) -> type:
    if "search" in methods and name not in ("Chargeback", "Invoice", "AdvancedPayment"):
        methods = {**methods, "search_auto_paging_iter": _auto_paging}
    return type(name, (_Resource,), methods)


def _auto_paging(self: _Resource, filters: Optional[Dict[str, Any]] = None,
                 request_options: Optional[RequestOptions] = None,
                 limit: int = 100) -> Iterator[Any]:
    """Every item matching filters, page by page (pagination.search_auto_paging_iter)."""
    return search_auto_paging_iter(self.search, filters, request_options, limit)  # type: ignore[attr-defined]


def _payment_capture(self: _Resource, payment_id: Any, amount: Any = None,
                     request_options: Optional[RequestOptions] = None) -> MPResponse:
    """Captures an authorized payment (all of it, or ``amount``)."""
    payload: Dict[str, Any] = {"capture": True}
    if amount is not None:
        payload["transaction_amount"] = amount
    return self._do("payments.update", (payment_id,), payload, None, request_options)


def _disbursement_create(self: _Resource, advanced_payment_id: Any, disbursement_id: Any,
                         amount: float, request_options: Optional[RequestOptions] = None
                         ) -> MPResponse:
    """Refunds ``amount`` (a float) of a disbursement."""
    if not isinstance(amount, float):
        raise ValueError("Param amount must be a Float")
    return self._do("disbursement_refunds.create", (advanced_payment_id, disbursement_id),
                    {"amount": amount}, None, request_options)


def _disbursement_save(self: _Resource, advanced_payment_id: Any, disbursement_id: Any,
                       disbursement_refund_object: Dict[str, Any],
                       request_options: Optional[RequestOptions] = None) -> MPResponse:
    """A disbursement refund with a body of the caller's."""
    if not isinstance(disbursement_refund_object, dict):
        raise ValueError("Param disbursement_refund_object must be a Dictionary")
    return self._do("disbursement_refunds.create", (advanced_payment_id, disbursement_id),
                    disbursement_refund_object, None, request_options)


def _order_refund(self: _Resource, order_id: Any, refund_object: Optional[Dict[str, Any]] = None,
                  request_options: Optional[RequestOptions] = None) -> MPResponse:
    """Refunds an order: all of it (no body) or ``{"transactions": [...]}``."""
    if refund_object is not None and not isinstance(refund_object, dict):
        raise ValueError("Param transaction_object must be a Dictionary")
    return self._do("orders.refund", (order_id,), refund_object, None, request_options)


_AUTH_URL = "https://auth.mercadopago.com/authorization"


def _oauth_url(self: _Resource, app_id: Any, redirect_uri: str, random_id: str) -> str:
    """The URL to send a seller to, to authorize the application."""
    return _AUTH_URL + "?" + urlencode({"client_id": app_id, "response_type": "code",
                                        "platform_id": "mp", "state": random_id,
                                        "redirect_uri": redirect_uri})


Payment = _resource("Payment", {
    "search": _method("payments.search", 0, filters=True),
    "get": _method("payments.get", 1),
    "create": _method("payments.create", 0, body=True),
    "update": _method("payments.update", 1, body=True),
    "capture": _payment_capture,
})
Refund = _resource("Refund", {
    "list_all": _method("refunds.list", 1),
    "create": _method("refunds.create", 1, body=True),
    "get": _method("refunds.get", 2),
})
Customer = _resource("Customer", {
    "search": _method("customers.search", 0, filters=True),
    "get": _method("customers.get", 1),
    "create": _method("customers.create", 0, body=True),
    "update": _method("customers.update", 1, body=True),
    "delete": _method("customers.delete", 1),
})
Card = _resource("Card", {
    "list_all": _method("cards.list", 1),
    "get": _method("cards.get", 2),
    "create": _method("cards.create", 1, body=True),
    "update": _method("cards.update", 2, body=True),
    "delete": _method("cards.delete", 2),
})
CardToken = _resource("CardToken", {
    "get": _method("card_tokens.get", 1),
    "create": _method("card_tokens.create", 0, body=True),
})
Preference = _resource("Preference", {
    "get": _method("preferences.get", 1),
    "create": _method("preferences.create", 0, body=True),
    "update": _method("preferences.update", 1, body=True),
    "search": _method("preferences.search", 0, filters=True),
})
MerchantOrder = _resource("MerchantOrder", {
    "search": _method("merchant_orders.search", 0, filters=True),
    "get": _method("merchant_orders.get", 1),
    "create": _method("merchant_orders.create", 0, body=True),
    "update": _method("merchant_orders.update", 1, body=True),
})
PaymentMethods = _resource("PaymentMethods", {"list_all": _method("payment_methods.list", 0)})
IdentificationType = _resource("IdentificationType",
                               {"list_all": _method("identification_types.list", 0)})
PreApproval = _resource("PreApproval", {
    "search": _method("preapproval.search", 0, filters=True),
    "get": _method("preapproval.get", 1),
    "create": _method("preapproval.create", 0, body=True),
    "update": _method("preapproval.update", 1, body=True),
})
Plan = _resource("Plan", {
    "search": _method("preapproval_plan.search", 0, filters=True),
    "get": _method("preapproval_plan.get", 1),
    "create": _method("preapproval_plan.create", 0, body=True),
    "update": _method("preapproval_plan.update", 1, body=True),
})
Subscription = PreApproval
Chargeback = _resource("Chargeback", {
    "search": _method("chargebacks.search", 0, filters=True),
    "get": _method("chargebacks.get", 1),
})
User = _resource("User", {"get": _method("users.get", 0)})
Invoice = _resource("Invoice", {
    "get": _method("authorized_payments.get", 1),
    "search": _method("authorized_payments.search", 0, filters=True),
})
AdvancedPayment = _resource("AdvancedPayment", {
    "search": _method("advanced_payments.search", 0, filters=True),
    "get": _method("advanced_payments.get", 1),
    "create": _method("advanced_payments.create", 0, body=True),
    "capture": _method("advanced_payments.capture", 1),
    "update": _method("advanced_payments.update", 1, body=True),
    "cancel": _method("advanced_payments.cancel", 1),
    "update_release_date": _method("advanced_payments.update_release_date", 1, body=True),
})
DisbursementRefund = _resource("DisbursementRefund", {
    "list_all": _method("disbursement_refunds.list", 1),
    "create_all": _method("disbursement_refunds.create_all", 1, body=True),
    "create": _disbursement_create,
    "save": _disbursement_save,
})
Order = _resource("Order", {
    "search": _method("orders.search", 0, filters=True),
    "create": _method("orders.create", 0, body=True),
    "get": _method("orders.get", 1),
    "process": _method("orders.process", 1),
    "capture": _method("orders.capture", 1),
    "cancel": _method("orders.cancel", 1),
    "refund": _order_refund,
    "refund_transaction": _order_refund,
    "create_transaction": _method("order_transactions.create", 1, body=True),
    "update_transaction": _method("order_transactions.update", 2, body=True),
    "delete_transaction": _method("order_transactions.delete", 2),
})
OAuth = _resource("OAuth", {
    "create": _method("oauth.create", 0, body=True),
    "refresh": _method("oauth.refresh", 0, body=True),
    "get_authorization_url": _oauth_url,
})
Point = _resource("Point", {
    "get_devices": _method("point.list_devices", 0, filters=True),
    "create": _method("point.create_payment_intent", 1, body=True),
    "get": _method("point.get_payment_intent", 1),
    "cancel": _method("point.cancel_payment_intent", 2),
})


def _sandbox_from_environment(kwargs: Dict[str, Any]) -> None:
    url = os.environ.get("MERCADOPAGO_BASE_URL")
    if not url or "base_url" in kwargs:
        return
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError("MERCADOPAGO_BASE_URL is honoured for a loopback sandbox only")
    kwargs["base_url"] = url
    if os.environ.get("MERCADOPAGO_CA_FILE"):
        kwargs.setdefault("ca_file", os.environ["MERCADOPAGO_CA_FILE"])


class SDK:
    """``mercadopago.SDK(access_token)`` over libmercadopago.

    Extra keyword arguments (base_url, ca_pem, ca_file, timeout...) go to
    mercadopago_native.Client.
    """

    def __init__(self, access_token: str, http_client: Any = None,
                 request_options: Optional[RequestOptions] = None, **client_kwargs: Any) -> None:
        if http_client is not None and not isinstance(http_client, HttpClient):
            raise ValueError("Param http_client must be a HttpClient Object")
        # A custom http_client (the official seam) makes every call; else libmercadopago.
        self._http_client = http_client
        self.http_client = http_client or HttpClient()
        self.request_options = request_options or RequestOptions()
        self.request_options.access_token = access_token
        if request_options is not None:
            for attr, kw in (("corporation_id", "corporation_id"),
                             ("integrator_id", "integrator_id"),
                             ("platform_id", "platform_id")):
                if getattr(request_options, attr, None):
                    client_kwargs.setdefault(kw, getattr(request_options, attr))
        _sandbox_from_environment(client_kwargs)
        self._client = Client(access_token, **client_kwargs)

    def _make(self, cls: type, request_options: Optional[RequestOptions]) -> Any:
        return cls(self, request_options)

    def payment(self, request_options=None): return self._make(Payment, request_options)
    def refund(self, request_options=None): return self._make(Refund, request_options)
    def customer(self, request_options=None): return self._make(Customer, request_options)
    def card(self, request_options=None): return self._make(Card, request_options)
    def card_token(self, request_options=None): return self._make(CardToken, request_options)
    def preference(self, request_options=None): return self._make(Preference, request_options)
    def merchant_order(self, request_options=None):
        return self._make(MerchantOrder, request_options)
    def payment_methods(self, request_options=None):
        return self._make(PaymentMethods, request_options)
    def identification_type(self, request_options=None):
        return self._make(IdentificationType, request_options)
    def preapproval(self, request_options=None): return self._make(PreApproval, request_options)
    def subscription(self, request_options=None):
        return self._make(Subscription, request_options)
    def plan(self, request_options=None): return self._make(Plan, request_options)
    def chargeback(self, request_options=None): return self._make(Chargeback, request_options)
    def user(self, request_options=None): return self._make(User, request_options)
    def invoice(self, request_options=None): return self._make(Invoice, request_options)
    def advanced_payment(self, request_options=None):
        return self._make(AdvancedPayment, request_options)
    def disbursement_refund(self, request_options=None):
        return self._make(DisbursementRefund, request_options)
    def order(self, request_options=None): return self._make(Order, request_options)
    def oauth(self, request_options=None): return self._make(OAuth, request_options)
    def point(self, request_options=None): return self._make(Point, request_options)

    def close(self) -> None:
        self._client.close()
