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


def test_on_postgresql_the_quick_figures_are_the_ordinary_ones(
    postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from format_corpus import SAMPLES, SEEDS, build_corpus

    db = Database(postgres_url)
    try:
        build_corpus(db, SAMPLES, SEEDS, tmp_path_factory.mktemp("pg-corpus"))
        ordinary = queries.stats(db)
        assert len(ordinary["annotations"]["by_annotator"]) >= 2 and ordinary["relations"]
        assert quick_stats(postgres_url) == ordinary
        # A URL with options is left to SQLAlchemy, as is a database not at the current revision.
        assert quick_stats(postgres_url + "?connect_timeout=5") is None
        with db.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
        assert quick_stats(postgres_url) is None
        with db.engine.begin() as conn:
            from curator.store.revision import HEAD

            conn.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{HEAD}'")
    finally:
        db.dispose()
