"""A headless Debian Chromium driven by Playwright for the shop's tests, trusting the sandbox's
CA through an NSS database in a private HOME (never by ignoring certificate errors).

Stands in for tests/web/browser.py (the shared harness, built beside mp-sandbox's
MercadoPago.js) until that one is available here; it does the same few things: launch, trust,
record every request and console error, keep the browser on loopback."""

import os
import subprocess
import tempfile
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def nss_home(ca_file):
    """A throw-away HOME whose NSS database trusts the CA (Chromium reads $HOME/.pki/nssdb)."""
    home = tempfile.mkdtemp(prefix="shop-chromium-home-")
    db = os.path.join(home, ".pki", "nssdb")
    os.makedirs(db)
    subprocess.run(["certutil", "-d", "sql:" + db, "-N", "--empty-password"], check=True)
    subprocess.run(["certutil", "-d", "sql:" + db, "-A", "-t", "C,,", "-n", "mp-sandbox", "-i", ca_file],
                   check=True)
    return home


class Chromium:
    """One browser for a test module; a new context (fresh cookies and storage) per checkout."""

    def __init__(self, executable, ca_file):
        self.home = nss_home(ca_file)
        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=executable, headless=True,
            # No name resolves: a request that escaped the routes below could not leave the machine.
            args=["--disable-dev-shm-usage",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"],
            env=dict(os.environ, HOME=self.home))

    def session(self, routes=None):
        return Session(self.browser.new_context(), routes or {})

    def close(self):
        self.browser.close()
        self._playwright.stop()


class Session:
    """A browser context that records its requests and console errors. Requests to loopback go
    through; `routes` ({url prefix: callable(route) that fulfils it}) answer chosen URLs without
    any network; every other request is aborted and recorded as off-loopback."""

    def __init__(self, context, routes):
        self.context = context
        self.requests = []       # (method, URL, URL of the frame that asked) of every request
        self.off_loopback = []   # URLs that would have left the machine (aborted)
        self.routed = []         # URLs answered by `routes`
        self.console_errors = []
        self._routes = routes
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append("uncaught: %s" % error))

    def _route(self, route):
        request = route.request
        url = request.url
        try:
            frame_url = request.frame.url
        except Exception:  # a request of no frame (a worker's): none to name
            frame_url = ""
        self.requests.append((request.method, url, frame_url))
        for prefix, answer in self._routes.items():
            if url.startswith(prefix):
                self.routed.append(url)
                return answer(route)
        if urlsplit(url).hostname in LOOPBACK or url.startswith(("data:", "blob:", "about:")):
            return route.continue_()
        self.off_loopback.append(url)
        return route.abort("blockedbyclient")

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append("console: %s" % message.text)

    def close(self):
        self.context.close()
