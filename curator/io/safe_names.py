"""File names made from document ids, titles and annotator names: one plain name, inside the folder.

A title is data, not a path: ``Path("out") / "/etc/passwd"`` is ``/etc/passwd`` and ``"../../x"`` climbs
out of the folder. Every exporter that names a file after something a user typed goes through
:func:`safe_file_name` and writes through :func:`inside`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

# 255 bytes is the limit of common file systems; the rest leaves room for ".ann", ".README.md", "~12".
MAX_NAME_BYTES = 200

# Names Windows reserves whatever the extension ("CON.txt" is the console too).
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
    + ["COM\u00b9", "COM\u00b2", "COM\u00b3", "LPT\u00b9", "LPT\u00b2", "LPT\u00b3"]
)
# Separators and the characters Windows refuses; whitespace runs become one underscore.
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')
_SPACES = re.compile(r"\s+")


def _allowed(ch: str) -> bool:
    # Cc: control characters; Cf: bidi controls (U+202E makes "a\u202Etxt.exe" look like "aexe.txt"),
    # zero-width characters; Cs/Co/Cn: surrogates, private use, unassigned.
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")


def _truncate_utf8(name: str, max_bytes: int) -> str:
    encoded = name.encode("utf-8")
    if len(encoded) <= max_bytes:
        return name
    cut = encoded[:max_bytes].decode("utf-8", errors="ignore")
    # Never end on a base letter cut away from its marks: drop a trailing partial cluster of marks.
    while cut and unicodedata.category(cut[-1]) in ("Mn", "Me"):
        cut = cut[:-1]
    return cut


def safe_file_name(name: str, *, fallback: str = "document", max_bytes: int = MAX_NAME_BYTES) -> str:
    """A single file-name component made from ``name``: no separators, no control or bidi characters,
    no leading dots, no trailing dots or spaces, not a Windows device name, at most ``max_bytes`` UTF-8
    bytes. Arabic and accented letters are kept (NFC, so macOS and Linux agree on the bytes)."""
    cleaned = "".join(ch for ch in unicodedata.normalize("NFC", name) if _allowed(ch))
    cleaned = _UNSAFE.sub("_", cleaned)
    cleaned = re.sub("_{2,}", "_", _SPACES.sub("_", cleaned)).strip("_")
    cleaned = cleaned.lstrip(".")
    cleaned = _truncate_utf8(cleaned, max_bytes).rstrip(". _")
    if not cleaned:
        cleaned = fallback
    stem = cleaned.split(".", 1)[0]
    if stem.upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned


def unique_names(names: Iterable[str], *, fallback: str = "document") -> list[str]:
    """:func:`safe_file_name` of each name, made unique without regard to case (macOS and Windows
    folders are case-insensitive) by a ``~2``, ``~3``... suffix."""
    allocator = NameAllocator(fallback=fallback)
    return [allocator.fresh(name) for name in names]


def _plain(part: str) -> bool:
    return bool(part) and part not in (".", "..") and not any(sep in part for sep in ("/", "\\", ":", "\0"))


def inside(folder: Path, *parts: str) -> Path:
    """``folder / parts...``, refusing any result that is not inside ``folder`` (a last line of defence:
    the parts should already come from :func:`safe_file_name`)."""
    path = folder.joinpath(*parts)
    if len(parts) == 1 and _plain(parts[0]) and not path.is_symlink():
        # One plain name that is not a link stays in the folder: no need to resolve every component
        # of both paths (exports call this for each of thousands of files).
        return path
    root = folder.resolve()
    resolved = path.resolve()
    if resolved == root or not resolved.is_relative_to(root):
        raise ValueError(f"{'/'.join(parts)!r} would leave the output folder {folder}")
    return path


class NameAllocator:
    """Hands out :func:`safe_file_name` names that are unique in one folder (without regard to case),
    the same name each time for the same key."""

    def __init__(self, reserved: Iterable[str] = (), *, fallback: str = "document") -> None:
        self._taken = {name.casefold() for name in reserved}
        self._given: dict[str, str] = {}
        self._fallback = fallback

    def name(self, key: str) -> str:
        """The name for ``key`` (the same on every call)."""
        if key not in self._given:
            self._given[key] = self.fresh(key)
        return self._given[key]

    def fresh(self, key: str) -> str:
        """A new unique name made from ``key``."""
        base = safe_file_name(key, fallback=self._fallback)
        candidate, n = base, 2
        while candidate.casefold() in self._taken:
            candidate = f"{base}~{n}"
            n += 1
        self._taken.add(candidate.casefold())
        return candidate
