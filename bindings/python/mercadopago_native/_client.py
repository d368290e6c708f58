"""The client and the resource surface built from the operations table."""
from __future__ import annotations

import decimal
import functools
import inspect
import json
import logging
from typing import (TYPE_CHECKING, Any, AsyncIterator, Dict, Iterator, List, Mapping, Optional,
                    Sequence, Set, Tuple, TypeVar, Union)

if TYPE_CHECKING:
    import asyncio  # imported where used: asyncio imports ssl, which maps the system's OpenSSL

from . import _native
from ._redact import redact_line
from .errors import MercadoPagoError, _from_native, _parse_json, error_class_for_status
from .resources import AsyncClientResources, ClientResources

__all__ = ["Client", "AsyncClient", "Result", "ListResult", "Headers", "Resource", "Operation",
           "Option", "PageIterator", "AsyncPageIterator", "Batch", "OPERATIONS", "OPTIONS",
           "logger"]

logger = logging.getLogger("mercadopago_native")
_T = TypeVar("_T")  # the item of a list or search (a shape of shapes.pyi for type checkers)
# A library's logger: nothing reaches stderr unless the application configures
# logging (without it, Python's last-resort handler would print WARNINGs).
logger.addHandler(logging.NullHandler())

# Python logging levels for the library's (1 error .. 4 debug).
_PY_LEVEL = {1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO, 4: logging.DEBUG}


def _c_log_level(level: Optional[Union[int, str]]) -> int:
    """The C max level for a Python logging level (None: the logger's own)."""
    if level is None:
        effective = logger.getEffectiveLevel()
    elif isinstance(level, str):
        effective = logging.getLevelName(level.upper())
        if not isinstance(effective, int):
            raise ValueError(f"unknown log level {level!r}")
    else:
        effective = level
    if effective <= logging.DEBUG:
        return 4
    if effective <= logging.INFO:
        return 3
    if effective <= logging.WARNING:
        return 2
    if effective <= logging.ERROR:
        return 1
    return 0


def _default(o: Any) -> Any:
    if isinstance(o, decimal.Decimal):
        return float(o)
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def _encode_body(body: Any) -> Optional[bytes]:
    if body is None:
        return None
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"),
                      default=_default).encode("utf-8")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


class Headers(Mapping[str, str]):
    """Response headers: a read-only mapping whose names are case-insensitive
    (``headers["x-request-id"]`` is ``headers["X-Request-Id"]``); ``len()``,
    iteration, ``items()`` and ``in`` see every header of the answer, listed
    with the names as received. A header sent twice: ``[]`` gives the first
    value, ``get_all(name)`` every one."""

    __slots__ = ("_response", "_lines")

    def __init__(self, response: Any) -> None:
        self._response = response
        self._lines: Optional[List[Tuple[str, str]]] = None

    def _all(self) -> List[Tuple[str, str]]:
        if self._lines is None:  # read once, on the first listing
            pairs = (line.partition(":") for line in self._response.header_lines())
            self._lines = [(name.strip(), value.strip()) for name, _, value in pairs]
        return self._lines

    def __getitem__(self, name: str) -> str:
        value = self._response.header(name) if isinstance(name, str) else None
        if value is None:
            raise KeyError(name)
        return value

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        value = self._response.header(name) if isinstance(name, str) else None
        return default if value is None else value

    def get_all(self, name: str) -> List[str]:
        """Every value of a header (case-insensitive), in the order received."""
        folded = name.lower()
        return [v for n, v in self._all() if n.lower() == folded]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._response.header(name) is not None

    def __iter__(self) -> Iterator[str]:
        seen: Set[str] = set()
        for name, _ in self._all():
            if name.lower() not in seen:
                seen.add(name.lower())
                yield name

    def __len__(self) -> int:
        return len({name.lower() for name, _ in self._all()})

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"


