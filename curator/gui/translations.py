"""The interface's language: which one (English, French, Arabic), its translators, its direction.

Chosen, in this order, by ``curator gui --ui-language``, ``CURATOR_UI_LANGUAGE``, the remembered
preference (View → Interface language) and the system locale; English otherwise. It is applied once,
before any widget exists (:func:`apply_ui_language`): Qt's own ``qtbase`` catalogue for its dialogs,
Curator's (``resources/translations/curator_xx.qm``) and, for Arabic, a right-to-left layout for the
whole application. Text inside widgets keeps its own direction (the text view lays out each paragraph
by its own).

The catalogues are Qt Linguist files made from the source and compiled; after adding or changing a
``tr()`` string, run ``python -m curator.gui.translations update`` (``pyside6-lupdate`` then
``pyside6-lrelease``), translate the new entries of ``resources/translations/curator_fr.ts`` and
``curator_ar.ts`` (Qt Linguist, or by hand: fill each ``<translation type="unfinished">`` and remove
the ``type``), then run it again to compile. ``python -m curator.gui.translations check`` lists what
is left to translate (the test in ``tests/processes/test_translations.py`` runs the same check).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from curator.paths import resources_dir

from .plurals import install_plurals
from .shown_names import QT_TRANSLATE_NOOP

UI_LANGUAGES = ("en", "fr", "ar")
UI_LANGUAGE_ENV = "CURATOR_UI_LANGUAGE"
# Each language's own name, as its speakers write it (a menu of languages is never translated).
UI_LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ar": "العربية"}
TRANSLATED = ("fr", "ar")
RIGHT_TO_LEFT = ("ar",)

# Qt reads the direction of an application from this entry of its installed catalogues; kept in the
# source so that lupdate keeps it in every catalogue ("RTL" in Arabic, "LTR" in French).
QT_TRANSLATE_NOOP("QGuiApplication", "QT_LAYOUT_DIRECTION")

_GUI = Path(__file__).resolve().parent


def translations_dir() -> Path:
    return resources_dir() / "translations"


def ui_language(given: str | None, remembered: str | None) -> str:
    """The interface language: ``given`` (the command line), else ``CURATOR_UI_LANGUAGE``, else
    ``remembered``, else the system locale's language when it is one of :data:`UI_LANGUAGES`, else
    English. An unknown code at any step is passed over."""
    for candidate in (given, os.environ.get(UI_LANGUAGE_ENV), remembered, QLocale.system().name()[:2]):
        code = (candidate or "").strip().lower()[:2]
        if code in UI_LANGUAGES:
            return code
    return "en"


_current = ["en"]
_installed: list[QTranslator] = []  # kept referenced: Qt does not own an installed translator


def apply_ui_language(app: QCoreApplication, language: str) -> list[str]:
    """Install the translators for ``language`` in ``app`` and set its layout direction; call it
    before any widget exists. Returns the catalogues installed (Qt's and Curator's), so that a
    missing one can be told. Calling it again replaces the previous language's translators."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    install_plurals()  # asked last: the English plural forms of messages no catalogue translates
    loaded: list[str] = []
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"qtbase_{language}", qt_dir), (f"curator_{language}", str(translations_dir()))):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
                loaded.append(name)
    if isinstance(app, QApplication):
        rtl = language == "ar"
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    # The locale (numbers, dates) stays the system's: an Arabic interface in Morocco writes 0-9 digits.
    _current[0] = language
    return loaded


def current_ui_language() -> str:
    """The language :func:`apply_ui_language` last applied (English before it is called)."""
    return _current[0]


# -- maintaining the catalogues (not used by the running window) -----------------------------------


def catalogue(language: str) -> Path:
    return translations_dir() / f"curator_{language}.ts"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6-Essentials)")
    return found


def sources() -> list[Path]:
    """Every Python file of the window, in a stable order."""
    return sorted(_GUI.rglob("*.py"))


def run_lupdate(targets: list[Path]) -> None:
    """Bring ``targets`` (``.ts`` files) up to date with the strings in the source: new ones added as
    unfinished, gone ones dropped. No source locations: they would change with every edit of the code
    and make each catalogue conflict in every merge."""
    files = [str(path) for path in sources()]
    command = [_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none", "-ts"]
    subprocess.run([*command, *map(str, targets)], check=True, capture_output=True, text=True)


def run_lrelease(source: Path, target: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(source), "-qm", str(target)], check=True, capture_output=True, text=True
    )


@dataclass(frozen=True)
class Unfinished:
    language: str
    context: str
    source: str
    why: str  # "unfinished", "obsolete", "vanished", "empty form", "placeholder"

    def __str__(self) -> str:
        return f"curator_{self.language}.ts: {self.context}: {self.source!r}: {self.why}"


def _placeholders(text: str) -> list[str]:
    # %n is left out: a form for one may say the number in words (Arabic "وثيقة واحدة").
    return sorted(token for token in ("{0}", "{1}", "{2}", "{3}", "{4}") if token in text)


def _bare_placeholder(text: str) -> bool:
    """A ``{n}`` without FSI before it and PDI after it (U+2068, U+2069)."""
    return re.search(r"(?<!\u2068)\{\d\}|\{\d\}(?!\u2069)", text) is not None


def problems(ts: Path, language: str) -> list[Unfinished]:
    """What a catalogue lacks: entries unfinished, obsolete or vanished, an empty plural form, a
    translation that lost or gained a ``{n}`` placeholder; in a right-to-left language, a ``{n}``
    not isolated (FSI…PDI): a name or a path in Latin letters inside an Arabic sentence would
    otherwise take the punctuation around it into its own direction ("Nations unies (ONU)")."""
    found: list[Unfinished] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                found.append(Unfinished(language, name, source, "unfinished"))
                continue
            kind = translation.get("type")
            if kind is not None:
                found.append(Unfinished(language, name, source, kind))
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")]
            texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
            if any(not text.strip() for text in texts):
                found.append(Unfinished(language, name, source, "empty form"))
            elif source != "QT_LAYOUT_DIRECTION" and any(_placeholders(t) != _placeholders(source) for t in texts):
                found.append(Unfinished(language, name, source, "placeholder"))
            elif language in RIGHT_TO_LEFT and any(_bare_placeholder(t) for t in texts):
                found.append(Unfinished(language, name, source, "placeholder not isolated"))
    return found


def check() -> list[Unfinished]:
    """Run lupdate over copies of the catalogues and report every entry left to translate; the
    catalogues in the repository are not touched."""
    with tempfile.TemporaryDirectory() as tmp:
        copies = [Path(tmp) / catalogue(language).name for language in TRANSLATED]
        for language, copy in zip(TRANSLATED, copies, strict=True):
            shutil.copyfile(catalogue(language), copy)
        run_lupdate(copies)
        return [item for language, copy in zip(TRANSLATED, copies, strict=True) for item in problems(copy, language)]


def update() -> None:
    """lupdate the catalogues in the repository, then compile each with lrelease."""
    targets = [catalogue(language) for language in TRANSLATED]
    run_lupdate(targets)
    for target in targets:
        run_lrelease(target, target.with_suffix(".qm"))


def main(argv: list[str]) -> int:
    """``python -m curator.gui.translations update|check``."""
    if argv[:1] == ["update"]:
        update()
        left = [item for language in TRANSLATED for item in problems(catalogue(language), language)]
    elif argv[:1] == ["check"]:
        left = check()
    else:
        print("usage: python -m curator.gui.translations update|check", file=sys.stderr)
        return 2
    for item in left:
        print(item)
    print(f"{len(left)} entries left to translate")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
