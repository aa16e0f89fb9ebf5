"""Inter-annotator agreement over a corpus, for every layer of the schema.

Span layers
  * Pairwise precision, recall and F1 (annotator ``a`` of a pair is the reference: precision is the
    share of ``b``'s spans that match, recall the share of ``a``'s), per label and overall (micro),
    with **exact** matching (same label and offsets) and **overlap** matching (same label, at least
    one shared character; one-to-one, largest overlap first).
  * A confusion matrix of the two annotators' labels on spans matched by overlap regardless of label;
    the last row and column, ``(none)``, count spans the other annotator did not mark.
  * **Krippendorff's alpha, nominal, with tokens as units**: each token (see
    :mod:`curator.review.tokens`) gets from each annotator the label of their span covering it, or
    "outside"; documents an annotator did not annotate are missing values. Overall: all labels plus
    "outside"; per label: that label against everything else.
  * **Krippendorff's unitizing alpha (αU)** on the continuum of code points (see
    :mod:`curator.review.unitizing`), per label and overall, for all annotators on the documents
    all of them annotated and for each pair on the documents both annotated; and position only
    (labels ignored).

Document layers (labels of whole documents; several per document)
  * Cohen's kappa per pair of annotators, per label (yes/no per document) and overall (pooled over
    document × label units), on the documents both annotated.
  * Fleiss' kappa (three or more annotators) on the documents all of them annotated, and
    Krippendorff's alpha (nominal, missing values allowed, via the ``krippendorff`` package), per
    label and pooled.

A document counts as annotated by someone who has a span or a document label on it, or has set its
status to in progress or done. The gold layer (:data:`GOLD_ANNOTATOR`) is left out unless named.

(Over 500 lines: it assembles every measure for every layer into one report, which the command line,
the review window and the HTML report all read; the measures themselves live in their own modules.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, combinations
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select

from curator.review.coefficients import (
    binary_counts,
    cohen_kappa_binary,
    fleiss_kappa,
    fold_units,
    nominal_alpha,
)
from curator.review.gold_agreement import GoldSpans, load_gold
from curator.review.matching import SpanArrays, match_spans
from curator.review.per_document import DocumentMatches, pooled_f1, unitizing_by_document
from curator.review.tokens import Corpus
from curator.review.unitizing import AnnotatorSpans, Figure, UnitizingAlpha, unitizing_alpha_of_arrays
from curator.store.database import Database
from curator.store.models import (
    GOLD_ANNOTATOR,
    Annotator,
    Document,
    DocumentLabel,
    DocumentStatus,
    LabelRow,
    LayerRow,
    Span,
)

IntArray = npt.NDArray[np.int64]
NONE_LABEL = "(none)"


def _figure(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


@dataclass(frozen=True)
class PRF:
    """Matches and counts of one comparison; ``a`` is the reference."""

    matched: int
    a: int
    b: int

    @property
    def precision(self) -> float | None:
        return self.matched / self.b if self.b else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.a if self.a else None

    @property
    def f1(self) -> float | None:
        return 2 * self.matched / (self.a + self.b) if self.a + self.b else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "a": self.a,
            "b": self.b,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class SpanPair:
    a: str
    b: str
    documents: int
    exact: PRF
    overlap: PRF
    exact_by_label: dict[str, PRF]
    overlap_by_label: dict[str, PRF]
    confusion_labels: list[str]
    confusion: list[list[int]]
    alpha_u: UnitizingAlpha | None = None
    by_document: DocumentMatches | None = None  # counts per document (the per-document F1 pools them)

    @property
    def reason(self) -> str | None:
        """Why this pair's figures are not computable, or None."""
        if self.documents == 0:
            return f"{self.a} and {self.b} annotated no document in common"
        if self.exact.a + self.exact.b == 0:
            return "no spans on the documents both annotated"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "alpha_u": self.alpha_u.to_dict() if self.alpha_u else None,
            "a": self.a,
            "b": self.b,
            "documents": self.documents,
            "reason": self.reason,
            "exact": self.exact.to_dict(),
            "overlap": self.overlap.to_dict(),
            "exact_by_label": {k: v.to_dict() for k, v in self.exact_by_label.items()},
            "overlap_by_label": {k: v.to_dict() for k, v in self.overlap_by_label.items()},
            "confusion": {"labels": self.confusion_labels, "matrix": self.confusion},
        }


