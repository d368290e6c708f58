"""mp-sandbox's MercadoPago.js in a real Chromium (tests/web/browser.py): a merchant page on its own
origin (http://127.0.0.1:<port>, a tiny local server) loads <sandbox>/js/v2 and uses

- the core methods: getIdentificationTypes, getPaymentMethods({bin}), getIssuers,
  getInstallments, createCardToken, updateCardToken;
- mp.fields: Secure Fields typed into from Playwright's frames, binChange/validityChange events,
  fields.createCardToken;
- cardForm with plain inputs and with iframe: true (token made before onSubmit,
  getCardFormData());
- the Card Payment Brick (labelled controls, onSubmit(formData, additionalData)), and the Status
  Screen Brick;

and the tokens they make pay as APRO (approved), OTHE (rejected) and CONT (in process) with the
account's access token, from the test (the merchant's server's side). With Secure Fields the
merchant page's DOM never holds the card number. Every request stays on loopback and the console
shows no error.

    mpjs_test.py <mp-sandbox> <artifacts dir>
"""
import http.server
import json
import os
import sys
import threading
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser  # noqa: E402

CARD = "4235647728025682"  # MLB visa test card
CARD_SPACED = "4235 6477 2802 5682"
CVV = "123"
TIMEOUT = 20000  # ms: generous, the machine is shared; no assertion is on time

failures = []
checks = 0


def check(ok, what, detail=""):
    global checks
    checks += 1
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else " " + str(detail)[:500]))
    if not ok:
        failures.append(what)
    return ok


