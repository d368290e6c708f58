"""AsyncClient against the embedded sandbox over HTTPS: the same results and
errors as Client, retries, idempotency, cancellation, timeouts, paging, and
one engine thread per client whatever the number of calls in flight."""
import asyncio
import os

import pytest

import mercadopago_native as mp
from conftest import pay, unique

pytestmark = pytest.mark.asyncio

#: A call that must not end by itself during a test.
LONG = 60


async def until(predicate, seconds=10):
    """Waits (without blocking the loop) until predicate() holds; fails after
    seconds, which every test keeps far below the timeouts it runs against."""
    async def poll():
        while not predicate():
            await asyncio.sleep(0.005)
    await asyncio.wait_for(poll(), seconds)


async def test_results_equal_the_sync_clients(mp_sandbox, mp_client):
    paid = pay(mp_client, amount=42, external_reference=unique("async-eq"))
    async with mp_sandbox.async_client() as client:
        assert isinstance(client, mp.AsyncClient)
        assert asyncio.iscoroutinefunction(client.payments.get)
        got = await client.payments.get(paid["id"])
        by_name = await client.call("payments.get", id=paid["id"])
        methods = await client.payment_methods.list()
    want = mp_client.payments.get(paid["id"])
    assert type(got) is mp.Result
    assert got == want == by_name
    assert got.http_status == 200 and got.attempts == 1 and got.request_id
    assert got.headers.get("content-type", "").startswith("application/json")
    assert methods and methods == list(mp_client.payment_methods.list())


async def test_not_found_raises_in_the_awaiting_task(mp_sandbox):
    async with mp_sandbox.async_client() as client:
        with pytest.raises(mp.NotFoundError) as info:
            await client.payments.get(987654321999)
        # Bad input fails at the call, as the sync client's does.
        with pytest.raises(mp.JSONError):
            await client.payments.create("{not json")
    assert info.value.http_status == 404
    assert info.value.status == "not_found"
    assert isinstance(info.value.body, dict)


async def test_retries_as_the_sync_client(mp_sandbox):
    async with mp_sandbox.async_client(max_retries=2, retry_delays=(0.01, 0.05, 1)) as client:
        mp_sandbox.arm_faults("GET", "/users/me", ["503", "503", "ok"])
        before = mp_sandbox.request_count
        me = await client.users.get()
        assert me.attempts == 3 and me["id"]
        assert mp_sandbox.request_count - before == 3
        mp_sandbox.arm_faults("GET", "/users/me", ["503", "503", "503"])
        with pytest.raises(mp.ServerError) as info:
            await client.users.get()
        assert info.value.attempts == 3 and info.value.http_status == 503


async def test_same_idempotency_key_same_payment(mp_sandbox, mp_client):
    key = unique("async-idem")
    token = mp_client.card_tokens.create({
        "card_number": mp.sandbox.TEST_CARDS["visa"], "expiration_month": 11,
        "expiration_year": 2030, "security_code": "123",
        "cardholder": {"name": "APRO", "identification": {"type": "DNI", "number": "1"}}})["id"]
    body = {"transaction_amount": 15, "token": token, "installments": 1,
            "payment_method_id": "visa", "payer": {"email": "test_payer_1@testuser.com"}}
    async with mp_sandbox.async_client() as client:
        first = await client.payments.create(body, idempotency_key=key)
        second = await client.payments.create(body, idempotency_key=key)
    assert first["id"] == second["id"]
    assert first.idempotency_key == second.idempotency_key == key


async def test_gather_of_100_reads(mp_sandbox, mp_client):
    pid = pay(mp_client)["id"]
    async with mp_sandbox.async_client() as client:
        results = await asyncio.gather(*(client.payments.get(pid) for _ in range(100)))
        assert client.in_flight == 0
    assert len(results) == 100
    assert all(r["id"] == pid and r.http_status == 200 for r in results)


async def test_cancel_closes_the_transfer(mp_sandbox):
    async with mp_sandbox.async_client() as client:
        mp_sandbox.arm_faults("GET", "/v1/payments/", ["stall"])
        task = asyncio.create_task(client.payments.get(1, timeout=LONG, max_retries=0))
        await until(lambda: client.in_flight == 1)
        await asyncio.sleep(0.2)  # the request is at the (stalled) server
        assert not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # The library completed the call (its transfer closed, MP_ERR_CANCELED)
        # long before the call's own timeout.
        await until(lambda: client.in_flight == 0)
        # The client goes on working.
        with pytest.raises(mp.NotFoundError):
            await client.payments.get(987654321999)