@dataclass
class DocumentAgreement:
    """One document's figures in one span layer (see :mod:`curator.review.per_document`)."""

    document_id: int
    document: str  # its external id
    title: str
    coders: int  # how many of the annotators annotated it
    exact_f1: Figure
    overlap_f1: Figure
    alpha_u: Figure
    position_only: Figure

    def to_dict(self) -> dict[str, Any]:
        figures = {
            "exact_f1": self.exact_f1,
            "overlap_f1": self.overlap_f1,
            "alpha_u": self.alpha_u,
            "position_only": self.position_only,
        }
        return {
            "document": self.document,
            "title": self.title,
            "coders": self.coders,
            **{k: f.value for k, f in figures.items()},
            "reasons": {k: f.reason for k, f in figures.items() if f.reason},
        }


@dataclass
class SpanLayerAgreement:
    layer: str
    labels: list[str]
    pairs: list[SpanPair]
    alpha: float | None
    alpha_by_label: dict[str, float | None]
    alpha_units: int
    alpha_u: UnitizingAlpha | None = None
    documents: list[DocumentAgreement] = field(default_factory=list)
    gold: list[SpanPair] | None = None  # the gold layer (a, the reference) against each annotator
    gold_reason: str | None = None

    @property
    def alpha_reason(self) -> str | None:
        """Why the token alpha is not computable, or None."""
        if self.alpha is not None:
            return None
        if all(p.documents == 0 for p in self.pairs):
            return "the annotators annotated no document in common"
        return "no variation to compare (too few coded tokens or a single value)"

    def to_dict(self) -> dict[str, Any]:
        unitizing = self.alpha_u.to_dict() if self.alpha_u else None
        return {
            "layer": self.layer,
            "labels": self.labels,
            "pairs": [p.to_dict() for p in self.pairs],
            "alpha": self.alpha,
            "alpha_reason": self.alpha_reason,
            "alpha_by_label": self.alpha_by_label,
            "alpha_units": self.alpha_units,
            "alpha_u": unitizing,
            "position_only": unitizing["position_only"] if unitizing else None,
            "documents": [d.to_dict() for d in self.documents],
            "gold": [g.to_dict() for g in self.gold] if self.gold is not None else None,
            "gold_reason": self.gold_reason,
        }


@dataclass
class KappaPair:
    a: str
    b: str
    documents: int
    kappa: float | None
    by_label: dict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "documents": self.documents, "kappa": self.kappa, "by_label": self.by_label}


@dataclass
class DocumentLayerAgreement:
    layer: str
    labels: list[str]
    pairs: list[KappaPair]
    fleiss: float | None
    fleiss_by_label: dict[str, float | None]
    fleiss_documents: int
    alpha: float | None
    alpha_by_label: dict[str, float | None]
    alpha_documents: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "labels": self.labels,
            "pairs": [p.to_dict() for p in self.pairs],
            "fleiss": self.fleiss,
            "fleiss_by_label": self.fleiss_by_label,
            "fleiss_documents": self.fleiss_documents,
            "alpha": self.alpha,
            "alpha_by_label": self.alpha_by_label,
            "alpha_documents": self.alpha_documents,
        }


METHOD = {
    "span_matching": "exact: same label and offsets; overlap: same label and one shared character, one-to-one",
    "span_alpha": "Krippendorff's alpha, nominal, tokens as units (label of the covering span, or outside)",
    "span_alpha_u": (
        "Krippendorff's unitizing alpha (DKPro Agreement's formula) on the code points of the documents all"
        " compared annotators annotated, end to end; one annotator's overlapping spans of a label merged;"
        " overall averages observed and expected disagreement over the labels used; position_only ignores labels"
    ),
    "document_kappa": (
        "Cohen's kappa per pair, Fleiss' kappa for 3+ annotators; per label (yes/no) and pooled over"
        " document x label; on documents where one of the annotators set a label of the layer"
    ),
    "document_alpha": "Krippendorff's alpha, nominal, documents as units, missing values allowed",
    "per_document": (
        "per span layer, under documents: F1 pooled over the pairs who both annotated the document, and αU"
        " with the document alone as the continuum and its annotators as coders; by_document.agreement is"
        " the mean αU over the span layers, lowest first"
    ),
    "gold": (
        "per span layer, under gold: the gold layer (a, the reference) against each annotator, on the"
        " documents the gold layer has annotations on or that are curated, exact and overlap P/R/F1 per label and αU"
    ),
}