class _ResultMixin:
    """What a result carries besides its JSON, read from the native response
    on access (it is held anyway, for header lookups): a call pays for none of
    it unless asked."""

    _response: Any

    def _attach(self, response: Any) -> None:
        self._response = response

    @property
    def http_status(self) -> int:
        return self._response.http_status

    @property
    def headers(self) -> Headers:
        return Headers(self._response)

    @property
    def request_id(self) -> str:
        return self._response.request_id

    @property
    def idempotency_key(self) -> str:
        return self._response.idempotency_key

    @property
    def attempts(self) -> int:
        return self._response.attempts


class Result(_ResultMixin, dict):
    """A JSON object answer: a dict, plus ``http_status``, ``headers``,
    ``request_id``, ``idempotency_key`` and ``attempts``."""

    def __repr__(self) -> str:
        return f"Result(http_status={self.http_status}, {dict.__repr__(self)})"


class ListResult(_ResultMixin, List[_T]):
    """A JSON array answer (a list operation's, read in one call): a list with
    the same attributes as Result."""

    def __repr__(self) -> str:
        return f"ListResult(http_status={self.http_status}, {list.__repr__(self)})"


def _result(response: Any, lists: bool = False) -> Union[Result, ListResult]:
    """A response as a Result, or a ListResult for an array (always for an
    operation whose answer is a list: a wrapped one gives its items)."""
    data = _parse_json(response.body())
    if lists and not isinstance(data, list):
        data = _page_items(data, "array")[0]
    if isinstance(data, list):
        out: Union[Result, ListResult] = ListResult(data)
    elif isinstance(data, dict):
        out = Result(data)
    else:
        out = Result() if data is None else Result(value=data)
    out._attach(response)
    return out


class Operation:
    """One row of the operations table."""

    __slots__ = ("name", "resource", "action", "method", "path", "has_body", "paging", "params")

    def __init__(self, name: str, method: str, path: str, has_body: bool, paging: str,
                 params: Tuple[str, ...]) -> None:
        self.name = name
        self.resource, _, self.action = name.partition(".")
        self.method = method
        self.path = path
        self.has_body = has_body
        self.paging = paging
        self.params = params

    @property
    def pages(self) -> bool:
        """A search, walked page by page (offset/limit): its call gives an iterator."""
        return self.paging not in ("none", "array")

    @property
    def lists(self) -> bool:
        """A plain array answer, one call (not paged by offset): its call gives a ListResult."""
        return self.paging == "array"

    def __repr__(self) -> str:
        return f"<Operation {self.name} {self.method} {self.path}>"

    def signature(self) -> str:
        parts = list(self.params)
        if self.has_body:
            parts.append("body=None")
        parts.append("*")
        parts.append("**body_members" if self.has_body else "**query")
        return f"{self.action}({', '.join(parts)})"

    def bind(self, args: Sequence[Any], kwargs: Dict[str, Any]) -> Dict[str, Any]:
        """Splits a call's arguments into path, query and body."""
        n = len(self.params)
        if not kwargs and (len(args) == n or (self.has_body and len(args) == n + 1)) \
                and None not in args[:n]:
            # The common call (get(id), create(body), update(id, body)): nothing to sort
            # out, so none of the general path's list and dict work (measured: it is a
            # tenth of a payments.get's client CPU).
            return {"path": [(name, _text(v)) for name, v in zip(self.params, args)],
                    "query": [],
                    "body": _encode_body(args[n]) if len(args) > n else None}
        args = list(args)
        path: List[Tuple[str, str]] = []
        for name in self.params:
            if name in kwargs:
                value = kwargs.pop(name)
            elif args:
                value = args.pop(0)
            else:
                raise TypeError(f"{self.name}() missing path parameter {name!r}")
            if value is None:
                raise TypeError(f"{self.name}() path parameter {name!r} is None")
            path.append((name, _text(value)))
        body: Any = None
        if self.has_body:
            if args:
                body = args.pop(0)
            if "body" in kwargs:
                if body is not None:
                    raise TypeError(f"{self.name}() got the body twice")
                body = kwargs.pop("body")
        if args:
            raise TypeError(f"{self.name}() takes {len(self.params) + self.has_body} "
                            f"positional argument(s), {len(args) + len(path)} given")
        query: List[Tuple[str, str]] = []
        extra = {k: v for k, v in kwargs.items() if v is not None}
        if self.has_body:
            if extra:
                if body is None:
                    body = {}
                if not isinstance(body, dict):
                    raise TypeError(f"{self.name}(): keyword members need a dict body")
                body = {**body, **extra}
        else:
            for k, v in extra.items():
                if isinstance(v, (list, tuple)):
                    query.extend((k, _text(x)) for x in v)
                else:
                    query.append((k, _text(v)))
        return {"path": path, "query": query, "body": _encode_body(body)}


