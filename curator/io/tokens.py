"""Tokens and BIO tags for the token-based formats (CoNLL, the Hugging Face table, spaCy ``Doc``s).

Spans are character spans; token formats can only hold spans that start and end on token
boundaries. The tokenizer keeps words whole (Arabic letters with their marks, French elisions split
after the apostrophe, hyphenated words and decimal numbers whole, an emoji sequence or flag as one
token) and splits a word after Arabic proclitics (و ف ب ل ك) where a span boundary needs it
(``و|السودان``). A span that still falls inside a token is *unaligned*: callers count and report it.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from curator.text.boundaries import is_mark, proclitic_split

WORD, PUNCT, SPACE = "word", "punct", "space"

# Characters that belong inside a word although they are not letters: joiners, soft hyphen, word joiner.
_IN_WORD = frozenset("\u200c\u200d\u00ad\u2060")
_HYPHENS = frozenset("-\u2010\u2011")
_APOSTROPHES = frozenset("'\u2019")
_DECIMAL = frozenset(".,\u066b\u066c")
# French elided words: "l’OCI" is "l’" + "OCI".
_ELISIONS = frozenset(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"])
SENTENCE_END = frozenset(".!?\u061f\u2026")  # ؟ and …


@dataclass(frozen=True)
class Token:
    """``[start, end)`` of the text; ``kind`` is word, punct, or space (white space and invisible
    format characters such as bidi controls, which token formats leave out)."""

    start: int
    end: int
    kind: str


def _word_char(ch: str) -> bool:
    return ch.isalnum() or is_mark(ch) or ch in _IN_WORD


def _invisible(ch: str) -> bool:
    return ch.isspace() or (unicodedata.category(ch) == "Cf" and ch not in _IN_WORD)


def _is_regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def _extends_cluster(ch: str) -> bool:
    """Marks, variation selectors, skin tones and tag characters stay with the symbol before them."""
    return (
        is_mark(ch)
        or "\ufe00" <= ch <= "\ufe0f"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or "\U000e0020" <= ch <= "\U000e007f"
    )


def _symbol_end(text: str, i: int) -> int:
    n = len(text)
    j = i + 1
    if _is_regional(text[i]) and j < n and _is_regional(text[j]):
        j += 1  # a flag is two regional indicators
    while j < n:
        if _extends_cluster(text[j]):
            j += 1
        elif text[j] == "\u200d" and j + 1 < n and not text[j + 1].isspace():
            j += 2  # ZWJ sequence: 👩‍⚕️
        else:
            break
    return j


def _word_end(text: str, i: int) -> int:
    n = len(text)
    j = i + 1
    while j < n:
        c = text[j]
        nxt = text[j + 1] if j + 1 < n else ""
        inner_hyphen = c in _HYPHENS and nxt.isalnum() and text[j - 1].isalnum()
        decimal_point = c in _DECIMAL and nxt.isdigit() and text[j - 1].isdigit()
        if _word_char(c) or inner_hyphen or decimal_point:
            j += 1
        elif c in _APOSTROPHES and nxt.isalpha():
            if text[i:j].casefold() in _ELISIONS:
                return j + 1
            j += 1
        else:
            break
    return j


def base_tokens(text: str) -> list[Token]:
    """The text cut into words, punctuation/symbol clusters and runs of white space; they cover the
    whole text, in order."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if _invisible(ch):
            j = i + 1
            while j < n and _invisible(text[j]):
                j += 1
            tokens.append(Token(i, j, SPACE))
        elif _word_char(ch):
            j = _word_end(text, i)
            tokens.append(Token(i, j, WORD))
        else:
            j = _symbol_end(text, i)
            tokens.append(Token(i, j, PUNCT))
        i = j
    return tokens


@dataclass
class Tokenization:
    tokens: list[Token]
    proclitic_splits: int = 0  # words split after a proclitic because a span starts there
    forced_splits: int = 0  # tokens split elsewhere because ``force`` was asked


