"""Compile and check the translation catalogues without GNU gettext.

The compiled ``.mo`` files are committed so that a fresh machine needs no gettext
tools. This module keeps them honest:

    python -m helseplattform.messages --compile   # write every locale/*/LC_MESSAGES/django.mo
    python -m helseplattform.messages --check     # exit 1 if a .mo is missing or differs from its .po

The check compiles each ``.po`` in memory with polib and compares the result
byte for byte with the committed ``.mo``, so a ``.po`` edited without
recompiling fails CI whatever the files' timestamps say. It also fails on
fuzzy entries, which gettext would silently leave untranslated.
"""

import argparse
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Return every ``.po`` file under ``locale_dir``."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compiled_bytes(po_path: Path) -> bytes:
    """Return the ``.mo`` bytes for a ``.po`` file."""
    return polib.pofile(str(po_path)).to_binary()


def problems(po_path: Path) -> list[str]:
    """Return what is wrong with a catalogue and its compiled form, empty when all is well."""
    found = []
    catalogue = polib.pofile(str(po_path))
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    if fuzzy:
        found.append(f"{po_path}: {len(fuzzy)} fuzzy entries, first: {fuzzy[0]!r}")
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        found.append(f"{mo_path}: missing; run python -m helseplattform.messages --compile")
    elif mo_path.read_bytes() != catalogue.to_binary():
        found.append(
            f"{mo_path}: differs from {po_path.name}; run python -m helseplattform.messages --compile"
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--compile", action="store_true", help="write the .mo files")
    action.add_argument("--check", action="store_true", help="fail if a .mo is stale or missing")
    args = parser.parse_args(argv)
    paths = catalogues()
    if not paths:
        print(f"No catalogues under {LOCALE_DIR}", file=sys.stderr)
        return 1
    if args.compile:
        for po_path in paths:
            po_path.with_suffix(".mo").write_bytes(compiled_bytes(po_path))
            print(f"compiled {po_path.relative_to(LOCALE_DIR.parent)}")
        return 0
    found = [problem for po_path in paths for problem in problems(po_path)]
    for problem in found:
        print(problem, file=sys.stderr)
    if not found:
        print(f"{len(paths)} catalogues compiled and up to date")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
