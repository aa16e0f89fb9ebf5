"""The dashboard's figures (issue 21): where the documents stand, each annotator's progress and
active time, and the agreement on each document, for the window's dashboard panel and tests.

Read in short transactions from :func:`curator.store.assignment.team_status` and, for agreement,
:func:`curator.review.agreement.compute_agreement` (loaded on first use: it needs numpy).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from curator.store.assignment import team_status
from curator.store.database import Database

# The stages a document goes through, in order; a document given to nobody, not yet in curation, is
# "unassigned" (anyone may annotate it).
STAGES = ("unassigned", "annotating", "ready", "in curation", "curated")
STATES = ("new", "in_progress", "done")


@dataclass(frozen=True)
class AnnotatorFigures:
    """One annotator over the documents given to them or that they worked on."""

    annotator: str
    new: int
    in_progress: int
    done: int
    annotations: int
    active_seconds: float

    @property
    def documents(self) -> int:
        return self.new + self.in_progress + self.done


@dataclass(frozen=True)
class DocumentAgreementRow:
    """A document's agreement: the mean unitizing alpha over the span layers (None and why when it
    cannot be computed), and how many annotators annotated it."""

    document_id: int
    ext_id: str
    title: str
    agreement: float | None
    layers: dict[str, float | None]


@dataclass(frozen=True)
class DashboardFigures:
    stages: dict[str, int]
    annotators: list[AnnotatorFigures]
    agreement: list[DocumentAgreementRow] = field(default_factory=list)
    agreement_note: str | None = None  # why there is no agreement to show
    # False when the figures were read without agreement (it takes much longer: the window shows the
    # counts first, then the agreement once computed)
    with_agreement: bool = True

    @property
    def documents(self) -> int:
        return sum(self.stages.values())


def dashboard_figures(db: Database, *, with_agreement: bool = True) -> DashboardFigures:
    """Every figure of the dashboard, now."""
    rows = team_status(db)
    stages: Counter[str] = Counter({stage: 0 for stage in STAGES})
    per: dict[str, Counter[str]] = {}
    for row in rows:
        stage = row.stage
        if stage == "annotating" and not row.assigned:
            stage = "unassigned"
        stages[stage] += 1
        for a in row.annotators:
            if row.assigned and a.annotator not in row.assigned and a.state == "new" and not a.annotations:
                continue  # time spent looking at a colleague's document is not a document of one's own
            counts = per.setdefault(a.annotator, Counter())
            counts[a.state] += 1
            counts["annotations"] += a.annotations
            counts["seconds"] += round(a.active_seconds)
    annotators = [
        AnnotatorFigures(name, c["new"], c["in_progress"], c["done"], c["annotations"], float(c["seconds"]))
        for name, c in sorted(per.items())
    ]
    figures = DashboardFigures({s: stages[s] for s in STAGES}, annotators, with_agreement=False)
    if not with_agreement:
        return figures
    agreement, note = _agreement(db)
    return DashboardFigures(figures.stages, annotators, agreement, note)


def _agreement(db: Database) -> tuple[list[DocumentAgreementRow], str | None]:
    from curator.review.agreement import compute_agreement, default_annotators

    names = default_annotators(db)
    if len(names) < 2:
        return [], "agreement needs two annotators who annotated something"
    layers = [layer.id for layer in db.schema.span_layers()]
    report = compute_agreement(db, names, layers=layers)
    if report.reason:
        return [], report.reason
    out = [
        DocumentAgreementRow(r["document_id"], r["document"], r["title"], r["agreement"], dict(r["layers"]))
        for r in report.by_document()
    ]
    return out, None


class DashboardService:
    """What the window's dashboard panel is given (never the database itself)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def figures(self, *, with_agreement: bool = True) -> DashboardFigures:
        return dashboard_figures(self.db, with_agreement=with_agreement)
