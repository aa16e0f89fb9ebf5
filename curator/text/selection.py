"""From what the curator selected to the span that is stored: word snapping, Arabic- and French-aware.

Qt-free (tested in tests/core). The view hands over code-point offsets of the raw selection; the
rules of the label's layer (:class:`SnapRules`, which the window builds from the layer's settings)
decide whether the Arabic article may stay outside and whether the span may cross a paragraph
break. Exact mode keeps the selection as it is, except that a letter is never separated from its
marks.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.text.boundaries import (
    ARTICLE,
    PROCLITICS,
    clamp_to_boundaries,
    is_mark,
    is_word_char,
    paragraph_bounds,
    snap,
    word_bounds,
)

# French elided words that stay outside a span started after their apostrophe ("l’|OCI").
ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})
APOSTROPHES = frozenset("'’")


@dataclass(frozen=True)
class SnapRules:
    """How a selection becomes a span.

    ``exact``: no word snapping (only marks are kept with their letter).
    ``article_may_stay_out``: a selection started after ``ال`` keeps the article out of the span.
    ``cross_paragraph``: the span may run over a line break; otherwise it ends with the first paragraph.
    """

    exact: bool = False
    article_may_stay_out: bool = False
    cross_paragraph: bool = False


def _skip_marks(text: str, i: int, limit: int) -> int:
    while i < limit and is_mark(text[i]):
        i += 1
    return i


def prefix_may_stay_out(text: str, word_start: int, wanted: int, *, article: bool) -> bool:
    """True when the letters from ``word_start`` to ``wanted`` are a prefix a span may leave out:
    Arabic proclitics (و ف ب ل ك, with their marks), optionally followed by the article when
    ``article`` is set, or a French elision with its apostrophe."""
    if wanted <= word_start:
        return False
    prefix = text[word_start:wanted]
    if prefix[-1] in APOSTROPHES and prefix[:-1].lower() in ELISIONS:
        return True
    i = word_start
    while i < wanted and text[i] in PROCLITICS:
        i = _skip_marks(text, i + 1, wanted)
    if i == wanted:
        return True
    if article and text.startswith(ARTICLE, i):
        return _skip_marks(text, i + len(ARTICLE), wanted) == wanted
    return False


def _proclitics_end(text: str, word_start: int, limit: int) -> int:
    """Where the run of proclitics (with their marks) starting at ``word_start`` ends, before ``limit``."""
    i = word_start
    while i < limit and text[i] in PROCLITICS:
        i = _skip_marks(text, i + 1, limit)
    return i


def _kept_start(text: str, word_start: int, wanted: int, *, article: bool) -> int:
    """Where a span starts whose selection began at ``wanted`` inside the word at ``word_start``:
    ``wanted`` when what lies before it may stay out; after the proclitics when the selection began
    inside or after an article the layer keeps (``بال|أمم`` gives ``الأمم``: the ``ب`` is not pulled
    back in); else the word's start."""
    if prefix_may_stay_out(text, word_start, wanted, article=article):
        return wanted
    proclitics = _proclitics_end(text, word_start, wanted)
    if word_start < proclitics and text.startswith(ARTICLE, proclitics):
        return proclitics
    return word_start


def word_for_double_click(text: str, start: int, end: int, rules: SnapRules) -> tuple[int, int] | None:
    """What a double-click on a word stands for: the words of ``[start, end)`` (whatever Qt took for
    a word), the leading clitics left out as a drag started after them leaves them out.

    Left out: a French elision (``l’OCI`` gives ``OCI``) and a run of proclitics before the article
    (``والسودان`` gives ``السودان``; the article too when the layer lets it stay out), or before the
    article's ``ل`` after the preposition ``ل`` (``للأمم`` gives ``لأمم``). Proclitic letters before
    anything else stay: ``بغداد`` starts with ``ب`` but is one word. A word left with fewer than two
    letters after the prefix keeps it (``والي``, ``بالي``).
    """
    found = span_for_selection(text, start, end, SnapRules(cross_paragraph=rules.cross_paragraph))
    if found is None:
        return None
    word_start, word_end = word_bounds(text, found[0])
    inner = _clitics_end(text, word_start, min(word_end, found[1]), article=rules.article_may_stay_out)
    return span_for_selection(text, inner, found[1], rules)


