"""A large JSONL import read by worker processes while the parent opens the database and writes.

``curator import`` of a big interchange file spends most of its time in Python: parsing JSON,
checking every annotation, building rows. Here worker processes (forked before SQLAlchemy is even
imported) read the file in chunks of whole lines, while the parent opens the database; once it has,
it sends them what the rows need (:class:`curator.io.formats.jsonl.rows.Context`), and writes the chunks'
rows in file order as they come, in one transaction (:mod:`curator.store.chunk_writer`).

Only the plain case is taken (see :mod:`curator.io.formats.jsonl.rows`). At anything else, a problem
included, :meth:`ParallelImport.run` rolls back and returns None, and the caller imports the batch
the ordinary way, which names every problem: the messages, and the all-or-nothing rule, are that
path's.

Workers are forked, so this runs where ``fork`` exists (Linux, macOS) and only from the command line:
a window's process has threads, which ``fork`` does not carry over.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator.io.formats.jsonl.rows import (
    Chunk,
    Context,
    NotPlain,
    ParsedDocument,
    chunk_rows,
    count_lines,
    read_chunk,
    split_file,
    where,
)

if TYPE_CHECKING:
    from curator.store.bulk import BatchReport
    from curator.store.database import Database

# Below this, starting processes costs more than they save (about 0.05 s a worker here).
MIN_BYTES = 8 * 1024 * 1024
CHUNK_BYTES = 2 * 1024 * 1024  # small enough that the parent starts writing early
_AHEAD = 4  # chunks of rows a worker may have made that the parent has not read yet


class _Stop(Exception):
    """The parallel import gives way to the ordinary one."""


class ParallelImport:
    """Worker processes reading the JSONL files of one import; see the module's text."""

    def __init__(self, chunks: list[Chunk], workers: int, default_annotator: str | None) -> None:
        self.chunks = chunks
        self.default_annotator = default_annotator
        self.reason = ""  # why the last run gave way to the ordinary import ("" when it did not)
        context = multiprocessing.get_context("fork")
        self._conns: list[Connection] = []
        self._processes: list[Any] = []
        for w in range(workers):
            parent_end, child_end = context.Pipe()
            # The child gets copies of the parent's ends too (its own and earlier workers'); it closes
            # them, or the parent's going away would never reach it as an end of file.
            inherited = [*self._conns, parent_end]
            process = context.Process(target=_work, args=(child_end, chunks[w::workers], inherited), daemon=True)
            process.start()
            child_end.close()
            self._conns.append(parent_end)
            self._processes.append(process)
        # Counted once the workers are off: the file is read while they read it too.
        self.chunks = count_lines(chunks)

    @classmethod
    def start(
        cls,
        paths: Sequence[Path],
        *,
        fmt: str | None,
        annotator: str | None,
        url: str | None,
        min_bytes: int = MIN_BYTES,
        chunk_bytes: int = CHUNK_BYTES,
        workers: int | None = None,
    ) -> ParallelImport | None:
        """Workers reading ``paths`` if they are JSONL files worth it and the database is SQLite;
        else None (the ordinary import does it all). ``workers`` defaults to ``CURATOR_IMPORT_WORKERS``,
        else the number of processors up to four; fewer than two means none."""
        from curator.paths import default_database_url

        workers = workers or _workers_wanted()
        if (
            workers < 2
            or "fork" not in multiprocessing.get_all_start_methods()
            or fmt not in (None, "jsonl")
            or not (url or default_database_url()).startswith("sqlite")
            or not paths
            or not all(p.suffix.lower() == ".jsonl" and p.is_file() for p in paths)
            or len({p.resolve() for p in paths}) < len(paths)
        ):
            return None
        sizes = [p.stat().st_size for p in paths]
        if sum(sizes) < min_bytes:
            return None
        chunks: list[Chunk] = []
        for path, size in zip(paths, sizes, strict=True):
            parts = max(workers, -(-size // chunk_bytes))
            chunks.extend(split_file(str(path), path.name, parts, first_index=len(chunks)))
        if not chunks:
            return None
        return cls(chunks, min(workers, len(chunks)), annotator)

    def run(
        self,
        db: Database,
        who: str,
        *,
        on_total: Callable[[int], None] | None = None,
        progress: Callable[[int], None] | None = None,
        index: bool = True,
    ) -> BatchReport | None:
        """Write the batch in one transaction and return its report, or None (nothing written,
        :attr:`reason` says why) when the ordinary import must do it. ``on_total`` is told the
        number of lines, and ``progress`` the lines of each chunk written; ``index`` indexes the
        documents for search in the same transaction (the workers fold their texts)."""
        if on_total:
            on_total(sum(chunk.lines for chunk in self.chunks))
        from curator.schema.checks import span_labels
        from curator.store.chunk_writer import Unusual, chunk_transaction

        try:
            with chunk_transaction(db, who, index=index) as writer:
                labels = {key: (db.ids.labels[key], crosses) for key, crosses in span_labels(db.schema).items()}
                first_lines = tuple(chunk.first_line for chunk in self.chunks)
                context = Context(labels, {}, self.default_annotator, first_lines, fold=index)
                for conn in self._conns:
                    with contextlib.suppress(OSError):  # a worker that stopped has said why
                        conn.send(context)
                self._receive(writer, progress)
                writer.finish()
            return writer.report
        except (_Stop, Unusual) as exc:
            self.reason = str(exc)
            return None
        finally:
            self.close()

    def _receive(self, writer: Any, progress: Callable[[int], None] | None) -> None:
        """Write the chunks in order as the workers send them; answer their questions."""
        waiting: dict[int, Any] = {}
        following = 0
        open_conns = list(self._conns)
        while following < len(self.chunks):
            if not open_conns:
                raise _Stop("the readers stopped early")
            for conn in wait(open_conns):
                assert isinstance(conn, Connection)
                try:
                    kind, payload = conn.recv()
                except EOFError:
                    open_conns.remove(conn)
                    continue
                if kind == "annotator":
                    conn.send(writer.annotator_id(payload))
                elif kind == "rows":
                    waiting[payload.index] = payload
                elif kind == "done":
                    open_conns.remove(conn)
                elif kind == "not plain":
                    raise _Stop(where(self.chunks[payload.chunk], payload))
                else:  # "failed"
                    raise _Stop(payload)
            while following in waiting:
                rows = waiting.pop(following)
                writer.write(rows.documents, rows.spans, rows.repeats)
                following += 1
                if progress:
                    progress(self.chunks[rows.index].lines)

    def close(self) -> None:
        """Stop the workers (at once, if the run gave way)."""
        for conn in self._conns:
            conn.close()
        for process in self._processes:
            if process.is_alive():
                process.terminate()
            process.join()
        self._conns, self._processes = [], []


def _workers_wanted() -> int:
    """``CURATOR_IMPORT_WORKERS`` if it is a number, else the processors up to four."""
    given = os.environ.get("CURATOR_IMPORT_WORKERS", "").strip()
    return int(given) if given.isdigit() else min(4, os.cpu_count() or 1)


def _work(conn: Connection, chunks: list[Chunk], inherited: list[Connection]) -> None:
    """A worker: read its chunks, and once the context has come, send their rows in order.

    Messages go out through a thread, so that the next chunk is worked on while the parent, busy
    writing, has not read the last one yet."""
    # The parent's path (opening the database, then writing) is the import's; the readers have time
    # to spare while it opens, and a lower priority gives it a whole processor (0.1 s sooner here).
    os.nice(10)
    for other in inherited:
        other.close()
    # A few chunks ahead at most: a worker faster than the parent's writes waits instead of holding
    # its half of the file in memory.
    outbox: queue.Queue[tuple[str, Any] | None] = queue.Queue(maxsize=_AHEAD)
    gone = threading.Event()  # the parent stopped reading: this worker stops too
    sender = threading.Thread(target=_sender, args=(conn, outbox, gone), daemon=True)
    sender.start()
    try:
        pending: list[tuple[Chunk, list[ParsedDocument]]] = []
        context: Context | None = None

        def annotator_id(name: str) -> int:
            outbox.put(("annotator", name))
            return int(conn.recv())

        for chunk in chunks:
            if gone.is_set():
                raise EOFError
            pending.append((chunk, read_chunk(chunk)))
            if context is None and conn.poll():
                context = conn.recv()
            if context is not None:
                for done, docs in pending:
                    outbox.put(("rows", chunk_rows(done, docs, context, annotator_id)))
                pending = []
        if context is None:
            context = conn.recv()
        for done, docs in pending:
            outbox.put(("rows", chunk_rows(done, docs, context, annotator_id)))
        outbox.put(("done", None))
    except NotPlain as exc:
        outbox.put(("not plain", exc))
    except (EOFError, OSError):  # the parent gave up
        pass
    except BaseException:  # the parent falls back; the ordinary path will say what is wrong
        outbox.put(("failed", traceback.format_exc(limit=3)))
    finally:
        outbox.put(None)
        sender.join()
        conn.close()


def _sender(conn: Connection, outbox: queue.Queue[tuple[str, Any] | None], gone: threading.Event) -> None:
    """Send what the worker puts in ``outbox`` until None. If the parent has gone, say so in ``gone``
    and go on taking messages, so that the worker never waits on a full box."""
    while (message := outbox.get()) is not None:
        if gone.is_set():
            continue
        try:
            conn.send(message)
        except (OSError, ValueError):
            gone.set()
