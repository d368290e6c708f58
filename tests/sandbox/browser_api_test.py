"""The sandbox's browser-facing API, as MercadoPago.js (and so a page) uses it: literal requests.

- CORS on the public-key routes only: a preflight gets 204 with Access-Control-Allow-Origin/
  Methods/Headers/Max-Age, actual answers (errors too) carry Access-Control-Allow-Origin; routes
  that take the access token get none, and their preflight is refused.
- A page's request (Origin) carrying the access token is refused: 403 "forbidden", cause
  access_token_in_browser (the docs: the access token never goes on the public side; the public
  key is the front end's credential).
- GET /v1/payment_methods/search?public_key=&bins= ({paging, results}), GET
  /v1/payment_methods/card_issuers, PUT /v1/card_tokens/{id} (updateCardToken), the script's
  js_version/locale/referer/processing_mode parameters, a token posted as text/plain (Secure
  Fields), public keys of an account following its site.
- GET /js/v2 and /secure-fields/{field}: the embedded web files, their types and cache headers.
Sources: the HTTP calls MercadoPago.js v2 is known to make; sdk-js issue #21 (the script's search request and its
parameters); the developer docs' credentials page.
"""
import sys

from sandbox_http import Sandbox

sb = Sandbox(sys.argv[1])
PAGE = "http://127.0.0.1:18090"
JS = "&locale=es-AR&js_version=2.0.0&referer=" + "http%3A%2F%2F127.0.0.1%3A18090"

acc = sb.expect(sb.call("POST", "/__sandbox/accounts", '{"site_id": "MLA"}', token=None), 201,
                "an MLA account")
pk, tok = acc["test"]["public_key"], acc["test"]["access_token"]
mlb = sb.call("POST", "/__sandbox/accounts", '{"site_id": "MLB"}', token=None).json
mlb_pk = mlb["test"]["public_key"]


def page(method, path, body=None, headers=(), **kw):
    """A request as a page's script sends it: with Origin, without Authorization."""
    return sb.call(method, path, body, headers=[("Origin", PAGE)] + list(headers), token=None,
                   key=False, **kw)


# --- Preflights ---------------------------------------------------------------------------------
for method, path in (("POST", "/v1/card_tokens?public_key=" + pk),
                     ("PUT", "/v1/card_tokens/abc?public_key=" + pk),
                     ("GET", "/v1/payment_methods/search?public_key=" + pk),
                     ("GET", "/v1/identification_types?public_key=" + pk)):
    r = sb.call("OPTIONS", path, headers=[("Origin", PAGE), ("Access-Control-Request-Method",
                                                            method),
                                          ("Access-Control-Request-Headers", "content-type")],
                token=None)
    sb.check(r.status == 204, "preflight of %s %s is 204" % (method, path.split("?")[0]), r)
    sb.check(r.header("Access-Control-Allow-Origin") == PAGE, "  allows the page's origin")
    sb.check(method in (r.header("Access-Control-Allow-Methods") or ""), "  allows " + method)
    sb.check("content-type" in (r.header("Access-Control-Allow-Headers") or "").lower(),
             "  allows Content-Type")
    sb.check("authorization" not in (r.header("Access-Control-Allow-Headers") or "").lower(),
             "  never allows Authorization")
    sb.check(r.header("Access-Control-Max-Age") == "600", "  Max-Age 600")

r = sb.call("OPTIONS", "/v1/card_tokens?public_key=" + pk,
            headers=[("Origin", "https://shop.example"), ("Access-Control-Request-Method", "POST"),
                     ("Access-Control-Request-Private-Network", "true")], token=None)
sb.check(r.status == 204 and r.header("Access-Control-Allow-Private-Network") == "true",
         "a Private Network Access preflight is allowed", r)
r = sb.call("OPTIONS", "/v1/card_tokens?public_key=" + pk,
            headers=[("Origin", PAGE), ("Access-Control-Request-Method", "POST"),
                     ("Access-Control-Request-Headers", "authorization,content-type")], token=None)
