"""The fidelity suites' one harness: a real mp-sandbox over HTTPS and literal HTTP requests.

    from sandbox_http import Sandbox
    sb = Sandbox(sys.argv[1])               # starts `mp-sandbox --tls --port 0 [extra args]`
    r = sb.call("POST", "/v1/payments", '{"transaction_amount": 10, ...}',
                headers=[("X-Idempotency-Key", "a"), ("X-Idempotency-Key", "b")])
    sb.expect(r, 201, "what the real API documents")   # records a failure, never raises
    sys.exit(sb.finish())

Bodies are sent exactly as given (a str is sent as is; a dict or list is serialised), and headers
are a list of pairs so that one name can repeat, as real clients do. Every call goes through
http.client over a TLS socket verified against the CA the sandbox writes.
"""
import atexit
import http.client
import json
import os
import shutil
import ssl
import subprocess
import tempfile
import uuid

TOKEN = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567"
COLLECTOR = 1234567


class Response:
    def __init__(self, status, headers, text):
        self.status = status
        self.headers = headers  # list of (name, value), as received
        self.text = text
        try:
            self.json = json.loads(text) if text else None
        except ValueError:
            self.json = None

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def __repr__(self):
        return "%d %s" % (self.status, self.text[:400])


class Sandbox:
    def __init__(self, binary, *args, env=None):
        self.dir = tempfile.mkdtemp(prefix="mp-fidelity-")
        ca = os.path.join(self.dir, "ca.pem")
        self.proc = subprocess.Popen(
            [binary, "--tls", "--port", "0", "--ca-out", ca, *args],
            stdout=subprocess.PIPE, text=True, env=env)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("mp-sandbox listening on "):
            raise RuntimeError("mp-sandbox did not start: %r" % line)
        # A suite that raises half-way must not leave its sandbox behind.
        atexit.register(self._kill)
        self.url = line.rsplit(" ", 1)[1]
        host_port = self.url.split("://", 1)[1]
        self.host, self.port = host_port.rsplit(":", 1)
        self.context = ssl.create_default_context(cafile=ca)
        self.failures = 0
        self.checks = 0

    def call(self, method, path, body=None, headers=None, token=TOKEN, key=True):
        """One request. `token` None sends no Authorization; `key` adds a fresh
        X-Idempotency-Key to POST/PUT/PATCH unless the headers carry one."""
        conn = http.client.HTTPSConnection(self.host, int(self.port), context=self.context,
                                           timeout=30)
        data = None
        if body is not None:
            data = (body if isinstance(body, str) else json.dumps(body)).encode()
        conn.putrequest(method, path, skip_accept_encoding=True)
        pairs = list(headers or [])
        names = {name.lower() for name, _ in pairs}
        if token is not None and "authorization" not in names:
            pairs.append(("Authorization", "Bearer " + token))
        if data is not None and "content-type" not in names:
            pairs.append(("Content-Type", "application/json"))
        if key and method in ("POST", "PUT", "PATCH") and "x-idempotency-key" not in names:
            pairs.append(("X-Idempotency-Key", str(uuid.uuid4())))
        for name, value in pairs:
            conn.putheader(name, value)
        if data is not None:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        resp = conn.getresponse()
        result = Response(resp.status, resp.getheaders(), resp.read().decode("utf-8", "replace"))
        conn.close()
        return result

    def check(self, ok, what, detail=""):
        self.checks += 1
        if ok:
            print("ok   " + what)
        else:
            self.failures += 1
            print("FAIL %s %s" % (what, detail))
        return ok

    def expect(self, resp, status, what):
        """The status is the documented one; returns the parsed body (or None)."""
        self.check(resp.status == status, what, "(want %d, got %r)" % (status, resp))
        return resp.json

    def _kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)

    def finish(self):
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)
        print("%d checks, %d failed" % (self.checks, self.failures))
        return 1 if self.failures or not self.checks else 0