def _load_operations() -> Dict[str, Operation]:
    return {row[0]: Operation(*row) for row in _native.operations()}


#: Every operation of the loaded library, by name ("payments.create", ...).
OPERATIONS: Dict[str, Operation] = _load_operations()

class Option:
    """One row of the library's options table (mp_option_*)."""

    __slots__ = ("name", "type", "arity", "scope", "doc")

    def __init__(self, name: str, type: int, arity: int, scope: int, doc: str) -> None:
        self.name, self.type, self.arity, self.scope, self.doc = name, type, arity, scope, doc

    def texts(self, value: Any) -> List[str]:
        """A Python value as the option's text(s): one per header, else one."""
        if self.type == _native.OPTION_HEADERS:
            pairs = value.items() if isinstance(value, Mapping) else value
            return [f"{_text(k)}: {_text(v)}" for k, v in pairs]
        if self.arity > 1 and isinstance(value, (list, tuple)):
            return [",".join(_text(v) for v in value)]
        return [_text(value)]

    def __repr__(self) -> str:
        return f"<Option {self.name}>"


#: Every option of the loaded library, by name ("timeout", ...).
OPTIONS: Dict[str, Option] = {row[0]: Option(*row) for row in _native.options()}
_CLIENT_OPTIONS = tuple(o.name for o in OPTIONS.values() if o.scope & _native.OPTION_CLIENT)
_CALL_OPTIONS = tuple(o.name for o in OPTIONS.values() if o.scope & _native.OPTION_CALL)
_PAGE_OPTIONS = tuple(o.name for o in OPTIONS.values()
                      if o.scope & _native.OPTION_PAGES and o.name not in _CALL_OPTIONS)


def _split_options(kwargs: Dict[str, Any], pages: bool = False) -> Dict[str, Any]:
    """Pops the per-call options (and, for a list, the page options) out of a
    call's keyword arguments."""
    names = _CALL_OPTIONS + _PAGE_OPTIONS if pages else _CALL_OPTIONS
    return {k: kwargs.pop(k) for k in names if k in kwargs}


def _request(bound: Dict[str, Any], options: Dict[str, Any]) -> Any:
    """The native Request of a call: path, query, body and per-call options."""
    request = _native.Request()
    for name, value in bound["path"]:
        request.set_path_param(name, value)
    for name, value in bound["query"]:
        request.add_query(name, value)
    if bound["body"] is not None:
        request.set_body(bound["body"])
    for name, value in options.items():
        if value is not None:
            for text in OPTIONS[name].texts(value):
                request.set(name, text)
    return request


# -- pages: what a page of a search or list holds, as the C pager reads it
# (core/pager.cpp): PageIterator walks the C pager, AsyncPageIterator walks the
# same way over asynchronous calls, and both read a page's items here.

def _page_items(data: Any, paging: str) -> Tuple[List[Any], int]:
    """A page's items and its paging.total (-1 when absent): an array, or the
    list under the member the operation names, else "results", "elements" or
    "data"."""
    if isinstance(data, list):
        return data, -1
    if not isinstance(data, dict):
        raise error_class_for_status("json")(
            "a search page is neither an array nor an object", status="json")
    names = ["results", "elements", "data"]
    if paging in names:
        names.remove(paging)
        names.insert(0, paging)
    for name in names:
        if isinstance(data.get(name), list):
            paging_info = data.get("paging")
            total = _count(paging_info.get("total"), -1) if isinstance(paging_info, dict) else -1
            return data[name], total
    raise error_class_for_status("json")(
        "a search page has no results, elements or data", status="json")


