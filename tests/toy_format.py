"""A format made for the tests, added through the registry alone: ``.toy`` files hold one document
per line, and its export writes ``lines.toy`` back (document id, a tab, the text's first line)."""

from __future__ import annotations

from pathlib import Path

from curator.errors import Problem
from curator.io import capacity
from curator.io.exporting import ExportRun, Writer
from curator.io.formats import FileFormat, Reader, ReadOptions
from curator.io.source_text import SourceText, new_document
from curator.io.validation import Located
from curator.schema.model import Schema

FILE = "lines.toy"


def read_toy(path: Path, schema: Schema, annotator: str | None) -> tuple[list[Located], list[Problem]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    docs = [
        Located(
            new_document(path.name, n, SourceText.of(line), ext_id=f"{path.stem}-{n}", ext_id_fixed=True), str(path)
        )
        for n, line in enumerate(lines, start=1)
        if line.strip()
    ]
    return docs, []


def write_toy(run: ExportRun) -> int:
    documents = 0
    with (run.target / FILE).open("w", encoding="utf-8", newline="\n") as handle:
        for bundle in run.bundles():
            run.figures.add_bundle(bundle)
            handle.write(f"{bundle.document.ext_id}\t{bundle.document.text.splitlines()[0]}\n")
            documents += 1
    run.write_card(description="one line per document", files=[FILE])
    return documents


def _reader(options: ReadOptions) -> Reader:
    return read_toy


def _writer() -> Writer:
    return write_toy


TOY = FileFormat(
    "toy",
    "one document per line, for the tests",
    extensions=(".toy",),
    claims=(".toy",),
    reader=_reader,
    writer=_writer,
    lacks=capacity.ALL,
)
