"""The Chromium harness of the web tests: a real mp-sandbox over HTTPS and Debian's Chromium,
driven by Playwright (from PyPI, with `executable_path`: no browser is ever downloaded), trusting
the sandbox's CA through an NSS database in a private HOME (never --ignore-certificate-errors).

    from browser import Browser
    with Browser(sandbox_binary, artifacts_dir) as b:      # starts mp-sandbox --tls, Chromium
        acc = b.sandbox_json("POST", "/__sandbox/accounts", {"site_id": "MLB"})
        # a merchant server started by the test: b.sandbox_url and b.ca_file
        page = b.new_page()                                  # a new context, recorded
        page.goto(merchant_url)
        ...
        b.screenshot(page, "approved")                       # <artifacts>/approved.png
        b.check_clean()                                      # raises on any problem seen

What it records for every page: each request (method, URL) and fails if one leaves loopback
(they are aborted too, so nothing can reach the network); console messages of type "error" and
uncaught page errors. `check_clean()` raises AssertionError listing them.

Arguments beyond the harness's own: `sandbox_args` (extra mp-sandbox flags), `chromium`
(default /usr/bin/chromium, or $MP_CHROMIUM).
"""
import contextlib
import http.client
import ipaddress
import json
import os
import shutil
import ssl
import subprocess
import tempfile
import urllib.parse

from playwright.sync_api import sync_playwright

LOOPBACK_NAMES = {"localhost"}


def is_loopback_url(url):
    """data:, blob:, about: never leave the machine; http(s)/ws(s) must name a loopback host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    host = (parts.hostname or "").strip("[]")
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Sandbox:
    """mp-sandbox --tls on a free port, its CA written to `dir`/ca.pem."""

    def __init__(self, binary, workdir, args=()):
        self.ca = os.path.join(workdir, "ca.pem")
        self.proc = subprocess.Popen([binary, "--tls", "--port", "0", "--ca-out", self.ca, *args],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("mp-sandbox listening on "):
            self.stop()
            raise RuntimeError("mp-sandbox did not start: %r" % line)
        self.url = line.rsplit(" ", 1)[1]
        host_port = self.url.split("://", 1)[1]
        self.host, port = host_port.rsplit(":", 1)
        self.port = int(port)
        self.context = ssl.create_default_context(cafile=self.ca)

    def call(self, method, path, body=None, headers=None):
        """One request from the test (not the browser); returns (status, parsed JSON or text)."""
        conn = http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=30)
        data = None if body is None else (body if isinstance(body, str) else json.dumps(body))
        hdrs = {"Content-Type": "application/json"} if data is not None else {}
        hdrs.update(headers or {})
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        conn.close()
        try:
            return resp.status, json.loads(text) if text else None
        except ValueError:
            return resp.status, text

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def make_nss_home(home, ca_file):
    """A HOME whose NSS database (what Chromium on Linux trusts) trusts the sandbox's CA."""
    certutil = shutil.which("certutil")
    if not certutil:
        raise RuntimeError("certutil is missing: install libnss3-tools (scripts/bootstrap.sh)")
    db = os.path.join(home, ".pki", "nssdb")
    os.makedirs(db)
    subprocess.run([certutil, "-d", "sql:" + db, "-N", "--empty-password"], check=True,
                   capture_output=True)
    subprocess.run([certutil, "-d", "sql:" + db, "-A", "-t", "C,,", "-n", "mp-sandbox", "-i",
                    ca_file], check=True, capture_output=True)