def _count(value: Any, fallback: int) -> int:
    """A non-negative count sent as a number or a decimal string, else fallback."""
    if isinstance(value, bool):
        return fallback
    if isinstance(value, int):
        return value if value >= 0 else fallback
    if isinstance(value, float):
        return int(value) if value >= 0 and value.is_integer() and value < 9.2e18 else fallback
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return fallback


def _fingerprint(item: Any) -> Tuple[str, str]:
    """How a walk tells items apart: by "id" when there is one, else the text."""
    if isinstance(item, dict):
        key = item.get("id")
        if isinstance(key, str):
            return ("s", key)
        if isinstance(key, int) and not isinstance(key, bool):
            return ("n", str(key))
    return ("t", json.dumps(item, separators=(",", ":"), sort_keys=True))


class PageIterator(Iterator[_T]):
    """Walks a search or list operation item by item, fetching pages as needed.

    ``total`` is the server's count as of the last page (-1 when unknown);
    ``pages()`` walks page by page instead (each a Result).
    """

    def __init__(self, client: "Client", op: Operation, request: Any) -> None:
        self._client = client  # its pager would outlive it, but could not call once closed
        self._pager = client._logged(client._native.pager, op.name, request)
        self.operation = op
        self._items: Iterator[Any] = iter(())

    def __iter__(self) -> "PageIterator[_T]":
        return self

    def __next__(self) -> _T:
        # Items come from one json.loads of each page (the C pager's own
        # item-by-item JSON would cost a parse per item on top).
        for item in self._items:
            return item
        while True:
            page = self._client._logged(self._pager.next_page)
            if page is None:
                raise StopIteration
            self._items = iter(_page_items(_parse_json(page.body()), self.operation.paging)[0])
            for item in self._items:
                return item

    def pages(self) -> Iterator[Union[Result, ListResult]]:
        while True:
            page = self._client._logged(self._pager.next_page)
            if page is None:
                return
            yield _result(page)

    @property
    def total(self) -> int:
        return self._pager.total

    def __repr__(self) -> str:
        return f"<PageIterator {self.operation.name} total={self.total}>"


class AsyncPageIterator(AsyncIterator[_T]):
    """``async for item in client.payments.search(...)``: walks a search or list
    over asynchronous calls, a page at a time, as the C pager walks it
    (core/pager.cpp): the query's "offset" (default 0) is where it starts, the
    page size is ``page_size=``, else the query's "limit", else 50; it stops on
    an empty or short page, at paging.total, or on a page with nothing new.

    ``total`` is the server's count as of the last page (-1 when unknown);
    ``pages()`` walks page by page instead (each a Result).
    """

    def __init__(self, client: "AsyncClient", op: Operation, bound: Dict[str, Any],
                 options: Dict[str, Any]) -> None:
        self._client = client
        self.operation = op
        self._options = {k: v for k, v in options.items() if k not in _PAGE_OPTIONS}
        limit = 0
        self._offset = 0
        query: List[Tuple[str, str]] = []
        for name, value in bound["query"]:
            if name == "offset":
                self._offset = _count(value, 0)
            elif name == "limit":
                limit = _count(value, limit)
            else:
                query.append((name, value))
        page_size = options.get("page_size")
        if page_size is not None and int(page_size) > 0:
            limit = int(page_size)
        self._limit = limit if limit > 0 else 50
        self._bound = {**bound, "query": query}
        self._total = -1
        self._done = False
        self._seen: Set[Tuple[str, str]] = set()
        self._items: List[Any] = []

    async def _fetch(self) -> Optional[Any]:
        """The next page's native response (None after the last); its new items
        go to self._items."""
        if self._done:
            return None
        query = self._bound["query"]
        if self.operation.paging != "array":
            query = query + [("offset", str(self._offset)), ("limit", str(self._limit))]
        response = await self._client._start(
            self.operation.name, _request({**self._bound, "query": query}, self._options))
        items, total = _page_items(_parse_json(response.body()), self.operation.paging)
        if total >= 0:
            self._total = total
        fresh = []
        for item in items:
            key = _fingerprint(item)
            if key not in self._seen:
                self._seen.add(key)
                fresh.append(item)
        self._items = fresh
        if self.operation.paging in ("array", "none"):
            self._done = True
        else:
            self._offset += len(items)
            if not items or len(items) < self._limit or not fresh or \
                    0 <= self._total <= self._offset:
                self._done = True
        if items and not fresh:  # nothing new: not a page of its own
            return None
        return response

    def __aiter__(self) -> "AsyncPageIterator[_T]":
        return self

    async def __anext__(self) -> _T:
        while not self._items:
            if await self._fetch() is None:
                raise StopAsyncIteration
        return self._items.pop(0)

    async def pages(self) -> AsyncIterator[Union[Result, ListResult]]:
        while True:
            page = await self._fetch()
            if page is None:
                return
            yield _result(page)

    @property
    def total(self) -> int:
        return self._total

    def __repr__(self) -> str:
        return f"<AsyncPageIterator {self.operation.name} total={self.total}>"


