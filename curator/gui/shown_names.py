"""The window's names for values the core stores as codes (document statuses, review states, column
headers), translated under one explicit context each.

A string that reaches ``tr()`` through a variable is invisible to lupdate; each is marked here with
``QT_TRANSLATE_NOOP`` under the context it is translated in, so that lupdate extracts it and the
runtime asks for the same context whatever class shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate under ``context``; returns it unchanged (PySide6's own is typed
    as returning ``object``)."""
    return text


STATUS_CONTEXT = "DocumentStatus"
REVIEW_CONTEXT = "ReviewState"
HEADER_CONTEXT = "TableModel"

_STATUSES = {
    "new": QT_TRANSLATE_NOOP("DocumentStatus", "New"),
    "in_progress": QT_TRANSLATE_NOOP("DocumentStatus", "In progress"),
    "done": QT_TRANSLATE_NOOP("DocumentStatus", "Done"),
}
# The same words as curator.review.states.REVIEW_STATES_LABELS (the core is Qt-free, so they are
# marked here); a state missing here is shown untranslated.
_REVIEW_STATES = (
    QT_TRANSLATE_NOOP("ReviewState", "not reviewed"),
    QT_TRANSLATE_NOOP("ReviewState", "in review"),
    QT_TRANSLATE_NOOP("ReviewState", "curated"),
    QT_TRANSLATE_NOOP("ReviewState", "Not reviewed"),
    QT_TRANSLATE_NOOP("ReviewState", "In review"),
    QT_TRANSLATE_NOOP("ReviewState", "Curated"),
)


def status_name(status: str) -> str:
    """A document status as the interface names it (the code itself when unknown)."""
    source = _STATUSES.get(status)
    return QCoreApplication.translate(STATUS_CONTEXT, source) if source else status


def review_state_name(label: str) -> str:
    """A review state's label (from ``REVIEW_STATES_LABELS``) in the interface's language."""
    return QCoreApplication.translate(REVIEW_CONTEXT, label)


def header(text: str) -> str:
    """A column header marked with ``QT_TRANSLATE_NOOP("TableModel", …)``, translated."""
    return QCoreApplication.translate(HEADER_CONTEXT, text)
