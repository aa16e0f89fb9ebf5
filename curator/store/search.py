"""Corpus search, Arabic-insensitive and accent-insensitive, over the index the writers keep.

The index holds folded copies of the texts (:func:`curator.text.folding.fold_text`): FTS5 with the
trigram tokenizer on SQLite, a pg_trgm-indexed table on PostgreSQL. The import and every text
change index their documents in their own transaction (:mod:`curator.store.search_index`); what an
older Curator stored is indexed at the first search. Candidates from the index are always verified
on the stored text, which also gives exact code-point offsets for every hit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, text

from curator.store import search_index
from curator.store.database import Database
from curator.store.models import Document
from curator.text.folding import find_all, fold_query
from curator.text.language import line_direction

INDEX_BATCH = 2000  # documents per transaction when indexing what an older Curator stored
CONTEXT = 40


@dataclass(frozen=True)
class Hit:
    """One match: document, code-point offsets in its text, the words around it, and the direction
    (``rtl``/``ltr``) of the line it is on, which its context reads in."""

    document_id: int
    title: str
    start: int
    end: int
    before: str
    match: str
    after: str
    direction: str = "ltr"


def pending(db: Database) -> int:
    """How many documents are not yet in the search index."""
    with db.read() as session:
        return len(session.scalars(select(Document.id).where(Document.search_indexed.is_(False))).all())


def ensure_index(db: Database, progress: Callable[[int], None] | None = None) -> int:
    """Index every document not yet indexed (stored by an older Curator, or with ``--index-later``);
    return how many were added. Safe to call any time: each batch is its own transaction."""
    added = 0
    while True:
        with db.write() as session:
            rows = session.execute(
                select(Document.id, Document.text).where(Document.search_indexed.is_(False)).limit(INDEX_BATCH)
            ).all()
            if not rows:
                return added
            conn = session.connection()
            search_index.add_texts(conn, [(doc_id, body) for doc_id, body in rows], replace=True)
            search_index.mark_indexed(conn, [doc_id for doc_id, _ in rows])
        added += len(rows)
        if progress:
            progress(len(rows))


_FIRST_STRETCH = 512  # document ids asked first on PostgreSQL (then 4 times more each time)


def _candidates(db: Database, folded: str, limit: int) -> list[int]:
    with db.read() as session:
        if db.is_sqlite:
            if len(folded) >= 3 and not any(ch in "*?[" for ch in folded):
                # FTS5 answers GLOB from its trigram index and checks it on the stored folded copy:
                # exact, case included (texts and queries are folded, lower case included).
                sql = "SELECT rowid FROM search_fts WHERE folded GLOB :q ORDER BY rowid LIMIT :n"
                return list(session.scalars(text(sql), {"q": "*" + folded + "*", "n": limit}))
            # Shorter, or with GLOB's wildcards: a scan of the folded copies. (SQLite 3.40's FTS5 also
            # answers a GLOB of fewer than three characters but three bytes or more, "ال", from
            # its index, and wrongly finds nothing.)
            sql = "SELECT rowid FROM search_fts WHERE instr(folded, :q) > 0 ORDER BY rowid LIMIT :n"
            return list(session.scalars(text(sql), {"q": folded, "n": limit}))
        pattern = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        # pg_trgm finds every document holding the query's trigrams, and PostgreSQL then checks each
        # one's text (about 30 µs each): a common word is in a third of 100,000 documents, 1 s for
        # the first 200 of them. So the documents are asked for a stretch of ids at a time, the
        # stretch four times longer each time, until enough are found: the same documents, in the
        # same order, with a few hundred texts checked.
        bounds = session.execute(text("SELECT min(document_id), max(document_id) FROM search_index")).one()
        if bounds[0] is None:
            return []
        sql = (
            "SELECT document_id FROM search_index WHERE folded LIKE :p ESCAPE '\\' "
            "AND document_id >= :lo AND document_id < :hi ORDER BY document_id LIMIT :n"
        )
        found: list[int] = []
        low, last = bounds
        width = _FIRST_STRETCH
        while len(found) < limit and low <= last:
            params = {"p": pattern, "lo": low, "hi": low + width, "n": limit - len(found)}
            found += session.scalars(text(sql), params)
            low, width = low + width, width * 4
        return found


def search_corpus(db: Database, query: str, *, limit_documents: int = 200, index: bool = True) -> list[Hit]:
    """Matches of ``query`` in up to ``limit_documents`` documents (in id order), verified on the text.

    With ``index`` set, documents imported since the last search are indexed first.
    """
    folded = fold_query(query)
    if not folded:
        return []
    if index:
        ensure_index(db)
    doc_ids = _candidates(db, folded, limit_documents)
    if not doc_ids:
        return []
    with db.read() as session:
        docs = session.execute(
            select(Document.id, Document.title, Document.text).where(Document.id.in_(doc_ids)).order_by(Document.id)
        ).all()
    hits: list[Hit] = []
    for doc_id, title, body in docs:
        directions: dict[int, str] = {}  # per line: a document's hits often share lines
        for start, end in find_all(body, query):
            line = body.rfind("\n", 0, start)
            direction = directions.get(line)
            if direction is None:
                direction = directions[line] = line_direction(body, start)
            hits.append(
                Hit(
                    doc_id,
                    title,
                    start,
                    end,
                    body[max(0, start - CONTEXT) : start],
                    body[start:end],
                    body[end : end + CONTEXT],
                    direction,
                )
            )
    return hits


class CorpusSearch:
    """Searching one database's corpus: what the search panel is given instead of the database.

    Each call is one of the functions above (short read or write transactions of its own); the
    object holds no session, so it may be used from the indexing thread and the window's at once.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def pending(self) -> int:
        return pending(self._db)

    def index(self, progress: Callable[[int], None] | None = None) -> int:
        return ensure_index(self._db, progress)

    def search(self, query: str) -> list[Hit]:
        """Matches in the documents indexed so far (see :meth:`pending` and :meth:`index` first)."""
        return search_corpus(self._db, query, index=False)
