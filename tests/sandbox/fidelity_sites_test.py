"""Sites: the account's site decides currency, payment methods, identification types, issuers,
installments and test cards (MLA, MLB, MLM, MLC, MCO, MPE, MLU); MLB is the default.

The site is the test user's (POST /users/test_user {"site_id"}: any well-shaped token ending in
its id acts as that user) or, for every other account, the sandbox's --site.
Sources: the developer docs' test-cards page (cards and documents per site), the "document types" page (devsite-docs
guides/resources/document-types.*.md) and the payment-methods reference.
"""
import subprocess
import sys

from sandbox_http import Sandbox

# site -> (currency, credit card (visa), debit card and its method id, document, local methods,
#          identification type ids)
SITES = {
    "MLA": ("ARS", "4509953566233704", ("4002768694395619", "debvisa"), ("DNI", "12345678"),
            ["rapipago", "pagofacil"], ["DNI", "CI", "LC", "LE", "Otro"]),
    "MLB": ("BRL", "4235647728025682", ("5067766783888311", "debelo"), ("CPF", "12345678909"),
            ["pix", "bolbradesco"], ["CPF", "CNPJ"]),
    "MLM": ("MXN", "4075595716483764", ("5579053461482647", "debmaster"), None,
            ["oxxo"], []),
    "MLC": ("CLP", "4168818844447115", ("4023653523914373", "debvisa"), ("Otro", "123456789"),
            ["servipag", "webpay"], ["RUT", "Otro"]),
    "MCO": ("COP", "4013540682746260", ("4915112055246507", "debvisa"), ("CC", "123456789"),
            ["pse", "efecty"], ["CC", "CE", "NIT", "Otro"]),
    "MPE": ("PEN", "4009175332806176", ("5178781622202455", "debmaster"), ("DNI", "123456789"),
            ["pagoefectivo_atm"], ["DNI", "CE", "RUC"]),
    "MLU": ("UYU", "4509953566233704", ("4213016314706756", "debvisa"), ("CI", "12345678"),
            ["abitab", "redpagos"], ["CI", "Otro"]),
}
# Each site's credit brands: the test cards' Mastercard and Amex must infer to these.
MASTER = {"MLA": "5031755734530604", "MLB": "5031433215406351", "MLM": "5474925432670366",
          "MLC": "5416752602582580", "MCO": "5254133674403564", "MPE": "5031755734530604",
          "MLU": "5031755734530604"}
AMEX = {"MLA": "371180303257522", "MLB": "375365153556885", "MLC": "375778174461804",
        "MCO": "374378187755283", "MPE": "371180303257522"}


def token_for(user_id):
    return "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-%d" % user_id


def card_token(sb, tok, number, name="APRO", doc=None):
    body = {"card_number": number, "expiration_month": 11, "expiration_year": 2030,
            "security_code": "1234" if number.startswith("3") else "123",
            "cardholder": {"name": name}}
    if doc:
        body["cardholder"]["identification"] = {"type": doc[0], "number": doc[1]}
    return sb.call("POST", "/v1/card_tokens", body, token=tok)


sb = Sandbox(sys.argv[1])

