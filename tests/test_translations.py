"""Translations: every text the window shows is extractable and translated in zh_CN and
ja, the shipped .qm files are built from the .ts sources, the language setting is
honoured, and the real window in Chinese shows no English left over."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lemon_desktop import i18n
from lemon_desktop.jobs import JobState
from lemon_desktop.settings import Settings, load_settings, save_settings
from lemon_desktop.ui.core_words import core_text
from lemon_desktop.ui.main_window import MainWindow
from tests.test_ui_window import generate, jobs
from tests.ui_helpers import Loop, until
from tests.visible_words import KEPT_WORDS, english_words, visible_texts

pytest_plugins = ["tests.ui_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "translations.py"
TRANSLATIONS = ROOT / "lemon_desktop" / "translations"
LANGUAGES = ("zh_CN", "ja")
PLACEHOLDERS = re.compile(r"\{[^}]*\}|%n|%\d")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) for every message of a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


def translated_text(translation: ET.Element) -> str:
    forms = translation.findall("numerusform")
    return (forms[0].text or "") if forms else (translation.text or "")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .ts files as pyside6-lupdate makes them from today's sources (copies)."""
    folder = tmp_path_factory.mktemp("ts")
    subprocess.run(
        [sys.executable, str(SCRIPT), "update", "--ts-dir", str(folder)],
        check=True,
        capture_output=True,
    )
    return folder


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_in_the_sources_has_a_finished_translation(
    extracted: Path, language: str
) -> None:
    entries = messages(extracted / f"lemon_desktop_{language}.ts")
    assert len(entries) > 500  # lupdate really read the window's sources
    unfinished = [
        f"{context}: {source!r}"
        for context, source, translation in entries
        if translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not translated_text(translation).strip()
    ]
    assert not unfinished, (
        f"{len(unfinished)} texts have no {language} translation (run "
        "`python scripts/translations.py`, translate them in "
        f"lemon_desktop/translations/lemon_desktop_{language}.ts, run it again):\n"
        + "\n".join(unfinished[:40])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_accelerators(language: str) -> None:
    wrong = []
    for context, source, translation in messages(TRANSLATIONS / f"lemon_desktop_{language}.ts"):
        text = translated_text(translation)
        if sorted(PLACEHOLDERS.findall(source)) != sorted(PLACEHOLDERS.findall(text)):
            wrong.append(f"{context}: {source!r} -> {text!r} (placeholders)")
        if source.count("&") != text.count("&"):
            wrong.append(f"{context}: {source!r} -> {text!r} (accelerator)")
    assert not wrong, "\n".join(wrong)


def test_committed_ts_is_what_lupdate_makes(extracted: Path) -> None:
    """The committed .ts holds every text of today's sources and nothing gone."""
    for language in LANGUAGES:
        name = f"lemon_desktop_{language}.ts"
        fresh = {(c, s) for c, s, _ in messages(extracted / name)}
        committed = {(c, s) for c, s, _ in messages(TRANSLATIONS / name)}
        assert fresh == committed, (
            f"{name} is out of date; run `python scripts/translations.py`: "
            f"new {sorted(fresh - committed)[:10]}, gone {sorted(committed - fresh)[:10]}"
        )


def test_committed_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    for ts in sorted(TRANSLATIONS.glob("lemon_desktop_*.ts")):
        built = tmp_path / ts.with_suffix(".qm").name
        subprocess.run(
            [i18n_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(built)], check=True
        )
        shipped = ts.with_suffix(".qm")
        assert shipped.exists(), f"{shipped.name} is missing"
        assert shipped.read_bytes() == built.read_bytes(), (
            f"{shipped.name} is older than {ts.name}: run `python scripts/translations.py build`"
        )


def i18n_tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def test_the_shipped_languages_are_offered() -> None:
    assert set(i18n.available_languages()) >= set(LANGUAGES)
    assert i18n.language_name("zh_CN") == "简体中文"
    assert i18n.language_name("ja") == "日本語"
    assert i18n.language_name("en") == "English"


def test_language_setting_round_trips_and_is_checked(tmp_path: Path) -> None:
    assert Settings().language == "system"
    save_settings(tmp_path, Settings(language="ja"))
    assert load_settings(tmp_path).language == "ja"
    for good in ("system", "en", "zh_CN", "ja", "pt_BR", "zh_Hans_CN"):
        assert Settings(language=good).problems() == []
    for bad in ("", "chinese", "zh-cn", "../../etc"):
        (problem,) = Settings(language=bad).problems()
        assert problem.startswith("Language")


def test_install_translators_follows_the_setting(qapp: QApplication) -> None:
    try:
        i18n.install_translators("zh_CN")
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert core_text("usually inline") == "通常同步返回"
        assert core_text("$0.04 / image") == "$0.04 / 张"
        assert core_text("prompt is 9,000 characters; dall-e-2 accepts at most 1,000.") == (
            "提示词有 9,000 个字符；dall-e-2 最多接受 1,000 个。"
        )
        assert QLocale().name() == "zh_CN"  # numbers and dates follow the choice too
        i18n.install_translators("ja")
        assert QCoreApplication.translate("MainWindow", "&File") == "ファイル(&F)"
        # Qt's own texts (standard buttons) come from the wheels' qtbase translations.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
        i18n.install_translators("en")
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        assert core_text("$0.04 / image") == "$0.04 / image"
    finally:
        i18n.remove_translators()
    assert QLocale().name() == QLocale.system().name()
    # "system" follows the desktop's locale (C here, so the source texts).
    assert i18n.locale_for("system").name() == QLocale.system().name()


def english_left(root: object, kept: set[str]) -> list[str]:
    from PySide6.QtWidgets import QWidget

    assert isinstance(root, QWidget)
    return [
        f"{where} {what}: {text!r} ({' '.join(words)})"
        for where, what, text in visible_texts(root)
        if (words := english_words(text, kept))
    ]


def test_the_window_in_chinese_shows_no_english(
    home: Path,
    make_window: Callable[..., MainWindow],
    qloop: Loop,
) -> None:
    """The real window with language zh_CN against the built-in sandbox: the first-run page,
    the workspace with a finished job, Settings and the shortcuts, every text, tooltip,
    placeholder, title, menu and list row; model ids, names, URLs, numbers and file
    names may stay as they are."""
    (home / "settings.json").write_text(json.dumps({"language": "zh_CN"}), encoding="utf-8")
    window = make_window()
    kept = set(KEPT_WORDS)
    left: list[str] = []

    async def scenario() -> None:
        await window.start()
        await until(lambda: window.pending_tasks() == 0, timeout=20)
        assert window.first_run.isVisible()
        left.extend(english_left(window, kept))
        QTest.mouseClick(window.first_run.sandbox, Qt.MouseButton.LeftButton)
        await until(lambda: window.services.connected, message="the sandbox")
        await until(lambda: window.pending_tasks() == 0, timeout=20)
        assert window.badge.isVisible() and window.badge.text() == "沙盒"
        # Vendor names of the gateway's list are names, not words to translate.
        for entry in window.catalog.entries:
            kept.update(word.lower() for word in re.findall(r"[A-Za-z]+", entry.vendor))
        left.extend(english_left(window, kept))
        await generate(window, "gpt-image-2", "一只柠檬")
        await until(
            lambda: any(job.state == JobState.DONE for job in jobs(window)),
            timeout=30,
            message="the job to finish",
        )
        await until(lambda: window.pending_tasks() == 0, timeout=20)
        left.extend(english_left(window, kept))
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog is not None
        await until(dialog.isVisible, message="Settings")
        left.extend(english_left(dialog, kept))
        # The language is chosen in its own words, and saved for the next start.
        languages = {
            dialog.language.itemData(i): dialog.language.itemText(i)
            for i in range(dialog.language.count())
        }
        assert languages == {
            "system": "系统语言",
            "en": "English",
            "ja": "日本語",
            "zh_CN": "简体中文",
        }
        assert dialog.language.currentData() == "zh_CN"
        dialog.language.setCurrentIndex(dialog.language.findData("ja"))
        dialog.try_accept()
        assert load_settings(home).language == "ja"
        window.show_shortcuts()
        shortcuts = window.shortcuts_dialog
        assert shortcuts is not None
        await until(shortcuts.isVisible, message="the shortcuts")
        left.extend(english_left(shortcuts, kept))
        shortcuts.reject()

    try:
        qloop.run(scenario(), timeout=120)
    finally:
        i18n.remove_translators()
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    assert not left, "English left in the Chinese window:\n" + "\n".join(dict.fromkeys(left))
