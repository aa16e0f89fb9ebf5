"""A relabel keeps only the attributes the new label declares, in the window and in a conflict alike."""

from __future__ import annotations

from curator.schema.model import Attribute, Label, Layer, Names, Schema
from curator.schema.relabel import declared_attributes, kept_attributes
from curator.store.conflict import Conflict
from curator.store.queries import SpanRecord


def _names(word: str) -> Names:
    return Names(ar=word, fr=word, en=word)


def _schema() -> Schema:
    role = Attribute(id="role", names=_names("role"), type="text")
    rank = Attribute(id="rank", names=_names("rank"), type="choice", values=("high", "low"))
    labels = (
        Label(id="PER", names=_names("person"), color="#aa0000", attributes=(role, rank)),
        Label(id="ORG", names=_names("organisation"), color="#00aa00", attributes=(rank,)),
        Label(id="LOC", names=_names("place"), color="#0000aa"),
    )
    return Schema(name="toy", version=1, layers=(Layer(id="entity", names=_names("entity"), labels=labels),))


def test_relabelling_a_person_as_an_organisation_drops_the_role_and_keeps_the_rank() -> None:
    declared = declared_attributes(_schema(), "entity", "ORG")
    assert declared == {"rank"}
    assert kept_attributes({"role": "envoy", "rank": "high"}, declared) == {"rank": "high"}


def test_a_label_without_attributes_or_unknown_keeps_none() -> None:
    schema = _schema()
    assert declared_attributes(schema, "entity", "LOC") == frozenset()
    assert declared_attributes(schema, "entity", "NOPE") == frozenset()
    assert declared_attributes(schema, "nolayer", "PER") == frozenset()
    assert kept_attributes({"role": "envoy"}, declared_attributes(schema, "entity", "LOC")) == {}


def test_apply_mine_after_a_relabel_keeps_the_colleagues_new_rank() -> None:
    # The curator relabelled PER → ORG on version 1; a colleague meanwhile set the rank to "low".
    seen = SpanRecord(7, 1, "amina", "entity", "PER", 0, 5, {"role": "envoy", "rank": "high"}, "", 1)
    theirs = SpanRecord(7, 1, "amina", "entity", "PER", 0, 5, {"role": "envoy", "rank": "low"}, "", 2)
    declared = declared_attributes(_schema(), "entity", "ORG")
    mine = {"label": "ORG", "attributes": kept_attributes(seen.attributes, declared)}
    conflict = Conflict("relabel PER → ORG", 1, seen, mine, theirs, declared)
    assert conflict.reapplied() == {"label": "ORG", "attributes": {"rank": "low"}}
    outcome = conflict.outcome_of_mine()
    assert outcome is not None and (outcome.label, outcome.attributes, outcome.version) == ("ORG", {"rank": "low"}, 2)


def test_a_relabel_keeps_the_knowledge_base_identifier() -> None:
    # An ORG imported from INCEpTION with its Wikidata link, relabelled LOC (which declares nothing).
    declared = declared_attributes(_schema(), "entity", "LOC")
    assert kept_attributes({"identifier": "Q1065", "rank": "high"}, declared) == {"identifier": "Q1065"}