@dataclass
class AgreementReport:
    """Every figure of one comparison; :meth:`to_dict` is what the CLI prints and the report shows."""

    annotators: list[str]
    documents: int
    span_layers: list[SpanLayerAgreement] = field(default_factory=list)
    document_layers: list[DocumentLayerAgreement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # layers left out, and why
    common_documents: int = 0  # documents annotated by two or more of the annotators

    @property
    def reason(self) -> str | None:
        """Why nothing here is computable, or None."""
        if self.common_documents == 0:
            return "no two of the annotators annotated a document in common: agreement is not computable"
        return None

    def by_document(self) -> list[dict[str, Any]]:
        """One row per document: its αU in each span layer and ``agreement``, their mean over the
        layers where it is computable (None when nowhere); lowest agreement first, None last."""
        rows: dict[int, dict[str, Any]] = {}
        for layer in self.span_layers:
            for d in layer.documents:
                first = {"document_id": d.document_id, "document": d.document, "title": d.title, "layers": {}}
                row = rows.setdefault(d.document_id, first)
                row["layers"][layer.layer] = d.alpha_u.value
        for row in rows.values():
            values = [v for v in row["layers"].values() if v is not None]
            row["agreement"] = sum(values) / len(values) if values else None
        return sorted(rows.values(), key=lambda r: (r["agreement"] is None, r["agreement"] or 0.0, r["document_id"]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": self.annotators,
            "documents": self.documents,
            "common_documents": self.common_documents,
            "reason": self.reason,
            "notes": self.notes,
            "method": METHOD,
            "span_layers": [s.to_dict() for s in self.span_layers],
            "document_layers": [d.to_dict() for d in self.document_layers],
            "by_document": self.by_document(),
        }


@dataclass
class _Data:
    """Everything the figures need, as arrays (document indexes are dense, 0..n-1)."""

    annotators: list[str]
    doc_ids: list[int]
    texts: list[str]
    annotated: npt.NDArray[np.bool_]  # annotators × documents
    span_ann: IntArray
    span_doc: IntArray
    span_label: IntArray  # label row id
    span_start: IntArray
    span_end: IntArray
    lab_ann: IntArray
    lab_doc: IntArray
    lab_label: IntArray
    ext_ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


def default_annotators(db: Database) -> list[str]:
    """Everyone who annotated something, except the gold layer."""
    with db.read() as session:
        names = session.scalars(
            select(Annotator.name)
            .where(
                Annotator.id.in_(select(Span.annotator_id).distinct())
                | Annotator.id.in_(select(DocumentLabel.annotator_id).distinct())
            )
            .order_by(Annotator.name)
        )
        return [n for n in names if n != GOLD_ANNOTATOR]


def compute_agreement(
    db: Database,
    annotators: Sequence[str] | None = None,
    *,
    layers: Sequence[str] | None = None,
    document_ids: Sequence[int] | None = None,
) -> AgreementReport:
    """Agreement between ``annotators`` (default: :func:`default_annotators`, two or more) on
    ``document_ids`` (default: all), for ``layers`` (default: all of the schema)."""
    names = list(dict.fromkeys(annotators or default_annotators(db)))
    if len(names) < 2:
        raise ValueError("agreement needs two or more annotators")
    wanted = list(layers) if layers else [layer.id for layer in db.schema.layers]
    unknown = [lay for lay in wanted if db.schema.layer(lay) is None]
    if unknown:
        raise ValueError(f"unknown layer {unknown[0]!r}")
    data = _load(db, names, document_ids)
    label_rows = _label_rows(db)
    report = AgreementReport(names, int(data.annotated.any(axis=0).sum()))
    report.common_documents = int((data.annotated.sum(axis=0) >= 2).sum())
    corpus: Corpus | None = None
    gold: GoldSpans | None = None
    for layer_id in wanted:
        layer = db.schema.layer(layer_id)
        assert layer is not None
        if "span" in layer.scopes:
            if not _layer_used(data.span_label, label_rows.get(layer_id, [])):
                report.notes.append(f"span layer {layer_id}: no span by {', '.join(names)}; left out")
            else:
                corpus = corpus or Corpus(data.texts)
                found = _span_layer(data, corpus, layer_id, label_rows)
                if GOLD_ANNOTATOR not in names:
                    gold = gold or load_gold(db, data.doc_ids)
                    found.gold, found.gold_reason = _gold_pairs(data, gold, layer_id, label_rows)
                report.span_layers.append(found)
        if "document" in layer.scopes:
            if not _layer_used(data.lab_label, label_rows.get(layer_id, [])):
                report.notes.append(f"document layer {layer_id}: no document label by {', '.join(names)}; left out")
            else:
                report.document_layers.append(_document_layer(data, layer_id, label_rows))
    return report


def _layer_used(label_ids: IntArray, rows: list[tuple[int, str]]) -> bool:
    return bool(rows) and bool(np.isin(label_ids, np.array([r for r, _ in rows], dtype=np.int64)).any())


def _label_rows(db: Database) -> dict[str, list[tuple[int, str]]]:
    """Per layer, (label row id, label key) in schema order, then retired labels still in use."""
    with db.read() as session:
        rows = session.execute(select(LayerRow.key, LabelRow.id, LabelRow.key).join(LayerRow)).all()
    order = {(layer.id, lab.id): i for layer in db.schema.layers for i, lab in enumerate(layer.labels)}
    out: dict[str, list[tuple[int, str]]] = {}
    for layer, label_id, key in sorted(rows, key=lambda r: (order.get((r[0], r[2]), 10_000), r[2])):
        out.setdefault(layer, []).append((label_id, key))
    return out


def _int_rows(rows: Sequence[Sequence[int]], width: int) -> IntArray:
    """Query rows of integers as an n × ``width`` array (``np.array`` on Row objects is slow)."""
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=len(rows) * width)
    return flat.reshape(-1, width)


def _load(db: Database, names: list[str], document_ids: Sequence[int] | None) -> _Data:
    with db.read() as session:
        ids = dict(session.execute(select(Annotator.name, Annotator.id).where(Annotator.name.in_(names))).all())
        missing = [n for n in names if n not in ids]
        if missing:
            raise ValueError(f"no annotator named {missing[0]!r} in the database")
        index = {ids[n]: i for i, n in enumerate(names)}
        ann_ids = list(index)
        span_rows = _int_rows(
            session.execute(
                select(Span.annotator_id, Span.document_id, Span.label_id, Span.start, Span.end).where(
                    Span.annotator_id.in_(ann_ids)
                )
            ).all(),
            5,
        )
        lab_rows = _int_rows(
            session.execute(
                select(DocumentLabel.annotator_id, DocumentLabel.document_id, DocumentLabel.label_id).where(
                    DocumentLabel.annotator_id.in_(ann_ids)
                )
            ).all(),
            3,
        )
        status_rows = _int_rows(
            session.execute(
                select(DocumentStatus.annotator_id, DocumentStatus.document_id).where(
                    DocumentStatus.annotator_id.in_(ann_ids), DocumentStatus.status.in_(("in_progress", "done"))
                )
            ).all(),
            2,
        )
        touched = np.unique(np.concatenate([span_rows[:, 1], lab_rows[:, 1], status_rows[:, 1]]))
        if document_ids is not None:
            touched = np.intersect1d(touched, np.asarray(list(document_ids), dtype=np.int64))
        doc_ids = touched.tolist()
        texts_by_id: dict[int, tuple[str, str, str]] = {}
        for chunk in range(0, len(doc_ids), 500):
            part = doc_ids[chunk : chunk + 500]
            rows = session.execute(
                select(Document.id, Document.text, Document.ext_id, Document.title).where(Document.id.in_(part))
            )
            texts_by_id.update((doc_id, (text, ext, title)) for doc_id, text, ext, title in rows)
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    lookup_ann = np.vectorize(index.__getitem__, otypes=[np.int64])

    def dense(rows: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.bool_], IntArray, IntArray]:
        keep = np.isin(rows[:, 1], touched)
        rows = rows[keep]
        docs = np.searchsorted(touched, rows[:, 1]).astype(np.int64)
        anns = lookup_ann(rows[:, 0]) if rows.shape[0] else np.zeros(0, dtype=np.int64)
        return keep, anns, docs

    annotated = np.zeros((len(names), len(doc_ids)), dtype=bool)
    keep_s, s_ann, s_doc = dense(span_rows)
    keep_l, l_ann, l_doc = dense(lab_rows)
    _, st_ann, st_doc = dense(status_rows)
    for anns, docs in ((s_ann, s_doc), (l_ann, l_doc), (st_ann, st_doc)):
        annotated[anns, docs] = True
    spans_kept = span_rows[keep_s]
    assert len(doc_index) == len(doc_ids)
    return _Data(
        names,
        doc_ids,
        [texts_by_id[d][0] for d in doc_ids],
        annotated,
        s_ann,
        s_doc,
        spans_kept[:, 2],
        spans_kept[:, 3],
        spans_kept[:, 4],
        l_ann,
        l_doc,
        lab_rows[keep_l][:, 2],
        [texts_by_id[d][1] for d in doc_ids],
        [texts_by_id[d][2] or "" for d in doc_ids],
    )