def _invoke(client: "_ClientBase", op: Operation, args: Sequence[Any],
            kwargs: Dict[str, Any]) -> Any:
    """A call of op: its Result (a coroutine of it for an AsyncClient), or a
    PageIterator (AsyncPageIterator) for a list."""
    # No keyword arguments (the common call): no options to split, and the
    # native call goes without keywords, which pybind11 parses faster.
    options = _split_options(kwargs, op.pages) if kwargs else {}
    bound = op.bind(args, kwargs)
    if op.pages:
        if isinstance(client, AsyncClient):
            return AsyncPageIterator(client, op, bound, options)
        return PageIterator(client, op, _request(bound, options))  # type: ignore[arg-type]
    return client._call(op.name, bound, options)


def _signature(op: Operation) -> inspect.Signature:
    P = inspect.Parameter
    params = [P(name, P.POSITIONAL_OR_KEYWORD) for name in op.params]
    if op.has_body:
        params.append(P("body", P.POSITIONAL_OR_KEYWORD, default=None))
    for name in _CALL_OPTIONS + (_PAGE_OPTIONS if op.pages else ()):
        params.append(P(name, P.KEYWORD_ONLY, default=None))
    params.append(P("body_members" if op.has_body else "query", P.VAR_KEYWORD))
    return inspect.Signature(params)


def _method(client: "_ClientBase", op: Operation) -> Any:
    """A real function per operation, so that help() and IDEs show its
    signature and docstring (a coroutine function for an AsyncClient's call)."""

    if isinstance(client, AsyncClient) and not op.pages:
        async def method(*args: Any, **kwargs: Any) -> Any:
            return await _invoke(client, op, args, kwargs)
    else:
        def method(*args: Any, **kwargs: Any) -> Any:  # type: ignore[misc]
            return _invoke(client, op, args, kwargs)

    method.__name__ = op.action
    method.__qualname__ = f"{op.resource}.{op.action}"
    method.__doc__ = _doc(op, isinstance(client, AsyncClient))
    method.__signature__ = _signature(op)  # type: ignore[attr-defined]
    method.operation = op  # type: ignore[attr-defined]
    return method


