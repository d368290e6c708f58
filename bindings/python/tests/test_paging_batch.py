"""Auto-paging iterators and batches."""
import mercadopago_native as mp
from conftest import pay, unique


def test_search_pages_through_everything(mp_client):
    ref = unique("paging & co/é")  # encoded on the wire
    ids = [pay(mp_client, name="OTHE" if i == 6 else "APRO", amount=10 + i,
               external_reference=ref)["id"] for i in range(7)]
    it = mp_client.payments.search(external_reference=ref, page_size=2)
    assert isinstance(it, mp.PageIterator)
    seen = [p["id"] for p in it]
    assert sorted(seen) == sorted(ids)
    assert it.total == 7
    pages = list(mp_client.payments.search(external_reference=ref, page_size=3).pages())
    assert [len(p["results"]) for p in pages] == [3, 3, 1]
    assert all(p.http_status == 200 for p in pages)
    rejected = list(mp_client.payments.search(external_reference=ref, status="rejected"))
    assert len(rejected) == 1
    # An offset in the query is where the walk starts.
    assert len(list(mp_client.payments.search(external_reference=ref, offset=5, limit=2))) == 2


def test_batch(mp_client):
    ids = [pay(mp_client, amount=5 + i)["id"] for i in range(3)]
    b = mp_client.batch()
    for pid in ids:
        b.add("payments.get", pid)
    b.add("payments.get", 987654321999)  # fails alone
    b.add("payments.update", ids[0], {"description": "Café ☕ 🎉 ñandú"})
    assert len(b) == 5
    out = b.run(max_in_flight=4)
    assert [r["id"] for r in out[:3]] == ids
    assert isinstance(out[3], mp.NotFoundError) and out[3].http_status == 404
    assert out[4]["description"] == "Café ☕ 🎉 ñandú" and len(out[4].idempotency_key) == 36
    # A batch may be run again.
    again = b.run()
    assert [r["id"] for r in again[:3]] == ids
