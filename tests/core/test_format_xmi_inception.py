"""XMI as INCEpTION exports it, built with dkpro-cassis: relation layers (Governor/Dependent) and
``NamedEntity.identifier`` are imported where the schema holds them; whatever it cannot hold is refused
by type, xmi:id and offsets, or left out and counted when the curator asks for that."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

cassis = pytest.importorskip("cassis")
from format_corpus import fresh_db  # noqa: E402

from curator.errors import InputRejected  # noqa: E402
from curator.io.formats.xmi.type_system import CAS_METADATA, DOCUMENT_META, NAMED_ENTITY, SENTENCE, TOKEN  # noqa: E402
from curator.io.importer import import_paths  # noqa: E402
from curator.io.registry import export  # noqa: E402
from curator.store import queries  # noqa: E402
from curator.store.database import Database  # noqa: E402

TEXT = "António Guterres a déclaré que la coopération avec l’OCI est essentielle."
GUTERRES = "http://www.wikidata.org/entity/Q311440"
OCI = "http://www.wikidata.org/entity/Q167630"
CLAIM_TYPE = "webanno.custom.Claim"
CLAIMANT_TYPE = "webanno.custom.Claimant"  # INCEpTION relation layer named after the schema's relation
LINK_TYPE = "webanno.custom.Link"  # a relation layer whose `label` feature names the relation type
COREF_TYPE = "webanno.custom.Coreference"  # a relation layer the schema has no type for
POS_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS"


def _at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def _typesystem() -> Any:
    ts = cassis.TypeSystem()
    meta = ts.create_type(DOCUMENT_META, supertypeName="uima.tcas.DocumentAnnotation")
    ts.create_feature(meta, "documentId", "uima.cas.String")
    ts.create_feature(ts.create_type(CAS_METADATA, supertypeName="uima.cas.TOP"), "username", "uima.cas.String")
    pos = ts.create_type(POS_TYPE, supertypeName="uima.tcas.Annotation")
    ts.create_feature(pos, "PosValue", "uima.cas.String")
    token = ts.create_type(TOKEN, supertypeName="uima.tcas.Annotation")
    ts.create_feature(token, "pos", POS_TYPE)
    ts.create_type(SENTENCE, supertypeName="uima.tcas.Annotation")
    ne = ts.create_type(NAMED_ENTITY, supertypeName="uima.tcas.Annotation")
    ts.create_feature(ne, "value", "uima.cas.String")
    ts.create_feature(ne, "identifier", "uima.cas.String")
    claim = ts.create_type(CLAIM_TYPE, supertypeName="uima.tcas.Annotation")
    ts.create_feature(claim, "label", "uima.cas.String")
    ts.create_feature(claim, "confidence", "uima.cas.String")
    for name, governor, dependent in (
        (CLAIMANT_TYPE, CLAIM_TYPE, NAMED_ENTITY),
        (LINK_TYPE, CLAIM_TYPE, NAMED_ENTITY),
        (COREF_TYPE, NAMED_ENTITY, NAMED_ENTITY),
    ):
        rel = ts.create_type(name, supertypeName="uima.tcas.Annotation")
        ts.create_feature(rel, "Governor", governor)
        ts.create_feature(rel, "Dependent", dependent)
        if name == LINK_TYPE:
            ts.create_feature(rel, "label", "uima.cas.String")
    return ts


def inception_export(
    folder: Path,
    *,
    coreference: bool = False,
    confidence: bool = False,
    pos: bool = False,
    link: str = "",
    claimant_layer: bool = True,
) -> Path:
    """``folder/TypeSystem.xml`` and ``folder/doc1/maria.xmi`` as INCEpTION writes them: tokens and
    sentences, a person and an organisation with Wikidata identifiers, a claim whose claimant is a
    ``Claimant`` relation; optionally a coreference relation, a claim feature the schema lacks, a
    part-of-speech annotation, and a ``Link`` relation labelled ``link`` (from the claim to the
    person for ``claimant``, else to the organisation) instead of the ``Claimant`` one."""
    ts = _typesystem()
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = TEXT
    cas.add(ts.get_type(DOCUMENT_META)(begin=0, end=len(TEXT), documentId="doc1"))
    cas.add(ts.get_type(CAS_METADATA)(username="maria"))
    cas.add(ts.get_type(SENTENCE)(begin=0, end=len(TEXT)))
    for word in ("António", "Guterres", "OCI"):
        token = ts.get_type(TOKEN)(begin=_at(word)[0], end=_at(word)[1])
        if pos and word == "OCI":
            tag = ts.get_type(POS_TYPE)(begin=token.begin, end=token.end, PosValue="PROPN")
            cas.add(tag)
            token.pos = tag
        cas.add(token)
    entity = ts.get_type(NAMED_ENTITY)
    person = entity(begin=_at("António Guterres")[0], end=_at("António Guterres")[1], value="PER", identifier=GUTERRES)
    org = entity(begin=_at("OCI")[0], end=_at("OCI")[1], value="ORG", identifier=OCI)
    start, end = _at("la coopération avec l’OCI est essentielle")
    claim = ts.get_type(CLAIM_TYPE)(begin=start, end=end, label="CLAIM")
    if confidence:
        claim.confidence = "0.9"
    cas.add_all([person, org, claim])
    if claimant_layer:
        cas.add(ts.get_type(CLAIMANT_TYPE)(begin=person.begin, end=person.end, Governor=claim, Dependent=person))
    if coreference:
        cas.add(ts.get_type(COREF_TYPE)(begin=org.begin, end=org.end, Governor=person, Dependent=org))
    if link:
        target = person if link == "claimant" else org
        cas.add(
            ts.get_type(LINK_TYPE)(begin=target.begin, end=target.end, Governor=claim, Dependent=target, label=link)
        )
    (folder / "doc1").mkdir(parents=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        ts.to_xml(folder / "TypeSystem.xml")
        cas.to_xmi(folder / "doc1" / "maria.xmi")
    return folder


def _xmi_id(folder: Path, type_name: str) -> int:
    ts = cassis.load_typesystem((folder / "TypeSystem.xml").read_text(encoding="utf-8"))
    cas = cassis.load_cas_from_xmi((folder / "doc1" / "maria.xmi").read_text(encoding="utf-8"), typesystem=ts)
    return int(next(iter(cas.select(type_name))).xmiID)


def _where(folder: Path, type_name: str) -> str:
    """``FILE:LINE: TYPE xmi:id N`` of the one annotation of ``type_name``."""
    path = folder / "doc1" / "maria.xmi"
    xmi_id = _xmi_id(folder, type_name)
    raw = path.read_text(encoding="utf-8")
    line = raw.count("\n", 0, raw.index(f'xmi:id="{xmi_id}"')) + 1
    return f"{path}:{line}: {type_name} xmi:id {xmi_id}"


def _stored(db: Database) -> tuple[list[tuple[str, str, str, dict[str, Any]]], list[tuple[str, str, str]]]:
    (bundle,) = list(queries.iter_bundles(db))
    text = bundle.document.text
    covered = {s.id: text[s.start : s.end] for s in bundle.spans}
    spans = sorted((s.layer, s.label, text[s.start : s.end], s.attributes) for s in bundle.spans)
    relations = sorted((r.type, covered[r.source_id], covered[r.target_id]) for r in bundle.relations)
    return spans, relations


@pytest.mark.parametrize("layer", ["Claimant", "Link"])
def test_relation_layers_and_identifiers_are_imported(sqlite_db: Database, tmp_path: Path, layer: str) -> None:
    """A relation layer named after the relation type, or one whose label feature names it."""
    folder = inception_export(
        tmp_path / "inception", claimant_layer=layer == "Claimant", link="claimant" * (layer == "Link")
    )
    report = import_paths(sqlite_db, [folder])
    assert (report.batch.spans_added, report.batch.relations_added) == (3, 1)
    spans, relations = _stored(sqlite_db)
    assert spans == [
        ("claim", "CLAIM", "la coopération avec l’OCI est essentielle", {}),
        ("entity", "ORG", "OCI", {"identifier": OCI}),
        ("entity", "PER", "António Guterres", {"identifier": GUTERRES}),
    ]
    assert relations == [("claimant", "la coopération avec l’OCI est essentielle", "António Guterres")]


def test_a_relation_between_ends_the_schema_does_not_allow_is_refused(sqlite_db: Database, tmp_path: Path) -> None:
    folder = inception_export(tmp_path / "inception", link="cue")
    with pytest.raises(InputRejected) as refused:
        import_paths(sqlite_db, [folder])
    # cue's target must be a CUE of the claim layer: the schema does not allow an ORG there
    start, end = _at("OCI")
    assert [str(p) for p in refused.value.problems] == [
        f"{_where(folder, LINK_TYPE)} ({start}-{end}): a 'cue' relation's target must be "
        "claim CUE, not entity ORG (--leave-out-unsupported leaves such things out and counts them)"
    ]
    assert sqlite_db.annotator_names() == []


def test_what_the_schema_cannot_hold_is_refused_by_type_id_and_offsets(sqlite_db: Database, tmp_path: Path) -> None:
    folder = inception_export(tmp_path / "inception", coreference=True, confidence=True, pos=True)
    with pytest.raises(InputRejected) as refused:
        import_paths(sqlite_db, [folder])
    hint = "(--leave-out-unsupported leaves such things out and counts them)"
    claim_start, claim_end = _at("la coopération avec l’OCI est essentielle")
    oci_start, oci_end = _at("OCI")
    assert sorted(str(p) for p in refused.value.problems) == sorted(
        [
            f"{_where(folder, POS_TYPE)} ({oci_start}-{oci_end}): the schema has no layer for this type {hint}",
            f"{_where(folder, CLAIM_TYPE)} ({claim_start}-{claim_end}): "
            f"feature 'confidence' ('0.9') has no place in the schema {hint}",
            f"{_where(folder, COREF_TYPE)} ({oci_start}-{oci_end}): "
            f"the schema has no relation type for it (it has claimant, cue) {hint}",
        ]
    )
    assert sqlite_db.annotator_names() == []


def test_leaving_out_what_the_schema_cannot_hold_counts_it(sqlite_db: Database, tmp_path: Path) -> None:
    folder = inception_export(tmp_path / "inception", coreference=True, confidence=True, pos=True)
    report = import_paths(sqlite_db, [folder], leave_out_unsupported=True)
    assert dict(report.left_out) == {
        f"{POS_TYPE} annotations": 1,
        f"{CLAIM_TYPE}.confidence values": 1,
        f"{COREF_TYPE} relations": 1,
    }
    spans, relations = _stored(sqlite_db)
    assert len(spans) == 3 and relations == [
        ("claimant", "la coopération avec l’OCI est essentielle", "António Guterres")
    ]


def test_the_command_line_says_what_it_left_out(tmp_path: Path) -> None:
    folder = inception_export(tmp_path / "inception", coreference=True)
    env = {**os.environ, "CURATOR_DB": f"sqlite:///{tmp_path / 'cli.sqlite'}"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "curator", "import", *args, str(folder)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    refused = run()
    assert refused.returncode == 1 and COREF_TYPE in refused.stderr and "nothing was imported" in refused.stderr
    done = run("--leave-out-unsupported")
    assert done.returncode == 0, done.stderr
    assert f"left out 1 thing the schema cannot hold: 1 {COREF_TYPE} relations" in done.stdout
    assert "3 annotations, 1 relation," in done.stdout


def test_identifiers_are_exported_again_in_xmi_and_jsonl(sqlite_db: Database, tmp_path: Path) -> None:
    import_paths(sqlite_db, [inception_export(tmp_path / "inception")])
    export("xmi", sqlite_db, tmp_path / "xmi")
    ts = cassis.load_typesystem((tmp_path / "xmi" / "TypeSystem.xml").read_text(encoding="utf-8"))
    cas = cassis.load_cas_from_xmi((tmp_path / "xmi" / "doc1" / "maria.xmi").read_text(encoding="utf-8"), typesystem=ts)
    assert sorted((fs.get_covered_text(), fs.identifier) for fs in cas.select(NAMED_ENTITY)) == [
        ("António Guterres", GUTERRES),
        ("OCI", OCI),
    ]
    export("jsonl", sqlite_db, tmp_path / "out.jsonl")
    (record,) = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(a.get("attributes", {}).get("identifier", "") for a in record["annotations"]) == ["", OCI, GUTERRES]
    again = fresh_db(tmp_path, "again")
    import_paths(again, [tmp_path / "out.jsonl"])
    assert _stored(again) == _stored(sqlite_db)
    again.dispose()
