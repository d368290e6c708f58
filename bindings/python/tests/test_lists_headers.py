"""Issue 15: a plain-array operation answers a ListResult at call time (the
table's paging "array"; searches stay lazy iterators), and result.headers is
a real case-insensitive read-only mapping."""
import json
from collections.abc import Mapping

import pytest

import mercadopago_native as mp


ARRAY_OPS = [op for op in mp.OPERATIONS.values() if op.paging == "array"]


def test_the_table_names_the_list_operations():
    names = {op.name for op in ARRAY_OPS}
    assert {"payment_methods.list", "identification_types.list", "installments.list",
            "cards.list", "refunds.list"} <= names
    assert not any(op.pages for op in ARRAY_OPS)
    assert all(op.pages and not op.lists for op in mp.OPERATIONS.values()
               if op.paging in ("results", "elements", "data"))


@pytest.mark.parametrize("name", ["payment_methods.list", "identification_types.list",
                                  "installments.list"])
def test_list_is_a_list_at_call_time(mp_sandbox, mp_client, name):
    resource, action = name.split(".")
    method = getattr(getattr(mp_client, resource), action)
    query = {"amount": 100, "payment_method_id": "visa"} if resource == "installments" else {}
    before = mp_sandbox.request_count
    r = method(**query)
    assert mp_sandbox.request_count == before + 1  # the call is made now, not on iteration
    assert isinstance(r, mp.ListResult) and isinstance(r, list)
    assert len(r) > 0 and r[0] == list(r)[0]
    assert json.loads(json.dumps(r)) == list(r)
    assert r.http_status == 200 and r.request_id and r.attempts == 1
    assert r.headers["content-type"].startswith("application/json")


def test_list_errors_raise_at_call_time(mp_client):
    with pytest.raises(mp.NotFoundError):
        mp_client.cards.list("no-such-customer-15")


def test_list_operations_in_a_batch_are_lists(mp_client):
    b = mp_client.batch()
    b.add("identification_types.list")
    b.add("payment_methods.list")
    out = b.run()
    assert all(isinstance(r, mp.ListResult) and len(r) > 0 for r in out)


def test_searches_stay_lazy(mp_sandbox, mp_client):
    before = mp_sandbox.request_count
    it = mp_client.payments.search(external_reference="nothing-matches-15")
    assert isinstance(it, mp.PageIterator)
    assert mp_sandbox.request_count == before
    assert list(it) == []
    assert mp_sandbox.request_count == before + 1


@pytest.mark.asyncio
async def test_async_list_is_awaited_to_a_list(mp_sandbox):
    async with mp_sandbox.async_client() as client:
        r = await client.identification_types.list()
        assert isinstance(r, mp.ListResult) and len(r) > 0 and r.request_id
        assert json.loads(json.dumps(r)) == list(r)
        it = client.payments.search(external_reference="nothing-matches-15")
        assert isinstance(it, mp.AsyncPageIterator)
        assert [p async for p in it] == []


def test_headers_are_a_case_insensitive_mapping(mp_client):
    r = mp_client.identification_types.list()
    h = r.headers
    assert isinstance(h, Mapping)
    assert len(h) >= 3
    names = list(h)
    assert len(names) == len(h) == len({n.lower() for n in names})
    assert "x-request-id" in {n.lower() for n in names}
    assert "X-REQUEST-ID" in h and "x-request-id" in h and "X-No-Such" not in h
    assert h["X-Request-Id"] == h["x-request-id"] == r.request_id
    assert dict(h.items())[next(n for n in names if n.lower() == "x-request-id")] == r.request_id
    assert all(h[n] == v for n, v in h.items())
    assert h.get("x-no-such") is None and h.get("x-no-such", "d") == "d"
    with pytest.raises(KeyError):
        h["X-No-Such"]
    with pytest.raises(TypeError):
        h["X-Request-Id"] = "x"  # read-only
    assert h.get_all("X-REQUEST-ID") == [r.request_id]
    assert "Headers(" in repr(h) and r.request_id in repr(h)


def test_headers_of_a_created_resource(mp_client, helpers):
    payment = helpers.pay(mp_client, idempotency_key="headers-15")
    assert payment.idempotency_key == "headers-15" and payment.http_status == 201
    assert {k.lower() for k in payment.headers.keys()} >= {"content-type", "x-request-id"}
