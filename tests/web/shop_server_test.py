"""The example shop's merchant servers over HTTP, without a browser: what each accepts from a
page (a card token and the payment's metadata, nothing else), the payment it creates through
the binding against mp-sandbox, and what it logs."""

import pytest

from shop_support import (BUYER, CARD, OUTCOMES, PRODUCT, SERVERS, card_data_in,  # noqa: F401
                          credentials, sandbox, shops, workdir)


def checkout_body(token, **changes):
    body = {"token": token, "issuer_id": "24", "payment_method_id": CARD["method"],
            "transaction_amount": PRODUCT["price"], "installments": 1, "payer": BUYER}
    body.update(changes)
    return body


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize("cardholder", sorted(OUTCOMES))
def test_a_token_pays_with_the_outcome_of_the_card(server, cardholder, shops, sandbox, credentials):
    shop = shops[server]
    token = sandbox.card_token(credentials["public_key"], cardholder)
    status, answer = shop.request("POST", "/process_payment", checkout_body(token))
    assert status == 200, answer
    assert (answer["status"], answer["status_detail"]) == OUTCOMES[cardholder]
    # The result screen reads the payment back through the server.
    status, payment = shop.request("GET", "/payments/%s" % answer["id"])
    assert status == 200, payment
    assert (payment["id"], payment["status"], payment["status_detail"]) == (
        answer["id"], *OUTCOMES[cardholder])
    assert payment["transaction_amount"] == PRODUCT["price"]


@pytest.mark.parametrize("server", SERVERS)
def test_a_resubmitted_checkout_replays_its_payment(server, shops, sandbox, credentials):
    shop = shops[server]
    token = sandbox.card_token(credentials["public_key"], "APRO")
    first = shop.request("POST", "/process_payment", checkout_body(token))
    again = shop.request("POST", "/process_payment", checkout_body(token))
    assert first[0] == again[0] == 200
    assert first[1]["id"] == again[1]["id"]


@pytest.mark.parametrize("server", SERVERS)
def test_card_data_sent_to_the_server_is_refused(server, shops, sandbox, credentials):
    shop = shops[server]
    token = sandbox.card_token(credentials["public_key"], "APRO")
    status, answer = shop.request("POST", "/process_payment", checkout_body(
        token, card_number=CARD["number"], security_code=CARD["cvv"]))
    assert status == 400
    assert answer["error"] == "unexpected fields: card_number, security_code"


@pytest.mark.parametrize("server", SERVERS)
def test_the_page_cannot_choose_the_amount(server, shops, sandbox, credentials):
    token = sandbox.card_token(credentials["public_key"], "APRO")
    status, answer = shops[server].request("POST", "/process_payment",
                                           checkout_body(token, transaction_amount=1))
    assert status == 400
    assert answer["error"] == "the amount does not match the product's price"


@pytest.mark.parametrize("server", SERVERS)
def test_a_body_that_is_not_json_is_refused(server, shops):
    status, answer = shops[server].request("POST", "/process_payment", raw=b"token=abc")
    assert status == 400
    assert answer["error"] == "a JSON object is expected"


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize("path", ["/checkout/brick", "/checkout/cardform", "/result"])
def test_the_pages_using_mercadopago_js_carry_the_public_key_only(server, path, shops, sandbox, credentials):
    status, html = shops[server].request("GET", path)
    assert status == 200
    assert '<script src="%s/js/v2"></script>' % sandbox.url in html
    assert 'new MercadoPago("%s"' % credentials["public_key"] in html
    assert credentials["access_token"] not in html
    assert "{{" not in html


@pytest.mark.parametrize("server", SERVERS)
def test_the_pages_are_the_shared_ones(server, shops):
    shop = shops[server]
    for path in ("/", "/result", "/shop.js", "/shop.css"):
        status, _ = shop.request("GET", path)
        assert status == 200, path
    assert shop.request("GET", "/product.json") == (200, PRODUCT)
    assert shop.request("GET", "/payments/999999999999")[0] == 404
    assert shop.request("GET", "/nothing-here")[0] == 404


@pytest.mark.parametrize("server", SERVERS)
def test_the_log_holds_every_body_without_secrets(server, shops, sandbox, credentials):
    shop = shops[server]
    token = sandbox.card_token(credentials["public_key"], "APRO")
    assert shop.request("POST", "/process_payment", checkout_body(token))[0] == 200
    # A page that sent card data: refused, and logged as received, so the check below sees it.
    card_body = checkout_body(token, card_number=CARD["number"], security_code=CARD["cvv"],
                              expiration="%s/%s" % (CARD["month"], CARD["year"][2:]))
    assert shop.request("POST", "/process_payment", card_body)[0] == 400
    received = shop.received()
    assert len(received) >= 2
    assert all(entry["server"] == server and entry["path"] == "/process_payment" for entry in received)
    text = shop.log_text()
    assert BUYER["identification"]["number"] not in text      # document numbers are masked
    assert credentials["access_token"] not in text
    assert card_data_in(received[-2]["body"]) == []
    assert sorted(card_data_in(received[-1]["body"])) == [
        "card number in card_number", "expiry in expiration", "field card_number", "field expiration",
        "field security_code", "security code in security_code"]
