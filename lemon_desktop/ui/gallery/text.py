"""Counted messages that read right in English without a translation file loaded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def ntr(context: str, singular: str, plural: str, n: int) -> str:
    """Translate the singular or plural source text; both carry %n for the number.

    Qt's "%n image(s)" convention needs an English .qm to read well; this picks
    the English form first so the untranslated app says "1 image", "3 images".
    """
    return QCoreApplication.translate(context, singular if n == 1 else plural, None, n)
