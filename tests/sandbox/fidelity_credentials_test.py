"""Credentials as the product describes them: each account has a test pair and a production pair
(public key + access token); renewing a pair makes the old one answer 401; test credentials never
see production data and vice versa; GET /users/me answers the account as the real API does.

Sources: the developer docs' credentials page (public key TEST-<uuid>/APP_USR-<uuid>, access token
TEST-/APP_USR-<app id>-<6 digits>-<32 hex>-<user id>; "renew" revokes the old pair), the API's
401 envelope (sdk-php #118, invalid token: "invalid access token"), and the users reference
(GET /users/me, developers.mercadolibre "Consultas sobre el usuario").
"""
import re
import sys

from sandbox_http import Sandbox

PUBLIC_KEY = re.compile(r"^(TEST|APP_USR)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ACCESS_TOKEN = re.compile(r"^(TEST|APP_USR)-\d{16}-\d{6}-[0-9a-f]{32}-(\d+)$")

sb = Sandbox(sys.argv[1])


def card(pk, number="4509953566233704"):
    body = ('{"card_number": "%s", "expiration_month": 11, "expiration_year": 2030,'
            ' "security_code": "123", "cardholder": {"name": "APRO"}}' % number)
    return sb.call("POST", "/v1/card_tokens?public_key=" + pk, body, token=None)


def pay(tok, card_token):
    body = ('{"transaction_amount": 100, "token": "%s", "description": "Test", "installments": 1,'
            ' "payment_method_id": "visa", "payer": {"email": "test_user_123@testuser.com"}}'
            % card_token)
    return sb.call("POST", "/v1/payments", body, token=tok)


# --- An account and its two pairs ------------------------------------------------------------
acc = sb.expect(sb.call("POST", "/__sandbox/accounts", '{"site_id": "MLA"}', token=None), 201,
                "account created")
uid = acc["id"]
for mode, prefix in (("test", "TEST-"), ("production", "APP_USR-")):
    pair = acc[mode]
    sb.check(PUBLIC_KEY.match(pair["public_key"]) and pair["public_key"].startswith(prefix),
             mode + " public key is " + prefix + "<uuid>", pair["public_key"])
    m = ACCESS_TOKEN.match(pair["access_token"])
    sb.check(m and pair["access_token"].startswith(prefix) and int(m.group(2)) == uid,
             mode + " access token is " + prefix + "<16>-<6>-<32 hex>-<user id>")
sb.check(acc["site_id"] == "MLA", "account site", acc["site_id"])
got = sb.expect(sb.call("GET", "/__sandbox/accounts/%d" % uid, token=None), 200, "account read")
sb.check(got == acc, "account read back unchanged")
sb.expect(sb.call("GET", "/__sandbox/accounts/1", token=None), 404, "unknown account 404")
e = sb.expect(sb.call("POST", "/__sandbox/accounts", '{"site_id": "XXX"}', token=None), 400,
              "unknown site 400")

test_tok, test_pk = acc["test"]["access_token"], acc["test"]["public_key"]
prod_tok, prod_pk = acc["production"]["access_token"], acc["production"]["public_key"]

# Both pairs work, in the account's site.
for tok in (test_tok, prod_tok):
    me = sb.expect(sb.call("GET", "/users/me", token=tok), 200, "users/me with " + tok[:4])
    sb.check(me and me["id"] == uid and me["site_id"] == "MLA" and me["country_id"] == "AR",
             "users/me is the account, in its site")
ids = [m["id"] for m in sb.call("GET", "/v1/payment_methods?public_key=" + test_pk, token=None).json]
sb.check("rapipago" in ids, "the test public key acts in the account's site")

# An issued account accepts only its own credentials: a made-up token ending in its id is 401.
fake = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-%d" % uid
e = sb.expect(sb.call("GET", "/users/me", token=fake), 401, "made-up token of an issued account 401")
sb.check(e and e["error"] == "unauthorized" and e["status"] == 401 and
         e["message"] == "invalid access token", "401 envelope", e)
# A collector the sandbox never issued credentials for accepts any well-shaped token.
sb.expect(sb.call("GET", "/users/me"), 200, "unknown collectors keep accepting any token")

# --- Test and production data are apart --------------------------------------------------------
t = sb.expect(card(test_pk), 201, "card token with the test public key")
p_test = sb.expect(pay(test_tok, t["id"]), 201, "payment with the test pair")
sb.check(p_test["live_mode"] is False and p_test["collector_id"] == uid, "test payment: live_mode false",
         p_test["live_mode"])
t2 = sb.expect(card(prod_pk), 201, "card token with the production public key")
p_prod = sb.expect(pay(prod_tok, t2["id"]), 201, "payment with the production pair")
sb.check(p_prod["live_mode"] is True and p_prod["id"] != p_test["id"],
         "production payment: live_mode true, its own id")
sb.expect(sb.call("GET", "/v1/payments/%d" % p_test["id"], token=prod_tok), 404,
          "production credentials do not see a test payment")
sb.expect(sb.call("GET", "/v1/payments/%d" % p_prod["id"], token=test_tok), 404,
          "test credentials do not see a production payment")
sb.expect(sb.call("GET", "/v1/payments/%d" % p_test["id"], token=test_tok), 200,
          "test credentials see their payment")
s = sb.call("GET", "/v1/payments/search", token=test_tok).json
sb.check([r["id"] for r in s["results"]] == [p_test["id"]], "test search holds test payments only", s["paging"])
s = sb.call("GET", "/v1/payments/search", token=prod_tok).json
sb.check([r["id"] for r in s["results"]] == [p_prod["id"]], "production search holds production only")
# A card token made with one mode's key is unknown to the other mode.
t3 = sb.expect(card(test_pk), 201, "another test card token")
e = sb.expect(pay(prod_tok, t3["id"]), 400, "a test card token is unknown to production")
# Customers too.
c = sb.expect(sb.call("POST", "/v1/customers", '{"email": "c@testuser.com"}', token=test_tok), 201,
              "test customer")
sb.expect(sb.call("GET", "/v1/customers/" + c["id"], token=prod_tok), 404, "production: no test customer")
s = sb.call("GET", "/v1/customers/search", token=prod_tok).json
sb.check(s["paging"]["total"] == 0, "production customer search is empty", s["paging"])
# Same idempotency key in both modes: two payments, never the other mode's replay.
k = [("X-Idempotency-Key", "same-key-both-modes")]
a = sb.call("POST", "/v1/payments", '{"transaction_amount": 5, "installments": 1, "payment_method_id": "rapipago", "payer": {"email": "a@testuser.com"}}', headers=k, token=test_tok)
b = sb.call("POST", "/v1/payments", '{"transaction_amount": 5, "installments": 1, "payment_method_id": "rapipago", "payer": {"email": "a@testuser.com"}}', headers=k, token=prod_tok)
sb.check(a.status == 201 and b.status == 201 and a.json["id"] != b.json["id"] and b.json["live_mode"],
         "one idempotency key per mode", (a, b))

# --- Renewal ---------------------------------------------------------------------------------
r = sb.expect(sb.call("POST", "/__sandbox/credentials/renew", '{"access_token": "%s"}' % test_tok,
                      token=None), 200, "renew the test pair")
new_tok, new_pk = r["test"]["access_token"], r["test"]["public_key"]
sb.check(new_tok != test_tok and new_pk != test_pk and ACCESS_TOKEN.match(new_tok) and
         PUBLIC_KEY.match(new_pk), "a new test pair")
sb.check(r["production"] == acc["production"], "the production pair is untouched")
e = sb.expect(sb.call("GET", "/users/me", token=test_tok), 401, "old test access token 401")
sb.check(e and e["message"] == "invalid access token" and e["error"] == "unauthorized", "401 envelope", e)
sb.expect(sb.call("GET", "/v1/payments/%d" % p_test["id"], token=test_tok), 401, "old token: payments 401")
sb.expect(card(test_pk), 401, "old test public key 401")
sb.expect(sb.call("GET", "/v1/payment_methods?public_key=" + test_pk, token=None), 401,
          "old public key 401 on payment methods")
sb.expect(sb.call("GET", "/v1/payments/%d" % p_test["id"], token=new_tok), 200,
          "the new test token sees the same test data")
t4 = sb.expect(card(new_pk), 201, "the new public key tokenizes")
sb.expect(pay(new_tok, t4["id"]), 201, "the new pair pays")
sb.expect(sb.call("GET", "/users/me", token=prod_tok), 200, "production pair still works")
sb.expect(sb.call("POST", "/__sandbox/credentials/renew", '{"access_token": "%s"}' % test_tok,
                  token=None), 404, "an old pair cannot be renewed again")
r = sb.expect(sb.call("POST", "/__sandbox/credentials/renew",
                      '{"user_id": %d, "mode": "production"}' % uid, token=None), 200,
              "renew the production pair by user id")
sb.expect(sb.call("GET", "/users/me", token=prod_tok), 401, "old production token 401")
sb.expect(sb.call("GET", "/users/me", token=r["production"]["access_token"]), 200, "new production token")
sb.expect(sb.call("POST", "/__sandbox/credentials/renew", '{"user_id": 1}', token=None), 404,
          "renewing an unknown account 404")
sb.expect(sb.call("POST", "/__sandbox/credentials/renew", '{}', token=None), 400, "renew without a pair 400")

# A test user gets credentials issued by renewal; from then on only those work.
user = sb.call("POST", "/users/test_user", '{"site_id": "MCO"}').json
loose = "APP_USR-FAKE-ACCESS-TOKEN-FOR-TESTS-%d" % user["id"]
sb.expect(sb.call("GET", "/users/me", token=loose), 200, "a test user accepts any token ending in its id")
r = sb.expect(sb.call("POST", "/__sandbox/credentials/renew", '{"user_id": %d, "mode": "test"}' % user["id"],
                      token=None), 200, "issue a test user's credentials")
sb.check(r["site_id"] == "MCO" and r["production"] is not None, "both pairs issued, site kept")
sb.expect(sb.call("GET", "/users/me", token=loose), 401, "then a made-up token is 401")
me = sb.expect(sb.call("GET", "/users/me", token=r["production"]["access_token"]), 200, "its production pair works")
sb.check(me and me["site_id"] == "MCO" and me["country_id"] == "CO", "test user in its site", me)

# --- GET /users/me: the real answer's fields (users reference, test-user sample) ----------------
FIELDS = ["id", "nickname", "registration_date", "first_name", "last_name", "country_id", "email",
          "identification", "address", "phone", "alternative_phone", "user_type", "tags", "logo",
          "points", "site_id", "permalink", "seller_experience", "seller_reputation",
          "buyer_reputation", "status", "secure_email", "company", "credit", "context",
          "registration_identifiers"]
me = sb.expect(sb.call("GET", "/users/me", token=r["production"]["access_token"]), 200, "users/me")
missing = [f for f in FIELDS if f not in me]
sb.check(not missing, "users/me has the documented fields", missing)
sb.check(me["status"]["site_status"] == "active" and me["identification"]["type"] == "CC" and
         me["address"]["state"].startswith("CO-") and "test_user" in me["tags"] and
         me["permalink"].startswith("http://perfil.mercadolibre.com.co/"),
         "users/me in the account's country", me)
sb.check(set(me["seller_reputation"]) >= {"level_id", "power_seller_status", "transactions"} and
         me["buyer_reputation"]["tags"] == [] and set(me["phone"]) == {"area_code", "extension", "number", "verified"},
         "users/me reputations and phone shapes")
sb.check(me["registration_date"][10] == "T" and isinstance(me["points"], int), "users/me dates and points")
me = sb.call("GET", "/users/me").json
sb.check(me["site_id"] == "MLB" and me["country_id"] == "BR" and me["identification"]["type"] == "CPF",
         "users/me of an unregistered collector is MLB's", me)

sys.exit(sb.finish())
