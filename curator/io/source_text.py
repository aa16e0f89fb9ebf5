"""A text read from another tool's file, with the offset map from that file to the stored text.

The stored text has LF line endings and no BOM; other tools count the CR of a CRLF and sometimes a
leading BOM, so their offsets are moved here, once, through :meth:`SourceText.offset`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from curator.io.text_files import title_of
from curator.records import DocumentIn
from curator.text.language import LANGUAGES, base_direction, detect_language
from curator.text.newlines import newline_offset_map, normalize_newlines, shift_offset


@dataclass(frozen=True)
class SourceText:
    raw: str  # as the other tool counts it
    text: str  # as stored
    newline: str
    removed: tuple[int, ...]  # raw positions of the characters dropped from the stored text
    had_bom: bool

    @classmethod
    def of(cls, raw: str) -> SourceText:
        bom = raw.startswith("\ufeff")
        body = raw[1:] if bom else raw
        text, newline = normalize_newlines(body)
        removed = ([0] if bom else []) + [p + (1 if bom else 0) for p in newline_offset_map(body)]
        return cls(raw, text, newline, tuple(removed), bom)

    def offset(self, raw_offset: int) -> int:
        """The stored-text offset of ``raw_offset`` (0..len(raw))."""
        return shift_offset(list(self.removed), raw_offset)

    def check_range(self, start: int, end: int) -> str | None:
        """A message when ``[start, end)`` is not a range of the raw text, else None."""
        if start < 0 or end < 0:
            return f"negative offset ({start}-{end})"
        if start > end:
            return f"reversed offsets: start {start} is after end {end}"
        if end > len(self.raw):
            return f"end {end} is past the end of the text ({len(self.raw)} characters)"
        return None


def new_document(
    source: str,
    line: int,
    st: SourceText,
    *,
    ext_id: str | None,
    ext_id_fixed: bool,
    title: str = "",
    language: str | None = None,
    meta: dict[str, Any] | None = None,
) -> DocumentIn:
    """A :class:`DocumentIn` for ``st``; an unknown or missing language is detected from the text."""
    lang = language if language in LANGUAGES else detect_language(st.text)
    return DocumentIn(
        source=source,
        line=line,
        text=st.text,
        ext_id=ext_id,
        ext_id_fixed=ext_id_fixed,
        title=title or title_of(st.text, ext_id or source),
        language=lang,
        direction=base_direction(st.text, lang),
        meta=meta or {},
        newline=st.newline,
        had_bom=st.had_bom,
    )
