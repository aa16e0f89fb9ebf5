"""Registry links through brat (issue 19): a linked span is written with a normalization line
``N1<TAB>Reference T1 curator:ID<TAB>name``; reading one back links the span, making the entity from
the span's label and that name when the registry has none, refused with the .ann line when the label
is no entity type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.errors import InputRejected
from curator.io.importer import import_paths
from curator.io.registry import export
from curator.store import queries
from curator.store.database import Database
from curator.store.editing import Editor
from curator.store.entities import EntityRecord, Registry
from curator.store.mentions import mentions

TEXT = (
    "Le secrétaire général adjoint Khaled Khiari a salué le rôle de l'OCI et des pays de la région "
    "dans les efforts de paix."
)
KHIARI = EntityRecord("khiari", "PER", {"ar": "خالد خياري", "fr": "Khaled Khiari"}, ("خياري",))


def test_brat_writes_the_link_as_a_normalization_and_reads_it_back(db: Database, tmp_path: Path) -> None:
    start = _khiari_document(db, tmp_path)
    span = Editor(db, "amina").add_span(1, "entity", "PER", start, start + 13)
    Registry(db, "amina").link(span.id, "khiari")
    out = tmp_path / "brat"
    export("brat", db, out)
    ann = (out / "amina" / "d1.ann").read_text(encoding="utf-8").splitlines()
    assert "N1\tReference T1 curator:khiari\tKhaled Khiari" in ann

    other = Database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    try:
        import_paths(other, [out])
        made = Registry(other, "karim").get("khiari")
        assert made == EntityRecord("khiari", "PER", {"fr": "Khaled Khiari"})
        assert [(m.document, m.text) for m in mentions(other, "khiari")] == [("d1", "Khaled Khiari")]
    finally:
        other.dispose()


def _khiari_document(db: Database, tmp_path: Path) -> int:
    """Import the French sentence as document d1 with Khaled Khiari in the registry; his name's offset."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d1", "text": TEXT, "language": "fr"}) + "\n", encoding="utf-8")
    import_paths(db, [source])
    Registry(db, "amina").create(KHIARI)
    return TEXT.index("Khaled Khiari")


def _brat(tmp_path: Path, lines: list[str]) -> Path:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "d.txt").write_text(TEXT, encoding="utf-8")
    (folder / "d.ann").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return folder / "d.ann"


def test_a_normalization_on_a_span_whose_label_is_no_entity_type_is_refused(db: Database, tmp_path: Path) -> None:
    cue = TEXT.index("a salué")
    ann = _brat(tmp_path, [f"T1\tCUE {cue} {cue + 7}\ta salué", "N1\tReference T1 curator:salue\tsaluer"])
    with pytest.raises(InputRejected) as refused:
        import_paths(db, [ann], annotator="amina")
    assert str(refused.value.problems[0]).startswith(f"{ann}:2: entity 'salue': unknown type 'CUE'")
    assert Registry(db, "amina").all() == []


def test_a_normalization_to_another_database_is_refused_with_its_line(db: Database, tmp_path: Path) -> None:
    start = TEXT.index("Khaled Khiari")
    ann = _brat(
        tmp_path, [f"T1\tPER {start} {start + 13}\tKhaled Khiari", "N1\tReference T1 Wikidata:Q42\tKhaled Khiari"]
    )
    with pytest.raises(InputRejected, match=r"d\.ann:2: N1: normalizations to 'Wikidata' are not read"):
        import_paths(db, [ann], annotator="amina")


def test_a_known_entity_is_linked_not_made_again(db: Database, tmp_path: Path) -> None:
    Registry(db, "amina").create(KHIARI)
    start = TEXT.index("Khaled Khiari")
    ann = _brat(tmp_path, [f"T1\tPER {start} {start + 13}\tKhaled Khiari", "N1\tReference T1 curator:khiari\tK. K."])
    import_paths(db, [ann], annotator="amina")
    assert Registry(db, "amina").get("khiari") == KHIARI
    assert [m.text for m in mentions(db, "khiari")] == ["Khaled Khiari"]