for site, (currency, visa, (debit, debit_id), doc, local, id_types) in SITES.items():
    # POST /users/test_user {"site_id": "MLA"}: the documented body (developer docs, test users).
    user = sb.expect(sb.call("POST", "/users/test_user", '{"site_id": "%s"}' % site), 201,
                     site + " test user created")
    tok = token_for(user["id"])

    methods = sb.expect(sb.call("GET", "/v1/payment_methods", token=tok), 200,
                        site + " payment methods")
    ids = [m["id"] for m in methods]
    for wanted in ["visa", "master", debit_id, "account_money"] + local:
        sb.check(wanted in ids, "%s lists %s" % (site, wanted), ids)
    other_local = [m for s, v in SITES.items() if s != site for m in v[4]]
    sb.check(not set(other_local) & set(ids), site + " lists no other site's local methods", ids)

    types = sb.expect(sb.call("GET", "/v1/identification_types", token=tok), 200,
                      site + " identification types")
    sb.check([t["id"] for t in types] == id_types, site + " identification types are the documented ones",
             types)

    # The public key path (front-end tokenization) sees the same site.
    pk = "TEST-%d" % user["id"]
    by_key = sb.expect(sb.call("GET", "/v1/payment_methods?public_key=" + pk, token=None), 200,
                       site + " payment methods by public key")
    sb.check([m["id"] for m in by_key or []] == ids, site + " same list by public key")

    # The test cards infer the site's brands.
    t = sb.expect(card_token(sb, tok, visa, doc=doc), 201, site + " visa test card tokenized")
    for number, method in ([(debit, debit_id), (MASTER[site], "master")] +
                           ([(AMEX[site], "amex")] if site in AMEX else [])):
        r = sb.expect(card_token(sb, tok, number), 201, "%s %s test card tokenized" % (site, method))
        if r:
            amount = sb.call("GET", "/v1/payment_methods/installments?amount=100&bin=" + number[:6],
                             token=tok).json
            sb.check(amount and amount[0]["payment_method_id"] == method,
                     "%s BIN %s infers %s" % (site, number[:6], method), amount)

    # A test-card payment in the site's currency (the docs' example body, APRO approves).
    body = ('{"transaction_amount": 100, "token": "%s", "description": "Test", "installments": 1,'
            ' "payment_method_id": "visa", "payer": {"email": "test_user_123@testuser.com"}}'
            % (t or {}).get("id"))
    p = sb.expect(sb.call("POST", "/v1/payments", body, token=tok), 201, site + " payment created")
    if p:
        sb.check(p["status"] == "approved" and p["currency_id"] == currency,
                 "%s payment approved in %s" % (site, currency), (p["status"], p["currency_id"]))

    # A local method of the site is a valid payment_method_id; another site's is not (3011).
    if local[0] != "pix":
        # (installments sent: whether non-card payments may omit it is another check's business)
        body = ('{"transaction_amount": 100, "installments": 1, "payment_method_id": "%s", "payer": {"email":'
                ' "test_user_123@testuser.com", "identification": {"type": "%s", "number": "%s"}}}'
                % (local[0], (doc or ("", ""))[0], (doc or ("", ""))[1]))
        p = sb.expect(sb.call("POST", "/v1/payments", body, token=tok), 201,
                      "%s %s payment created" % (site, local[0]))
        if p:
            sb.check(p["status"] == "pending" and p["currency_id"] == currency,
                     "%s %s payment pending in %s" % (site, local[0], currency), p["status"])
    foreign = "oxxo" if site != "MLM" else "pix"
    r = sb.call("POST", "/v1/payments", '{"transaction_amount": 100, "installments": 1,'
                ' "payment_method_id": "%s", "payer": {"email": "test_user_123@testuser.com"}}' % foreign, token=tok)
    e = sb.expect(r, 400, "%s refuses %s" % (site, foreign))
    sb.check(e and e["cause"][0]["code"] == 3011, site + " unknown method is cause 3011", e)

    # Installments: GET /v1/payment_methods/installments?amount=&bin= (installments reference).
    inst = sb.expect(sb.call("GET", "/v1/payment_methods/installments?amount=100&bin=" + visa[:6],
                             token=tok), 200, site + " installments")
    if inst:
        costs = inst[0]["payer_costs"]
        sb.check(inst[0]["payment_method_id"] == "visa" and inst[0]["issuer"]["id"] is not None
                 and [c["installments"] for c in costs][:3] == [1, 2, 3],
                 site + " installments for visa with an issuer", inst[0])
        word = "parcela" if site == "MLB" else "cuota"
        sb.check(word in costs[0]["recommended_message"], site + " installment wording", costs[0])

    # Checkout Pro and the Orders API take the site's currency.
    pref = sb.expect(sb.call("POST", "/checkout/preferences",
                             '{"items": [{"title": "Item", "quantity": 1, "unit_price": 10}]}',
                             token=tok), 201, site + " preference created")
    if pref:
        sb.check(pref["items"][0]["currency_id"] == currency and pref["site_id"] == site,
                 site + " preference currency and site", pref["items"][0])
    # The Orders API too: a card order with the site's test card, in the site's currency
    # (Orders API reference, "Create order": total_amount and amount are decimal strings).
    t2 = sb.expect(card_token(sb, tok, visa, doc=doc), 201, site + " visa tokenized for an order")
    order = sb.expect(sb.call("POST", "/v1/orders",
                              '{"type": "online", "external_reference": "ext_ref_1234",'
                              ' "total_amount": "1000.00", "payer": {"email": "test@testuser.com"},'
                              ' "transactions": {"payments": [{"amount": "1000.00", "payment_method":'
                              ' {"id": "visa", "type": "credit_card", "token": "%s", "installments": 1}}]}}'
                              % (t2 or {}).get("id"), token=tok), 201, site + " order created")
    if order:
        sb.check(order["currency"] == currency and order["status"] == "processed",
                 site + " order processed in the site's currency",
                 (order["currency"], order["status"]))
    # Subscriptions too: a plan's auto_recurring sent without currency_id (the developer docs'
    # plan example names it; the sandbox fills the site's when it is left out).
    plan = sb.expect(sb.call("POST", "/preapproval_plan/",
                             '{"reason": "Gold", "auto_recurring": {"frequency": 1,'
                             ' "frequency_type": "months", "transaction_amount": 10},'
                             ' "back_url": "https://www.example.com"}', token=tok),
                     201, site + " plan created")
    if plan:
        sb.check(plan["auto_recurring"]["currency_id"] == currency,
                 site + " plan currency", plan["auto_recurring"])

