"""What the example shop's tests share: an mp-sandbox over HTTPS, a sandbox account, and the
two merchant servers of examples/web (Python/Flask and PHP's built-in server), each started
as its own process with the account's credentials and a log of the bodies it received."""

import json
import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WEB = os.path.join(ROOT, "examples", "web")
SERVERS = ("python", "php")

with open(os.path.join(WEB, "product.json"), encoding="utf-8") as f:
    PRODUCT = json.load(f)

# A test card of the sandbox's default site (MLB) and the outcomes chosen by the cardholder
# name (sandbox/README.md, "Outcomes by cardholder name").
CARD = {"number": "5031433215406351", "method": "master", "cvv": "123", "month": "11", "year": "2030"}
OUTCOMES = {
    "APRO": ("approved", "accredited"),
    "OTHE": ("rejected", "cc_rejected_other_reason"),
    "CONT": ("in_process", "pending_contingency"),
}
BUYER = {"email": "buyer@example.com", "identification": {"type": "CPF", "number": "19119119100"}}


def required_env(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError("%s is not set: run the tests through tests/web/run_shop_tests.sh" % name)
    return value


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Sandbox:
    """mp-sandbox over HTTPS with a CA of its own, written to ca_file."""

    def __init__(self, workdir):
        self.ca_file = os.path.join(workdir, "sandbox-ca.pem")
        self.process = subprocess.Popen(
            [required_env("MP_SANDBOX_BIN"), "--tls", "--port", "0", "--ca-out", self.ca_file],
            stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        prefix = "mp-sandbox listening on "
        if not line.startswith(prefix):
            stop(self.process)
            raise RuntimeError("mp-sandbox did not start: %r" % line)
        self.url = line[len(prefix):].strip().rstrip("/")
        self.tls = ssl.create_default_context(cafile=self.ca_file)

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, context=self.tls, timeout=30) as r:
            return json.loads(r.read())

    def new_account(self, site="MLB"):
        """A fresh account's test credentials: {public_key, access_token}."""
        return self.call("POST", "/__sandbox/accounts", {"site_id": site})["test"]

    def card_token(self, public_key, cardholder):
        """Tokenizes the test card as a browser would, with the public key only."""
        return self.call("POST", "/v1/card_tokens?public_key=" + public_key, {
            "card_number": CARD["number"], "security_code": CARD["cvv"],
            "expiration_month": int(CARD["month"]), "expiration_year": int(CARD["year"]),
            "cardholder": {"name": cardholder, "identification": BUYER["identification"]},
        })["id"]

    def stop(self):
        stop(self.process)


class Shop:
    """One of the merchant servers, started with an account's credentials."""

    def __init__(self, server, sandbox, credentials, workdir, sdk_origin=None):
        self.server = server
        self.log_file = os.path.join(workdir, "shop-%s-%d.log" % (server, id(self)))
        self.access_token = credentials["access_token"]
        self.public_key = credentials["public_key"]
        env = dict(os.environ, MP_ACCESS_TOKEN=self.access_token, MP_PUBLIC_KEY=self.public_key,
                   MP_BASE_URL=sandbox.url, MP_CA_FILE=sandbox.ca_file, SHOP_LOG=self.log_file)
        if sdk_origin:
            env["MP_SDK_ORIGIN"] = sdk_origin
        port = free_port()
        if server == "python":
            command = [sys.executable, os.path.join(WEB, "python", "shop.py"), "--port", str(port)]
        else:
            command = [required_env("PHP_BIN"), "-d", "extension=" + required_env("PHP_EXTENSION"),
                       "-S", "127.0.0.1:%d" % port, os.path.join(WEB, "php", "router.php")]
        self.stderr = open(os.path.join(workdir, "shop-%s-%d.stderr" % (server, port)), "w")
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=self.stderr)
        self.url = "http://127.0.0.1:%d" % port
        self._wait_until_up()

    def _wait_until_up(self):
        for _ in range(300):
            if self.process.poll() is not None:
                raise RuntimeError("the %s shop exited with %d" % (self.server, self.process.returncode))
            try:
                with urllib.request.urlopen(self.url + "/product.json", timeout=5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the %s shop did not answer on %s" % (self.server, self.url))

    def request(self, method, path, body=None, raw=None):
        """(status, parsed JSON or text) of a request to the shop."""
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                status, text = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode()
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text

    def log_text(self):
        if not os.path.exists(self.log_file):
            return ""
        with open(self.log_file, encoding="utf-8") as f:
            return f.read()

    def received(self):
        """The bodies the server logged, oldest first."""
        return [json.loads(line) for line in self.log_text().splitlines() if line.strip()]

    def stop(self):
        stop(self.process)
        self.stderr.close()


def card_data_in(value):
    """The card data found in a received body (a JSON value): field names and values."""
    found = []
    card_keys = ("card_number", "cardnumber", "security_code", "securitycode", "cvv", "expiration", "pan")

    def walk(v, path):
        if isinstance(v, dict):
            for k, item in v.items():
                if any(key in k.lower().replace("-", "_") for key in card_keys):
                    found.append("field " + path + k)
                walk(item, path + k + ".")
        elif isinstance(v, list):
            for i, item in enumerate(v):
                walk(item, "%s%d." % (path, i))
        else:
            text = str(v)
            digits = "".join(c for c in text if c.isdigit())
            if CARD["number"] in digits or CARD["number"][-10:] in digits:
                found.append("card number in " + path.rstrip("."))
            if text == CARD["cvv"]:
                found.append("security code in " + path.rstrip("."))
            expiries = (CARD["month"] + "/" + CARD["year"][2:], CARD["month"] + "/" + CARD["year"])
            if text.replace(" ", "") in expiries:
                found.append("expiry in " + path.rstrip("."))

    walk(value, "")
    return found


# Fixtures: one sandbox per test module, a fresh account for it, both shops.

@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("shop"))


@pytest.fixture(scope="module")
def sandbox(workdir):
    s = Sandbox(workdir)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def credentials(sandbox):
    return sandbox.new_account()


@pytest.fixture(scope="module")
def shops(sandbox, credentials, workdir):
    started = {}
    try:
        for server in SERVERS:
            started[server] = Shop(server, sandbox, credentials, workdir)
        yield started
    finally:
        for shop in started.values():
            shop.stop()


def artifacts_dir():
    path = required_env("WEB_ARTIFACTS")
    os.makedirs(path, exist_ok=True)
    return path

