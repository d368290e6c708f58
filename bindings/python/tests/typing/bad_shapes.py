"""What mypy --strict must reject (tests/test_typing.py checks each marked
line is reported with the expected message; never executed)."""
import mercadopago_native as mp


def misuse(client: mp.Client) -> None:
    payment = client.payments.get(1)
    print(payment["transacton_amount"])  # E: misspelt key
    text: str = payment["transaction_amount"]  # E: money is a float
    wrong = {"transaction_amount": "100", "payment_method_id": "visa", "payer": {"email": "a"}}
    client.payments.create({**wrong})  # E: wrong body type (a dict, not a PaymentCreate)
    client.payments.create({"transaction_amount": "1", "payment_method_id": "v", "payer": {}})  # E:
    client.payments.create({"transaction_amount": 1.0, "payer": {"email": "a@b.c"}})  # E: missing
    client.refunds.create(1, {"amount": 1.0, "reason": "x"})  # E: unknown body key
    for p in client.payments.search():
        print(p["statuss"])  # E: misspelt key of an item
    print(text, len(client.cards.list("c")[0]["idd"]))  # E: misspelt key of a list item