def _letters(text: str, start: int, end: int) -> int:
    return sum(1 for ch in text[start:end] if ch.isalnum())


def _clitics_end(text: str, word_start: int, word_end: int, *, article: bool) -> int:
    """Where a double-clicked word's entity starts (see :func:`word_for_double_click`)."""
    for at in range(word_start + 1, min(word_end, word_start + 8)):
        if text[at] in APOSTROPHES and text[word_start:at].lower() in ELISIONS:
            return at + 1 if _letters(text, at + 1, word_end) else word_start
    # Where each proclitic of the run ends (after its marks): the places an entity may start.
    positions, letters = [word_start], []
    while positions[-1] < word_end and text[positions[-1]] in PROCLITICS:
        letters.append(text[positions[-1]])
        positions.append(_skip_marks(text, positions[-1] + 1, word_end))
    for at in positions:
        if text.startswith(ARTICLE, at):
            after = _skip_marks(text, at + len(ARTICLE), word_end)
            if article and _letters(text, after, word_end) >= 2:
                return after
            if at > word_start and _letters(text, after, word_end) >= 2:
                return at
    for index in range(len(positions) - 2, 0, -1):
        # li + article: the article's alif is not written (لل), its lam stays with the word.
        at = positions[index]
        if letters[index - 1] == letters[index] == "ل" and _letters(text, positions[index + 1], word_end) >= 2:
            return at
    return word_start


def span_for_selection(text: str, start: int, end: int, rules: SnapRules) -> tuple[int, int] | None:
    """The span a selection of ``[start, end)`` stands for, or None when it holds no word."""
    if start > end:
        start, end = end, start
    start, end = max(0, start), min(len(text), end)
    if not rules.cross_paragraph:
        # The paragraph where the selection starts wins; a span may not run into the next one.
        _, first_para_end = paragraph_bounds(text, start)
        if start == first_para_end and start < end:
            # Selection starts on the line break itself: it belongs to the next paragraph.
            start += 1
            _, first_para_end = paragraph_bounds(text, start)
        end = min(end, first_para_end)
    if start >= end:
        return None
    if rules.exact:
        start, end = clamp_to_boundaries(text, start, end)
        return (start, end) if start < end else None
    snapped_start, snapped_end = snap(text, start, end)
    if snapped_start >= snapped_end:
        return None
    # snap() started at the word's beginning; keep a leading proclitic, article or elision out when
    # the selection itself began after it.
    first_word_start, _ = word_bounds(text, snapped_start)
    trimmed_start = start
    while trimmed_start < snapped_end and trimmed_start < len(text) and not text[trimmed_start].isalnum():
        trimmed_start += 1
    if first_word_start < trimmed_start < snapped_end:
        snapped_start = _kept_start(text, first_word_start, trimmed_start, article=rules.article_may_stay_out)
    snapped_start, snapped_end = clamp_to_boundaries(text, snapped_start, snapped_end)
    return snapped_start, snapped_end


def occurrence_is_whole_word(text: str, start: int, end: int, *, article: bool = False) -> bool:
    """True when ``[start, end)`` neither begins nor ends inside a word, except after a leading
    proclitic, article (when ``article``) or elision: what "annotate all occurrences" may add."""
    if not 0 <= start < end <= len(text):
        return False
    if is_word_char(text[end - 1]) and end < len(text) and is_word_char(text[end]):
        return False
    if not is_word_char(text[start]) or start == 0 or not is_word_char(text[start - 1]):
        return True
    word_start, _ = word_bounds(text, start)
    return prefix_may_stay_out(text, word_start, start, article=article)
