"""Tokens and BIO tags for the token-based formats (CoNLL, the Hugging Face table, spaCy ``Doc``s).

Spans are character spans; token formats can only hold spans that start and end on token
boundaries. The tokenizer keeps words whole (Arabic letters with their marks, French elisions split
after the apostrophe, hyphenated words and decimal numbers whole, an emoji sequence or flag as one
token) and splits a word after Arabic proclitics (و ف ب ل ك) where a span boundary needs it
(``و|السودان``). The token formats (:func:`span_tokens`) also split a token at every other span
boundary (``ONU|-|OCI``), so every span a BIO column can hold is exact; a span that still falls
inside a token (only without ``force``) is *unaligned*: callers count and report it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

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


class Token(NamedTuple):
    """``[start, end)`` of the text; ``kind`` is word, punct, or space (white space and invisible
    format characters such as bidi controls, which token formats leave out).

    A named tuple, not a dataclass: exports make millions of them and a tuple is several times
    cheaper to build."""

    start: int
    end: int
    kind: str


# Proposals for tokens, matched in C: a run of letters and digits (``str.isalnum``: ``\w`` without
# the underscore) with the white space after it (``str.isspace``), such a run alone, white space, or
# one other character. The rules below decide only at each proposal's edge.
_SCAN = re.compile(r"([^\W_]+)(\s+)|([^\W_]+)|(\s+)|.", re.DOTALL)
_WORD_THEN_SPACE, _WORD, _SPACE = 2, 3, 4  # ``lastindex`` of each kind of proposal
_ALNUM_RUN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _word_char(ch: str) -> bool:
    return ch.isalnum() or is_mark(ch) or ch in _IN_WORD


@lru_cache(maxsize=4096)
def _invisible(ch: str) -> bool:
    return ch.isspace() or (unicodedata.category(ch) == "Cf" and ch not in _IN_WORD)


def invisible(ch: str) -> bool:
    """White space or an invisible format character (a bidi mark...): what lies between the tokens
    that token formats write."""
    return _invisible(ch)


@lru_cache(maxsize=4096)
def _may_extend_word(ch: str) -> bool:
    """Whether :func:`_word_end` could take ``ch`` (not a letter or digit) into the word before it."""
    return _word_char(ch) or ch in _HYPHENS or ch in _DECIMAL or ch in _APOSTROPHES


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


def _word_end(text: str, i: int, j: int | None = None) -> int:
    """The end of the word starting at ``i``; ``j`` (when given) is where to go on from, everything in
    ``[i, j)`` being letters or digits."""
    n = len(text)
    j = i + 1 if j is None else j
    while j < n:
        c = text[j]
        nxt = text[j + 1] if j + 1 < n else ""
        inner_hyphen = c in _HYPHENS and nxt.isalnum() and text[j - 1].isalnum()
        decimal_point = c in _DECIMAL and nxt.isdigit() and text[j - 1].isdigit()
        if _word_char(c) or inner_hyphen or decimal_point:
            j += 1
            # letters and digits are always taken: skip a run of them at once
            if run := _ALNUM_RUN.match(text, j):
                j = run.end()
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
    append = tokens.append
    new = tuple.__new__  # Token(i, j, kind) without the Python-level __new__ of a named tuple
    n = len(text)
    pos = 0
    # The scan proposes runs of letters/digits, runs of white space and single other characters (in
    # C); the rules below only look at each proposal's edge. When a token turns out longer than the
    # proposal (a hyphenated word, a mark, an emoji sequence) the scan starts again after it.
    while pos < n:
        for run in _SCAN.finditer(text, pos):
            i, end = run.span()
            group = run.lastindex
            if group == _WORD_THEN_SPACE:
                # a word followed by white space cannot go on: only the white space can
                j = run.end(1)
                append(new(Token, (i, j, WORD)))
                i, j = j, end
                while j < n and _invisible(text[j]):
                    j += 1
                append(new(Token, (i, j, SPACE)))
            elif group == _WORD:  # letters and digits: a word, which may go on past them
                j = end
                if j < n and _may_extend_word(text[j]):
                    j = _word_end(text, i, j)
                append(new(Token, (i, j, WORD)))
            elif group == _SPACE:  # white space, which may go on with invisible format characters
                j = end
                while j < n and _invisible(text[j]):
                    j += 1
                append(new(Token, (i, j, SPACE)))
            else:
                j = i + 1
                ch = text[i]
                if _invisible(ch):
                    while j < n and _invisible(text[j]):
                        j += 1
                    append(new(Token, (i, j, SPACE)))
                elif _word_char(ch):
                    j = _word_end(text, i)
                    append(new(Token, (i, j, WORD)))
                else:
                    j = _symbol_end(text, i)
                    append(new(Token, (i, j, PUNCT)))
            if j != end:
                pos = j
                break
        else:
            pos = n
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
    out = result.tokens
    done = 0  # tokens before this index are already in ``out``
    for k, inside in by_token.items():  # in text order: ``inner`` is sorted
        out.extend(tokens[done:k])
        tok = tokens[k]
        piece = tok.start
        for c in inside:
            if tok.kind == WORD and proclitic_split(text, piece, c) == c:
                result.proclitic_splits += 1
            elif force:
                result.forced_splits += 1
            else:
                continue
            out.append(Token(piece, c, tok.kind))
            piece = c
        out.append(Token(piece, tok.end, tok.kind))
        done = k + 1
    out.extend(tokens[done:])
    return result


def span_tokens(text: str, spans: Iterable[tuple[int, int]]) -> Tokenization:
    """The tokens every token format writes for ``text`` annotated with ``spans`` (start, end): split at
    every span boundary, after a proclitic or anywhere else (``ONU-OCI`` with the spans ``ONU`` and
    ``OCI`` is ``ONU``, ``-``, ``OCI``)."""
    cuts: set[int] = set()
    for start, end in spans:
        cuts.add(start)
        cuts.add(end)
    return tokenize(text, cuts, force=True)


@dataclass
class Tagging:
    """BIO tags for one layer (one per token, ``O`` outside spans) and the spans that did not fit."""

    tags: list[str]
    unaligned: list[tuple[int, int, str]] = field(default_factory=list)  # widened to whole tokens
    # start or end on white space or invisible characters, which token formats leave out: the tags
    # hold the span from its first to its last visible token
    trimmed: list[tuple[int, int, str]] = field(default_factory=list)
    overlapping: list[tuple[int, int, str]] = field(default_factory=list)  # left out
    empty: list[tuple[int, int, str]] = field(default_factory=list)  # cover no visible token; left out


def bio_tags(
    tokens: Sequence[Token], spans: Iterable[tuple[int, int, str]], starts: Sequence[int] | None = None
) -> Tagging:
    """Tag ``tokens`` with ``spans`` (start, end, label). A span overlapping one already placed (longer
    and earlier first) cannot be in the same BIO column and is reported, not tagged; an unaligned
    span is widened to the tokens it touches and reported; a span whose first or last characters are
    white space is reported as trimmed. Space tokens are never tagged.

    ``starts`` (the tokens' start offsets) may be passed by callers tagging the same tokens for
    several layers or annotators, to compute it once."""
    result = Tagging(["O"] * len(tokens))
    if starts is None:
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
        elif tokens[visible[0]].start != start or tokens[visible[-1]].end != end:
            result.trimmed.append((start, end, label))
        for k in range(first, last + 1):
            taken[k] = True
        for n, k in enumerate(visible):
            result.tags[k] = ("B-" if n == 0 else "I-") + label
    return result


def sentence_starts(tokens: Sequence[Token], text: str, protected: Sequence[tuple[int, int]]) -> list[int]:
    """Indexes of the tokens that begin a sentence: after a line break, or after . ! ? ؟ … followed by
    white space (not after an abbreviation such as "M."); never inside a ``protected`` span (a span
    must stay in one sentence)."""
    if not tokens:
        return []
    # A sentence starts at the first visible token after a run of white space that holds a line
    # break or follows a sentence end. Only the line breaks and stops of the text are looked at.
    starts = [t.start for t in tokens]
    # A span crosses the gap (prev_end, start) when it starts before ``start`` and ends after
    # ``prev_end``: among the spans sorted by start, the largest end of those starting before.
    ordered = sorted(protected)
    span_starts = [s for s, _ in ordered]
    reach = list(itertools.accumulate((e for _, e in ordered), max))
    n = len(tokens)
    found: set[int] = set()
    for m in _BREAK_OR_STOP.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if text[m.start()] == "\n":  # inside a run of white space: the visible token before it
            last = k
            while last >= 0 and tokens[last].kind == SPACE:
                last -= 1
            if last < 0:
                continue
        else:  # a stop that is a token's first character, white space after it, no abbreviation
            if tokens[k].kind != PUNCT or starts[k] != m.start() or k + 1 >= n or tokens[k + 1].kind != SPACE:
                continue
            if _abbreviation_before(tokens, k, text):
                continue
            last = k
        first = last + 1
        while first < n and tokens[first].kind == SPACE:
            first += 1
        if first >= n:
            continue
        before = bisect_left(span_starts, tokens[first].start)
        if not before or reach[before - 1] <= tokens[last].end:
            found.add(first)
    return [0, *sorted(found)]


_BREAK_OR_STOP = re.compile("[\n" + re.escape("".join(sorted(SENTENCE_END))) + "]")


def _abbreviation_before(tokens: Sequence[Token], k: int, text: str) -> bool:
    """Whether the stop ``tokens[k]`` is the period of an abbreviation ("M. Khiari", "Dr. X")."""
    last = tokens[k]
    if text[last.start] != "." or k == 0:
        return False
    before = tokens[k - 1]  # a white space token before: the word, if any, does not touch the period
    word = text[before.start : before.end]
    return before.end == last.start and before.kind == WORD and (len(word) == 1 or word in _ABBREVIATIONS)


_ABBREVIATIONS = frozenset(["Mme", "Mlle", "Dr", "Pr", "St", "Ste", "Me", "Mgr", "etc", "av", "art", "No", "p"])
