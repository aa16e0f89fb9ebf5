"""Decode the bytes of a text file, refusing what is not text or cannot be read with confidence.

Single-byte decodings never raise, so a wrong guess would be silent mojibake: every candidate
decoding is scored for plausibility (letters of one script per word, no C1 controls, no
replacement characters) and a doubtful file is refused with a request for ``--encoding``.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from curator.errors import InputRejected, Problem

# Legacy encodings Curator expects in this domain; charset-normalizer may propose others.
_LEGACY = ("cp1256", "iso8859_6", "cp1252", "iso8859_15")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
MAX_TEXT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Decoded:
    """Text exactly as decoded (BOM removed), how it was decoded, and the hash of the original bytes."""

    text: str
    encoding: str
    had_bom: bool
    bytes_sha256: str


def _line_of(data: bytes, byte_offset: int) -> int:
    return data.count(b"\n", 0, byte_offset) + 1


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> Decoded:
    """Decode ``data`` read from ``source``; raise :class:`InputRejected` naming the file and line."""
    digest = hashlib.sha256(data).hexdigest()

    def refuse(message: str, line: int = 0) -> InputRejected:
        return InputRejected([Problem(source, line, message)])

    if not data:
        raise refuse("empty file")
    if len(data) > MAX_TEXT_BYTES:
        raise refuse(f"file is {len(data)} bytes, over the {MAX_TEXT_BYTES}-byte limit for one document")
    if encoding:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            line = _line_of(data, exc.start) if isinstance(exc, UnicodeDecodeError) else 0
            raise refuse(f"cannot decode as {encoding}: {exc}", line) from exc
        had_bom = text.startswith("\ufeff")
        return Decoded(text.removeprefix("\ufeff"), encoding, had_bom, digest)

    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise refuse(f"invalid {name} after its byte-order mark at byte {exc.start + len(bom)}") from exc
            _refuse_controls(text, source)
            return Decoded(text, name, True, digest)

    if b"\x00" in data:
        nul = data.index(b"\x00")
        raise refuse(f"binary data (NUL byte at byte {nul}), not a text file", _line_of(data, nul))

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        _refuse_controls(text, source)
        return Decoded(text, "utf-8", False, digest)

    best = _best_legacy_decoding(data)
    if best is None:
        raise refuse(
            f"invalid UTF-8 at byte {utf8_error.start} and no other encoding reads it plausibly; "
            "give the encoding with --encoding",
            _line_of(data, utf8_error.start),
        )
    name, text = best
    return Decoded(text, name, False, digest)


def _refuse_controls(text: str, source: str) -> None:
    for i, ch in enumerate(text):
        if _is_forbidden_control(ch):
            line = text.count("\n", 0, i) + 1
            raise InputRejected(
                [Problem(source, line, f"control character U+{ord(ch):04X} at character {i}: not a text file")]
            )


def _is_forbidden_control(ch: str) -> bool:
    code = ord(ch)
    return (code < 0x20 and ch not in "\t\n\r\f\v") or 0x7F <= code <= 0x9F


def _detector_candidates(data: bytes) -> list[str]:
    """Encodings charset-normalizer proposes beyond the expected ones, best first."""
    try:
        from charset_normalizer import from_bytes

        names = [codecs.lookup(match.encoding).name for match in from_bytes(data)]
    except Exception:  # the detector only proposes; our own scoring decides
        return []
    return [n for n in dict.fromkeys(names) if n not in _LEGACY and not n.startswith("utf")]


def _pick(data: bytes, names: list[str]) -> tuple[str, str] | bool | None:
    """The plausible reading among ``names`` (earlier names win ties); False when none is plausible,
    None when two plausible readings disagree and only the curator can tell."""
    scored: list[tuple[float, str, str]] = []
    for name in names:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((plausibility(text), name, text))
    top = max((score for score, _, _ in scored), default=0.0)
    if top < 0.97:
        return False
    best = [(name, text) for score, name, text in scored if score >= top - 0.005]
    if len({text for _, text in best}) > 1:
        return None
    return best[0]


def _best_legacy_decoding(data: bytes) -> tuple[str, str] | None:
    """The most plausible single-byte decoding, or None when none is clearly right.

    The encodings this corpus is known to use come first; the detector's proposals are tried only
    when none of those reads the bytes plausibly (it reads cp1252 French as cp1250, for example).
    """
    for names in (list(_LEGACY), _detector_candidates(data)):
        picked = _pick(data, names)
        if picked is not False:
            return picked if isinstance(picked, tuple) else None
    return None


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    return name.split(" ", 1)[0].lower() or "unknown"


# Accented letters of French (and English loans); Arabic read through a Western code page
# produces others (ã, á, Ú, Þ, ß...) in almost every word.
_FRENCH_ACCENTED = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ")


def _plausible_latin(letters: list[str]) -> bool:
    accented = [ch for ch in letters if not ch.isascii()]
    if any(ch not in _FRENCH_ACCENTED for ch in accented):
        return False
    return len(letters) < 4 or len(accented) * 2 <= len(letters)


_TYPOGRAPHY = set("«»‹›‘’‚“”„–—…•€°·،؛؟٪٫٬")


def _odd_symbol(ch: str) -> bool:
    """A non-ASCII symbol that real prose rarely has (¤, ¦, ©, ±...): a sign of a wrong code page."""
    if ch.isascii() or ch in _TYPOGRAPHY:
        return False
    return unicodedata.category(ch)[0] in "SC" or unicodedata.category(ch) in ("Po", "Pd", "Ps", "Pe")


def plausibility(text: str) -> float:
    """Share of words that read as Arabic or French/English; 0 with C1 controls or replacement marks.

    A word mixing Arabic with Latin letters (``ن`` next to ``ç``), using an unexpected script
    (Hebrew, Cyrillic from a wrong code page) or unusual accented letters (``ÇáÃãã``, Arabic read
    through a Western code page) counts against the text.
    """
    if "\ufffd" in text or _CONTROLS.search(text):
        return 0.0
    words = 0
    good = 0
    verdicts: dict[str, int] = {}  # news repeats its words: each distinct word is judged once
    # Only words with non-ASCII characters can differ between candidate decodings; counting the
    # ASCII ones would let 50 KB of English outvote one mis-decoded Arabic paragraph.
    for word in text.split():
        if word.isascii():
            continue
        verdict = verdicts.get(word)
        if verdict is None:
            verdict = verdicts[word] = _word_verdict(word)
        if verdict < 0:
            continue
        words += 1
        good += verdict
        if words >= PLAUSIBILITY_WORDS:
            break  # a single-byte code page maps every byte alike: this many words are evidence enough
    return good / words if words else 1.0


PLAUSIBILITY_WORDS = 20_000
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _word_verdict(word: str) -> int:
    """1 for a word that reads as Arabic or French/English, 0 for one that does not, -1 for no word."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return -1
    if any(_odd_symbol(ch) for ch in word):
        return 0
    scripts = {_script(ch) for ch in letters if unicodedata.category(ch) != "Mn"}
    return int(scripts == {"arabic"} or (scripts == {"latin"} and _plausible_latin(letters)))
