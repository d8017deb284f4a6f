"""The window's language: the app's own translations and Qt's, installed at start-up.

`language` in settings.json is "system" (follow the desktop's locale) or a locale code
such as "zh_CN", "ja" or "en". The translations are compiled `.qm` files shipped in the
package (`lemon_desktop/translations/`, built from the `.ts` sources there by
`scripts/translations.sh`), so an installed app needs no Qt tools. Qt's own texts (the
OK and Cancel of standard buttons, file dialogs) come from the `qtbase_*.qm` files that
the PySide6 wheels bring.

A language is read once, before the first widget is built: the window has no
retranslate pass, so a change in Settings applies at the next start.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .settings import is_language_setting

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).with_name("translations")
CATALOGUE = "lemon_desktop"  # lemon_desktop_<locale>.qm
SYSTEM = "system"
SOURCE_LANGUAGE = "en"  # the texts in the code; needs no translation file


def available_languages() -> tuple[str, ...]:
    """The locale codes the app has a translation for, from the shipped `.qm` files."""
    prefix = CATALOGUE + "_"
    return tuple(
        sorted(
            path.stem[len(prefix) :]
            for path in TRANSLATIONS_DIR.glob(f"{prefix}*.qm")
            if path.stem.startswith(prefix)
        )
    )


def language_name(code: str) -> str:
    """A language in its own words ("简体中文", "日本語", "English")."""
    locale = QLocale(code)
    if locale.language() == QLocale.Language.C:
        return code
    if code == SOURCE_LANGUAGE:
        return "English"  # QLocale("en") names itself "American English"
    return locale.nativeLanguageName() or code


def locale_for(language: str) -> QLocale:
    """The locale the window is shown in for a `language` setting."""
    if language == SYSTEM or not is_language_setting(language):
        return QLocale.system()
    return QLocale(language)


@dataclass
class _Installed:
    translators: list[QTranslator]
    locale: QLocale | None  # the default locale set for an explicit language


_installed = _Installed([], None)


def install_translators(language: str) -> QLocale:
    """Install the app's and Qt's translations for `language` into the running
    application (replacing any installed before); returns the locale chosen.

    A locale without a translation (English, or a language not shipped) leaves the
    source texts; the app's file is looked up by the locale's UI languages in order, so a
    "ja_JP" desktop finds `lemon_desktop_ja.qm`."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translators needs a QApplication first")
    remove_translators()
    locale = locale_for(language)
    if language != SYSTEM and is_language_setting(language):
        # Numbers, dates and sizes follow the chosen language too, not only the words.
        QLocale.setDefault(locale)
        _installed.locale = locale
    if locale.language() in (QLocale.Language.C, QLocale.Language.English):
        return locale
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue, folder in ((CATALOGUE, str(TRANSLATIONS_DIR)), ("qtbase", qt_dir)):
        translator = QTranslator(app)
        if translator.load(locale, catalogue, "_", folder):
            app.installTranslator(translator)
            _installed.translators.append(translator)
        elif catalogue == CATALOGUE:
            log.info("no translation for %s; the window stays in English", locale.name())
    return locale


def remove_translators() -> None:
    """Back to the source texts and the system locale (tests switch languages)."""
    app = QCoreApplication.instance()
    for translator in _installed.translators:
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
    _installed.translators.clear()
    if _installed.locale is not None:
        QLocale.setDefault(QLocale.system())
        _installed.locale = None
