"""mp-sandbox against the classic API as clients written for the live one use it (issue 12:
routing and requests, payments and card tokens, customers, preferences and subscriptions).

Each check sends the literal request such a client sends and expects the answer the public
documentation (or an official SDK's request shape or live-API test) gives; the source is named
next to it:
  DSD   mercadopago/devsite-docs (reference/api-json/*.json, guides/**)
  PY    mercadopago/sdk-python tests (run against the live API)
  JAVA  mercadopago/sdk-java (src/test/**/mocks, *IT.java)
  NODE  mercadopago/sdk-nodejs (src/clients/**/types.ts, src/examples/**)
  GO    mercadopago/sdk-go (pkg/**/response.go)
Usage: fidelity_classic_test.py /path/to/mp-sandbox
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sandbox_http import Sandbox  # noqa: E402

OPERATIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core",
                          "operations.inc")
CARD = "4235647728025682"  # a Visa test card (sandbox/README.md)
BUYER = "test_user_123@testuser.com"
RECURRING = ('"auto_recurring": {"frequency": 1, "frequency_type": "months", '
             '"transaction_amount": 10, "currency_id": "BRL"}')

sb = Sandbox(sys.argv[1])


def g(obj, *path):
    """obj[path[0]][path[1]]..., or None where the answer has another shape."""
    for key in path:
        try:
            obj = obj[key]
        except (KeyError, IndexError, TypeError):
            return None
    return obj


def cause(resp):
    return g(resp.json, "cause", 0, "code")


def card_token(name="APRO"):
    r = sb.call("POST", "/v1/card_tokens",
                '{"card_number": "%s", "expiration_month": 11, "expiration_year": 2030, '
                '"security_code": "123", "cardholder": {"name": "%s", '
                '"identification": {"type": "CPF", "number": "19119119100"}}}' % (CARD, name))
    sb.check(r.status == 201, "(a card token for %s)" % name, r)
    return g(r.json, "id") or "none"


def routing():
    """Trailing slashes, repeated X-Idempotency-Key headers, limit=0. Returns the plan, the
    subscription and the payment it made, for the later sections."""
    # A trailing slash is the same route: the four requests, literally.
    r = sb.call("POST", "/checkout/preferences/",
                '{"items": [{"title": "Point Mini", "quantity": 1, "unit_price": 58.8}]}')
    sb.expect(r, 201, "POST /checkout/preferences/ creates a preference")
    sb.check(str(g(r.json, "id")).startswith("1234567-"), "  ... the collector's", r)
    r = sb.call("POST", "/preapproval_plan/",
                '{"reason": "Gold", %s, "back_url": "https://example.com"}' % RECURRING)
    plan = sb.expect(r, 201, "POST /preapproval_plan/ creates a plan")
    r = sb.call("POST", "/preapproval/",
                '{"reason": "Gold", "payer_email": "%s", %s, "back_url": "https://example.com"}'
                % (BUYER, RECURRING))
    sub = sb.expect(r, 201, "POST /preapproval/ creates a subscription")
    r = sb.call("POST", "/v1/payments",
                '{"transaction_amount": 100, "token": "%s", "installments": 1, '
                '"payment_method_id": "visa", "payer": {"email": "%s"}}' % (card_token(), BUYER))
    sb.expect(r, 201, "a card payment to refund")
    pid = g(r.json, "id") or 0
    sb.call("POST", "/v1/payments/%d/refunds" % pid, '{"amount": 10}')
    r = sb.call("GET", "/v1/payments/%d/refunds/" % pid)
    sb.expect(r, 200, "GET /v1/payments/{id}/refunds/ lists the refunds")
    sb.check(isinstance(r.json, list) and len(r.json) == 1, "  ... the one refund", r)

    # ... and so for every route of the operations table: with or without the slash, one route.
    with open(OPERATIONS) as table:
        ops = re.findall(r'^MP_OPERATION\("([^"]+)",\s*(\w+),\s*"([^"]+)"', table.read(), re.M)
    sb.check(len(ops) > 50, "the operations table is read (%d operations)" % len(ops))
    differ = []
    for name, method, path in ops:
        path = re.sub(r"\{[^}]+\}", "1", path)
        body = "{}" if method in ("POST", "PUT", "PATCH") else None
        plain = sb.call(method, path, body).header("X-Sandbox-Route")
        slash = sb.call(method, path + "/", body).header("X-Sandbox-Route")
        if slash is None or slash != plain:
            differ.append("%s %s/ (%s)" % (method, path, name))
    sb.check(not differ, "every operation's route takes a trailing slash", differ[:5])

    # Two X-Idempotency-Key headers (a client's default, then the caller's own): the last one is
    # the key. Retried with the caller's key alone, the request is the same one.
    pix = ('{"transaction_amount": 12.34, "description": "Pix", "payment_method_id": "pix", '
           '"installments": 1, "payer": {"email": "%s"}}' % BUYER)
    r = sb.call("POST", "/v1/payments", pix, headers=[("X-Idempotency-Key", "client-default-1"),
                                                       ("X-Idempotency-Key", "caller-key-1")])
    sb.expect(r, 201, "a payment with two X-Idempotency-Key headers")
    first = g(r.json, "id")
    r = sb.call("POST", "/v1/payments", pix, headers=[("X-Idempotency-Key", "caller-key-1")])
    sb.expect(r, 200, "  ... retried with the last key alone: the stored answer")
    sb.check(first is not None and g(r.json, "id") == first, "  ... the same payment", r)
    r = sb.call("POST", "/v1/payments", pix, headers=[("X-Idempotency-Key", "client-default-1")])
    sb.expect(r, 201, "  ... while the first key is unused: a new payment")
    sb.check(g(r.json, "id") not in (None, first), "  ... with another id", r)
    # One trailing slash does not make it another request either.
    r = sb.call("POST", "/v1/payments/", pix, headers=[("X-Idempotency-Key", "caller-key-1")])
    sb.expect(r, 200, "  ... nor does POST /v1/payments/ with the caller's key")
    sb.check(first is not None and g(r.json, "id") == first, "  ... the same payment", r)

    # limit=0 in a search is the default page size (200); other values stay checked.
    for path, default in [("/v1/customers/search", 10), ("/v1/payments/search", 30),
                          ("/merchant_orders/search", None), ("/checkout/preferences/search", None),
                          ("/preapproval/search", 30), ("/preapproval_plan/search", 30),
                          ("/authorized_payments/search", 30), ("/v1/chargebacks/search", 30),
                          ("/v1/advanced_payments/search", 30)]:
        r = sb.call("GET", path + "?limit=0&offset=0")
        sb.expect(r, 200, "GET %s?limit=0 answers" % path)
        if default is None:
            sb.check(g(r.json, "elements") is not None and g(r.json, "total") is not None,
                     "  ... a page of elements", r)
        else:
            sb.check(g(r.json, "paging", "limit") == default,
                     "  ... with the default page size, %d" % default, r)
    r = sb.call("GET", "/v1/customers/search?limit=-1")
    sb.expect(r, 400, "GET /v1/customers/search?limit=-1 is still a 400")
    r = sb.call("GET", "/merchant_orders/search?limit=ten")
    sb.expect(r, 400, "GET /merchant_orders/search?limit=ten is still a 400")
    return plan, sub


def payments():
    """Pix and tickets without installments, guest payer ids, build_version, card tokens."""
    # DSD guides/checkout-bricks/payment-brick/payment-submission-pix: a Pix payment sends
    # transaction_amount, description, payment_method_id "pix" and payer.email; installments apply
    # to cards only. JAVA mocks payment_pix.json: pending/pending_waiting_transfer, 1 installment.
    r = sb.call("POST", "/v1/payments",
                '{"transaction_amount": 12.34, "description": "<DESCRIPTION>", '
                '"payment_method_id": "pix", "payer": {"email": "%s"}}' % BUYER)
    sb.expect(r, 201, "a Pix payment without installments is created")
    pix = r.json
    sb.check(g(pix, "status") == "pending" and
             g(pix, "status_detail") == "pending_waiting_transfer",
             "  ... pending/pending_waiting_transfer", r)
    sb.check(g(pix, "installments") == 1 and g(pix, "payment_type_id") == "bank_transfer",
             "  ... a bank transfer in 1 installment", r)
    sb.check(bool(g(pix, "point_of_interaction", "transaction_data", "qr_code")),
             "  ... with its QR code", r)
    r = sb.call("POST", "/v1/payments",
                '{"transaction_amount": 100, "payment_method_id": "bolbradesco", '
                '"payer": {"email": "%s", "first_name": "Test", "last_name": "User", '
                '"identification": {"type": "CPF", "number": "19119119100"}}}' % BUYER)
    sb.expect(r, 201, "a boleto payment without installments is created")
    r = sb.call("POST", "/v1/payments",
                '{"transaction_amount": 100, "token": "%s", "payment_method_id": "visa", '
                '"payer": {"email": "%s"}}' % (card_token(), BUYER))
    sb.expect(r, 400, "a card payment without installments is a 400")
    sb.check(cause(r) == 4004, "  ... cause 4004 (installments attribute can't be null)", r)
    # DSD payment-brick examples post the form's fields as they come: installments a digit string.
    r = sb.call("POST", "/v1/payments",
                '{"transaction_amount": 100, "token": "%s", "installments": "1", '
                '"payment_method_id": "visa", "issuer_id": "25", "payer": {"email": "%s"}}'
                % (card_token(), BUYER))
    sb.expect(r, 201, "a card payment with installments \"1\" is created")
    sb.check(g(r.json, "installments") == 1, "  ... in 1 installment", r)

    # A guest payer's id is a string (JAVA payment_pix.json: "payer": {"id": "128185910", ...}),
    # the same for the same email; payments carry build_version, a string.
    payer_id = g(pix, "payer", "id")
    sb.check(isinstance(payer_id, str) and payer_id.isdigit(),
             "a guest payer.id is a digit string", g(pix, "payer"))
    r = sb.call("POST", "/v1/payments",
                '{"transaction_amount": 5, "payment_method_id": "pix", '
                '"payer": {"email": "%s"}}' % BUYER)
    sb.check(payer_id is not None and g(r.json, "payer", "id") == payer_id,
             "  ... the same for the same email", r)
    r = sb.call("GET", "/v1/payments/search?payer.id=%s&payment_method_id=pix&limit=100"
                % payer_id)
    sb.expect(r, 200, "  ... GET /v1/payments/search?payer.id=")
    sb.check(any(g(p, "id") == g(pix, "id") for p in g(r.json, "results") or []),
             "  ... finds the payment", r)
    build = g(pix, "build_version")
    sb.check(isinstance(build, str) and build != "", "a payment carries build_version", pix)
    r = sb.call("GET", "/v1/payments/%s" % g(pix, "id"))
    sb.expect(r, 200, "GET /v1/payments/{id}")
    sb.check(g(r.json, "build_version") == build, "  ... with build_version", r)

    # PY tests/test_card_token.py, run against the live API and answered 201: the identification
    # as {"CPF": "<number>"}, expiration month and year as strings.
    r = sb.call("POST", "/v1/card_tokens",
                '{"card_number": "4074090000000004", "security_code": "123", '
                '"expiration_year": "2030", "expiration_month": "12", '
                '"cardholder": {"name": "APRO", "identification": {"CPF": "19119119100"}}}')
    sb.expect(r, 201, "a card token with identification {\"CPF\": ...} is created")
    sb.check(g(r.json, "cardholder", "name") == "APRO", "  ... for cardholder APRO", r)
    r = sb.call("GET", "/v1/card_tokens/%s" % g(r.json, "id"))
    sb.expect(r, 200, "  ... and GET /v1/card_tokens/{id} finds it")
    # DSD payments.json errors: 3020 "The parameter cardholder.name can not be null or empty."
    # The API is strict there (every official example sends a cardholder name).
    r = sb.call("POST", "/v1/card_tokens",
                '{"card_number": "%s", "security_code": "123", "expiration_year": 2030, '
                '"expiration_month": 11}' % CARD)
    sb.expect(r, 400, "a card token without cardholder is a 400")
    sb.check(cause(r) == 3020, "  ... cause 3020 (cardholder.name can not be null or empty)", r)
    r = sb.call("POST", "/v1/card_tokens",
                '{"card_number": "%s", "security_code": "123", "expiration_year": 2030, '
                '"expiration_month": 11, "cardholder": {"name": "APRO", '
                '"identification": {"number": "19119119100"}}}' % CARD)
    sb.expect(r, 400, "a cardholder identification with a number but no type is a 400")
    sb.check(cause(r) == 3022, "  ... cause 3022 (cardholder.document.type can not be null)", r)


def customers():
    """client_id, default_card "None" on create, DELETE's answer."""
    # DSD customers.json: the create example sends default_card "None"; GO pkg/customer
    # Response: client_id int. The body is PY tests/test_customer.py's, plus default_card.
    r = sb.call("POST", "/v1/customers",
                '{"email": "test_payer_999945@testuser.com", "first_name": "Katniss", '
                '"last_name": "Everdeen", "phone": {"area_code": "03492", "number": "432334"}, '
                '"identification": {"type": "DNI", "number": "29804555"}, '
                '"address": {"zip_code": "47807078", "street_name": "some street", '
                '"street_number": 123}, "description": "customer description", '
                '"default_card": "None"}')
    sb.expect(r, 201, "a customer with default_card \"None\" is created")
    cust = r.json
    client_id = g(cust, "client_id")
    sb.check(isinstance(client_id, int) and not isinstance(client_id, bool),
             "  ... with client_id, a number", r)
    sb.check(g(cust, "default_card") is None, "  ... and no default card yet", r)
    cid = g(cust, "id") or "none"
    r = sb.call("GET", "/v1/customers/search?email=test_payer_999945@testuser.com")
    sb.expect(r, 200, "  ... GET /v1/customers/search?email=")
    sb.check(g(r.json, "results", 0, "client_id") == client_id, "  ... has its client_id", r)
    r = sb.call("POST", "/v1/customers/%s/cards" % cid, '{"token": "%s"}' % card_token())
    sb.expect(r, 201, "  ... a card saved to it")
    card_id = g(r.json, "id")
    r = sb.call("GET", "/v1/customers/" + cid)
    sb.expect(r, 200, "  ... GET /v1/customers/{id}")
    sb.check(card_id is not None and g(r.json, "default_card") == card_id,
             "  ... has the saved card as its default", r)
    # PY tests/test_customer.py: DELETE answers 200; the body is the customer (its id, email and
    # its status as it was deleted), and the customer is gone.
    r = sb.call("DELETE", "/v1/customers/" + cid)
    sb.expect(r, 200, "DELETE /v1/customers/{id} answers 200")
    sb.check(g(r.json, "id") == cid and g(r.json, "email") == g(cust, "email") and
             g(r.json, "status") and g(r.json, "client_id") == client_id,
             "  ... with the deleted customer and its status", r)
    r = sb.call("GET", "/v1/customers/" + cid)
    sb.expect(r, 404, "  ... which is then not found")


