"""Runs mp-sandbox over HTTPS and php-fpm (a static pool, in the foreground, with a pool
configuration generated in a temporary folder) for the PHP-FPM tests and bench, and reads the
sandbox's connection counters. Standard library only."""

import json
import os
import signal
import ssl
import subprocess
import time
import urllib.request

from fastcgi import request as fastcgi_request


def find_php_fpm():
    """php-fpm8.2 (Debian's php8.2-fpm, which scripts/bootstrap.sh installs); fails if absent."""
    for name in ("php-fpm8.2", "php-fpm"):
        for folder in (os.environ.get("PATH", "").split(os.pathsep) + ["/usr/sbin", "/sbin"]):
            path = os.path.join(folder, name)
            if os.access(path, os.X_OK):
                return path
    raise SystemExit("FAIL php-fpm8.2 is missing (scripts/bootstrap.sh installs php8.2-fpm)")


class Sandbox:
    """mp-sandbox --tls on a free port of 127.0.0.1, its CA written to WORK/ca.pem."""

    def __init__(self, binary, work, extra_args=()):
        self.ca = os.path.join(work, "sandbox-ca.pem")
        self._out = open(os.path.join(work, "sandbox.out"), "w+")
        self._err = open(os.path.join(work, "sandbox.err"), "w+")
        self.proc = subprocess.Popen([binary, "--port", "0", "--tls", "--ca-out", self.ca, *extra_args],
                                     stdout=self._out, stderr=self._err)
        self.url = None
        for _ in range(400):
            self._out.seek(0)
            for line in self._out.read().splitlines():
                if line.startswith("mp-sandbox listening on "):
                    self.url = line.split()[-1]
            if self.url or self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if not self.url:
            self._err.seek(0)
            raise SystemExit(f"FAIL mp-sandbox did not start: {self._err.read()}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)


class Counters:
    """The sandbox's /__sandbox/health counters, read over HTTPS trusting CA. Each read is one
    connection and one TLS handshake of its own, which delta() takes off."""

    def __init__(self, base_url, ca):
        self.url = base_url.rstrip("/") + "/__sandbox/health"
        self.context = ssl.create_default_context(cafile=ca)

    def read(self):
        with urllib.request.urlopen(self.url, context=self.context, timeout=30) as r:
            health = json.load(r)
        return {k: health[k] for k in ("requests", "connections", "tls_handshakes", "tls_resumed")}

    def delta(self, before):
        """The counters since BEFORE, less the reading connection of this call (one connection,
        one full handshake: urllib keeps no session) and its request."""
        after = self.read()
        d = {k: after[k] - before[k] for k in before}
        d["connections"] -= 1
        d["tls_handshakes"] -= 1
        d["requests"] -= 1
        return d


class PhpFpm:
    """php-fpm -F with a generated configuration: one static pool of WORKERS children on a unix
    socket in WORK, php.ini off (-n) and only what the page needs loaded: opcache, EXTENSIONS
    (absolute paths or names), INI settings; ENV passed to the workers (clear_env stays on)."""

    def __init__(self, work, workers, extensions=(), ini=None, env=None, max_requests=0):
        self.work = work
        self.socket = os.path.join(work, "fpm.sock")
        self.log = os.path.join(work, "fpm.log")
        conf = os.path.join(work, "php-fpm.conf")
        lines = [
            "[global]",
            f"pid = {os.path.join(work, 'fpm.pid')}",
            f"error_log = {self.log}",
            "daemonize = no",
            "[app]",
            f"listen = {self.socket}",
            "pm = static",
            f"pm.max_children = {workers}",
            f"pm.max_requests = {max_requests}",
            "catch_workers_output = yes",
            "clear_env = yes",
        ]
        if os.getuid() == 0:  # php-fpm wants a user to run the pool as; -R allows root
            lines += ["user = root", "group = root"]
        for name, value in (env or {}).items():
            lines.append(f"env[{name}] = {value}")
        with open(conf, "w") as f:
            f.write("\n".join(lines) + "\n")
        args = [find_php_fpm(), "-F", "-n", "-y", conf, "-d", "zend_extension=opcache",
                "-d", "opcache.enable=1", "-d", "log_errors=1", "-d", "display_errors=0"]
        for ext in extensions:
            args += ["-d", f"extension={ext}"]
        for name, value in (ini or {}).items():
            args += ["-d", f"{name}={value}"]
        if os.getuid() == 0:
            args.append("-R")
        self._stderr = open(os.path.join(work, "fpm.stderr"), "w+")
        self.proc = subprocess.Popen(args, stdout=self._stderr, stderr=subprocess.STDOUT)
        for _ in range(200):
            if os.path.exists(self.socket) or self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if not os.path.exists(self.socket):
            self.stop()
            raise SystemExit(f"FAIL php-fpm did not start: {self.output()}")

    def output(self):
        text = ""
        for path in (self._stderr.name, self.log):
            if os.path.exists(path):
                with open(path, errors="replace") as f:
                    text += f.read()
        return text

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful: lets the workers finish
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

