"""Tidies what SWIG 4.1's PHP module registers in the generated wrapper, in
place, so that `php --re` shows the extension's API and nothing of SWIG:

- SWIG writes its interface SWIG\\wrapped (every wrapped class implements it)
  into every extension it makes, so two SWIG extensions in one PHP replace
  each other's: it goes under the extension's prefix, as
  PREFIX\\Internal\\Wrapped.
- SWIG registers a class SWIG\\_p_int, SWIG\\_int... for every pointer type
  of its type table (stdint.i's typedefs), used by no wrapper here: their
  registration is dropped (one that a wrapper does use is kept, under
  PREFIX\\Internal\\).
- SWIG registers a class named like its -prefix (MercadoPagoNative) for
  the module, with the functions again as static methods and the constants
  again as class constants; both extensions have one, so the second loaded
  replaced the first's: it goes under the extension's prefix too, as
  PREFIX\\Internal\\Module.
- SWIG names every parameter $arg1, $arg2... (it shares one arginfo between
  functions of the same types, swig/swig#2425): with SWIG's XML of the same
  interface (swig -xml), each function gets an arginfo of its own, with the
  C++ parameter names.

    python3 scope_swig_names.py WRAPPER.cxx PREFIX [INTERFACE.xml]
"""
import re
import sys
import xml.etree.ElementTree as ET

# SWIG's magic methods of every class (__get($name), __set($name, $value), __isset($name)).
MAGIC = {"swig_magic_arginfo_get": ["name"], "swig_magic_arginfo_set": ["name", "value"],
         "swig_magic_arginfo_isset": ["name"]}


def attributes(node):
    found = node.find("attributelist")
    if found is None:
        return {}, None
    return ({a.get("name"): a.get("value") for a in found.findall("attribute")},
            found.find("parmlist"))


def parameter_names(xml_path):
    """{arginfo name: [PHP parameter names]} of every wrapped function of SWIG's XML."""
    out = {}

    def walk(node, cls):
        for child in node:
            attrs, parms = attributes(child)
            if child.tag == "class":
                walk(child, attrs.get("sym_name"))
                continue
            if child.tag in ("cdecl", "constructor") and attrs.get("sym_name") and (
                    child.tag == "constructor" or attrs.get("kind") == "function"):
                names, types = [], []
                for p in parms.findall("parm") if parms is not None else []:
                    pa, _ = attributes(p)
                    names.append(pa.get("name"))
                    types.append(pa.get("type", ""))
                # (const char *data, size_t len): one PHP string (the typemaps of mercadopago_php.i).
                kept = [n for i, n in enumerate(names)
                        if not (n == "len" and i > 0 and types[i - 1].endswith("char"))]
                member = child.tag == "constructor" or attrs.get("ismember")
                if member and cls is None:
                    continue  # a member of a class that is not wrapped
                if child.tag == "constructor":
                    key = "new_" + cls
                elif member:
                    key = cls + "_" + attrs["sym_name"]
                else:
                    key = attrs["sym_name"]
                out["swig_arginfo_" + key] = kept
            walk(child, cls)

    walk(ET.parse(xml_path).getroot(), None)
    out.update(MAGIC)
    return out


BLOCK = re.compile(r"^ZEND_BEGIN_ARG\w*\((\w+),[^\n]*\n(?: ZEND_ARG[^\n]*\n)*ZEND_END_ARG_INFO\(\)\n", re.M)
ALIAS = re.compile(r"^#define (swig_arginfo_\w+) (swig_arginfo_\w+)\n", re.M)
ARG = re.compile(r"^( ZEND_ARG\w*\(\d+,)arg\d+([,)])", re.M)


def name_parameters(text, names):
    blocks = {m.group(1): m.group(0) for m in BLOCK.finditer(text)}
    aliases = dict(ALIAS.findall(text))

    def own_block(m):  # an alias becomes a copy of what it names, to be named on its own
        target = m.group(2)
        while target not in blocks:
            target = aliases[target]
        return blocks[target].replace(target, m.group(1), 1)

    text = ALIAS.sub(own_block, text)

    def rename(m):
        params = names.get(m.group(1))
        if params is None:
            return m.group(0)
        it = iter(params)
        return ARG.sub(lambda a: a.group(1) + (next(it, None) or "unnamed") + a.group(2), m.group(0))

    return BLOCK.sub(rename, text)


def main():
    path, prefix = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if 'INIT_CLASS_ENTRY(SWIG_Php_swig_wrapped_interface_ce, "SWIG\\\\wrapped"' not in text:
        sys.exit(f"{path}: no SWIG\\wrapped registration found (has SWIG's output changed?)")
    text = text.replace('"SWIG\\\\wrapped"', f'"{prefix}\\\\Internal\\\\Wrapped"')

    text, count = re.subn(r'(INIT_CLASS_ENTRY\(internal_ce, )"(\w+)"(, class_\2_functions\);)',
                          lambda m: f'{m.group(1)}"{prefix}\\\\Internal\\\\Module"{m.group(3)}', text)
    if count != 1:
        sys.exit(f"{path}: {count} module classes found, not 1 (has SWIG's output changed?)")

    dropped = []

    # A pointer class's registration, five statements, dropped when no wrapper uses its type.
    def pointer_class(m):
        mangled = m.group(1)
        uses = len(re.findall(r"\bSWIGTYPE" + re.escape(mangled) + r"\b", text))
        if uses <= 2:  # its #define and this block's SWIG_TypeClientData
            dropped.append(mangled)
            # The first keeps SWIG's constructor of pointer objects referenced (no unused function).
            return "  (void)swig_ptr_object_new;\n" if len(dropped) == 1 else ""
        return m.group(0).replace('"SWIG\\\\', f'"{prefix}\\\\Internal\\\\', 1)

    text, count = re.subn(
        r'  INIT_CLASS_ENTRY\(internal_ce, "SWIG\\\\(\w+)", NULL\);\n'
        r'  SWIG_Php_ce_\1 = zend_register_internal_class\(&internal_ce\);\n'
        r'  SWIG_Php_ce_\1->create_object = swig_ptr_object_new;\n'
        r'  zend_do_implement_interface\(SWIG_Php_ce_\1, &SWIG_Php_swig_wrapped_interface_ce\);\n'
        r'  SWIG_TypeClientData\(SWIGTYPE\1,SWIG_Php_ce_\1\);\n', pointer_class, text)
    if '"SWIG\\\\' in text:
        sys.exit(f"{path}: a SWIG\\ class is left (has SWIG's output changed?)")

    if len(sys.argv) > 3:
        text = name_parameters(text, parameter_names(sys.argv[3]))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