sb.check(r.status == 403 and r.header("Access-Control-Allow-Origin") is None
         and r.json["cause"][0]["code"] == "access_token_in_browser",
         "a preflight asking to send Authorization is refused, without CORS", r)
r = sb.call("OPTIONS", "/v1/payments", headers=[("Origin", PAGE),
                                                ("Access-Control-Request-Method", "POST")],
            token=None)
sb.check(r.status == 403 and r.header("Access-Control-Allow-Origin") is None,
         "a preflight of an access-token route (POST /v1/payments) is refused", r)
r = sb.call("OPTIONS", "/v1/nothing", headers=[("Origin", PAGE),
                                               ("Access-Control-Request-Method", "GET")],
            token=None)
sb.check(r.status == 404, "a preflight of an unknown path is 404", r)

# --- The access token from a page ----------------------------------------------------------------
r = sb.call("POST", "/v1/payments", '{"transaction_amount": 10}', headers=[("Origin", PAGE)],
            token=tok)
e = sb.expect(r, 403, "a page's POST /v1/payments with the access token is refused")
sb.check(e and e["error"] == "forbidden" and e["cause"][0]["code"] == "access_token_in_browser",
         "  forbidden, cause access_token_in_browser", r)
sb.check(tok not in r.text, "  the answer does not quote the token")
sb.check(r.header("Access-Control-Allow-Origin") is None, "  and carries no CORS header")
r = sb.call("GET", "/v1/identification_types", headers=[("Origin", PAGE)], token=tok)
sb.expect(r, 403, "a page's public-key route with the access token is refused too")
sb.check(r.header("Access-Control-Allow-Origin") is None, "  without CORS headers either")
sb.expect(sb.call("GET", "/v1/identification_types", token=tok), 200,
          "the same request from a server (no Origin) is served")

# --- Actual answers carry Access-Control-Allow-Origin ---------------------------------------------
r = page("GET", "/v1/identification_types?public_key=" + pk + JS)
types = sb.expect(r, 200, "identification types with the script's parameters")
sb.check(r.header("Access-Control-Allow-Origin") == PAGE, "  with Access-Control-Allow-Origin")
sb.check(types and [t["id"] for t in types][:1] == ["DNI"], "  of the key's account's site (MLA)")
r = page("GET", "/v1/identification_types?public_key=TEST-x")
sb.check(r.status == 401 and r.header("Access-Control-Allow-Origin") == PAGE,
         "a public-key route's error carries Access-Control-Allow-Origin too", r)
r = sb.call("GET", "/v1/payments/search", headers=[("Origin", PAGE)], token=None)
sb.check(r.header("Access-Control-Allow-Origin") is None,
         "an access-token route never carries Access-Control-Allow-Origin", r)

# --- Payment method search -----------------------------------------------------------------------
r = page("GET", "/v1/payment_methods/search?public_key=%s&bins=45099535%s&marketplace=NONE"
         "&status=active&processing_mode=aggregator" % (pk, JS))
body = sb.expect(r, 200, "search by BIN (MLA visa)")
sb.check(body and set(body) == {"paging", "results"} and body["paging"]["total"] == 1,
         "  {paging, results} with one result", r)
m = body["results"][0] if body and body["results"] else {}
sb.check(m.get("id") == "visa" and m.get("payment_type_id") == "credit_card", "  visa, credit")
s = (m.get("settings") or [{}])[0]
sb.check(s.get("card_number", {}).get("length") == 16 and s.get("security_code", {}).get("length")
         == 3 and "pattern" in s.get("bin", {}), "  settings: card_number, security_code, bin")
sb.check(set(m.get("issuer", {})) >= {"id", "name", "default"}, "  issuer {id, name, default}")
for field in ("additional_info_needed", "processing_mode", "payer_costs", "financing_deals",
              "bins", "secure_thumbnail", "thumbnail", "status", "name"):
    sb.check(field in m, "  has " + field)