def test_xmi_writes_the_link_as_the_named_entity_identifier_and_reads_it_back(db: Database, tmp_path: Path) -> None:
    start = _khiari_document(db, tmp_path)
    editor = Editor(db, "amina")
    span = editor.add_span(1, "entity", "PER", start, start + 13)
    oci = TEXT.index("OCI")
    editor.add_span(1, "entity", "ORG", oci, oci + 3, {"identifier": "http://www.wikidata.org/entity/Q190763"})
    Registry(db, "amina").link(span.id, "khiari")
    out = tmp_path / "xmi"
    export("xmi", db, out)
    written = (out / "d1" / "amina.xmi").read_text(encoding="utf-8")
    assert 'identifier="curator:khiari"' in written

    other = Database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    try:
        import_paths(other, [out])
        assert Registry(other, "karim").get("khiari") == EntityRecord("khiari", "PER", {"fr": "Khaled Khiari"})
        assert [m.text for m in mentions(other, "khiari")] == ["Khaled Khiari"]
        # another knowledge base's identifier stays the span's free-text identifier, as before
        kept = [s.attributes for s in queries.spans(other, 1) if s.label == "ORG"]
        assert kept == [{"identifier": "http://www.wikidata.org/entity/Q190763"}]
    finally:
        other.dispose()


def test_spacy_writes_the_link_as_kb_id_and_reads_it_back(db: Database, tmp_path: Path) -> None:
    import zlib

    import spacy
    from spacy.tokens import DocBin

    from curator.io.formats.spacy.write import reference_docbin

    start = _khiari_document(db, tmp_path)
    span = Editor(db, "amina").add_span(1, "entity", "PER", start, start + 13)
    Editor(db, "amina").add_span(1, "entity", "ORG", TEXT.index("OCI"), TEXT.index("OCI") + 3)
    Registry(db, "amina").link(span.id, "khiari")
    out = tmp_path / "spacy"
    export("spacy", db, out)
    data = (out / "corpus.spacy").read_bytes()
    # the export's own packing agrees with spaCy's DocBin of the same Docs, kb ids included
    assert zlib.decompress(data) == zlib.decompress(reference_docbin(db).to_bytes())
    (doc,) = DocBin().from_bytes(data).get_docs(spacy.blank("xx").vocab)
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("Khaled Khiari", "khiari"), ("OCI", "")]
    assert [s.kb_id_ for s in doc.spans["entity"]] == ["khiari", ""]

    other = Database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    try:
        import_paths(other, [out / "corpus.spacy"])
        assert Registry(other, "karim").get("khiari") == EntityRecord("khiari", "PER", {"fr": "Khaled Khiari"})
        assert [m.text for m in mentions(other, "khiari")] == ["Khaled Khiari"]
    finally:
        other.dispose()


@pytest.mark.parametrize("fmt", ["conll", "conllu", "webanno"])
def test_a_format_without_links_says_how_many_it_left_out(db: Database, tmp_path: Path, fmt: str) -> None:
    start = _khiari_document(db, tmp_path)
    editor = Editor(db, "amina")
    person = editor.add_span(1, "entity", "PER", start, start + 13)
    claim = editor.add_span(1, "claim", "CLAIM", 0, len(TEXT) - 1)
    editor.add_relation("claimant", claim.id, person.id)  # the claims CSV holds claimants only
    Registry(db, "amina").link(person.id, "khiari")
    notes: list[str] = []
    export(fmt, db, tmp_path / f"out-{fmt}", on_note=notes.append)
    said = [n for n in notes if "cannot hold" in n]
    assert said and "1 entity links" in said[0], notes
    card = next((tmp_path / f"out-{fmt}").rglob("*README.md")) if (tmp_path / f"out-{fmt}").is_dir() else None
    if card is not None:
        assert "1 entity links" in card.read_text(encoding="utf-8")


def test_a_format_with_links_lists_none_left_out(db: Database, tmp_path: Path) -> None:
    start = _khiari_document(db, tmp_path)
    span = Editor(db, "amina").add_span(1, "entity", "PER", start, start + 13)
    Registry(db, "amina").link(span.id, "khiari")
    notes: list[str] = []
    export("brat", db, tmp_path / "out-brat", on_note=notes.append)
    assert not any("entity links" in n for n in notes)
