"""``mercadopago.http.http_client``: the official package's transport seam.

``SDK(token)`` does not use it: its calls go through libmercadopago (kept-
alive connections, retries, idempotency keys). Code that passes its own
``SDK(token, http_client=MyClient())`` (a subclass overriding ``request`` or
``get``/``post``/``put``/``delete``, e.g. to point at a test server) gets its
calls made through that client instead, with the official call convention
(``get(url=..., headers=..., params=..., timeout=..., maxretries=...,
retry_on=...)``). This default implementation uses the standard library
(TLS verified), retrying ``retry_on`` statuses of GETs with Retry-After."""
from __future__ import annotations

import json
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Iterable, Optional

from ..errors.exceptions import MPConnectionError, MPServerError

__all__ = ["HttpClient"]

DEFAULT_RETRY_ON = (429, 500, 502, 503, 504)


class HttpClient:
    """request(method, url, maxretries=None, retry_on=None, backoff_factor=None,
    **kwargs) -> {"status": int, "response": parsed JSON or None}."""

    def request(self, method: str, url: str, maxretries: Optional[int] = None,
                retry_on: Optional[Iterable[int]] = None,
                backoff_factor: Optional[float] = None, **kwargs: Any) -> Dict[str, Any]:
        params = kwargs.get("params")
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params, doseq=True)
        data = kwargs.get("data")
        body = data.encode("utf-8") if isinstance(data, str) else data
        statuses = set(retry_on if retry_on is not None else DEFAULT_RETRY_ON)
        retries = maxretries if maxretries is not None and method == "GET" else 0
        verify = kwargs.get("verify")
        context = ssl.create_default_context(cafile=verify if isinstance(verify, str) else None)
        for attempt in range(retries + 1):
            req = urllib.request.Request(url, data=body, method=method,
                                         headers=dict(kwargs.get("headers") or {}))
            try:
                with urllib.request.urlopen(req, timeout=kwargs.get("timeout") or 60,
                                            context=context) as answer:
                    status, raw, headers = answer.status, answer.read(), answer.headers
            except urllib.error.HTTPError as e:
                status, raw, headers = e.code, e.read(), e.headers
            except (urllib.error.URLError, OSError) as e:
                raise MPConnectionError(e) from e
            if status in statuses and attempt < retries:
                wait = headers.get("Retry-After") if headers else None
                delay = float(wait) if wait and wait.isdigit() else (backoff_factor or 0) * 2 ** attempt
                time.sleep(min(delay, 60))
                continue
            break
        out: Dict[str, Any] = {"status": status, "response": None}
        if status != 204 and raw:
            try:
                out["response"] = json.loads(raw)
            except ValueError as e:
                raise MPServerError(status, {"message": "Invalid JSON in response body",
                                             "error": "invalid_response"}) from e
        return out

    def get(self, url: str, headers: Any, params: Any = None, timeout: Any = None,
            maxretries: Any = None, retry_on: Any = None,
            backoff_factor: Any = None) -> Dict[str, Any]:
        return self.request("GET", url=url, headers=headers, params=params, timeout=timeout,
                            maxretries=maxretries, retry_on=retry_on,
                            backoff_factor=backoff_factor)

    def post(self, url: str, headers: Any, data: Any = None, params: Any = None,
             timeout: Any = None, maxretries: Any = None, retry_on: Any = None,
             backoff_factor: Any = None) -> Dict[str, Any]:
        return self.request("POST", url=url, headers=headers, data=data, params=params,
                            timeout=timeout, maxretries=maxretries, retry_on=retry_on,
                            backoff_factor=backoff_factor)

    def put(self, url: str, headers: Any, data: Any = None, params: Any = None,
            timeout: Any = None, maxretries: Any = None, retry_on: Any = None,
            backoff_factor: Any = None) -> Dict[str, Any]:
        return self.request("PUT", url=url, headers=headers, data=data, params=params,
                            timeout=timeout, maxretries=maxretries, retry_on=retry_on,
                            backoff_factor=backoff_factor)

    def delete(self, url: str, headers: Any, params: Any = None, timeout: Any = None,
               maxretries: Any = None, retry_on: Any = None,
               backoff_factor: Any = None) -> Dict[str, Any]:
        return self.request("DELETE", url=url, headers=headers, params=params,
                            timeout=timeout, maxretries=maxretries, retry_on=retry_on,
                            backoff_factor=backoff_factor)
