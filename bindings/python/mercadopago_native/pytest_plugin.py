"""pytest fixtures (registered through the ``pytest11`` entry point):

- ``mp_sandbox``: one embedded HTTPS sandbox for the test session;
- ``mp_client``: a Client for it (closed after the test).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import pytest

# pytest loads this plugin in every project that has the package installed:
# the sandbox is imported when a test asks for it, not before.
if TYPE_CHECKING:
    from .sandbox import Sandbox


@pytest.fixture(scope="session")
def mp_sandbox() -> Iterator["Sandbox"]:
    from .sandbox import Sandbox

    with Sandbox(tls=True) as sb:
        yield sb


@pytest.fixture
def mp_client(mp_sandbox: "Sandbox"):
    client = mp_sandbox.client()
    try:
        yield client
    finally:
        client.close()