body = page("GET", "/v1/payment_methods/search?public_key=%s&bins=37118030" % pk).json
sb.check(body["results"][0]["id"] == "amex" and
         body["results"][0]["settings"][0]["security_code"]["length"] == 4, "amex: 4-digit code")
body = page("GET", "/v1/payment_methods/search?public_key=%s&bins=50677667" % mlb_pk).json
sb.check(body["results"][0]["id"] == "debelo",
         "MLB 506776 is debelo (the most specific method), as the token gets", body)
body = page("GET", "/v1/payment_methods/search?public_key=%s&bins=99999999" % pk).json
sb.check(body == {"paging": {"total": 0, "limit": 30, "offset": 0}, "results": []},
         "an unknown BIN: an empty page", body)
body = page("GET", "/v1/payment_methods/search?public_key=%s&marketplace=NONE&status=active"
            "&limit=1" % pk).json
sb.check(body["paging"]["limit"] == 1 and len(body["results"]) == 1 and
         body["paging"]["total"] > 1, "without a BIN: every method, paged (the script's limit=1)")
sb.expect(page("GET", "/v1/payment_methods/search?public_key=%s&bins=12ab" % pk), 400,
          "a malformed BIN is a 400")
sb.expect(page("GET", "/v1/payment_methods/search?bins=45099535"), 401,
          "search without a public key is 401")

# --- Card issuers --------------------------------------------------------------------------------
r = page("GET", "/v1/payment_methods/card_issuers?public_key=%s&payment_method_id=visa&bin=45099535"
         % pk + JS)
issuers = sb.expect(r, 200, "card issuers of visa")
sb.check(isinstance(issuers, list) and len(issuers) == 1 and
         set(issuers[0]) >= {"id", "name", "thumbnail", "secure_thumbnail", "processing_mode"},
         "  [{id, name, thumbnail, secure_thumbnail, processing_mode}]", r)
sb.check(r.header("Access-Control-Allow-Origin") == PAGE, "  with Access-Control-Allow-Origin")
sb.check(page("GET", "/v1/payment_methods/card_issuers?public_key=%s&payment_method_id=master"
              "&bin=45099535" % pk).json == [], "a BIN of another method: no issuers")
sb.expect(page("GET", "/v1/payment_methods/card_issuers?public_key=%s" % pk), 400,
          "card issuers without payment_method_id is 400")
sb.expect(page("GET", "/v1/payment_methods/card_issuers?public_key=%s&payment_method_id=nope"
               % pk), 400, "an unknown payment method is 400")

# --- Card tokens: text/plain (Secure Fields), updateCardToken ------------------------------------
card = ('{"card_number":"4509953566233704","expiration_month":11,"expiration_year":2030,'
        '"security_code":"123","cardholder":{"name":"APRO","identification":{"type":"DNI",'
        '"number":"12345678"}}}')
r = page("POST", "/v1/card_tokens?public_key=" + pk + JS, card,
         headers=[("Content-Type", "text/plain;charset=UTF-8"), ("X-Product-Id", "sandbox")])
t = sb.expect(r, 201, "a token posted as text/plain;charset=UTF-8, as Secure Fields post it")
sb.check(r.header("Access-Control-Allow-Origin") == PAGE, "  with Access-Control-Allow-Origin")
sb.check("4509953566233704" not in r.text, "  the answer never holds the card number")
r = page("PUT", "/v1/card_tokens/%s?public_key=%s" % (t["id"], pk) + JS,
         '{"security_code":"456","expiration_month":12,"expiration_year":2031}')
u = sb.expect(r, 200, "updateCardToken: PUT /v1/card_tokens/{id}")
sb.check(u and u["id"] == t["id"] and u["expiration_month"] == 12 and
         u["expiration_year"] == 2031 and u["last_four_digits"] == "3704", "  the same token, updated")
sb.check(r.header("Access-Control-Allow-Origin") == PAGE, "  with Access-Control-Allow-Origin")
sb.expect(page("PUT", "/v1/card_tokens/%s?public_key=%s" % (t["id"], pk), '{"security_code":"12"}'),
          400, "a security code of the wrong length is 400")