# The example: PSE, Colombia's bank transfer, in an Orders API order of an MCO account
# (Orders API reference for MCO: payment_method {"id": "pse", "type": "bank_transfer"}; the payer's
# document and entity type are required for PSE). It waits for the transfer.
mco = token_for(sb.call("POST", "/users/test_user", '{"site_id": "MCO"}').json["id"])
pse = sb.expect(sb.call("POST", "/v1/orders",
                        '{"type": "online", "external_reference": "ext_ref_pse", "total_amount": "50000",'
                        ' "payer": {"email": "test@testuser.com", "entity_type": "individual",'
                        ' "identification": {"type": "CC", "number": "123456789"}},'
                        ' "transactions": {"payments": [{"amount": "50000", "payment_method":'
                        ' {"id": "pse", "type": "bank_transfer"}}]}}', token=mco),
                201, "MCO order paid with PSE created")
if pse:
    sb.check(pse["currency"] == "COP" and pse["country_code"] == "COL" and
             pse["status"] == "action_required", "MCO PSE order in COP waits for the transfer",
             (pse["currency"], pse["country_code"], pse["status"]))
bra = sb.call("POST", "/v1/orders",
              '{"type": "online", "external_reference": "ext_ref_pse2", "total_amount": "50",'
              ' "payer": {"email": "test@testuser.com"}, "transactions": {"payments": [{"amount":'
              ' "50", "payment_method": {"id": "pse", "type": "bank_transfer"}}]}}')
sb.check(bra.status == 400, "an MLB account cannot pay with PSE", bra)

# An account nobody registered is MLB's: the default keeps every existing client working.
methods = sb.call("GET", "/v1/payment_methods").json
sb.check("pix" in [m["id"] for m in methods], "unregistered accounts are MLB")
status = sb.finish()

# --site sets the default site of every other account.
mla = Sandbox(sys.argv[1], "--site", "MLA")
ids = [m["id"] for m in mla.call("GET", "/v1/payment_methods").json]
mla.check("rapipago" in ids and "pix" not in ids, "--site MLA: any token is MLA's", ids)
types = mla.call("GET", "/v1/identification_types").json
mla.check(types[0]["id"] == "DNI", "--site MLA: DNI first", types)
status = mla.finish() or status

bad = subprocess.run([sys.argv[1], "--site", "XXX"], capture_output=True, text=True)
print(("ok   " if bad.returncode == 2 else "FAIL ") + "--site XXX exits 2 (%d)" % bad.returncode)
sys.exit(status or (bad.returncode != 2))
