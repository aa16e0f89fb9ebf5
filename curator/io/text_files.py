"""Plain-text documents: decoded with care, line endings turned to LF, language and direction found."""

from __future__ import annotations

from pathlib import Path

from curator.errors import InputRejected, Problem
from curator.records import DocumentIn
from curator.text.boundaries import is_boundary
from curator.text.decoding import decode_bytes
from curator.text.language import base_direction, detect_language
from curator.text.newlines import normalize_newlines

# The documents.title column's size: a longer first line is cut at a word, the cut marked with "…".
TITLE_MAX = 1000
# One news text is kilobytes; a file this large is a dump or a mistake, and decoding it (a legacy
# code page is judged word by word) must stay bounded in time and memory.
MAX_TEXT_BYTES = 64 * 10**6


def title_of(text: str, fallback: str) -> str:
    """The first non-blank line, whole when the title column holds it (the window elides it for
    display), else cut at the last space that leaves room for "…"; ``fallback`` when the text has
    none."""
    for line in text.split("\n"):
        line = line.strip()
        if len(line) > TITLE_MAX:
            cut = line.rfind(" ", 0, TITLE_MAX - 1)
            # No space to cut at: at a character boundary, never between a letter and its marks.
            line = line[:cut].rstrip() if cut > 0 else line[: clamp_start(line, TITLE_MAX - 1)]
            return line + "…"
        if line:
            return line
    return fallback


def clamp_start(text: str, offset: int) -> int:
    """``offset``, moved back until it does not separate a letter from its marks."""
    while offset > 0 and not is_boundary(text, offset):
        offset -= 1
    return offset


def read_text_file(path: Path, encoding: str | None = None) -> DocumentIn:
    """Read one ``.txt`` document; raise :class:`curator.errors.InputRejected` when it is not usable text."""
    source = str(path)
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        limit = MAX_TEXT_BYTES // 10**6
        raise InputRejected([Problem(source, 0, f"{size / 1e6:.0f} MB is over the {limit} MB limit for one text file")])
    decoded = decode_bytes(path.read_bytes(), source, encoding)
    text, newline = normalize_newlines(decoded.text)
    if not text.strip():
        raise InputRejected([Problem(source, 1, "the file holds only white space")])
    language = detect_language(text)
    return DocumentIn(
        source=path.name,
        line=1,
        text=text,
        ext_id=path.stem,
        ext_id_fixed=False,
        title=title_of(text, path.stem),
        language=language,
        direction=base_direction(text, language),
        encoding=decoded.encoding,
        newline=newline,
        had_bom=decoded.had_bom,
        bytes_sha256=decoded.bytes_sha256,
    )