sb.expect(page("PUT", "/v1/card_tokens/%s?public_key=%s" % (t["id"], pk),
               '{"expiration_month":1,"expiration_year":2020}'), 400, "an expired date is 400")
sb.expect(page("PUT", "/v1/card_tokens/nope?public_key=%s" % pk, '{"security_code":"123"}'), 404,
          "an unknown token is 404")
r = sb.call("POST", "/v1/payments", {"transaction_amount": 100, "token": t["id"],
                                     "installments": 1, "payment_method_id": "visa",
                                     "payer": {"email": "test_user_1@testuser.com"}}, token=tok)
p = sb.expect(r, 201, "the updated token pays, with the account's access token")
sb.check(p and p["status"] == "approved" and p["currency_id"] == "ARS",
         "  approved, in the account's currency", r)

# --- Production keys: the same routes, over the account's production data ----------------------
prod_pk, prod_tok = acc["production"]["public_key"], acc["production"]["access_token"]
body = page("GET", "/v1/payment_methods/search?public_key=%s&bins=45099535" % prod_pk).json
sb.check(body and body["results"][0]["id"] == "visa", "search with the production public key", body)
r = page("POST", "/v1/card_tokens?public_key=" + prod_pk, card,
         headers=[("Content-Type", "text/plain;charset=UTF-8")])
live = sb.expect(r, 201, "a production token, posted as text/plain")
sb.check(live and live["live_mode"] is True, "  live_mode")
sb.expect(page("PUT", "/v1/card_tokens/%s?public_key=%s" % (live["id"], prod_pk),
               '{"security_code":"789"}'), 200, "updateCardToken with the production key")
sb.expect(page("PUT", "/v1/card_tokens/%s?public_key=%s" % (live["id"], pk),
               '{"security_code":"789"}'), 404, "a production token is unknown to the test key")

# --- The Status Screen Brick's read: the key's account's payment, nothing about the payer -------
r = page("GET", "/bricks/status_screen/%d?public_key=%s" % (p["id"], pk) + JS)
st = sb.expect(r, 200, "the Status Screen read of the account's payment, with its public key")
sb.check(st and st["status"] == "approved" and st["status_detail"] == "accredited" and
         st["last_four_digits"] == "3704" and "payer" not in st and "test_user_1" not in r.text,
         "  status, detail, card's last four; nothing about the payer", r)
sb.check(r.header("Access-Control-Allow-Origin") == PAGE, "  with Access-Control-Allow-Origin")
sb.expect(page("GET", "/bricks/status_screen/%d?public_key=%s" % (p["id"], mlb_pk)), 404,
          "another account's public key does not see it (404)")
sb.expect(page("GET", "/bricks/status_screen/%d" % p["id"]), 401, "without a public key: 401")

# --- The web files -------------------------------------------------------------------------------
r = sb.call("GET", "/js/v2", token=None)
sb.expect(r, 200, "GET /js/v2 serves the script")
sb.check((r.header("Content-Type") or "").startswith("application/javascript"),
         "  as application/javascript", r.header("Content-Type"))
sb.check(r.header("Cache-Control") == "no-store", "  never cached")
sb.check("__MP_SANDBOX_ORIGIN__" not in r.text and sb.url in r.text,
         "  naming the origin that served it (%s)" % sb.url)
sb.expect(sb.call("GET", "/js/v2/?x=1", token=None), 200, "/js/v2/ with a query serves it too")
for field in ("cardNumber", "securityCode", "expirationDate", "expirationMonth",
              "expirationYear"):
    r = sb.call("GET", "/secure-fields/" + field, token=None)
    sb.check(r.status == 200 and (r.header("Content-Type") or "").startswith("text/html") and
             r.header("Cache-Control") == "no-store", "secure field page " + field, r)
sb.expect(sb.call("GET", "/secure-fields/cardholderName", token=None), 404,
          "no secure field page for a field that is not secure")

sys.exit(sb.finish())
