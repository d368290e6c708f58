"""Orders API fidelity (issue 12): mp-sandbox answers /v1/orders as the public documentation and
the official SDKs' order tests say the real API does. Each check sends the literal request an
official SDK or a documented example sends and checks the documented answer.
Usage: fidelity_orders_test.py /path/to/mp-sandbox"""
import sys

from sandbox_http import Sandbox

sb = Sandbox(sys.argv[1])


def card_token(name="APRO", number="5031433215406351"):
    # The card token request of sdk-python tests/test_order.py (create_master_test_card).
    body = ('{"card_number": "%s", "security_code": "123", "expiration_year": "2030", '
            '"expiration_month": "11", "cardholder": {"name": "%s"}}' % (number, name))
    r = sb.call("POST", "/v1/card_tokens", body)
    if r.status != 201:
        raise RuntimeError("card token: %r" % r)
    return r.json["id"]


def card_order(token, extra="", amount="100.00"):
    return ('{"type": "online", "total_amount": "%s", %s"external_reference": "ext_ref_1234", '
            '"payer": {"email": "test_1731350184@testuser.com"}, "transactions": {"payments": '
            '[{"amount": "%s", "payment_method": {"id": "master", "type": "credit_card", '
            '"token": "%s", "installments": 1}}]}}' % (amount, extra, amount, token))


def orders_shape(body, status, code=None):
    """The Orders API's error shape: {"errors":[{"code","message","details":[...]}]} only."""
    errors = body.get("errors") if isinstance(body, dict) else None
    ok = (isinstance(errors, list) and len(errors) >= 1 and isinstance(errors[0], dict)
          and isinstance(errors[0].get("code"), str) and isinstance(errors[0].get("message"), str)
          and isinstance(errors[0].get("details"), list) and "cause" not in body
          and "status" not in body)
    if code is not None:
        ok = ok and errors[0]["code"] == code
    sb.check(ok, "%d answers in the Orders error shape%s" % (status, " (%s)" % code if code else ""),
             repr(body))