def _label_positions(label_ids: IntArray, rows: list[tuple[int, str]]) -> tuple[npt.NDArray[np.bool_], IntArray]:
    """Which of ``label_ids`` belong to the layer of ``rows``, and their index in ``rows`` (vectorised)."""
    ids = np.array([r for r, _ in rows], dtype=np.int64)
    size = int(max(ids.max(initial=0), label_ids.max(initial=0))) + 1
    lookup = np.full(size, -1, dtype=np.int64)
    lookup[ids] = np.arange(ids.shape[0])
    positions = lookup[label_ids]
    in_layer = positions >= 0
    return in_layer, positions[in_layer]


def _span_layer(
    data: _Data, corpus: Corpus, layer: str, label_rows: dict[str, list[tuple[int, str]]]
) -> SpanLayerAgreement:
    rows = label_rows.get(layer, [])
    keys = [key for _, key in rows]
    in_layer, label_index = _label_positions(data.span_label, rows)
    ann = data.span_ann[in_layer]
    per_annotator = [
        SpanArrays(
            data.span_doc[in_layer][ann == i],
            label_index[ann == i],
            data.span_start[in_layer][ann == i],
            data.span_end[in_layer][ann == i],
        )
        for i in range(len(data.annotators))
    ]
    n_docs = len(data.doc_ids)
    pairs = []
    for i, j in combinations(range(len(data.annotators)), 2):
        both = data.annotated[i] & data.annotated[j]
        a = per_annotator[i].take(both[per_annotator[i].doc])
        b = per_annotator[j].take(both[per_annotator[j].doc])
        pairs.append(_span_pair(data.annotators[i], data.annotators[j], int(both.sum()), a, b, keys, n_docs))
    alpha, by_label, units = _token_alpha(data, corpus, per_annotator, len(keys), keys)
    lengths = _lengths(data)
    columns = [AnnotatorSpans(p.doc, p.label, p.start, p.end) for p in per_annotator]
    for (i, j), pair in zip(combinations(range(len(data.annotators)), 2), pairs, strict=True):
        sub = data.annotated[[i, j]]
        pair.alpha_u = unitizing_alpha_of_arrays([columns[i], columns[j]], sub, lengths, keys, [pair.a, pair.b])
    unitizing = unitizing_alpha_of_arrays(columns, data.annotated, lengths, keys, data.annotators)
    found = SpanLayerAgreement(layer, keys, pairs, alpha, by_label, units, unitizing)
    found.documents = _documents(data, columns, pairs, lengths, label_index)
    return found