async def test_stalled_server_and_short_timeout(mp_sandbox):
    async with mp_sandbox.async_client() as client:
        mp_sandbox.arm_faults("GET", "/v1/payments/", ["stall"])
        with pytest.raises(mp.TimeoutError) as info:
            await client.payments.get(1, timeout=0.3, max_retries=0)
    assert isinstance(info.value, TimeoutError)
    assert info.value.status == "timeout"


async def test_the_loop_runs_while_a_call_waits(mp_sandbox, mp_client):
    pid = pay(mp_client)["id"]
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async with mp_sandbox.async_client() as client:
        mp_sandbox.arm_faults("GET", "/v1/payments/", ["delay:500"])
        tick = asyncio.create_task(ticker())
        got = await client.payments.get(pid)
        tick.cancel()
    assert got["id"] == pid
    # A loop blocked during the call would have ticked at most once.
    assert ticks >= 10


async def test_async_for_over_several_pages(mp_sandbox, mp_client):
    ref = unique("async paging & co/é")
    ids = [pay(mp_client, name="OTHE" if i == 6 else "APRO", amount=10 + i,
               external_reference=ref)["id"] for i in range(7)]
    async with mp_sandbox.async_client() as client:
        before = mp_sandbox.request_count
        it = client.payments.search(external_reference=ref, page_size=2)
        assert isinstance(it, mp.AsyncPageIterator)
        seen = [p["id"] async for p in it]
        assert mp_sandbox.request_count - before == 4  # pages of 2, 2, 2, 1
        assert sorted(seen) == sorted(ids)
        assert seen == [p["id"] for p in mp_client.payments.search(external_reference=ref,
                                                                   page_size=2)]
        assert it.total == 7
        pages = [p async for p in client.payments.search(external_reference=ref,
                                                         page_size=3).pages()]
        assert [len(p["results"]) for p in pages] == [3, 3, 1]
        assert all(type(p) is mp.Result and p.http_status == 200 for p in pages)
        rejected = [p async for p in client.payments.search(external_reference=ref,
                                                            status="rejected")]
        assert len(rejected) == 1
        tail = [p async for p in client.payments.search(external_reference=ref, offset=5,
                                                        limit=2)]
        assert len(tail) == 2


async def test_close_cancels_the_calls_in_flight(mp_sandbox):
    client = mp_sandbox.async_client()
    mp_sandbox.arm_faults("GET", "/v1/payments/", ["stall"] * 3)
    tasks = [asyncio.create_task(client.payments.get(i, timeout=LONG, max_retries=0))
             for i in range(3)]
    await until(lambda: client.in_flight == 3)
    await client.close()
    assert client.closed and client.in_flight == 0
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(o, mp.CanceledError) for o in outcomes), outcomes
    assert all(o.status == "canceled" for o in outcomes)
    await client.close()  # idempotent
    with pytest.raises(mp.InvalidArgumentError):
        await client.payments.get(1)


def _threads():
    return len(os.listdir("/proc/self/task"))


async def test_one_engine_thread_whatever_the_calls(mp_sandbox, mp_client, capsys):
    pid = pay(mp_client)["id"]
    before = _threads()
    async with mp_sandbox.async_client() as client:
        mp_sandbox.arm_faults("GET", "/v1/payments/", ["delay:300"] * 50)
        calls = asyncio.gather(*(client.payments.get(pid) for _ in range(50)))
        await until(lambda: client.in_flight == 50)
        during = _threads()
        results = await calls
    assert all(r["id"] == pid for r in results)
    with capsys.disabled():
        print(f"\n[asyncio] 50 calls in flight on one AsyncClient: threads {before} -> {during}")
    assert during - before <= 1, f"{during - before} threads for 50 calls in flight"


async def test_warm_opens_the_engines_connections(mp_sandbox, mp_client):
    pid = pay(mp_client)["id"]
    async with mp_sandbox.async_client() as client:
        before = mp_sandbox.health()["connections"]
        assert await client.warm(3) == 3
        # 3 warmed, +1 for the health request that reads the count.
        assert mp_sandbox.health()["connections"] - before == 3 + 1
        before = mp_sandbox.health()["connections"]
        await asyncio.gather(*(client.payments.get(pid) for _ in range(3)))
        assert mp_sandbox.health()["connections"] - before == 1  # the calls found them open


async def test_persistent_option_reuses_connections(mp_sandbox):
    """persistent= (a client option of the table): a blocking Client's
    connections outlive it, for the next persistent client."""
    def user_id():
        with mp_sandbox.client(persistent=True, max_idle_connections=4) as client:
            return client.users.get()["id"]

    first = user_id()
    before = mp_sandbox.health()["connections"]
    assert user_id() == first
    assert mp_sandbox.health()["connections"] - before == 1  # only the health request's