def _doc(op: Operation, is_async: bool = False) -> str:
    lines = [f"{op.method} {op.path}  (operation {op.name!r})", ""]
    if op.params:
        lines.append("Path parameters, positional in this order or by keyword: "
                     + ", ".join(op.params) + ".")
    if op.has_body:
        lines.append("body: a dict (sent as UTF-8 JSON), str or bytes; extra keyword "
                     "arguments are merged into it as members.")
    else:
        lines.append("Extra keyword arguments go to the query string.")
    if op.pages:
        kind = "an AsyncPageIterator (async for)" if is_async else "a PageIterator"
        lines.append(f"Returns {kind} over the items (answers shaped {op.paging!r}).")
    elif op.lists:
        lines.append(("A coroutine: awaited, gives" if is_async else "Returns")
                     + " a ListResult (a list, read in one call).")
    elif is_async:
        lines.append("A coroutine: awaited, gives a Result (a dict).")
    else:
        lines.append("Returns a Result (a dict).")
    lines.append("Per call:")
    lines += [f"  {name}=: {OPTIONS[name].doc}"
              for name in _CALL_OPTIONS + (_PAGE_OPTIONS if op.pages else ())]
    return "\n".join(lines)


class Resource:
    """The operations of one resource, e.g. ``client.payments``."""

    def __init__(self, client: "_ClientBase", name: str, ops: List[Operation]) -> None:
        self._name = name
        self._methods = {op.action: _method(client, op) for op in ops}
        for action, method in self._methods.items():
            setattr(self, action, method)
        self.__doc__ = f"Operations of {name!r}: " + ", ".join(
            op.signature() for op in ops)

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self._methods))

    def __repr__(self) -> str:
        return f"<Resource {self._name}: {', '.join(self._methods)}>"


class Batch:
    """Many calls sent at once (parallel connections / HTTP/2 streams).

    ``add()`` takes an operation name and the same arguments as the resource
    method; ``run()`` returns one outcome per call, in order: a Result, or the
    exception instance of a failed call (not raised).
    """

    def __init__(self, client: "Client") -> None:
        self._client = client
        self._batch = _native.Batch()
        self._lists: List[bool] = []

    def add(self, operation: str, *args: Any, **kwargs: Any) -> int:
        op = self._client._operation(operation)
        options = _split_options(kwargs)
        index = self._batch.add(op.name, _request(op.bind(args, kwargs), options))
        self._lists.append(op.lists)
        return index

    def __len__(self) -> int:
        return len(self._batch)

    def run(self, max_in_flight: int = 0) -> List[Union[Result, ListResult, MercadoPagoError]]:
        self._client._logged(self._client._native.run_batch, self._batch, max_in_flight)
        out: List[Union[Result, ListResult, MercadoPagoError]] = []
        for i in range(len(self._batch)):
            error = self._batch.error(i)
            response = None if error is not None else self._batch.take_response(i)
            if error is not None:
                out.append(_from_native(error))
            elif response is None:
                out.append(MercadoPagoError(f"batch call {i} has no outcome (run() not called?)",
                                            status="internal"))
            else:
                out.append(_result(response, self._lists[i]))
        return out


