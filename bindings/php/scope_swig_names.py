"""Moves the PHP classes SWIG registers for its own use (the interface
SWIG\\wrapped and SWIG\\_p_int-like pointer classes) under the extension's
prefix (MercadoPagoNative\\SWIG\\...): SWIG writes the namespace "SWIG" into
every extension it makes, so two SWIG extensions in one PHP replace each
other's classes there. Edits the generated wrapper in place:

    python3 scope_swig_names.py WRAPPER.cxx PREFIX
"""
import re
import sys


def main():
    path, prefix = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # INIT_CLASS_ENTRY(<entry>, "SWIG\\<name>", ...): the C string of a class name.
    scoped, count = re.subn(r'(INIT_CLASS_ENTRY\([^,]+, ")SWIG\\\\',
                            lambda m: m.group(1) + prefix + "\\\\SWIG\\\\", text)
    if count == 0:
        sys.exit(f"{path}: no SWIG class registration found (has SWIG's output changed?)")
    with open(path, "w", encoding="utf-8") as f:
        f.write(scoped)


if __name__ == "__main__":
    main()