class Browser:
    def __init__(self, sandbox_binary, artifacts, sandbox_args=(), chromium=None):
        self.artifacts = artifacts
        os.makedirs(artifacts, exist_ok=True)
        self.chromium = chromium or os.environ.get("MP_CHROMIUM", "/usr/bin/chromium")
        if not os.access(self.chromium, os.X_OK):
            raise RuntimeError("Chromium is missing (%s): install the chromium package "
                               "(scripts/bootstrap.sh)" % self.chromium)
        self.sandbox_binary = sandbox_binary
        self.sandbox_args = tuple(sandbox_args)
        self.requests = []     # (method, url) of every request any page made
        self.outside = []      # requests that did not go to loopback (aborted)
        self.console_errors = []
        self.page_errors = []
        self.allowed_console = []  # substrings of console errors a test provokes on purpose
        self.expected_errors = []
        self._contexts = []

    # --- lifetime ---------------------------------------------------------------------------
    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="mp-web-")
        try:
            self.sandbox = Sandbox(self.sandbox_binary, self.dir, self.sandbox_args)
            self.home = os.path.join(self.dir, "home")
            make_nss_home(self.home, self.sandbox.ca)
            self._pw = sync_playwright().start()
            env = dict(os.environ, HOME=self.home)
            self.browser = self._pw.chromium.launch(
                executable_path=self.chromium, headless=True, env=env,
                args=["--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--disable-default-apps"])
        except BaseException:
            self._cleanup()
            raise
        return self

    def __exit__(self, *exc):
        self._cleanup()
        return False

    def _cleanup(self):
        for ctx in self._contexts:
            try:
                ctx.close()
            except Exception:
                pass
        if getattr(self, "browser", None):
            self.browser.close()
        if getattr(self, "_pw", None):
            self._pw.stop()
        if getattr(self, "sandbox", None):
            self.sandbox.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    # --- the sandbox ------------------------------------------------------------------------
    @property
    def sandbox_url(self):
        """https://127.0.0.1:<port>: for the page's script tag and the merchant server's client."""
        return self.sandbox.url

    @property
    def ca_file(self):
        """The sandbox's CA (PEM): what a merchant server's client must trust (MP_CA_FILE)."""
        return self.sandbox.ca

    def sandbox_json(self, method, path, body=None, headers=None):
        """A request to the sandbox from the test; raises unless it answers 2xx."""
        status, data = self.sandbox.call(method, path, body, headers)
        if not 200 <= status < 300:
            raise AssertionError("%s %s answered %d: %r" % (method, path, status, data))
        return data

    # --- pages ------------------------------------------------------------------------------
    def new_page(self, routes=None):
        """A page in a new browser context, recorded. `routes` maps URL globs to handlers
        (Playwright's context.route), e.g. the real CDN's URL to the sandbox's script. Playwright
        tries the routes registered last first, so these answer before the loopback guard does."""
        ctx = self.browser.new_context()
        self._contexts.append(ctx)

        def guard(route, request):
            if is_loopback_url(request.url):
                route.continue_()
            else:
                self.outside.append((request.method, request.url))
                route.abort()

        ctx.route("**/*", guard)
        for pattern, handler in (routes or {}).items():
            ctx.route(pattern, handler)
        ctx.on("request", lambda r: self.requests.append((r.method, r.url)))
        page = ctx.new_page()
        page.on("console", self._on_console)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        return page

    def _on_console(self, message):
        if message.type != "error":
            return
        text = "%s (%s)" % (message.text, message.location.get("url"))
        if any(a in text for a in self.allowed_console):
            self.expected_errors.append(text)
        else:
            self.console_errors.append(text)

    def cdn_routes(self):
        """Routes for new_page() that answer the real CDN's script URL
        (https://sdk.mercadopago.com/js/v2) with the sandbox's: a page kept unchanged, with the
        production script tag, then runs against the sandbox. The script is fetched by the test
        (trusting the sandbox's CA) and names the sandbox as its origin; nothing reaches the CDN."""
        def serve_script(route, request):
            status, body = self.sandbox.call("GET", "/js/v2")
            if status != 200:
                raise AssertionError("the sandbox did not serve /js/v2: %d" % status)
            route.fulfill(status=200, body=body,
                          headers={"Content-Type": "application/javascript; charset=utf-8",
                                   "Cache-Control": "no-store"})
        return {"https://sdk.mercadopago.com/js/v2*": serve_script}

    def screenshot(self, page, name):
        """Saves <artifacts>/<name>.png (the whole page) and returns its path."""
        path = os.path.join(self.artifacts, name + ".png")
        page.screenshot(path=path, full_page=True)
        return path

    @contextlib.contextmanager
    def expected_console_error(self, page, substring, timeout=20000):
        """Within the block, a console error of `page` containing `substring` is expected (a test
        provoking an API error: Chromium itself logs every failed request's status). It is kept
        apart in `expected_errors`; the block waits for it and fails when none comes."""
        self.allowed_console.append(substring)
        try:
            with page.expect_console_message(
                    lambda m: m.type == "error" and substring in m.text, timeout=timeout):
                yield
        finally:
            self.allowed_console.remove(substring)

    def problems(self):
        out = []
        out += ["request left loopback: %s %s" % r for r in self.outside]
        out += ["console error: " + e for e in self.console_errors]
        out += ["uncaught page error: " + e for e in self.page_errors]
        return out

    def check_clean(self):
        """Raises AssertionError when a request left loopback or the console had an error."""
        problems = self.problems()
        if problems:
            raise AssertionError("\n".join(problems))
