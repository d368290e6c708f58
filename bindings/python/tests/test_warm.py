"""Connection warm-up of a blocking Client, counted by the sandbox."""

from conftest import pay


def test_warm_opens_a_blocking_clients_connections(mp_sandbox, mp_client):
    pid = pay(mp_client)["id"]
    with mp_sandbox.client() as client:
        before = mp_sandbox.health()["connections"]
        assert client.warm(2) == 2
        assert mp_sandbox.health()["connections"] - before == 2 + 1  # +1: the health read
        before = mp_sandbox.health()["connections"]
        for _ in range(3):
            assert client.payments.get(pid)["id"] == pid
        assert mp_sandbox.health()["connections"] - before == 1  # the calls found one open
