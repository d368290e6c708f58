"""Every operation of core/operations.inc beyond payments answers in its documented shape:
2xx for valid requests, 404 envelopes for unknown ids, 401 without a token, and the state
transitions of preferences, merchant orders, subscriptions, Orders, Point and in-store.
Usage: ops_test.py /path/to/mp-sandbox   (or a running sandbox's URL)"""
import json, os, subprocess, sys, urllib.request, uuid
proc = None
if sys.argv[1].startswith("http"):
    U = sys.argv[1]
else:
    proc = subprocess.Popen([sys.argv[1], "--port", "0"], stdout=subprocess.PIPE, text=True)
    U = proc.stdout.readline().strip().rsplit(" ", 1)[1]
    import atexit
    atexit.register(lambda: proc.poll() is None and proc.kill())
C = 1234567
TOK = "TEST-sandbox-token-%d" % C
fails = 0
def req(method, path, body=None, auth=True, expect=None, key=True):
    global fails
    data = None if body is None else json.dumps(body).encode()
    r = urllib.request.Request(U + path, data=data, method=method)
    if auth: r.add_header("Authorization", "Bearer " + TOK)
    if data is not None: r.add_header("Content-Type", "application/json")
    if key and method != "GET": r.add_header("X-Idempotency-Key", str(uuid.uuid4()))
    try:
        resp = urllib.request.urlopen(r); code = resp.status; text = resp.read()
    except urllib.error.HTTPError as e:
        code = e.code; text = e.read()
    out = json.loads(text) if text else None
    ok = (200 <= code < 300) if expect is None else code == expect
    if not ok:
        fails += 1
        print("FAIL", method, path, code, text[:300])
    return out

def card(name="APRO", number="4235647728025682"):
    return req("POST", "/v1/card_tokens", {"card_number": number, "expiration_month": 11, "expiration_year": 2030, "security_code": "123", "cardholder": {"name": name}})["id"]

