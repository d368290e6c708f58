"""The library's tables, read from their sources for the bindings' generators
(Java's surface, PHP's exception classes, Python's stubs), so that no
generator keeps a reader of its own and none needs a built library:

  core/operations.inc  MP_OPERATION(name, method, path, body, paging, preset)
  capi/options.inc     MP_OPTION(name, type, arity, scope, doc)
  capi/statuses.inc    MP_ERROR_GROUP(class, parent, doc) and
                       MP_STATUS(enum, name, class, parent, doc)
  capi/include/mercadopago.h  the value of each mp_status.

Import it with the bindings folder on sys.path.
"""
import os
import re

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OPERATIONS = os.path.join(ROOT, "core", "operations.inc")
OPTIONS = os.path.join(ROOT, "capi", "options.inc")
STATUSES = os.path.join(ROOT, "capi", "statuses.inc")
HEADER = os.path.join(ROOT, "capi", "include", "mercadopago.h")

_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|/\*.*?\*/|//[^\n]*|[A-Za-z_]\w*|-?\d+|\S', re.S)


def _unquote(literal):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)),
                  literal[1:-1])


def rows(path, *macros):
    """[(macro, arguments)] of every macro(...) of a table, in its order:
    adjacent string literals joined, any other argument as its tokens joined
    ("CLIENT|CALL")."""
    with open(path, encoding="utf-8") as f:
        tokens = [t for t in _TOKEN.findall(f.read()) if not t.startswith(("/*", "//"))]
    out = []
    i = 0
    while i < len(tokens):
        macro = tokens[i]
        if macro not in macros or i + 1 >= len(tokens) or tokens[i + 1] != "(":
            i += 1
            continue
        args, arg, depth = [], [], 0
        i += 2
        while True:
            t = tokens[i]
            i += 1
            if t == "(":
                depth += 1
            elif t == ")" and depth == 0:
                break
            elif t == ")":
                depth -= 1
            if t == "," and depth == 0:
                args.append(arg)
                arg = []
            else:
                arg.append(t)
        args.append(arg)
        out.append((macro, [("".join(_unquote(t) for t in a)
                             if a and all(t.startswith('"') for t in a) else "".join(a))
                            for a in args]))
    return out


def operations():
    """Every operation: name, method, path, has_body, paging ("NONE", "RESULTS", ...),
    pages (a list), params (the path's {names}, in order)."""
    return [{"name": name, "method": method, "path": path, "has_body": body == "BODY",
             "paging": paging, "pages": paging != "NONE",
             "params": re.findall(r"\{(\w+)\}", path)}
            for _, (name, method, path, body, paging, _preset) in rows(OPERATIONS, "MP_OPERATION")]


def options():
    """Every option: name, type ("SECONDS", ...), arity, scope (a set: "CLIENT", "CALL",
    "PAGES"), doc."""
    return [{"name": name, "type": typ, "arity": int(arity), "scope": set(scope.split("|")),
             "doc": doc}
            for _, (name, typ, arity, scope, doc) in rows(OPTIONS, "MP_OPTION")]


def status_values():
    """MP_ERR_X -> its value in mercadopago.h's mp_status."""
    with open(HEADER, encoding="utf-8") as f:
        return {k: int(v) for k, v in re.findall(r"\b(MP_ERR_[A-Z_]+)\s*=\s*(-\d+)", f.read())}


def error_classes():
    """Every error class, parents first: name ("Validation"), parent ("Api"; "" for the
    base), doc, and for a status's class its enum, status name and code (None for a
    group). Exits with a message when a parent is unknown or a status is not in the
    header."""
    values = status_values()
    out, seen = [], {""}
    for macro, args in rows(STATUSES, "MP_ERROR_GROUP", "MP_STATUS"):
        if macro == "MP_ERROR_GROUP":
            (name, parent, doc), enum, status = args, None, None
        else:
            enum, status, name, parent, doc = args
            if enum not in values:
                raise SystemExit(f"statuses.inc: {enum} is not a status of mercadopago.h")
        if parent not in seen:
            raise SystemExit(f"statuses.inc: {name}'s parent {parent} comes after it or is not a class")
        seen.add(name)
        out.append({"name": name, "parent": parent, "doc": doc, "enum": enum, "status": status,
                    "code": values[enum] if enum else None})
    return out


SHAPES = os.path.join(ROOT, "bindings", "shapes.txt")


def shapes():
    """(shapes, operations) of bindings/shapes.txt:
    shapes: {name: {"doc": str, "fields": [{"name", "type", "nullable",
             "required", "list", "doc"}]}} in the file's order, where "type" is
             int, number, money, decimal, str, date, bool, map, any or a
             shape's name,
             and "list" says it is an array of that type;
    operations: {operation: (body shape or None, result shape)}."""
    out, ops, current, section = {}, {}, None, None
    field = re.compile(r"^\s+(\w+) (list<)?(\w+)(>)?([?!])?(?:: (.*))?$")
    with open(SHAPES, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            text = line.rstrip("\n")
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            if text.startswith("shape "):
                name, _, doc = text[6:].partition(": ")
                current, section = {"doc": doc, "fields": []}, "shape"
                out[name] = current
            elif text == "operations":
                section = "operations"
            elif section == "operations":
                op, body, arrow, result = text.split()
                assert arrow == "->", f"shapes.txt:{number}: {text}"
                ops[op] = (None if body == "-" else body, result)
            elif section == "shape":
                m = field.match(text)
                assert m and bool(m.group(2)) == bool(m.group(4)), f"shapes.txt:{number}: {text}"
                current["fields"].append({
                    "name": m.group(1), "list": bool(m.group(2)), "type": m.group(3),
                    "nullable": m.group(5) == "?", "required": m.group(5) == "!",
                    "doc": m.group(6) or ""})
            else:
                raise ValueError(f"shapes.txt:{number}: outside a shape: {text}")
    scalars = {"int", "number", "money", "decimal", "str", "date", "bool", "map", "any"}
    for name, shape in out.items():
        for f in shape["fields"]:
            assert f["type"] in scalars or f["type"] in out, f"{name}.{f['name']}: {f['type']}"
    for op, (body, result) in ops.items():
        assert body is None or body in out, op
        assert result in out or result in scalars, op
    return out, ops