def tokenize(text: str, cuts: Iterable[int] = (), *, force: bool = False) -> Tokenization:
    """:func:`base_tokens`, with words split at the ``cuts`` (span boundaries) that fall after Arabic
    proclitics; with ``force``, split at every cut (spaCy needs every span on token boundaries)."""
    tokens = base_tokens(text)
    inner = sorted({c for c in cuts if 0 < c < len(text)})
    if not inner:
        return Tokenization(tokens)
    starts = [t.start for t in tokens]
    by_token: dict[int, list[int]] = {}
    for c in inner:
        k = bisect_right(starts, c) - 1
        if tokens[k].start < c:
            by_token.setdefault(k, []).append(c)
    result = Tokenization([])
    for k, tok in enumerate(tokens):
        piece = tok.start
        for c in by_token.get(k, []):
            if tok.kind == WORD and proclitic_split(text, piece, c) == c:
                result.proclitic_splits += 1
            elif force:
                result.forced_splits += 1
            else:
                continue
            result.tokens.append(Token(piece, c, tok.kind))
            piece = c
        result.tokens.append(Token(piece, tok.end, tok.kind))
    return result


@dataclass
class Tagging:
    """BIO tags for one layer (one per token, ``O`` outside spans) and the spans that did not fit."""

    tags: list[str]
    unaligned: list[tuple[int, int, str]] = field(default_factory=list)  # widened to whole tokens
    overlapping: list[tuple[int, int, str]] = field(default_factory=list)  # left out
    empty: list[tuple[int, int, str]] = field(default_factory=list)  # cover no visible token; left out


def bio_tags(tokens: Sequence[Token], spans: Iterable[tuple[int, int, str]]) -> Tagging:
    """Tag ``tokens`` with ``spans`` (start, end, label). A span overlapping one already placed (longer
    and earlier first) cannot be in the same BIO column and is reported, not tagged; an unaligned
    span is widened to the tokens it touches and reported. Space tokens are never tagged."""
    result = Tagging(["O"] * len(tokens))
    starts = [t.start for t in tokens]
    taken = [False] * len(tokens)
    for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, end - 1) - 1
        visible = [k for k in range(first, last + 1) if tokens[k].kind != SPACE]
        if not visible:
            result.empty.append((start, end, label))
            continue
        if any(taken[k] for k in range(first, last + 1)):
            result.overlapping.append((start, end, label))
            continue
        if tokens[first].start != start or tokens[last].end != end:
            result.unaligned.append((start, end, label))
        for k in range(first, last + 1):
            taken[k] = True
        for n, k in enumerate(visible):
            result.tags[k] = ("B-" if n == 0 else "I-") + label
    return result


def sentence_starts(tokens: Sequence[Token], text: str, protected: Sequence[tuple[int, int]]) -> list[int]:
    """Indexes of the tokens that begin a sentence: after a line break, or after . ! ? ؟ … followed by
    white space (not after an abbreviation such as "M."); never inside a ``protected`` span (a span
    must stay in one sentence)."""
    out = [0] if tokens else []
    visible: list[int] = []  # indexes of the visible tokens seen so far
    pending = False
    for k, tok in enumerate(tokens):
        if tok.kind == SPACE:
            if visible and ("\n" in text[tok.start : tok.end] or _ends_sentence(tokens, visible, text)):
                pending = True
            continue
        if pending:
            prev_end = tokens[visible[-1]].end
            if not any(s < tok.start and e > prev_end for s, e in protected):
                out.append(k)
        pending = False
        visible.append(k)
    return out


def _ends_sentence(tokens: Sequence[Token], visible: list[int], text: str) -> bool:
    last = tokens[visible[-1]]
    if last.kind != PUNCT or text[last.start] not in SENTENCE_END:
        return False
    if text[last.start] == "." and len(visible) > 1:
        before = tokens[visible[-2]]
        word = text[before.start : before.end]
        # "M. Khiari", "Dr. X", "J.-P.": an abbreviation, not the end of a sentence.
        if before.end == last.start and before.kind == WORD and (len(word) == 1 or word in _ABBREVIATIONS):
            return False
    return True


_ABBREVIATIONS = frozenset(["Mme", "Mlle", "Dr", "Pr", "St", "Ste", "Me", "Mgr", "etc", "av", "art", "No", "p"])
