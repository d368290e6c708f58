"""The Python surface is built from the library's tables at import: options,
path parameters and exception classes appear with no Python edit."""
import importlib.metadata
import inspect
import os
import re

import pytest

import mercadopago_native as mp
from mercadopago_native import _native
from mercadopago_native._idiom import error_class_name

TOKEN = "TEST-tables-token-1234567"
# A value of the option's type that the library refuses, by mp_option_type.
BAD = {_native.OPTION_INT: "many", _native.OPTION_SECONDS: "soon", _native.OPTION_BOOL: "maybe"}


def _options(scope):
    return [row for row in _native.options() if row[3] & scope]


def test_every_client_option_is_a_keyword_of_client():
    names = [row[0] for row in _options(_native.OPTION_CLIENT)]
    assert "timeout" in names and "proxy_from_environment" in names
    params = inspect.signature(mp.Client).parameters
    for name in names:
        assert name in params, name
        assert name in mp.Client.__doc__
    # Accepted by Client(...): a keyword the table has never raises TypeError.
    for name, type_, arity, _scope, _doc in _options(_native.OPTION_CLIENT):
        if name == "access_token":  # Client's positional argument
            continue
        value = {_native.OPTION_INT: 1024 * 1024, _native.OPTION_SECONDS: 2.5,
                 _native.OPTION_BOOL: False}.get(type_, "x")
        if arity > 1:
            value = [value] * arity
        try:
            mp.Client(TOKEN, **{name: value}).close()
        except mp.MercadoPagoError:  # the value refused (e.g. base_url "x"), not the keyword
            pass
    with pytest.raises(TypeError):
        mp.Client(TOKEN, no_such_option=1)
    with pytest.raises(TypeError):  # per call only
        mp.Client(TOKEN, idempotency_key="k")


@pytest.mark.parametrize("row", [r for r in _native.options()
                                 if r[3] & _native.OPTION_CLIENT and r[1] in BAD],
                         ids=lambda r: r[0])
def test_a_bad_client_option_value_names_the_option(row):
    name, type_, arity = row[:3]
    with pytest.raises(mp.InvalidArgumentError) as ei:
        mp.Client(TOKEN, **{name: ",".join([BAD[type_]] * arity)})
    assert name in str(ei.value) and isinstance(ei.value, ValueError)


def test_sequences_and_bools_become_option_text(mp_sandbox):
    with mp_sandbox.client(retry_delays=(0.01, 0.05, 1), proxy_from_environment=True,
                           timeout=5) as c:
        assert list(c.identification_types.list())
    with pytest.raises(mp.InvalidArgumentError) as ei:
        mp_sandbox.client(retry_delays=(0.5, 5))  # the table's arity is 3
    assert "retry_delays" in str(ei.value)


def test_every_call_option_is_a_keyword_of_every_operation(mp_client):
    call = [row[0] for row in _options(_native.OPTION_CALL)]
    pages = [row[0] for row in _options(_native.OPTION_PAGES)]
    assert "idempotency_key" in call and "page_size" in pages
    for op in mp.OPERATIONS.values():
        method = getattr(getattr(mp_client, op.resource), op.action)
        params = inspect.signature(method).parameters
        for name in call + (pages if op.pages else []):
            assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, (op.name, name)
            assert f"{name}=" in method.__doc__
    with pytest.raises(mp.InvalidArgumentError) as ei:
        mp_client.payments.get(1, timeout="soon")
    assert "timeout" in str(ei.value)
    with pytest.raises(mp.InvalidArgumentError) as ei:
        next(mp_client.payments.search(page_size=0))
    assert "page_size" in str(ei.value)


def test_path_parameters_come_from_the_table(mp_client):
    rows = _native.operations()
    assert any(len(row[5]) == 2 for row in rows)
    for name, _method, path, has_body, _paging, params in rows:
        op = mp.OPERATIONS[name]
        assert op.params == params
        assert re.findall(r"\{(\w+)\}", path) == list(params)  # a cross-check only
        sig = list(inspect.signature(getattr(getattr(mp_client, op.resource),
                                             op.action)).parameters)
        assert sig[:len(params)] == list(params)


def test_exception_hierarchy_is_the_table():
    rows = _native.error_classes()
    assert len(rows) == len({row[0] for row in rows})
    seen = set()
    for name, parent, code, status, doc in rows:
        assert not parent or parent in seen, "parents come first"
        seen.add(name)
        cls = getattr(mp, error_class_name(name))
        assert cls is getattr(mp.errors, cls.__name__) and cls.__name__ in mp.__all__
        base = getattr(mp, error_class_name(parent)) if parent else mp.MercadoPagoError
        assert cls.__bases__[0] is base
        assert cls.__doc__ == doc
        if code:
            assert cls.status == status == _native.status_name(code)
            assert cls.status_code == code and mp.errors.STATUS_CLASSES[code] is cls
    # Every status but ok and iter_over has a class.
    statuses = {name for code, name in _native.status_table()} - {"ok", "iter_over"}
    assert statuses == {row[3] for row in rows if row[2]}
    # Python idiom on top of the table.
    assert mp.APIError.__name__ == "APIError" and issubclass(mp.JSONError, ValueError)
    assert issubclass(mp.BadRequestError, mp.ValidationError)
    assert set(mp.errors.__all__) <= set(mp.__all__) | {"error_class_for_status"}
    for name in mp.__all__:
        assert hasattr(mp, name), name


def test_version_is_the_library_s():
    assert mp.__version__ == mp.library_version == _native.HEADER_VERSION
    assert importlib.metadata.version("mercadopago-native") == mp.__version__
    # The one place it is written: the source header.
    header = os.path.join(os.path.dirname(__file__), "..", "..", "..", "capi", "include",
                          "mercadopago.h")
    with open(header, encoding="utf-8") as f:
        text = f.read()
    parts = [re.search(rf"#define MP_VERSION_{p} (\d+)", text).group(1)
             for p in ("MAJOR", "MINOR", "PATCH")]
    assert ".".join(parts) == mp.__version__


def test_sandbox_faults_and_reset_without_http(mp_sandbox):
    with mp_sandbox.client(max_retries=0) as c:
        mp_sandbox.arm_faults("GET", "/v1/identification_types", ["503", "ok"])
        before = mp_sandbox.request_count
        with pytest.raises(mp.ServerError):
            c.identification_types.list()
        assert list(c.identification_types.list())
        assert mp_sandbox.request_count == before + 2  # no admin request in between
    with pytest.raises(ValueError):
        mp_sandbox.arm_faults("GET", "/", ["explode"])