def _gold_pairs(
    data: _Data, gold: GoldSpans, layer: str, label_rows: dict[str, list[tuple[int, str]]]
) -> tuple[list[SpanPair] | None, str | None]:
    """The gold layer (``a``, the reference) against each annotator in ``layer``, on the documents
    both annotated; None and why when there is nothing to compare."""
    if not gold.present:
        return None, "the database has no gold layer yet"
    if not gold.annotated.any():
        return None, "the gold layer has nothing on these documents yet"
    rows = label_rows.get(layer, [])
    keys = [key for _, key in rows]
    in_gold, gold_labels = _label_positions(gold.label, rows)
    reference = SpanArrays(gold.doc[in_gold], gold_labels, gold.start[in_gold], gold.end[in_gold])
    in_layer, label_index = _label_positions(data.span_label, rows)
    ann = data.span_ann[in_layer]
    lengths = _lengths(data)
    out = []
    for i, name in enumerate(data.annotators):
        mine = ann == i
        theirs = SpanArrays(
            data.span_doc[in_layer][mine],
            label_index[mine],
            data.span_start[in_layer][mine],
            data.span_end[in_layer][mine],
        )
        both = gold.annotated & data.annotated[i]
        a, b = reference.take(both[reference.doc]), theirs.take(both[theirs.doc])
        pair = _span_pair(GOLD_ANNOTATOR, name, int(both.sum()), a, b, keys)
        columns = [AnnotatorSpans(x.doc, x.label, x.start, x.end) for x in (reference, theirs)]
        coded = np.stack([gold.annotated, data.annotated[i]])
        pair.alpha_u = unitizing_alpha_of_arrays(columns, coded, lengths, keys, [GOLD_ANNOTATOR, name])
        pair.by_document = None
        out.append(pair)
    return out, None


