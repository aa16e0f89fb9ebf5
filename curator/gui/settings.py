"""What the window remembers between runs (QSettings): font, zoom, layout, last document, options."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QFont

from .fonts import with_fallbacks
from .label_catalog import LANGUAGES
from .translations import current_ui_language

DEFAULT_POINT_SIZE = 14


def _as_bool(value: object, default: bool) -> bool:
    # QSettings gives back "true"/"false" strings from INI files, real bools from other backends.
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def _as_int(value: object, default: int) -> int:
    try:
        return int(str(value)) if value is not None else default
    except ValueError:
        return default


class Preferences:
    """Typed access to the settings; each setter writes through at once."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings or QSettings()

    # -- annotator --------------------------------------------------------------------------------

    @property
    def annotator(self) -> str:
        return str(self.qsettings.value("annotator", "") or "")

    @annotator.setter
    def annotator(self, name: str) -> None:
        self.qsettings.setValue("annotator", name)

    # -- text -------------------------------------------------------------------------------------

    def text_font(self) -> QFont:
        """The text's font: the one the curator chose, or a Latin font with an Arabic one after it
        (:mod:`curator.gui.fonts`: each script from a font made for it)."""
        stored = self.qsettings.value("view/font")
        font = QFont()
        if isinstance(stored, str) and stored and font.fromString(stored):
            return with_fallbacks(font, chosen=True)
        font.setPointSize(DEFAULT_POINT_SIZE)
        return with_fallbacks(font, chosen=False)

    def set_text_font(self, font: QFont) -> None:
        self.qsettings.setValue("view/font", font.toString())

    @property
    def zoom(self) -> int:
        """Points added to the font size (negative: smaller)."""
        return _as_int(self.qsettings.value("view/zoom"), 0)

    @zoom.setter
    def zoom(self, steps: int) -> None:
        self.qsettings.setValue("view/zoom", max(-8, min(40, steps)))

    @property
    def show_invisible(self) -> bool:
        return _as_bool(self.qsettings.value("view/show_invisible"), False)

    @show_invisible.setter
    def show_invisible(self, show: bool) -> None:
        self.qsettings.setValue("view/show_invisible", show)

    @property
    def exact_selection(self) -> bool:
        return _as_bool(self.qsettings.value("edit/exact_selection"), False)

    @exact_selection.setter
    def exact_selection(self, exact: bool) -> None:
        self.qsettings.setValue("edit/exact_selection", exact)

    @property
    def label_language(self) -> str:
        stored = str(self.qsettings.value("view/label_language", "") or "")
        if stored in LANGUAGES:
            return stored
        # Not chosen yet: the interface's language (itself the system's unless chosen).
        interface = current_ui_language()
        return interface if interface in LANGUAGES else "en"

    @label_language.setter
    def label_language(self, language: str) -> None:
        self.qsettings.setValue("view/label_language", language)

    @property
    def ui_language(self) -> str | None:
        """The interface language chosen in the window (View → Interface language), if any."""
        stored = str(self.qsettings.value("view/ui_language", "") or "")
        return stored or None

    @ui_language.setter
    def ui_language(self, language: str) -> None:
        self.qsettings.setValue("view/ui_language", language)

    # -- window -----------------------------------------------------------------------------------

    @staticmethod
    def _last_document_key(database_url: str) -> str:
        # One per database: ids of one mean nothing in another. Hashed, so that a password in the
        # URL is not written to the settings file.
        return "session/last_document/" + hashlib.sha256(database_url.encode("utf-8")).hexdigest()[:20]

    def last_document(self, database_url: str) -> int | None:
        """The document last open in the database at ``database_url``, if any."""
        value = _as_int(self.qsettings.value(self._last_document_key(database_url)), 0)
        return value or None

    def set_last_document(self, database_url: str, document_id: int | None) -> None:
        self.qsettings.setValue(self._last_document_key(database_url), document_id or 0)

    def window_geometry(self) -> QByteArray | None:
        value = self.qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @staticmethod
    def _state_key(rtl: bool) -> str:
        # One layout per direction: a mirrored window's docks are on the other sides.
        return "window/state-rtl" if rtl else "window/state"

    def window_state(self, rtl: bool = False) -> QByteArray | None:
        value = self.qsettings.value(self._state_key(rtl))
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray, rtl: bool = False) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue(self._state_key(rtl), state)

    def sync(self) -> None:
        self.qsettings.sync()
