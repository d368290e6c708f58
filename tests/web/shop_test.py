"""The example shop end to end in a real headless Chromium (Debian's, driven by Playwright
through tests/web/browser.py): both checkout pages (the Card Payment Brick; cardForm with Secure
Fields) against both merchant servers (Python, PHP), paying with a test card whose cardholder
name picks the outcome. The card is typed into mp-sandbox's Secure Fields iframes and tokenized
there; the tests check the result screen, that the card never appeared in the merchant's page
nor reached the merchant's server (its log of received bodies), that every request stayed on
loopback and that no error reached the console. A screenshot of each result goes to
$WEB_ARTIFACTS (the build dir's web-artifacts/)."""

import re
import ssl

import pytest
from playwright.sync_api import Error as PlaywrightError

from browser import Browser
from shop_support import (BUYER, CARD, OUTCOMES, SERVERS, Shop, artifacts_dir,  # noqa: F401
                          card_data_in, credentials, required_env, shops, workdir)

PAGES = ("brick", "cardform")
CDN_SCRIPT = "https://sdk.mercadopago.com/js/v2"
WAIT_MS = 30000  # generous: the machine is shared; no assertion depends on time


@pytest.fixture(scope="module")
def browser():
    """Chromium and the mp-sandbox it trusts (the harness starts both)."""
    with Browser(required_env("MP_SANDBOX_BIN"), artifacts_dir()) as b:
        yield b


class HarnessSandbox:
    """The harness's mp-sandbox, as shop_support's fixtures and Shop use a sandbox."""

    def __init__(self, b):
        self.harness = b
        self.url = b.sandbox_url.rstrip("/")
        self.ca_file = b.ca_file
        self.tls = ssl.create_default_context(cafile=self.ca_file)

    def new_account(self, site="MLB"):
        return self.harness.sandbox_json("POST", "/__sandbox/accounts", {"site_id": site})["test"]


@pytest.fixture(scope="module")
def sandbox(browser):
    return HarnessSandbox(browser)


class Checkout:
    """One page in a new browser context, and what it did: the harness records requests (and
    aborts any off loopback) and console errors for every page; this keeps this page's share,
    and which frame made each request."""

    def __init__(self, b, routes=None):
        self.harness = b
        self._marks = (len(b.outside), len(b.console_errors), len(b.page_errors))
        self.page = b.new_page(routes=routes)
        self.requests = []  # (method, URL, URL of the frame that made it)
        self.page.context.on("request", self._record)

    def _record(self, request):
        try:
            frame_url = request.frame.url
        except PlaywrightError:  # a request of no frame (a worker's)
            frame_url = ""
        self.requests.append((request.method, request.url, frame_url))

    def problems(self):
        b, (outside, console, uncaught) = self.harness, self._marks
        return (["request left loopback: %s %s" % r for r in b.outside[outside:]]
                + ["console error: " + e for e in b.console_errors[console:]]
                + ["uncaught page error: " + e for e in b.page_errors[uncaught:]])

    def close(self):
        self.page.context.close()


def secure_field(page, name):
    """The input inside a Secure Field: its own iframe, named as MercadoPago.js names them."""
    return page.frame_locator("iframe[name=%s]" % name).locator("input")


def wait_for_options(select):
    select.locator("option:not([value=''])").first.wait_for(state="attached", timeout=WAIT_MS)


def fill_card(page):
    secure_field(page, "cardNumber").fill(CARD["number"])
    secure_field(page, "expirationDate").fill("%s/%s" % (CARD["month"], CARD["year"][2:]))
    secure_field(page, "securityCode").fill(CARD["cvv"])


def fill_cardform(page, cardholder):
    fill_card(page)
    page.fill("#form-checkout__cardholderName", cardholder)
    page.fill("#form-checkout__cardholderEmail", BUYER["email"])
    kind = page.locator("#form-checkout__identificationType")
    wait_for_options(kind)
    kind.select_option(BUYER["identification"]["type"])
    page.fill("#form-checkout__identificationNumber", BUYER["identification"]["number"])
    # cardForm fills the installments from the card's BIN.
    installments = page.locator("#form-checkout__installments")
    wait_for_options(installments)
    installments.select_option("1")
    return page.locator("#form-checkout__submit")