def _lengths(data: _Data) -> IntArray:
    return np.fromiter((len(t) for t in data.texts), dtype=np.int64, count=len(data.texts))


def _documents(
    data: _Data, columns: list[AnnotatorSpans], pairs: list[SpanPair], lengths: IntArray, label_index: IntArray
) -> list[DocumentAgreement]:
    """The layer's figures per document, for the documents one of the annotators annotated."""
    coders = data.annotated.sum(axis=0)
    matches = [p.by_document for p in pairs if p.by_document is not None]
    exact, overlap = pooled_f1(matches, coders)
    alpha_u, position = unitizing_by_document(columns, data.annotated, lengths, np.unique(label_index).tolist())
    return [
        DocumentAgreement(
            doc_id, data.ext_ids[d], data.titles[d], int(coders[d]), exact[d], overlap[d], alpha_u[d], position[d]
        )
        for d, doc_id in enumerate(data.doc_ids)
    ]


def _prf(a: SpanArrays, b: SpanArrays, ia: IntArray, n_labels: int) -> tuple[PRF, list[PRF]]:
    matched = np.bincount(a.label[ia], minlength=n_labels)
    count_a = np.bincount(a.label, minlength=n_labels)
    count_b = np.bincount(b.label, minlength=n_labels)
    per = [PRF(int(matched[k]), int(count_a[k]), int(count_b[k])) for k in range(n_labels)]
    return PRF(int(ia.shape[0]), len(a), len(b)), per


def _span_pair(
    name_a: str, name_b: str, documents: int, a: SpanArrays, b: SpanArrays, keys: list[str], n_docs: int = 0
) -> SpanPair:
    n = len(keys)
    ia, _ = match_spans(a, b, exact=True, by_label=True)
    exact, exact_per = _prf(a, b, ia, n)
    exact_docs = np.bincount(a.doc[ia], minlength=n_docs)
    ia, _ = match_spans(a, b, exact=False, by_label=True)
    overlap, overlap_per = _prf(a, b, ia, n)
    overlap_docs = np.bincount(a.doc[ia], minlength=n_docs)
    # Confusion: match by position regardless of label; unmatched spans go to the "(none)" row/column.
    ia, ib = match_spans(a, b, exact=False, by_label=False)
    matrix = np.zeros((n + 1, n + 1), dtype=np.int64)
    np.add.at(matrix, (a.label[ia], b.label[ib]), 1)
    lone_a = np.ones(len(a), dtype=bool)
    lone_a[ia] = False
    lone_b = np.ones(len(b), dtype=bool)
    lone_b[ib] = False
    np.add.at(matrix, (a.label[lone_a], np.full(int(lone_a.sum()), n)), 1)
    np.add.at(matrix, (np.full(int(lone_b.sum()), n), b.label[lone_b]), 1)
    return SpanPair(
        name_a,
        name_b,
        documents,
        exact,
        overlap,
        {k: p for k, p in zip(keys, exact_per, strict=True) if p.a or p.b},
        {k: p for k, p in zip(keys, overlap_per, strict=True) if p.a or p.b},
        [*keys, NONE_LABEL],
        matrix.tolist(),
        by_document=DocumentMatches(
            exact_docs, overlap_docs, np.bincount(a.doc, minlength=n_docs), np.bincount(b.doc, minlength=n_docs)
        ),
    )


