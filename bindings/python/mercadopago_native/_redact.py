"""Personal data out of the library's DEBUG body lines.

The library already redacts secrets (the token, card numbers, security
codes, document numbers) before a line leaves it; a body logged at DEBUG
still quotes the payer's e-mail, names, phone and address, which an
application's logs should not keep either. This removes them from the text
the library hands over: the JSON's values when the body parses, else (a
body the library cut for length) the members found by pattern.
"""
from __future__ import annotations

import json
import re
from typing import Any

MASK = "[personal]"

#: Members whose whole value is personal data, wherever they are.
PERSONAL = frozenset({"email", "first_name", "last_name", "phone", "address", "addresses",
                      "street_name", "street_number", "zip_code", "receiver_address",
                      "receiver_phone", "mobile_phone"})
#: Members personal only under a person ({"cardholder": {"name": ...}}, not an item's).
PERSON_NAMES = frozenset({"name"})
PERSONS = frozenset({"payer", "cardholder", "receiver", "buyer", "customer"})

_BODY = re.compile(r"^(\s*(?:request|response) body: )(.*?)((?: \(\d+ bytes in all\))?)$", re.S)
_VALUE = (r'(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|\{(?:[^{}]|\{[^{}]*\})*\}'
          r'|\[(?:[^\[\]]|\[[^\[\]]*\])*\])')
_MEMBER = re.compile(r'"(' + "|".join(sorted(PERSONAL)) + r')"(\s*:\s*)' + _VALUE)
_CUT_MEMBER = re.compile(r'"(' + "|".join(sorted(PERSONAL)) + r')"(\s*:\s*)"(?:[^"\\]|\\.)*$')


def _walk(value: Any, parent: str = "") -> Any:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in PERSONAL or (k in PERSON_NAMES and parent in PERSONS):
                out[k] = MASK if v is not None else None
            else:
                out[k] = _walk(v, k)
        return out
    if isinstance(value, list):
        return [_walk(v, parent) for v in value]
    return value


def redact_body(text: str) -> str:
    """text with the personal members' values replaced by [personal]."""
    try:
        data = json.loads(text)
    except ValueError:
        # Cut for length: members by pattern, and a string value cut short.
        text = _MEMBER.sub(lambda m: f'"{m.group(1)}"{m.group(2)}"{MASK}"', text)
        return _CUT_MEMBER.sub(lambda m: f'"{m.group(1)}"{m.group(2)}"{MASK}', text)
    return json.dumps(_walk(data), ensure_ascii=False, separators=(",", ":"))


def redact_line(message: str) -> str:
    """A log line, its body (if it is a body line) without personal data."""
    m = _BODY.match(message)
    if m is None:
        return message
    return m.group(1) + redact_body(m.group(2)) + m.group(3)
