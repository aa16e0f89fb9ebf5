"""The export formats ``curator export --format`` knows, by name.

Each exporter takes the store, an output path and a selection, and returns how many documents it
wrote. ``progress(1)`` is called per document and may raise to cancel: nothing is left behind then.
``on_note`` receives what the user must know (spans a format cannot hold, spans widened to tokens);
the same notes are in the dataset card (README.md) written beside the data. ``options`` carries
format-specific choices (``csv_mode``: ``spreadsheet`` or ``plain``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from curator.store.database import Database


class Exporter(Protocol):
    def __call__(
        self,
        db: Database,
        out: Path,
        *,
        annotators: list[str] | None = None,
        document_ids: list[int] | None = None,
        progress: Callable[[int], None] | None = None,
        layers: list[str] | None = None,
        options: Mapping[str, object] | None = None,
        on_note: Callable[[str], None] | None = None,
    ) -> int: ...


@dataclass(frozen=True)
class ExportFormat:
    name: str
    description: str
    load: Callable[[], Exporter]  # imported lazily: heavy libraries stay optional
    writes_folder: bool = True  # False: ``out`` is one file


def _jsonl() -> Exporter:
    from curator.io.export_interchange import export_interchange

    return export_interchange


def _spacy() -> Exporter:
    from curator.io.export_spacy import export_spacy

    return export_spacy


def _conll() -> Exporter:
    from curator.io.export_conll import export_conll

    return export_conll


def _conllu() -> Exporter:
    from curator.io.export_conllu import export_conllu

    return export_conllu


def _brat() -> Exporter:
    from curator.io.export_brat import export_brat

    return export_brat


def _xmi() -> Exporter:
    from curator.io.export_xmi import export_xmi

    return export_xmi


def _webanno() -> Exporter:
    from curator.io.export_webanno import export_webanno

    return export_webanno


def _csv() -> Exporter:
    from curator.io.export_csv import export_csv

    return export_csv


def _parquet() -> Exporter:
    from curator.io.export_parquet import export_parquet

    return export_parquet


def _labelstudio() -> Exporter:
    from curator.io.export_labelstudio import export_labelstudio

    return export_labelstudio


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("jsonl", "Curator interchange JSONL (one document per line)", _jsonl, writes_folder=False),
        ExportFormat("spacy", "spaCy 3 DocBin: entities as doc.ents, every layer as span groups", _spacy),
        ExportFormat("conll", "CoNLL-2003-style BIO columns, one file per annotator", _conll),
        ExportFormat("conllu", "CoNLL-U with BIO tags and SpaceAfter in MISC, one file per annotator", _conllu),
        ExportFormat("brat", "brat standoff: .txt and .ann per document, one folder per annotator", _brat),
        ExportFormat("xmi", "UIMA CAS XMI and its type system (INCEpTION, dkpro-cassis)", _xmi),
        ExportFormat("webanno", "WebAnno TSV 3.3 (INCEpTION), one file per document and annotator", _webanno),
        ExportFormat("csv", "one row per claim with claimant, stance, type and area", _csv),
        ExportFormat("parquet", "Hugging Face style token table and span-level tables (Parquet)", _parquet),
        ExportFormat("labelstudio", "Label Studio JSON tasks with annotations, and the labeling config", _labelstudio),
    )
}