# preferences
p = req("POST", "/checkout/preferences", {"items": [{"title": "x", "quantity": 2, "unit_price": 10.5}], "external_reference": "r1"})
assert p["id"].startswith("%d-" % C) and "init_point" in p and "sandbox_init_point" in p
req("GET", "/checkout/preferences/" + p["id"]); req("PUT", "/checkout/preferences/" + p["id"], {"external_reference": "r2"})
s = req("GET", "/checkout/preferences/search?external_reference=r2"); assert s["total"] == 1 and "next_offset" in s and len(s["elements"]) == 1, s
req("GET", "/checkout/preferences/nope", expect=404)
req("POST", "/checkout/preferences", {"items": []}, expect=400)
# merchant orders
m = req("POST", "/merchant_orders", {"preference_id": p["id"], "items": [{"title": "x", "quantity": 1, "unit_price": 10}]})
assert m["status"] == "opened" and m["order_status"] == "payment_required" and m["total_amount"] == 10
m2 = req("PUT", "/merchant_orders/%d" % m["id"], {"payments": [{"id": 1, "status": "approved", "transaction_amount": 10}], "status": "closed"})
assert m2["order_status"] == "paid" and m2["paid_amount"] == 10, m2
req("GET", "/merchant_orders/%d" % m["id"]); s = req("GET", "/merchant_orders/search?status=closed"); assert s["total"] == 1 and "elements" in s
req("GET", "/merchant_orders/999", expect=404)
# plans & preapproval
pl = req("POST", "/preapproval_plan", {"reason": "gold", "auto_recurring": {"frequency": 1, "frequency_type": "months", "transaction_amount": 10, "currency_id": "BRL"}, "back_url": "https://x.com"})
req("GET", "/preapproval_plan/" + pl["id"]); req("PUT", "/preapproval_plan/" + pl["id"], {"reason": "gold2"})
s = req("GET", "/preapproval_plan/search"); assert "paging" in s and "results" in s
sub = req("POST", "/preapproval", {"preapproval_plan_id": pl["id"], "payer_email": "a@b.com", "card_token_id": card(), "status": "authorized"})
assert sub["status"] == "authorized"
sub = req("PUT", "/preapproval/" + sub["id"], {"status": "paused"}); assert sub["status"] == "paused"
req("PUT", "/preapproval/" + sub["id"], {"status": "pending"}, expect=400)
sub2 = req("POST", "/preapproval", {"reason": "r", "payer_email": "a@b.com", "auto_recurring": {"frequency": 1, "frequency_type": "months", "transaction_amount": 5}})
assert sub2["status"] == "pending"
s = req("GET", "/preapproval/search?status=paused"); assert s["paging"]["total"] == 1, s
inv = req("GET", "/authorized_payments/search?preapproval_id=" + sub["id"]); assert inv["paging"]["total"] == 1, inv
req("GET", "/authorized_payments/%d" % inv["results"][0]["id"]); req("GET", "/authorized_payments/1", expect=404)
req("GET", "/preapproval/nope", expect=404); req("GET", "/preapproval_plan/nope", expect=404)
# chargebacks, users
req("GET", "/v1/chargebacks/123", expect=404); s = req("GET", "/v1/chargebacks/search"); assert s["results"] == []
req("GET", "/users/me")
# oauth
o = req("POST", "/oauth/token", {"grant_type": "authorization_code", "client_id": "123", "client_secret": TOK, "code": "TG-abcdef123", "redirect_uri": "https://x.com"})
assert o["access_token"].startswith("APP_USR-") and o["refresh_token"].startswith("TG-") and o["expires_in"] == 15552000, o
o2 = req("POST", "/oauth/token", {"grant_type": "refresh_token", "client_secret": TOK, "refresh_token": o["refresh_token"]})
e = req("POST", "/oauth/token", {"grant_type": "refresh_token", "client_secret": TOK, "refresh_token": o["refresh_token"]}, expect=400); assert e["error"] == "invalid_grant"
req("POST", "/oauth/token", {"grant_type": "authorization_code", "client_secret": TOK, "code": "bad"}, expect=400)
req("POST", "/oauth/token", {"grant_type": "authorization_code", "code": "TG-abcdef123"}, auth=False, expect=401)
# advanced payments
a = req("POST", "/v1/advanced_payments", {"payments": [{"payment_method_id": "visa", "token": card(), "transaction_amount": 100, "installments": 1}], "disbursements": [{"collector_id": 99, "amount": 60}, {"collector_id": 98, "amount": 40}], "payer": {"email": "a@b.com"}, "capture": False})
assert a["status"] == "authorized"
a = req("PUT", "/v1/advanced_payments/%d" % a["id"], {"capture": True}); assert a["status"] == "approved"
req("GET", "/v1/advanced_payments/%d" % a["id"]); req("GET", "/v1/advanced_payments/search")
req("POST", "/v1/advanced_payments/%d/disburses" % a["id"], {"money_release_date": "2030-01-01T00:00:00.000-04:00"})
r = req("POST", "/v1/advanced_payments/%d/disbursements/%d/refunds" % (a["id"], a["disbursements"][0]["id"]), {"amount": 10})
r = req("POST", "/v1/advanced_payments/%d/refunds" % a["id"], {}); assert len(r) == 2, r
l = req("GET", "/v1/advanced_payments/%d/refunds" % a["id"]); assert isinstance(l, list) and len(l) == 3
a2 = req("POST", "/v1/advanced_payments", {"payments": [{"payment_method_id": "pix", "transaction_amount": 100}], "disbursements": [{"collector_id": 99, "amount": 100}], "capture": False})
req("PUT", "/v1/advanced_payments/%d" % a2["id"], {"status": "cancelled"})
req("GET", "/v1/advanced_payments/1", expect=404)
# orders
o = req("POST", "/v1/orders", {"type": "online", "total_amount": "100.00", "external_reference": "e1", "notification_url": "http://127.0.0.1:9/x", "transactions": {"payments": [{"amount": "100.00", "payment_method": {"id": "visa", "type": "credit_card", "token": card(), "installments": 1}}]}})
assert o["status"] == "processed" and o["status_detail"] == "accredited" and o["transactions"]["payments"][0]["status"] == "processed", o
f = req("POST", "/v1/orders", {"type": "online", "total_amount": "100.00", "transactions": {"payments": [{"amount": "100.00", "payment_method": {"id": "visa", "type": "credit_card", "token": card("OTHE")}}]}}, expect=402)
assert f["errors"][0]["code"] == "failed" and f["data"]["status"] == "failed", f
f = f["data"]
e = req("POST", "/v1/orders/%s/cancel" % f["id"], {}, expect=409); assert "errors" in e
r = req("POST", "/v1/orders/%s/refund" % o["id"], {"transactions": [{"id": o["transactions"]["payments"][0]["id"], "amount": "30.00"}]})
assert r["status"] == "processed" and r["status_detail"] == "partially_refunded", r
r = req("POST", "/v1/orders/%s/refund" % o["id"], {}); assert r["status"] == "refunded", r
mo = req("POST", "/v1/orders", {"type": "online", "processing_mode": "manual", "total_amount": "50.00", "transactions": {"payments": [{"amount": "50.00", "payment_method": {"id": "master", "type": "credit_card", "token": card(number="5031433215406351")}}]}})
assert mo["status"] == "created"
tx = req("POST", "/v1/orders/%s/transactions" % mo["id"], {"payments": [{"amount": "10.00", "payment_method": {"id": "pix", "type": "bank_transfer"}}]})
tid = tx["payments"][0]["id"]
req("PUT", "/v1/orders/%s/transactions/%s" % (mo["id"], tid), {"amount": "20.00"})
req("DELETE", "/v1/orders/%s/transactions/%s" % (mo["id"], tid))
p2 = req("POST", "/v1/orders/%s/process" % mo["id"], {}); assert p2["status"] == "processed", p2
req("POST", "/v1/orders/%s/process" % mo["id"], {}, expect=409)
co = req("POST", "/v1/orders", {"type": "online", "capture_mode": "manual", "total_amount": "50.00", "transactions": {"payments": [{"amount": "50.00", "payment_method": {"id": "visa", "type": "credit_card", "token": card()}}]}})
assert co["status"] == "action_required", co
assert req("POST", "/v1/orders/%s/capture" % co["id"], {})["status"] == "processed"
cc = req("POST", "/v1/orders", {"type": "online", "processing_mode": "manual", "total_amount": "5.00"})
assert req("POST", "/v1/orders/%s/cancel" % cc["id"], {})["status"] == "canceled"
s = req("GET", "/v1/orders?limit=2"); assert isinstance(s["paging"]["total"], str) and len(s["data"]) == 2, s
req("GET", "/v1/orders/" + o["id"]); req("GET", "/v1/orders/ORDNOPE", expect=404)
req("POST", "/v1/orders", {"type": "online", "total_amount": 5}, expect=400)
# point
d = req("GET", "/point/integration-api/devices"); dev = d["devices"][0]["id"]; assert "paging" in d
pi = req("POST", "/point/integration-api/devices/%s/payment-intents" % dev, {"amount": 1500, "additional_info": {"external_reference": "x", "print_on_terminal": True}})
req("GET", "/point/integration-api/payment-intents/" + pi["id"])
assert req("GET", "/point/integration-api/payment-intents/%s/events" % pi["id"])["status"] == "OPEN"
req("DELETE", "/point/integration-api/devices/%s/payment-intents/%s" % (dev, pi["id"]))
ev = req("GET", "/point/integration-api/payment-intents/events?startDate=2020-01-01&endDate=2099-01-01"); assert len(ev["events"]) == 2, ev
req("PATCH", "/point/integration-api/devices/" + dev, {"operating_mode": "STANDALONE"})
req("GET", "/point/integration-api/payment-intents/nope", expect=404)
# stores / pos / qr
st = req("POST", "/users/%d/stores" % C, {"name": "S1", "external_id": "S1", "location": {"street_number": "1", "street_name": "x", "city_name": "y", "state_name": "z", "latitude": 1, "longitude": 2}})
req("GET", "/stores/" + st["id"]); req("PUT", "/users/%d/stores/%s" % (C, st["id"]), {"name": "S2"})
assert req("GET", "/users/%d/stores/search?external_id=S1" % C)["paging"]["total"] == 1
pos = req("POST", "/pos", {"name": "P1", "fixed_amount": True, "store_id": st["id"], "external_store_id": "S1", "external_id": "POS1", "category": 621102})
req("GET", "/pos/%d" % pos["id"]); req("PUT", "/pos/%d" % pos["id"], {"name": "P2"}); assert req("GET", "/pos?external_id=POS1")["paging"]["total"] == 1
qr = "/instore/qr/seller/collectors/%d/pos/POS1/orders" % C
req("PUT", qr, {"external_reference": "x", "title": "t", "description": "d", "total_amount": 10, "items": [{"title": "a", "unit_price": 10, "quantity": 1, "unit_measure": "unit", "total_amount": 10}]})
req("GET", qr); req("DELETE", qr); req("GET", qr, expect=404)
req("DELETE", "/pos/%d" % pos["id"]); req("DELETE", "/users/%d/stores/%s" % (C, st["id"])); req("GET", "/stores/" + st["id"], expect=404)
req("GET", "/pos/1", expect=404)
# test users, installments
t = req("POST", "/users/test_user", {"site_id": "MLB"}); assert t["site_status"] == "active" and t["email"].endswith("@testuser.com")
i = req("GET", "/v1/payment_methods/installments?amount=100&bin=423564"); assert i[0]["payer_costs"][0]["installments"] == 1, i
i = req("GET", "/v1/payment_methods/installments?amount=100&payment_method_id=master"); assert i and i[0]["issuer"]["id"] == "24" and i[0]["payment_method_id"] == "master", i
req("GET", "/v1/payment_methods/installments?bin=423564", expect=400)
# 401 everywhere
for m, path in [("GET", "/checkout/preferences/x"), ("POST", "/checkout/preferences"), ("GET", "/merchant_orders/search"), ("GET", "/preapproval/search"), ("GET", "/preapproval_plan/x"), ("GET", "/authorized_payments/1"), ("GET", "/v1/chargebacks/search"), ("POST", "/oauth/token"), ("GET", "/v1/advanced_payments/1"), ("GET", "/v1/orders"), ("POST", "/v1/orders/x/refund"), ("GET", "/point/integration-api/devices"), ("GET", "/stores/1"), ("GET", "/pos"), ("GET", qr), ("POST", "/users/test_user"), ("GET", "/v1/payment_methods/installments?amount=1&bin=423564")]:
    req(m, path, {} if m != "GET" else None, auth=False, expect=401)
print("fails:", fails)
if proc:
    proc.terminate()
    proc.wait(10)
sys.exit(1 if fails else 0)