class _ClientBase:
    """What Client and AsyncClient share: the options, the resources built
    from the operations table, and the library's log lines."""

    _native: Any

    def __init__(self, access_token: str, *, log_level: Optional[Union[int, str]] = None,
                 **options: Any) -> None:
        if not isinstance(access_token, str):
            raise TypeError("access_token must be a str")
        config = _native.Config()
        for name, value in {"access_token": access_token, **options}.items():
            if name not in _CLIENT_OPTIONS:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument "
                                f"{name!r}")
            if value is not None:
                for text in OPTIONS[name].texts(value):
                    config.set(name, text)
        # An explicit log_level= stays; else the logger's level is followed,
        # read at each call (_level_now).
        self._fixed_level = None if log_level is None else _c_log_level(log_level)
        self._log_level = _c_log_level(log_level)
        self._native = self._open(config)
        self.base_url = options.get("base_url") or "https://api.mercadopago.com"
        self._resources: Dict[str, Resource] = {}
        by_resource: Dict[str, List[Operation]] = {}
        for op in OPERATIONS.values():
            by_resource.setdefault(op.resource, []).append(op)
        for name, ops in by_resource.items():
            self._resources[name] = Resource(self, name, ops)

    def _open(self, config: Any) -> Any:
        raise NotImplementedError

    # -- resources --------------------------------------------------------
    def __getattr__(self, name: str) -> Resource:
        resources = self.__dict__.get("_resources")
        if resources is not None and name in resources:
            return resources[name]
        raise AttributeError(f"{type(self).__name__!s} has no resource {name!r}")

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self._resources))

    @property
    def operations(self) -> Dict[str, Operation]:
        return OPERATIONS

    def _operation(self, name: str) -> Operation:
        try:
            return OPERATIONS[name]
        except KeyError:
            raise ValueError(f"unknown operation {name!r}") from None

    def _call(self, operation: str, bound: Dict[str, Any], options: Dict[str, Any]) -> Any:
        raise NotImplementedError

    # -- logs -------------------------------------------------------------
    def _level_now(self) -> int:
        """The C level to log at now: the explicit one, else the logger's
        current effective level; the native client follows a change (a
        comparison per call otherwise)."""
        level = self._fixed_level if self._fixed_level is not None else _c_log_level(None)
        if level != self._log_level:
            self._log_level = level
            self._native.set_log_level(level)
        return level

    def _drain_logs(self) -> None:
        """The library's queued log lines, into logging, on this thread (DEBUG
        bodies without the payer's personal data: _redact.py)."""
        line = self._native.next_log()
        while line is not None:
            level = _PY_LEVEL.get(line.level, logging.DEBUG)
            message = line.message
            logger.log(level, "%s", redact_line(message) if level == logging.DEBUG else message)
            line = self._native.next_log()

    def oauth_authorization_url(self, client_id: str, redirect_uri: str,
                                state: Optional[str] = None) -> str:
        return _native.oauth_authorization_url(client_id, redirect_uri, state)

    @property
    def closed(self) -> bool:
        return self._native.closed

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<mercadopago_native.{type(self).__name__} {self.base_url} {state}>"


class Client(_ClientBase, ClientResources):
    """A Mercado Pago API client over libmercadopago.

    One client is safe to share between threads (it keeps a pool of keep-alive
    connections); the GIL is released during every network call. Use it as a
    context manager, or call ``close()``.

    Every operation of the library's table is a method of a resource
    attribute: ``client.payments.create(body)``, ``client.payments.get(id)``,
    ``client.customers.search(email=...)`` (an auto-paging iterator),
    ``client.cards.list(customer_id)``... ``client.operations`` lists them.

    Keyword arguments are the client options of the library's table (see
    ``OPTIONS``; times in seconds), plus Python's own ``log_level`` (a logging
    level; default: the effective level of the ``mercadopago_native`` logger,
    read at each call, so that a later ``setLevel`` applies), which selects
    what the library logs into ``logging.getLogger("mercadopago_native")``.
    """

    def _open(self, config: Any) -> Any:
        config.set_log_level(4)  # the queue is there; the client's level says what goes in
        native = _native.Client(config)
        native.set_log_level(self._log_level)
        return native

    # -- calls ------------------------------------------------------------
    def _logged(self, fn: Any, *args: Any) -> Any:
        """fn(*args), then the library's log lines it queued, on this thread."""
        if not self._level_now():
            return fn(*args)
        try:
            return fn(*args)
        finally:
            self._drain_logs()

    def _call(self, operation: str, bound: Dict[str, Any],
              options: Dict[str, Any]) -> Union[Result, ListResult]:
        request = _request(bound, options) if bound["path"] or bound["query"] or options \
            or bound["body"] is not None else None
        return _result(self._logged(self._native.call, operation, request),
                       OPERATIONS[operation].lists)

    def call(self, operation: str, *args: Any, **kwargs: Any) -> Any:
        """Calls an operation by name with the arguments of its resource method."""
        op = self._operation(operation)
        return _invoke(self, op, args, kwargs)

    def batch(self) -> Batch:
        return Batch(self)

    def warm(self, connections: int = 1) -> int:
        """Opens up to ``connections`` (1 to 64) connections now (TCP and TLS,
        a HEAD request without the token), so that the first calls do not
        wait for them: for a service's start-up. Returns how many answered."""
        return int(self._native.warm(connections, _native.WARM_BLOCKING))

    # -- lifetime ---------------------------------------------------------
    def close(self) -> None:
        self._native.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _settle(client: "AsyncClient", future: "asyncio.Future[Any]", response: Any,
            error: Any) -> None:
    """A call's outcome, on its caller's loop (call_soon_threadsafe from the
    engine thread)."""
    if client._log_level:
        client._drain_logs()
    if future.done():  # its task was canceled meanwhile
        return
    if error is not None:
        future.set_exception(_from_native(error))
    else:
        future.set_result(response)


