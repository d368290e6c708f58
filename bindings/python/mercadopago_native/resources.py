"""Typing support: resources.pyi (generated from the operations table by
tools/gen_stubs.py) declares every resource attribute of Client and
AsyncClient with its methods; at run time the attributes are built from the library's table."""


class ClientResources:
    """Base of Client that carries, for type checkers only, its resources."""

    __slots__ = ()


class AsyncClientResources:
    """Base of AsyncClient that carries, for type checkers only, its resources."""

    __slots__ = ()