def preferences(plan, sub):
    """Preference items and search elements; partial auto_recurring updates."""
    # Items echo category_id and description whether sent or not (JAVA preference_base.json
    # items carry both).
    r = sb.call("POST", "/checkout/preferences",
                '{"items": [{"title": "Point Mini", "quantity": 1, "unit_price": 58.8}, '
                '{"id": "1234", "title": "Games", "description": "PS5", "category_id": "games", '
                '"quantity": 2, "unit_price": 4000, "currency_id": "BRL"}], '
                '"external_reference": "fid-pref-1"}')
    sb.expect(r, 201, "a preference with a bare item and a full one")
    bare, full = g(r.json, "items", 0) or {}, g(r.json, "items", 1) or {}
    sb.check(bare.get("category_id") == "" and bare.get("description") == "",
             "  ... the bare item echoes category_id and description", bare)
    sb.check(full.get("category_id") == "games" and full.get("description") == "PS5",
             "  ... the full item echoes what it sent", full)
    # Search elements (NODE clients/preference/search/types.ts, Elements) carry sponsor_id (a
    # number) and shipping_mode (a string), null when the preference has none.
    r = sb.call("POST", "/checkout/preferences",
                '{"items": [{"title": "x", "quantity": 1, "unit_price": 10}], '
                '"external_reference": "fid-pref-2", "sponsor_id": 987654321, '
                '"shipments": {"mode": "not_specified", "cost": 0}}')
    sb.expect(r, 201, "a preference with sponsor_id and shipments.mode")
    r = sb.call("POST", "/checkout/preferences",
                '{"items": [{"title": "x", "quantity": 1, "unit_price": 10}], '
                '"external_reference": "fid-pref-3", "sponsor_id": "987654321"}')
    sb.expect(r, 201, "a preference with sponsor_id as a digit string")
    sb.check(g(r.json, "sponsor_id") == 987654321, "  ... answers it as a number", r)
    for ref, sponsor, mode in [("fid-pref-1", None, None),
                               ("fid-pref-2", 987654321, "not_specified"),
                               ("fid-pref-3", 987654321, None)]:
        r = sb.call("GET", "/checkout/preferences/search?external_reference=" + ref)
        sb.expect(r, 200, "GET /checkout/preferences/search?external_reference=" + ref)
        el = g(r.json, "elements", 0) or {}
        sb.check("sponsor_id" in el and el["sponsor_id"] == sponsor and
                 "shipping_mode" in el and el["shipping_mode"] == mode,
                 "  ... sponsor_id %r and shipping_mode %r" % (sponsor, mode), el)

    # PUT /preapproval/{id} with a partial auto_recurring merges into the subscription (the
    # legacy PHP SDK's update example sends {"auto_recurring": {"transaction_amount": 60}}; NODE
    # src/examples/preApproval/update sends transaction_amount and currency_id only).
    sid = g(sub, "id") or "none"
    r = sb.call("PUT", "/preapproval/" + sid, '{"auto_recurring": {"transaction_amount": 60}}')
    sb.expect(r, 200, "PUT /preapproval/{id} with only auto_recurring.transaction_amount")
    ar = g(r.json, "auto_recurring")
    sb.check(g(ar, "transaction_amount") == 60 and g(ar, "frequency") == 1 and
             g(ar, "frequency_type") == "months" and g(ar, "currency_id") == "BRL",
             "  ... merges into the subscription's auto_recurring", ar)
    r = sb.call("PUT", "/preapproval/" + sid,
                '{"back_url": "https://example.com/back", "reason": "Gold+", '
                '"auto_recurring": {"transaction_amount": 12.34, "currency_id": "BRL"}}')
    sb.expect(r, 200, "PUT /preapproval/{id} as the Node SDK's example sends it")
    sb.check(g(r.json, "auto_recurring", "transaction_amount") == 12.34 and
             g(r.json, "auto_recurring", "frequency") == 1 and g(r.json, "reason") == "Gold+",
             "  ... updates what it sends and keeps the rest", r)
    r = sb.call("GET", "/preapproval/" + sid)
    sb.expect(r, 200, "  ... GET /preapproval/{id}")
    sb.check(g(r.json, "auto_recurring", "transaction_amount") == 12.34,
             "  ... has the new amount", r)
    r = sb.call("PUT", "/preapproval/" + sid, '{"auto_recurring": {"transaction_amount": -5}}')
    sb.expect(r, 400, "  ... a negative amount is still a 400")
    r = sb.call("GET", "/preapproval/" + sid)
    sb.check(g(r.json, "auto_recurring", "transaction_amount") == 12.34,
             "  ... and changed nothing", r)
    r = sb.call("PUT", "/preapproval_plan/%s" % g(plan, "id"),
                '{"auto_recurring": {"transaction_amount": 25}}')
    sb.expect(r, 200, "PUT /preapproval_plan/{id} with only auto_recurring.transaction_amount")
    sb.check(g(r.json, "auto_recurring", "transaction_amount") == 25 and
             g(r.json, "auto_recurring", "frequency_type") == "months",
             "  ... merges into the plan's auto_recurring", r)


try:
    plan, sub = routing()
    payments()
    customers()
    preferences(plan, sub)
except Exception as error:  # an answer of another shape: one failure, and the sandbox still stops
    sb.check(False, "the checks ran to the end", repr(error))
sys.exit(sb.finish())