PAGE_HEAD = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%(title)s</title>
<style>.box{height:2.2em;border:1px solid #888;margin:.3em 0;width:20em}</style>
<script src="%(sandbox)s/js/v2"></script></head><body><h1>%(title)s</h1>
"""

# cardForm's page: the card's inputs (plain mode) or their containers (iframe mode), then the rest.
CARDFORM_PAGE = """
<form id="form-checkout">
  %(card)s
  <input id="fc-cardholderName"><input id="fc-email">
  <select id="fc-issuer"></select><select id="fc-installments"></select>
  <select id="fc-identificationType"></select><input id="fc-identificationNumber">
  <button type="submit" id="pay">Pay</button>
</form>
<script>window.MODE_IFRAME = %(iframe)s;</script>"""

PAGES = {
    "/core": "",
    "/fields": """
<div class="box" id="cardNumber"></div><div class="box" id="expirationDate"></div>
<div class="box" id="securityCode"></div>
<script>
  window.events = [];
  const mp = new MercadoPago(PK, {locale: "pt-BR"});
  window.mp = mp;
  for (const [type, opts] of [["cardNumber", {placeholder: "Card number"}],
                              ["expirationDate", {placeholder: "MM/YY"}],
                              ["securityCode", {placeholder: "CVV"}]]) {
    const f = mp.fields.create(type, opts).mount(type);
    for (const ev of ["ready", "binChange", "validityChange"])
      f.on(ev, (d) => window.events.push([type, ev, d]));
  }
</script>""",
    "/cardform": CARDFORM_PAGE % {
        "card": '<input id="fc-cardNumber"><input id="fc-expirationDate">'
                '<input id="fc-securityCode">', "iframe": "false"},
    "/cardform-iframe": CARDFORM_PAGE % {
        "card": '<div class="box" id="fc-cardNumber"></div><div class="box" '
                'id="fc-expirationDate"></div><div class="box" id="fc-securityCode"></div>',
        "iframe": "true"},
    "/fields-month-year": """
<div class="box" id="cardNumber"></div><div class="box" id="expirationMonth"></div>
<div class="box" id="expirationYear"></div><div class="box" id="securityCode"></div>
<script>
  window.ready = 0;
  const mp = new MercadoPago(PK);
  window.mp = mp;
  for (const type of ["cardNumber", "expirationMonth", "expirationYear", "securityCode"])
    mp.fields.create(type, {mode: type === "expirationYear" ? "full" : undefined})
      .mount(type).on("ready", () => { window.ready++; });
  window.mixed = (() => { try { mp.fields.create("expirationDate"); return null; }
                          catch (e) { return e.message; } })();
</script>""",
    "/brick": """<div id="brick"></div>""",
    "/status": """<div id="status"></div>""",
}
# A page as a merchant ships it: the production script tag, unchanged.
CDN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cdn</title>
<script src="https://sdk.mercadopago.com/js/v2"></script></head><body>
<script>const PK = %s;</script></body></html>"""

CARDFORM_SETUP = """
window.calls = [];
const mp = new MercadoPago(PK);
window.cardForm = mp.cardForm({
  amount: "100.5", iframe: window.MODE_IFRAME,
  form: {id: "form-checkout", cardNumber: {id: "fc-cardNumber", placeholder: "Card number"},
    expirationDate: {id: "fc-expirationDate", placeholder: "MM/YY"},
    securityCode: {id: "fc-securityCode", placeholder: "CVV"},
    cardholderName: {id: "fc-cardholderName"}, cardholderEmail: {id: "fc-email"},
    issuer: {id: "fc-issuer"}, installments: {id: "fc-installments"},
    identificationType: {id: "fc-identificationType"},
    identificationNumber: {id: "fc-identificationNumber"}},
  callbacks: {
    onFormMounted: (e) => window.calls.push(["onFormMounted", e ? String(e) : null]),
    onIdentificationTypesReceived: (e, d) => window.calls.push(["types", d && d.length]),
    onPaymentMethodsReceived: (e, d) => window.calls.push(["methods", d && d[0].id]),
    onInstallmentsReceived: (e, d) => window.calls.push(["installments", d && d.payer_costs.length]),
    onCardTokenReceived: (e, d) => window.calls.push(["token", e ? e : d.id]),
    onSubmit: (event) => {
      window.calls.push(["onSubmit"]);
      window.formData = window.cardForm.getCardFormData();
    },
  },
});
"""

BRICK_SETUP = """
window.submitted = null;
window.brickReady = false;
const mp = new MercadoPago(PK, {locale: "pt-BR"});
window.controller = await mp.bricks().create("cardPayment", "brick", {
  initialization: {amount: 100, payer: {email: "buyer@testuser.com"}},
  callbacks: {
    onReady: () => { window.brickReady = true; },
    onError: (e) => { window.brickError = e; },
    onSubmit: (formData, additionalData) => {
      window.submitted = {formData, additionalData};
      return Promise.resolve();
    },
  },
});
"""


class Merchant:
    """The merchant's origin: serves the test pages, nothing else."""

    def __init__(self, sandbox_url, public_key):
        pages = {}
        for path, body in PAGES.items():
            head = PAGE_HEAD % {"title": "mpjs " + path, "sandbox": sandbox_url}
            pk = "<script>const PK = %s;</script>" % json.dumps(public_key)
            pages[path] = (head + pk + body + "</body></html>").encode()
        pages["/cdn"] = (CDN_PAGE % json.dumps(public_key)).encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = pages.get(self.path.split("?")[0])
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


def fill_frame(page, name, text):
    page.frame_locator("iframe[name=%s]" % name).first.locator("input").fill(text)


def no_card_in_dom(page, what):
    html = page.content()
    check(CARD not in html and CARD_SPACED not in html, what + ": the page's DOM holds no card number")


def pay(b, token_id, access_token, method="visa"):
    return b.sandbox_json("POST", "/v1/payments", {
        "transaction_amount": 100, "token": token_id, "installments": 1,
        "payment_method_id": method, "payer": {"email": "buyer@testuser.com"}},
        headers={"Authorization": "Bearer " + access_token, "X-Idempotency-Key": str(uuid.uuid4())})


def main(binary, artifacts):
    with Browser(binary, artifacts) as b:
        acc = b.sandbox_json("POST", "/__sandbox/accounts", {"site_id": "MLB"})
        pk, token = acc["test"]["public_key"], acc["test"]["access_token"]
        merchant = Merchant(b.sandbox_url, pk)
        try:
            run(b, merchant, pk, token)
        finally:
            merchant.stop()
        for problem in b.problems():
            check(False, problem)
        # The routed CDN URL is answered by the test, never fetched: not a request that left.
        hosts = {url.split("/")[2] for _, url in b.requests
                 if "://" in url and not url.startswith("https://sdk.mercadopago.com/js/v2")}
        check(hosts and all(h.startswith("127.0.0.1:") for h in hosts),
              "every request went to loopback (%s)" % ", ".join(sorted(hosts)))
    print("%d checks, %d failed" % (checks, len(failures)))
    return 1 if failures or not checks else 0


def run(b, merchant, pk, token):
    # --- core methods ---------------------------------------------------------------------------
    page = b.new_page()
    page.goto(merchant.url + "/core")
    # The bad card below gets a 400, which Chromium logs as a failed resource: expected.
    with b.expected_console_error(page, "status of 400"):
        core = page.evaluate("""async () => {
            const mp = new MercadoPago(PK, {locale: "pt-BR"});
            const types = await mp.getIdentificationTypes();
            const methods = await mp.getPaymentMethods({bin: "42356477"});
            const issuers = await mp.getIssuers({paymentMethodId: "visa", bin: "42356477"});
            const inst = await mp.getInstallments({amount: "100", bin: "42356477",
                                                   paymentTypeId: "credit_card"});
            const tok = await mp.createCardToken({cardNumber: "%s", cardholderName: "APRO",
                cardExpirationMonth: "11", cardExpirationYear: "2030", securityCode: "123",
                identificationType: "CPF", identificationNumber: "12345678909"});
            const upd = await mp.updateCardToken({token: tok.id, securityCode: "456"});
            let err = null;
            try { await mp.createCardToken({cardNumber: "1234", cardholderName: "APRO",
                cardExpirationMonth: "11", cardExpirationYear: "2030", securityCode: "123"}); }
            catch (e) { err = {status: e.status, cause: e.cause}; }
            return {types: types.map(t => t.id), method: methods.results[0].id,
                    paging: methods.paging, issuers: issuers.length,
                    installments: inst[0].payer_costs.length, token: tok.id, last4: tok.last_four_digits,
                    updated: upd.id, err, session: window.MP_DEVICE_SESSION_ID || null};
        }""" % CARD)
    check(core["types"] == ["CPF", "CNPJ"], "getIdentificationTypes: the MLB account's", core)
    check(core["method"] == "visa" and core["paging"]["total"] == 1, "getPaymentMethods({bin})")
    check(core["issuers"] == 1, "getIssuers")
    check(core["installments"] == 12, "getInstallments: 12 payer costs for a credit card")
    check(core["last4"] == "5682" and core["updated"] == core["token"],
          "createCardToken and updateCardToken")
    check(core["err"] and core["err"]["status"] == 400 and core["err"]["cause"],
          "a bad card rejects with the API's envelope", core["err"])
    check(core["session"] and core["session"].startswith("armor."), "MP_DEVICE_SESSION_ID set")
    p = pay(b, core["token"], token)
    check(p["status"] == "approved", "the core token pays: approved", p["status"])
    page.close()

    # --- Secure Fields --------------------------------------------------------------------------
    page = b.new_page()
    page.goto(merchant.url + "/fields")
    page.wait_for_function("window.events.filter(e => e[1] === 'ready').length === 3",
                           timeout=TIMEOUT)
    names = page.eval_on_selector_all("iframe", "fs => fs.map(f => f.name)")
    check(names == ["cardNumber", "expirationDate", "securityCode"], "iframes named as the real ones",
          names)
    fill_frame(page, "cardNumber", CARD)
    fill_frame(page, "expirationDate", "11/30")
    fill_frame(page, "securityCode", CVV)
    page.wait_for_function("window.events.some(e => e[1] === 'binChange' && e[2].bin)",
                           timeout=TIMEOUT)
    bins = page.evaluate("window.events.filter(e => e[1] === 'binChange').map(e => e[2].bin)")
    check(bins[-1] == CARD[:8], "binChange carries the first 8 digits", bins)
    tokens = {}
    for name in ("APRO", "OTHE", "CONT"):
        tok = page.evaluate("""async (name) => {
            const t = await mp.fields.createCardToken({cardholderName: name,
                identificationType: "CPF", identificationNumber: "12345678909"});
            return {id: t.id, last4: t.last_four_digits};
        }""", name)
        tokens[name] = tok["id"]
        check(tok["last4"] == "5682", "fields.createCardToken (%s)" % name)
    no_card_in_dom(page, "Secure Fields")
    fill_frame(page, "securityCode", "456")
    upd = page.evaluate("async (id) => (await mp.fields.updateCardToken(id)).id", tokens["APRO"])
    check(upd == tokens["APRO"], "fields.updateCardToken: the same token, its code from the frame")
    # A bad number: a validityChange with a cause, and the token is refused.
    fill_frame(page, "cardNumber", "4235647728025683")
    page.wait_for_function("""window.events.some(e => e[1] === 'validityChange' &&
                              e[2].errorMessages.length)""", timeout=TIMEOUT)
    causes = page.evaluate("""window.events.filter(e => e[1] === 'validityChange' &&
                              e[2].errorMessages.length).map(e => e[2].errorMessages[0].cause)""")
    check("invalid_value" in causes, "validityChange: invalid_value for a bad Luhn digit", causes)
    err = page.evaluate("""async () => { try { await mp.fields.createCardToken(
        {cardholderName: "APRO"}); return null; } catch (e) { return e.cause; } }""")
    check(err and err[0]["code"] == "E301", "fields.createCardToken rejects a bad number: E301", err)
    b.screenshot(page, "mpjs-fields")
    page.close()
    outcomes = {"APRO": "approved", "OTHE": "rejected", "CONT": "in_process"}
    for name, want in outcomes.items():
        p = pay(b, tokens[name], token)
        check(p["status"] == want, "Secure Fields token of %s pays: %s" % (name, want),
              p["status"] + "/" + p["status_detail"])

    # --- Secure Fields with month and year ------------------------------------------------------
    page = b.new_page()
    page.goto(merchant.url + "/fields-month-year")
    page.wait_for_function("window.ready === 4", timeout=TIMEOUT)
    check(page.evaluate("window.mixed") is not None,
          "expirationDate cannot join expirationMonth/expirationYear")
    fill_frame(page, "cardNumber", CARD)
    fill_frame(page, "expirationMonth", "11")
    fill_frame(page, "expirationYear", "2030")
    fill_frame(page, "securityCode", CVV)
    tok = page.evaluate("""async () => (await mp.fields.createCardToken({cardholderName: "APRO"}))""")
    check(tok["expiration_month"] == 11 and tok["expiration_year"] == 2030,
          "fields.createCardToken with expirationMonth and expirationYear", tok)
    no_card_in_dom(page, "Secure Fields (month, year)")
    page.close()

    # --- cardForm, both modes -------------------------------------------------------------------
    for path in ("/cardform", "/cardform-iframe"):
        iframe = path.endswith("iframe")
        page = b.new_page()
        page.goto(merchant.url + path)
        page.evaluate(CARDFORM_SETUP)
        page.wait_for_function("window.calls.some(c => c[0] === 'types')", timeout=TIMEOUT)
        if iframe:
            page.wait_for_function("document.querySelectorAll('iframe').length === 3")
            fill_frame(page, "cardNumber", CARD)
            fill_frame(page, "expirationDate", "11/30")
            fill_frame(page, "securityCode", CVV)
        else:
            page.fill("#fc-cardNumber", CARD)
            page.fill("#fc-expirationDate", "11/30")
            page.fill("#fc-securityCode", CVV)
        page.wait_for_function("window.calls.some(c => c[0] === 'installments')", timeout=TIMEOUT)
        page.fill("#fc-cardholderName", "CONT")
        page.fill("#fc-email", "buyer@testuser.com")
        page.fill("#fc-identificationNumber", "12345678909")
        page.select_option("#fc-installments", "3")
        page.click("#pay")
        page.wait_for_function("window.formData", timeout=TIMEOUT)
        calls = [c[0] for c in page.evaluate("window.calls")]
        check(calls.index("token") < calls.index("onSubmit"),
              "cardForm %s: the token is made before onSubmit" % path, calls)
        data = page.evaluate("window.formData")
        want = {"paymentMethodId": "visa", "installments": "3", "identificationType": "CPF",
                "identificationNumber": "12345678909", "cardholderEmail": "buyer@testuser.com",
                "amount": "100.5", "processingMode": "aggregator"}
        check(all(data.get(k) == v for k, v in want.items()) and data["token"] and
              data["issuerId"], "cardForm %s: getCardFormData()" % path, data)
        if iframe:
            no_card_in_dom(page, "cardForm iframe mode")
        b.screenshot(page, "mpjs" + path.replace("/", "-"))
        page.close()
        p = pay(b, data["token"], token)
        check(p["status"] == "in_process", "cardForm %s token (CONT) pays: in_process" % path,
              p["status"])

    # --- Card Payment Brick: misuse and an incomplete form -------------------------------------
    page = b.new_page()
    page.goto(merchant.url + "/brick")
    errs = page.evaluate("""async () => {
        const mp = new MercadoPago(PK);
        const out = [];
        const attempt = async (id, settings) => {
            try { await mp.bricks().create("cardPayment", id, settings); out.push(null); }
            catch (e) { out.push(e.cause); }
        };
        const cb = {onReady: () => {}, onError: () => {}};
        await attempt("brick", {initialization: {amount: 100}, callbacks: {onReady: () => {}}});
        await attempt("nowhere", {initialization: {amount: 100}, callbacks: cb});
        await attempt("brick", {initialization: {}, callbacks: cb});
        return out;
    }""")
    check(errs == ["missing_required_callbacks", "container_not_found", "missing_amount_property"],
          "Brick misuse: the documented critical causes", errs)
    page.evaluate("async () => {" + BRICK_SETUP + "}")
    page.wait_for_function("window.brickReady", timeout=TIMEOUT)
    page.get_by_role("button", name="Pay").click()
    page.wait_for_function("window.brickError", timeout=TIMEOUT)
    err = page.evaluate("window.brickError")
    check(err["cause"] == "incomplete_fields" and err["type"] == "non_critical" and
          page.evaluate("window.submitted") is None,
          "Brick: Pay on an empty form is incomplete_fields, no onSubmit", err)
    page.close()

    # --- Card Payment Brick ---------------------------------------------------------------------
    for name, want in outcomes.items():
        page = b.new_page()
        page.goto(merchant.url + "/brick")
        page.evaluate("async () => {" + BRICK_SETUP + "}")
        page.wait_for_function("window.brickReady", timeout=TIMEOUT)
        names = page.eval_on_selector_all("iframe", "fs => fs.map(f => f.name)")
        check(names == ["cardNumber", "expirationDate", "securityCode"],
              "Brick: Secure Fields named as the real ones", names)
        fill_frame(page, "cardNumber", CARD)
        fill_frame(page, "expirationDate", "11/30")
        fill_frame(page, "securityCode", CVV)
        page.get_by_label("Cardholder name").fill(name)
        check(page.get_by_label("E-mail").input_value() == "buyer@testuser.com",
              "Brick: initialization.payer.email fills the e-mail")
        page.get_by_label("Document type").select_option("CPF")
        page.get_by_label("Document number").fill("12345678909")
        page.wait_for_function("document.querySelector('select[name=installments]').value !== ''",
                               timeout=TIMEOUT)
        page.get_by_label("Installments").select_option("1")
        page.get_by_role("button", name="Pay").click()
        page.wait_for_function("window.submitted", timeout=TIMEOUT)
        sub = page.evaluate("window.submitted")
        fd, ad = sub["formData"], sub["additionalData"]
        check(set(fd) >= {"token", "issuer_id", "payment_method_id", "transaction_amount",
                          "installments", "payer"} and fd["payment_method_id"] == "visa" and
              fd["transaction_amount"] == 100 and fd["installments"] == 1 and
              isinstance(fd["issuer_id"], str) and
              fd["payer"] == {"email": "buyer@testuser.com",
                              "identification": {"type": "CPF", "number": "12345678909"}},
              "Brick %s: onSubmit formData as documented" % name, fd)
        check(ad["bin"] == CARD[:8] and ad["lastFourDigits"] == "5682" and
              ad["cardholderName"] == name and ad["paymentTypeId"] == "credit_card",
              "Brick %s: additionalData" % name, ad)
        no_card_in_dom(page, "Brick")
        b.screenshot(page, "mpjs-brick-" + name.lower())
        page.close()
        body = {k: fd[k] for k in ("token", "issuer_id", "payment_method_id",
                                   "transaction_amount", "installments", "payer")}
        p = b.sandbox_json("POST", "/v1/payments", body, headers={
            "Authorization": "Bearer " + token, "X-Idempotency-Key": str(uuid.uuid4())})
        check(p["status"] == want, "Brick %s formData pays as is: %s" % (name, want),
              p["status"] + "/" + p["status_detail"])

    # --- An unchanged page: the real CDN's URL, routed to the sandbox by the test ---------------
    page = b.new_page(routes=b.cdn_routes())
    page.goto(merchant.url + "/cdn")
    cdn = page.evaluate("""async () => {
        const mp = new MercadoPago(PK);
        const t = await mp.createCardToken({cardNumber: "%s", cardholderName: "APRO",
            cardExpirationMonth: "11", cardExpirationYear: "2030", securityCode: "123"});
        return t.id;
    }""" % CARD)
    check(pay(b, cdn, token)["status"] == "approved",
          "a page keeping the CDN's script URL works when the test routes it to the sandbox")
    check(not any("sdk.mercadopago.com" in url for _, url in b.requests
                  if not url.startswith("https://sdk.mercadopago.com/js/v2")),
          "  and nothing else goes to the CDN's host")
    page.close()

    # --- Status Screen Brick: a payment of the account, read with the public key ---------------
    for name, want_title, want_detail in (("APRO", "Payment approved", "accredited"),
                                          ("OTHE", "Payment rejected",
                                           "cc_rejected_other_reason")):
        made = b.sandbox_json("POST", "/v1/card_tokens?public_key=" + pk, {
            "card_number": CARD, "expiration_month": 11, "expiration_year": 2030,
            "security_code": CVV, "cardholder": {"name": name}})
        p = pay(b, made["id"], token)
        page = b.new_page()
        page.goto(merchant.url + "/status")
        page.evaluate("""async (id) => {
            const mp = new MercadoPago(PK);
            await mp.bricks().create("statusScreen", "status", {initialization: {paymentId: id},
                callbacks: {onReady: () => {}, onError: (e) => { window.statusError = e; }}});
        }""", str(p["id"]))
        text = page.inner_text("#status")
        detail = page.get_attribute("#status [data-status-detail]", "data-status-detail")
        check(want_title in text and str(p["id"]) in text and "5682" in text and
              detail == want_detail, "Status Screen Brick shows the %s payment" % name, text)
        b.screenshot(page, "mpjs-status-screen-" + name.lower())
        page.close()
    page = b.new_page()
    page.goto(merchant.url + "/status")
    with b.expected_console_error(page, "status of 404"):
        err = page.evaluate("""async () => {
            const mp = new MercadoPago(PK);
            try {
                await mp.bricks().create("statusScreen", "status", {
                    initialization: {paymentId: "999999999"},
                    callbacks: {onReady: () => {}, onError: () => {}}});
                return null;
            } catch (e) { return e; }
        }""")
    check(err and err["type"] == "critical" and err["cause"] == "get_payment_data_failed",
          "Status Screen Brick of an unknown payment: critical get_payment_data_failed", err)
    page.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
