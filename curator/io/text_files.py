"""Plain-text documents: decoded with care, line endings turned to LF, language and direction found."""

from __future__ import annotations

from pathlib import Path

from curator.errors import InputRejected, Problem
from curator.records import DocumentIn
from curator.text.decoding import decode_bytes
from curator.text.language import base_direction, detect_language
from curator.text.newlines import normalize_newlines

TITLE_MAX = 200
# One news text is kilobytes; a file this large is a dump or a mistake, and decoding it (a legacy
# code page is judged word by word) must stay bounded in time and memory.
MAX_TEXT_BYTES = 64 * 10**6


def title_of(text: str, fallback: str) -> str:
    """The first non-blank line, shortened; ``fallback`` when the text has none."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1] + "…"
    return fallback


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