def main():
    # --- processing_mode "automatic_async" --------------------------------------------------------
    # Automatic Payments docs (automatic-payments-orders/process-payments): processing_mode is
    # "automatic" for synchronous processing or "automatic_async" to process the order
    # asynchronously; order status docs: processing/in_process "may also be returned in the case of
    # asynchronous payment creation". Request as sdk-java's CreateOrderWithAutomaticPayments example.
    r = sb.call("POST", "/v1/orders", card_order(card_token(), '"processing_mode": "automatic_async", '))
    o = sb.expect(r, 201, "processing_mode automatic_async is accepted (201)")
    sb.check(o and o["processing_mode"] == "automatic_async" and o["status"] == "processing"
             and o["status_detail"] == "in_process", "an automatic_async order starts processing/in_process", r)
    # The sandbox completes the asynchronous processing by the next read of the order.
    g = sb.expect(sb.call("GET", "/v1/orders/" + o["id"]), 200, "GET the automatic_async order")
    sb.check(g and g["status"] == "processed" and g["status_detail"] == "accredited"
             and g["transactions"]["payments"][0]["status"] == "processed",
             "the next read sees the asynchronous processing done (processed/accredited)", g)

    # --- capture_mode "automatic_async": capture and cancel act until it is processed ----------------
    # sdk-java OrderClientIT.captureOrderSuccess: processingMode automatic, captureMode
    # automatic_async, then capture -> 200, order and payment "processed".
    r = sb.call("POST", "/v1/orders", card_order(
        card_token(), '"processing_mode": "automatic", "capture_mode": "automatic_async", '))
    o = sb.expect(r, 201, "capture_mode automatic_async order created (201)")
    sb.check(o and o["capture_mode"] == "automatic_async" and o["status"] == "processing",
             "a capture_mode automatic_async order is not processed at once", r)
    r = sb.call("POST", "/v1/orders/%s/capture" % o["id"])
    c = sb.expect(r, 200, "capture an automatic_async order right after creation (200)")
    sb.check(c and c["status"] == "processed" and c["transactions"]["payments"][0]["status"] == "processed"
             and c["transactions"]["payments"][0]["amount"] == "100.00",
             "the captured order is processed", r)

    # Cancel ("an existing order that has not yet been processed", order-mode docs) in the window.
    r = sb.call("POST", "/v1/orders", card_order(card_token(), '"capture_mode": "automatic_async", '))
    o = sb.expect(r, 201, "second automatic_async order created")
    r = sb.call("POST", "/v1/orders/%s/cancel" % o["id"])
    c = sb.expect(r, 200, "cancel an automatic_async order before it is processed (200)")
    sb.check(c and c["status"] == "canceled" and c["transactions"]["payments"][0]["status"] == "canceled",
             "the order and its payment are canceled", r)

    # Once processed (here: read), the window is closed: capture is a 409 in the Orders shape.
    r = sb.call("POST", "/v1/orders", card_order(card_token(), '"capture_mode": "automatic_async", '))
    o = sb.expect(r, 201, "third automatic_async order created")
    sb.call("GET", "/v1/orders/" + o["id"])
    r = sb.call("POST", "/v1/orders/%s/capture" % o["id"])
    orders_shape(sb.expect(r, 409, "capture after the asynchronous processing is a 409"), 409)

    # Without capture_mode the order is processed at once: sdk-python test_order.py
    # test_create_order_and_get_by_id asserts status "processed" on the 201.
    r = sb.call("POST", "/v1/orders", card_order(card_token(), '"processing_mode": "automatic", '))
    o = sb.expect(r, 201, "order without capture_mode (201)")
    sb.check(o and o["status"] == "processed", "an order without capture_mode is processed at once", r)

    # A rejected card: the create reference documents 402 "the order was created but some
    # transaction failed", and the reserve/capture guide shows the body: {"errors":[{"code":
    # "failed","message":"The following transactions failed","details":["pay_...: <detail>"]}],
    # "data":{<the order, status "failed">}}.
    r = sb.call("POST", "/v1/orders", card_order(card_token("OTHE"), '"processing_mode": "automatic", '))
    e = sb.expect(r, 402, "an order whose payment is rejected answers 402")
    orders_shape(e, 402, "failed")
    sb.check(e and e["data"]["status"] == "failed" and e["data"]["id"].startswith("ORD")
             and e["errors"][0]["details"][0].startswith(e["data"]["transactions"]["payments"][0]["id"] + ": "),
             "the 402 carries the failed order under data and the failed transaction in details", r)
    g = sb.call("GET", "/v1/orders/" + e["data"]["id"])
    sb.check(g.status == 200 and g.json["status"] == "failed", "the failed order was created", g)

    # --- refunds -----------------------------------------------------------------------------------
    # Refund reference (reference/order/online-payments/refund/post): "In case of success, the
    # request will return a response with status 201". Partial: sdk-java OrderClientIT
    # .partialRefundOrderSuccess and its create_refund_partial_response.json mock: 201, status
    # "processed", status_detail "partially_refunded"; order status docs list processed /
    # partially_refunded.
    pay_id = o["transactions"]["payments"][0]["id"]
    r = sb.call("POST", "/v1/orders/%s/refund" % o["id"],
                '{"transactions": [{"id": "%s", "amount": "25.00"}]}' % pay_id)
    p = sb.expect(r, 201, "partial refund answers 201")
    sb.check(p and p["status"] == "processed" and p["status_detail"] == "partially_refunded"
             and p["transactions"]["refunds"][0]["amount"] == "25.00",
             "after a partial refund the order is processed/partially_refunded", r)
    # A second partial refund of what is left (sdk-java OrderClientIT.totalRefundOrderSuccess sends
    # no body for the whole order: 201, status and status_detail "refunded").
    r = sb.call("POST", "/v1/orders/%s/refund" % o["id"])
    f = sb.expect(r, 201, "refund of the rest answers 201")
    sb.check(f and f["status"] == "refunded" and f["status_detail"] == "refunded",
             "the fully refunded order is refunded/refunded", r)

    # --- wrong-state messages (no "refundd"): every action's message names its past participle ------
    r = sb.call("POST", "/v1/orders/%s/refund" % o["id"])
    e = sb.expect(r, 409, "refunding a refunded order is a 409")
    orders_shape(e, 409)
    sb.check(e and "can not be refunded" in e["errors"][0]["message"] and "refundd" not in r.text,
             "the refund conflict says 'refunded'", r)
    r = sb.call("POST", "/v1/orders/%s/cancel" % o["id"])
    e = sb.expect(r, 409, "cancelling a refunded order is a 409")
    sb.check(e and "can not be canceled" in e["errors"][0]["message"], "the cancel conflict says 'canceled'", r)
    r = sb.call("POST", "/v1/orders/%s/capture" % o["id"])
    e = sb.expect(r, 409, "capturing a refunded order is a 409")
    sb.check(e and "can not be captured" in e["errors"][0]["message"], "the capture conflict says 'captured'", r)
    r = sb.call("POST", "/v1/orders/%s/process" % o["id"])
    e = sb.expect(r, 409, "processing an automatic order is a 409")
    sb.check(e and "can not be processed" in e["errors"][0]["message"], "the process conflict says 'processed'", r)

    # --- partial transaction updates ---------------------------------------------------------------
    # sdk-java OrderClientIT.updateOrderTransactionSuccess and sdk-nodejs updateTransaction.spec.ts
    # send only {"payment_method": {"installments": 3}} to a manual order's payment: 200,
    # payment_method.installments 3 (update_transaction_response.json keeps id, type and token).
    token = card_token()
    r = sb.call("POST", "/v1/orders", card_order(token, '"processing_mode": "manual", '))
    m = sb.expect(r, 201, "manual order created")
    tid = m["transactions"]["payments"][0]["id"]
    path = "/v1/orders/%s/transactions/%s" % (m["id"], tid)
    r = sb.call("PUT", path, '{"payment_method": {"installments": 3}}')
    u = sb.expect(r, 200, "PUT with only payment_method.installments answers 200")
    sb.check(u and u["payment_method"]["installments"] == 3 and u["payment_method"]["id"] == "master"
             and u["payment_method"]["type"] == "credit_card" and u["payment_method"]["token"] == token
             and u["amount"] == "100.00", "only the installments change", r)
    # A card method without a new token keeps the stored token.
    r = sb.call("PUT", path, '{"payment_method": {"id": "master", "type": "credit_card", "installments": 5}}')
    u = sb.expect(r, 200, "PUT of a card method without a token answers 200")
    sb.check(u and u["payment_method"]["installments"] == 5 and u["payment_method"]["token"] == token,
             "the card method update keeps the token", r)
    # sdk-python test_update_transaction: a new visa token with 5 installments.
    visa = card_token(number="4235647728025682")
    r = sb.call("PUT", path, '{"payment_method": {"id": "visa", "type": "credit_card", "token": "%s", '
                '"installments": 5}}' % visa)
    u = sb.expect(r, 200, "PUT with a new card method answers 200")
    sb.check(u and u["payment_method"]["id"] == "visa" and u["payment_method"]["token"] == visa,
             "the new method and token are stored", r)
    g = sb.call("GET", "/v1/orders/" + m["id"]).json
    sb.check(g and g["transactions"]["payments"][0]["payment_method"]["installments"] == 5
             and g["status"] == "created", "the order shows the updated transaction", g)
    r = sb.call("PUT", path, '{"payment_method": {"installments": 0}}')
    orders_shape(sb.expect(r, 400, "installments 0 is a 400"), 400, "property_value")

    # --- type "point" --------------------------------------------------------------------------------
    # Point "Create order" reference (reference/in-person-payments/point/orders/create-order):
    # type "point", external_reference, one payment with its amount, config.point.terminal_id;
    # 201, the order waits for the terminal ("created").
    point = ('{"type": "point", "external_reference": "ext_ref_1234", "expiration_time": "PT16M", '
             '"transactions": {"payments": [{"amount": "24.90"}]}, "config": {"point": '
             '{"terminal_id": "NEWLAND_N950__N950NCB801293324", "print_on_terminal": "no_ticket"}}, '
             '"description": "Point Smart 2"}')
    r = sb.call("POST", "/v1/orders", point)
    pt = sb.expect(r, 201, "a type point order is accepted (201)")
    sb.check(pt and pt["type"] == "point" and pt["status"] == "created" and pt["total_amount"] == "24.90"
             and pt["config"]["point"]["terminal_id"] == "NEWLAND_N950__N950NCB801293324",
             "the point order is created for its terminal", r)
    r = sb.call("POST", "/v1/orders/%s/cancel" % pt["id"])
    c = sb.expect(r, 200, "a created point order can be canceled")
    r = sb.call("POST", "/v1/orders", point.replace('"terminal_id": "NEWLAND_N950__N950NCB801293324", ', ""))
    orders_shape(sb.expect(r, 400, "a point order without terminal_id is a 400"), 400,
                 "required_properties")

    # --- one error shape for the family ------------------------------------------------------------
    # Orders "possible errors" pages and reference: 400 codes (json_syntax_error, property_value,
    # invalid_total_amount, ...), 404 order_not_found, 409; every one as {"errors":[{"code",
    # "message","details"}]}.
    r = sb.call("POST", "/v1/orders", '{"type": "online", "total_amount": ')
    orders_shape(sb.expect(r, 400, "malformed JSON is a 400"), 400, "json_syntax_error")
    r = sb.call("POST", "/v1/orders", '{"type": "qr_code", "total_amount": "5.00"}')
    orders_shape(sb.expect(r, 400, "an unknown type is a 400"), 400, "property_value")
    r = sb.call("POST", "/v1/orders", card_order(card_token(), amount="100.00").replace(
        '"total_amount": "100.00"', '"total_amount": "90.00"'))
    orders_shape(sb.expect(r, 400, "total_amount differing from the payments is a 400"), 400,
                 "invalid_total_amount")
    r = sb.call("GET", "/v1/orders/ORD01JNOSUCHORDER000000000000")
    orders_shape(sb.expect(r, 404, "an unknown order is a 404"), 404, "order_not_found")
    r = sb.call("POST", "/v1/orders/ORD01JNOSUCHORDER000000000000/refund")
    orders_shape(sb.expect(r, 404, "refunding an unknown order is a 404"), 404, "order_not_found")
    r = sb.call("PUT", "/v1/orders/%s/transactions/PAY_NOPE" % m["id"], '{"amount": "1.00"}')
    orders_shape(sb.expect(r, 404, "an unknown transaction is a 404"), 404)
    # The errors met before a handler runs are the family's too: no credentials (401), and an
    # X-Idempotency-Key reused with another body (409 idempotency_key_already_used, the code the
    # official SDKs' Orders exceptions name).
    r = sb.call("GET", "/v1/orders/ORD01JNOSUCHORDER000000000000", token=None)
    orders_shape(sb.expect(r, 401, "an order without credentials is a 401"), 401, "unauthorized")
    key = [("X-Idempotency-Key", "orders-reuse-key-1")]
    r = sb.call("POST", "/v1/orders", card_order(card_token()), headers=key)
    sb.expect(r, 201, "an order made with an idempotency key")
    r = sb.call("POST", "/v1/orders", card_order(card_token(), amount="50.00"), headers=key)
    orders_shape(sb.expect(r, 409, "the key reused with another order is a 409"), 409,
                 "idempotency_key_already_used")
    # The classic API keeps its own envelope for the same error.
    r = sb.call("GET", "/v1/payments/1", token=None)
    classic = sb.expect(r, 401, "a payment without credentials is a 401")
    sb.check(isinstance(classic, dict) and "cause" in classic and "errors" not in classic,
             "the classic API answers its envelope", r)


try:
    main()
except Exception as e:  # a crash is a failure; the sandbox still stops
    sb.check(False, "the suite ran to the end", repr(e))
sys.exit(sb.finish())
