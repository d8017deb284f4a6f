"""Counted messages that read right in English without a translation file loaded."""

from __future__ import annotations


def plural(n: int, one: str, many: str) -> str:
    """The singular or the plural text for `n`, each already translated.

    Both are written out at the call, each in its own literal
    `QCoreApplication.translate(context, text, None, n)` (so pyside6-lupdate extracts
    them and %n becomes the number): Qt's one-source "%n image(s)" convention would need
    an English .qm to read well, and this way the untranslated app says "1 image",
    "3 images".
    """
    return one if n == 1 else many