class AsyncClient(_ClientBase, AsyncClientResources):
    """The asyncio client: the same resources, options, results and errors as
    ``Client``, but every call is a coroutine (``await
    client.payments.get(id)``) and lists are async iterators (``async for p in
    client.payments.search(...)``).

    All the client's calls run on one engine thread of the library (one
    libcurl multi handle, whatever the number of calls in flight), with the
    retries, idempotency keys and deadlines of a blocking call; the event loop
    is never blocked. Canceling the awaiting task cancels the call (its
    connection is closed). ``async with AsyncClient(...) as client:``, or
    ``await client.close()``, which cancels the calls still in flight (they
    raise CanceledError).
    """

    def _open(self, config: Any) -> Any:
        return _native.AsyncClient(config, self._log_level)

    # -- calls ------------------------------------------------------------
    async def _start(self, operation: str, request: Any) -> Any:
        """The native response of one call, awaited on the running loop."""
        import asyncio  # already loaded: the caller is a coroutine

        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._level_now()
        call_id = self._native.start(
            operation, request,
            functools.partial(loop.call_soon_threadsafe, _settle, self, future))
        try:
            return await future
        except asyncio.CancelledError:
            self._native.cancel(call_id)  # nothing happens when it already ended
            raise

    async def _call(self, operation: str, bound: Dict[str, Any],
                    options: Dict[str, Any]) -> Union[Result, ListResult]:
        request = _request(bound, options) if bound["path"] or bound["query"] or options \
            or bound["body"] is not None else None
        return _result(await self._start(operation, request), OPERATIONS[operation].lists)

    def call(self, operation: str, *args: Any, **kwargs: Any) -> Any:
        """Calls an operation by name with the arguments of its resource
        method: a coroutine, or an AsyncPageIterator for a list."""
        op = self._operation(operation)
        return _invoke(self, op, args, kwargs)

    async def warm(self, connections: int = 1) -> int:
        """Opens up to ``connections`` (1 to 64) connections of the engine now
        (TCP and TLS, a HEAD request without the token), so that the first
        calls do not wait for them; returns how many answered. The wait runs
        in the loop's default executor."""
        import asyncio

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self._native.warm, connections,
                                          _native.WARM_ASYNC)

    @property
    def in_flight(self) -> int:
        """Calls started and not yet completed by the library."""
        return self._native.in_flight

    # -- lifetime ---------------------------------------------------------
    async def close(self) -> None:
        """Cancels the calls in flight (their tasks raise CanceledError) and
        frees the client. Idempotent."""
        self._native.close()  # prompt: transfers are closed, not awaited
        if self._log_level:
            self._drain_logs()

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()


def _client_signature() -> inspect.Signature:
    P = inspect.Parameter
    params = [P("self", P.POSITIONAL_OR_KEYWORD), P("access_token", P.POSITIONAL_OR_KEYWORD)]
    params += [P(name, P.KEYWORD_ONLY, default=None)
               for name in _CLIENT_OPTIONS if name != "access_token"]
    params.append(P("log_level", P.KEYWORD_ONLY, default=None))
    return inspect.Signature(params)


_ClientBase.__init__.__signature__ = _client_signature()  # type: ignore[attr-defined]
for _cls in (Client, AsyncClient):
    _cls.__doc__ = (_cls.__doc__ or "") + "\n    Options:\n" + "".join(
        f"      {name}: {OPTIONS[name].doc}\n" for name in _CLIENT_OPTIONS)
