"""`curator stats` reads a SQLite file at the current revision with sqlite3 alone; its figures must be
those of the ordinary path (SQLAlchemy), on a corpus with spans, relations and document labels of
several annotators and the gold layer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from format_corpus import annotated_db

from curator.store import queries
from curator.store.database import Database
from curator.store.stats import quick_stats


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def test_the_quick_figures_are_the_ordinary_ones_on_an_annotated_corpus(corpus: Database) -> None:
    ordinary = queries.stats(corpus)
    # a corpus where a difference would show: spans of several annotators, relations, document labels
    assert len(ordinary["annotations"]["by_annotator"]) >= 2 and ordinary["relations"] and ordinary["document_labels"]
    assert quick_stats(corpus.url) == ordinary
