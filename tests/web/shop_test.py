"""The example shop end to end in a real headless Chromium (Debian's, driven by Playwright):
both checkout pages (the Card Payment Brick; cardForm with Secure Fields) against both
merchant servers (Python, PHP), paying with a test card whose cardholder name picks the
outcome. The card is typed into mp-sandbox's Secure Fields iframes and tokenized there; the
tests check the result screen, that the merchant server never received card data, that every
request stayed on loopback and that no error reached the console. Screenshots of each result
go to $WEB_ARTIFACTS (the build dir's web-artifacts/)."""

import os
import re
import urllib.request

import pytest
from playwright.sync_api import Error as PlaywrightError

from shop_browser import Chromium
from shop_support import (BUYER, CARD, OUTCOMES, SERVERS, Shop, artifacts_dir,  # noqa: F401
                          card_data_in, chromium_path, credentials, sandbox, shops, workdir)

PAGES = ("brick", "cardform")
CDN_SCRIPT = "https://sdk.mercadopago.com/js/v2"
WAIT_MS = 30000  # generous: the machine is shared; no assertion depends on time


@pytest.fixture(scope="module")
def chromium(sandbox):
    browser = Chromium(chromium_path(), sandbox.ca_file)
    yield browser
    browser.close()


def secure_field(page, name):
    """The input inside a Secure Field: its own iframe, named as MercadoPago.js names them."""
    return page.frame_locator("iframe[name=%s]" % name).locator("input")


def wait_for_options(select):
    select.locator("option:not([value=''])").first.wait_for(state="attached", timeout=WAIT_MS)


def fill_cardform(page, cardholder):
    secure_field(page, "cardNumber").fill(CARD["number"])
    secure_field(page, "expirationDate").fill("%s/%s" % (CARD["month"], CARD["year"][2:]))
    secure_field(page, "securityCode").fill(CARD["cvv"])
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
    container = page.locator("#cardPaymentBrick_container")
    secure_field(page, "cardNumber").fill(CARD["number"])
    secure_field(page, "expirationDate").fill("%s/%s" % (CARD["month"], CARD["year"][2:]))
    secure_field(page, "securityCode").fill(CARD["cvv"])
    # The brick's other inputs are labelled form controls.
    container.get_by_label(re.compile("cardholder", re.I)).fill(cardholder)
    container.get_by_label(re.compile("e-?mail", re.I)).fill(BUYER["email"])
    kind = container.get_by_label(re.compile("document type|identification type", re.I))
    wait_for_options(kind)
    kind.select_option(BUYER["identification"]["type"])
    container.get_by_label(re.compile("document number|identification number", re.I)).fill(
        BUYER["identification"]["number"])
    installments = container.get_by_label(re.compile("installments", re.I))
    wait_for_options(installments)
    installments.select_option("1")
    return container.get_by_role("button", name=re.compile("pay", re.I))


FILL = {"brick": fill_brick, "cardform": fill_cardform}


def checkout(session, shop, page_name, cardholder, screenshot):
    """Opens the checkout, pays, waits for the result screen and screenshots it (a failed
    checkout is screenshot too, as <name>-failed.png, and reports the console's errors)."""
    page = session.page
    try:
        page.goto("%s/checkout/%s" % (shop.url, page_name))
        page.wait_for_selector("body[data-checkout-ready=true]", state="attached", timeout=WAIT_MS)
        submit = FILL[page_name](page, cardholder)
        # The card typed into the Secure Fields is not in the merchant's page.
        assert CARD["number"] not in page.content()
        submit.click()
        page.wait_for_selector("body[data-result-ready]", state="attached", timeout=WAIT_MS)
    except PlaywrightError as error:
        page.screenshot(path=os.path.join(artifacts_dir(), screenshot.replace(".png", "-failed.png")),
                        full_page=True)
        raise AssertionError("%s checkout on %s failed at %s: %s\nconsole: %s\noff loopback: %s" % (
            page_name, shop.server, page.url, error.message.splitlines()[0], session.console_errors,
            session.off_loopback)) from None
    page.screenshot(path=os.path.join(artifacts_dir(), screenshot), full_page=True)
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
def test_checkout(server, page_name, cardholder, shops, sandbox, chromium):
    shop = shops[server]
    before = len(shop.received())
    session = chromium.session()
    try:
        page = checkout(session, shop, page_name, cardholder,
                        "shop-%s-%s-%s.png" % (server, page_name, cardholder))
        status, detail = OUTCOMES[cardholder]
        assert page.get_attribute("#result", "data-status") == status
        assert page.inner_text("#result-detail") == detail
        assert_tokenized_by_the_sandbox(session, sandbox)
        assert session.off_loopback == []
        assert session.console_errors == []
    finally:
        session.close()
    assert_nothing_reached_the_merchant(shop, before)


def test_an_unchanged_page_loading_the_cdn_script_pays_when_the_test_routes_it(sandbox, credentials,
                                                                              workdir, chromium):
    """A merchant's page as it goes to production, with MercadoPago.js from Mercado Pago's CDN:
    the test answers that one URL with mp-sandbox's script, nothing else changes."""
    shop = Shop("python", sandbox, credentials, workdir, sdk_origin="https://sdk.mercadopago.com")
    with urllib.request.urlopen(sandbox.url + "/js/v2", context=sandbox.tls, timeout=30) as r:
        script = r.read()

    def serve_sandbox_script(route):
        route.fulfill(status=200, body=script, content_type="application/javascript",
                      headers={"Cache-Control": "no-store"})

    session = chromium.session(routes={CDN_SCRIPT: serve_sandbox_script})
    try:
        status, html = shop.request("GET", "/checkout/cardform")
        assert '<script src="%s"></script>' % CDN_SCRIPT in html
        page = checkout(session, shop, "cardform", "APRO", "shop-cdn-routed-cardform-APRO.png")
        assert page.get_attribute("#result", "data-status") == "approved"
        assert_tokenized_by_the_sandbox(session, sandbox)
        assert session.routed == [CDN_SCRIPT]
        assert session.off_loopback == []
        assert session.console_errors == []
    finally:
        session.close()
        shop.stop()