def fill_brick(page, cardholder):
    fill_card(page)
    # The brick's other inputs are labelled form controls.
    brick = page.locator("#cardPaymentBrick_container")
    brick.get_by_label(re.compile("cardholder", re.I)).fill(cardholder)
    brick.get_by_label(re.compile("e-?mail", re.I)).fill(BUYER["email"])
    kind = brick.get_by_label(re.compile("document type", re.I))
    wait_for_options(kind)
    kind.select_option(BUYER["identification"]["type"])
    brick.get_by_label(re.compile("document number", re.I)).fill(BUYER["identification"]["number"])
    installments = brick.get_by_label(re.compile("installments", re.I))
    wait_for_options(installments)
    installments.select_option("1")
    return brick.get_by_role("button", name=re.compile("pay", re.I))


FILL = {"brick": fill_brick, "cardform": fill_cardform}


def checkout(session, shop, page_name, cardholder, screenshot):
    """Opens the checkout, fills it (screenshot <name>-form.png), pays, waits for the result
    screen and screenshots it (<name>.png; a failed checkout as <name>-failed.png, reporting
    what the page saw)."""
    page = session.page
    try:
        page.goto("%s/checkout/%s" % (shop.url, page_name))
        page.wait_for_selector("body[data-checkout-ready=true]", state="attached", timeout=WAIT_MS)
        submit = FILL[page_name](page, cardholder)
        session.harness.screenshot(page, screenshot + "-form")
        # The card typed into the Secure Fields is not in the merchant's page.
        assert CARD["number"] not in page.content()
        submit.click()
        page.wait_for_selector("body[data-result-ready]", state="attached", timeout=WAIT_MS)
    except PlaywrightError as error:
        session.harness.screenshot(page, screenshot + "-failed")
        raise AssertionError("%s checkout on %s failed at %s: %s\n%s" % (
            page_name, shop.server, page.url, error.message.splitlines()[0],
            "\n".join(session.problems()))) from None
    session.harness.screenshot(page, screenshot)
    return page


def assert_tokenized_by_the_sandbox(session, sandbox):
    """The card was tokenized from the sandbox's own origin (a Secure Field), never the shop's."""
    posts = [(url, frame) for method, url, frame in session.requests
             if method == "POST" and "/v1/card_tokens" in url]
    assert posts, session.requests
    for url, frame in posts:
        assert url.startswith(sandbox.url + "/") and frame.startswith(sandbox.url + "/"), (url, frame)


def assert_nothing_reached_the_merchant(shop, bodies_before):
    received = shop.received()[bodies_before:]
    assert len(received) == 1, received           # the one checkout
    body = received[0]["body"]
    assert isinstance(body, dict) and set(body) <= {
        "token", "issuer_id", "payment_method_id", "transaction_amount", "installments", "payer"}, body
    assert card_data_in(body) == []
    assert CARD["number"] not in shop.log_text()


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize("page_name", PAGES)
@pytest.mark.parametrize("cardholder", sorted(OUTCOMES))
def test_checkout(server, page_name, cardholder, shops, sandbox, browser):
    shop = shops[server]
    before = len(shop.received())
    session = Checkout(browser)
    try:
        page = checkout(session, shop, page_name, cardholder,
                        "shop-%s-%s-%s" % (server, page_name, cardholder))
        status, detail = OUTCOMES[cardholder]
        assert page.get_attribute("#result", "data-status") == status
        assert page.inner_text("#result-detail") == detail
        # The Status Screen Brick's receipt agrees with the merchant's server.
        assert page.get_attribute("#statusScreenBrick_container [data-status-detail]",
                                  "data-status-detail") == detail
        assert_tokenized_by_the_sandbox(session, sandbox)
        assert session.problems() == []
    finally:
        session.close()
    assert_nothing_reached_the_merchant(shop, before)


def test_an_unchanged_page_loading_the_cdn_script_pays_when_the_test_routes_it(sandbox, credentials,
                                                                              workdir, browser):
    """A merchant's page as it goes to production, with MercadoPago.js from Mercado Pago's CDN:
    the test answers that one URL with mp-sandbox's script, nothing else changes."""
    shop = Shop("python", sandbox, credentials, workdir, sdk_origin="https://sdk.mercadopago.com")
    # The harness answers the CDN's script URL with the sandbox's script (Playwright routes).
    session = Checkout(browser, routes=browser.cdn_routes())
    try:
        status, html = shop.request("GET", "/checkout/cardform")
        assert '<script src="%s"></script>' % CDN_SCRIPT in html
        page = checkout(session, shop, "cardform", "APRO", "shop-cdn-routed-cardform-APRO")
        assert page.get_attribute("#result", "data-status") == "approved"
        assert ("GET", CDN_SCRIPT) in [(method, url) for method, url, _ in session.requests]
        assert_tokenized_by_the_sandbox(session, sandbox)
        assert session.problems() == []
    finally:
        session.close()
        shop.stop()
