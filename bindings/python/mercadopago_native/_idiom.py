"""How Python spells what libmercadopago's tables name: language idiom, not
facts of the library (errors.py builds its classes with it at import, and
tools/gen_stubs.py writes the stubs with it, so both spell alike)."""

#: Table class names that are acronyms, as PEP 8 writes them.
ACRONYMS = {"Api": "API", "Tls": "TLS", "Json": "JSON"}

#: The builtin exception each class also is, so that ``except ValueError`` and
#: friends catch it (names in the builtins module).
MIXINS = {
    "Network": "ConnectionError",
    "Timeout": "TimeoutError",
    "InvalidArgument": "ValueError",
    "Json": "ValueError",
    "NoMemory": "MemoryError",
    "NotPresent": "LookupError",
}


def error_class_name(table_name: str) -> str:
    """"NotFound" -> "NotFoundError", "Tls" -> "TLSError"."""
    return ACRONYMS.get(table_name, table_name) + "Error"