def _token_alpha(
    data: _Data, corpus: Corpus, per_annotator: list[SpanArrays], n_labels: int, keys: list[str]
) -> tuple[float | None, dict[str, float | None], int]:
    outside = n_labels
    values = np.full((len(per_annotator), corpus.tokens), -1, dtype=np.int64)
    for i, spans in enumerate(per_annotator):
        labels = corpus.token_labels(spans.doc, spans.start, spans.end, spans.label, outside)
        has = data.annotated[i][corpus.token_doc]
        values[i, has] = labels[has]
    # Identical tokens (same value from every coder) weigh the same: fold them before counting.
    rows, weights = fold_units(values, n_labels + 1)
    coded = rows.sum(axis=1)
    pairable = coded > 1
    rows, weights, coded = rows[pairable], weights[pairable], coded[pairable]
    alpha = _figure(nominal_alpha(rows, weights))
    by_label = {
        key: _figure(nominal_alpha(binary_counts(rows[:, k], coded), weights))
        for k, key in enumerate(keys)
        if rows[:, k].any()
    }
    return alpha, by_label, int(weights.sum())


def _document_layer(data: _Data, layer: str, label_rows: dict[str, list[tuple[int, str]]]) -> DocumentLayerAgreement:
    rows = label_rows.get(layer, [])
    keys = [key for _, key in rows]
    n_ann, n_docs = data.annotated.shape
    # has[a, d, k]: annotator a put label k on document d.
    has = np.zeros((n_ann, n_docs, len(keys)), dtype=bool)
    in_layer, label_index = _label_positions(data.lab_label, rows)
    has[data.lab_ann[in_layer], data.lab_doc[in_layer], label_index] = True
    # Only documents someone labelled in this layer say anything about it.
    relevant: npt.NDArray[np.bool_] = np.asarray(has.any(axis=(0, 2)) & data.annotated.any(axis=0), dtype=bool)
    used = [k for k in range(len(keys)) if has[:, :, k].any()]
    pairs = []
    for i, j in combinations(range(n_ann), 2):
        both = data.annotated[i] & data.annotated[j] & relevant
        x, y = has[i][both], has[j][both]
        by_label = {keys[k]: _figure(cohen_kappa_binary(x[:, k], y[:, k])) for k in used}
        pooled = _figure(cohen_kappa_binary(x[:, used].ravel(), y[:, used].ravel())) if used else None
        pairs.append(KappaPair(data.annotators[i], data.annotators[j], int(both.sum()), pooled, by_label))
    fleiss: float | None = None
    fleiss_by_label: dict[str, float | None] = {}
    everyone = data.annotated.all(axis=0) & relevant
    if n_ann >= 3:
        yes = has[:, everyone, :].sum(axis=0)  # documents × labels
        for k in used:
            fleiss_by_label[keys[k]] = _figure(fleiss_kappa(np.stack([yes[:, k], n_ann - yes[:, k]], axis=1)))
        if used:
            flat = yes[:, used].ravel()
            fleiss = _figure(fleiss_kappa(np.stack([flat, n_ann - flat], axis=1)))
    coders = data.annotated & relevant[None, :]
    alpha_by_label = {keys[k]: _library_alpha(has[:, :, k], coders) for k in used}
    alpha = _library_alpha(has[:, :, used].reshape(n_ann, -1), np.repeat(coders, len(used), axis=1)) if used else None
    return DocumentLayerAgreement(
        layer,
        keys,
        pairs,
        fleiss,
        fleiss_by_label,
        int(everyone.sum()) if n_ann >= 3 else 0,
        alpha,
        alpha_by_label,
        int((coders.sum(axis=0) >= 2).sum()),
    )


def _library_alpha(values: npt.NDArray[np.bool_], coded: npt.NDArray[np.bool_]) -> float | None:
    """Nominal alpha of yes/no values (coders × units) with the ``krippendorff`` package; units a
    coder did not code are missing (nan)."""
    import krippendorff

    data = np.where(coded, values.astype(np.float64), np.nan)
    data = data[:, (coded.sum(axis=0) >= 2)]
    if data.shape[1] == 0 or np.unique(data[~np.isnan(data)]).shape[0] < 2:
        return None  # the package refuses data with a single value: alpha is undefined there
    return _figure(float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")))
