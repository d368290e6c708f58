"""Typed use of mercadopago_native that mypy --strict must accept
(tests/test_typing.py runs it; it is never executed)."""
from typing import List, Optional

import mercadopago_native as mp
from mercadopago_native import shapes


def checkout(client: mp.Client, card_token: str) -> int:
    body: shapes.PaymentCreate = {
        "transaction_amount": 100.0, "payment_method_id": "visa", "token": card_token,
        "installments": 1, "payer": {"email": "buyer@example.com"}}
    payment = client.payments.create(body, idempotency_key="order-1001")
    amount: float = payment["transaction_amount"]
    status: str = payment["status"]
    request_id: str = payment.request_id
    payer = payment["payer"]
    email: Optional[str] = payer.get("email") if payer is not None else None
    fees: Optional[List[shapes.FeeDetail]] = payment.get("fee_details")
    print(amount, status, request_id, email, fees, payment.headers.get("x-request-id"))
    got = client.payments.get(payment["id"])
    refund = client.refunds.create(got["id"], {"amount": 10.0})
    refunded: Optional[float] = refund["amount"]
    print(refunded)
    cards: mp.ListResult[shapes.Card] = client.cards.list("customer-1")
    if cards:
        card_id: str = cards[0]["id"]
        print(card_id, cards.request_id)
    print(len(client.payment_methods.list()), client.identification_types.list()[0])
    for found in client.payments.search(external_reference="order-1001"):
        found_amount: float = found["transaction_amount"]
        print(found_amount)
    order = client.orders.get("ORD01")
    total: Optional[str] = order["total_amount"]  # the Orders API's decimal strings
    print(total)
    preference = client.preferences.create({"items": [
        {"title": "Mug", "quantity": 1, "unit_price": 12.5}]})
    items: List[shapes.PreferenceItem] = preference["items"]
    print(items, preference.get("init_point", ""))
    untyped: mp.Result = client.users.get()
    print(untyped["anything"])
    return payment["id"]


async def checkout_async(client: mp.AsyncClient) -> float:
    payment = await client.payments.get(1)
    methods = await client.payment_methods.list()
    print(len(methods))
    async for item in client.payments.search(status="approved"):
        print(item["id"])
    return payment["transaction_amount"]
