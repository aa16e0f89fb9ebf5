"""UIMA CAS XMI: exported, read back with dkpro-cassis, imported; UTF-16 offsets; hostile XML refused."""

from __future__ import annotations

import dataclasses
import itertools
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

cassis = pytest.importorskip("cassis")
import lxml  # noqa: E402
from format_corpus import (  # noqa: E402
    AMINA,
    GOLD,
    REPO,
    annotated_db,
    fresh_db,
    snapshot,
    stored_spans,
    texts_by_id,
)

from curator.errors import InputRejected  # noqa: E402
from curator.io.formats.xmi import read as read_xmi  # noqa: E402
from curator.io.formats.xmi.type_system import NAMED_ENTITY, SENTENCE, TOKEN, build_types  # noqa: E402
from curator.io.formats.xmi.write import segments_of, view_to_cas  # noqa: E402
from curator.io.formats.xmi.xmi_writer import XmiWriter  # noqa: E402
from curator.io.importer import import_paths  # noqa: E402
from curator.io.label_names import ner_layer  # noqa: E402
from curator.io.registry import export  # noqa: E402
from curator.io.selection import (  # noqa: E402
    AnnotatorView,
    Selection,
    annotator_views,
    finished_documents,
    selected_bundles,
)
from curator.schema.loader import parse_schema  # noqa: E402
from curator.store.database import Database  # noqa: E402

TYPE_LAYERS = {NAMED_ENTITY: "entity", "webanno.custom.Area": "area", "webanno.custom.Claim": "claim"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from annotated_db(tmp_path_factory)


def _load(path: Path, typesystem: object) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return cassis.load_cas_from_xmi(path.read_text(encoding="utf-8"), typesystem=typesystem)


def _typesystem(folder: Path) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return cassis.load_typesystem((folder / "TypeSystem.xml").read_text(encoding="utf-8"))


def test_lxml_is_recent_enough() -> None:
    assert tuple(int(x) for x in lxml.__version__.split(".")[:2]) >= (6, 1)


def test_every_annotation_read_by_cassis_equals_the_stored_span(corpus: Database, tmp_path: Path) -> None:
    assert export("xmi", corpus, tmp_path / "out") == 8
    ts = _typesystem(tmp_path / "out")
    texts = texts_by_id(corpus)
    read = []
    relations = 0
    for path in sorted((tmp_path / "out").glob("*/*.xmi")):
        cas = _load(path, ts)
        meta = next(iter(cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData")))
        assert cas.sofa_string == texts[meta.documentId]
        users = [m.username for m in cas.select("de.tudarmstadt.ukp.clarin.webanno.api.type.CASMetadata")]
        assert users == ([] if path.stem == "INITIAL_CAS" else [path.stem])
        for type_name, layer in TYPE_LAYERS.items():
            for fs in cas.select(type_name):
                label = fs.value if type_name == NAMED_ENTITY else fs.label
                assert fs.get_covered_text() == cas.sofa_string[fs.begin : fs.end]
                read.append((meta.documentId, users[0], layer, label, fs.begin, fs.end, fs.get_covered_text()))
                if type_name == "webanno.custom.Claim":
                    relations += (fs.claimant is not None) + (fs.cue is not None)
    assert sorted(read) == stored_spans(corpus)
    assert relations == 14


def test_offsets_in_the_file_are_utf16_as_uima_counts(corpus: Database, tmp_path: Path) -> None:
    """The flag 🇺🇳 is code points 91-93 after one emoji (🌍) and two code points of its own: UTF-16 93-97."""
    export("xmi", corpus, tmp_path / "out", annotators=[AMINA])
    raw = (tmp_path / "out" / "emoji_ar" / f"{AMINA}.xmi").read_text(encoding="utf-8")
    assert re.search(r'<type\d*:NamedEntity [^>]*begin="93" end="97" value="MISC"', raw)
    assert re.search(r'<custom:Area [^>]*begin="48" end="65" label="DEVELOPMENT"', raw)  # 🌍 before, 🤝 first
    cas = _load(tmp_path / "out" / "emoji_ar" / f"{AMINA}.xmi", _typesystem(tmp_path / "out"))
    (flag,) = [fs for fs in cas.select(NAMED_ENTITY) if fs.value == "MISC"]
    assert (flag.begin, flag.end, flag.get_covered_text()) == (91, 93, "🇺🇳")


def _views(db: Database) -> list[AnnotatorView]:
    finished = finished_documents(db, None)
    return [view for bundle in selected_bundles(db, Selection()) for view in annotator_views(bundle, finished)[0]]


def _unusual(view: AnnotatorView) -> list[AnnotatorView]:
    """Copies of a view with a claim whose area list is empty or holds two areas, and a note that XML
    must escape."""
    out = []
    for area in ([], ["PEACE_SECURITY", "ECONOMY"]):
        spans = [
            dataclasses.replace(s, attributes={**s.attributes, "area": area}, note="<&>\"\n\t\r' note »")
            if s.label == "CLAIM"
            else s
            for s in view.spans
        ]
        out.append(dataclasses.replace(view, spans=spans))
    return out


@pytest.mark.parametrize("relation_arrays", [False, True], ids=["one-claimant", "claimant-arrays"])
def test_the_xmi_writer_writes_the_bytes_cassis_writes(corpus: Database, tmp_path: Path, relation_arrays: bool) -> None:
    """The export writes XMI without building a cassis CAS (about 5 times faster); every file must be the
    one cassis writes for the same CAS, namespaces, ids and UTF-16 offsets included."""
    schema = corpus.schema
    if relation_arrays:  # a claim may then have several claimants: relations become FSArrays
        source = (REPO / "resources" / "schema.yaml").read_text(encoding="utf-8")
        schema = parse_schema(source.replace("max_per_source: 1", "max_per_source: 2"), "schema.yaml")
    types = build_types(schema, ner_layer(schema))
    assert bool(types.relation_arrays) == relation_arrays
    writer = XmiWriter(types)
    views = _views(corpus)
    claims = [v for v in views if any(s.label == "CLAIM" for s in v.spans)]
    views += _unusual(claims[0])
    assert any(v.annotator is None for v in views) and any("🇺🇳" in v.document.text for v in views)
    for view in views:
        segments = segments_of(view.document.text, [(s.start, s.end) for s in view.spans])
        writer.write(view, tmp_path / "ours.xmi", segments)
        view_to_cas(view, types, segments).to_xmi(tmp_path / "cassis.xmi")
        assert (tmp_path / "ours.xmi").read_bytes() == (tmp_path / "cassis.xmi").read_bytes(), view.document.ext_id


def test_every_span_starts_and_ends_on_dkpro_tokens_inside_one_sentence(corpus: Database, tmp_path: Path) -> None:
    """INCEpTION anchors layers on tokens: the export splits tokens at every span boundary (inside
    words, inside hyphenated words, after proclitics) and never ends a sentence inside a span."""
    export("xmi", corpus, tmp_path / "out")
    ts = _typesystem(tmp_path / "out")
    checked = 0
    for path in sorted((tmp_path / "out").glob("*/*.xmi")):
        cas = _load(path, ts)
        text = cas.sofa_string
        tokens = [(t.begin, t.end) for t in cas.select(TOKEN)]
        sentences = [(s.begin, s.end) for s in cas.select(SENTENCE)]
        assert tokens and sentences
        assert all(text[a:b].strip() == text[a:b] and a < b for a, b in tokens)  # no white space tokens
        assert tokens == sorted(tokens) and all(b <= c for (_, b), (c, _) in itertools.pairwise(tokens))
        starts, ends = {a for a, _ in tokens}, {b for _, b in tokens}
        for type_name in TYPE_LAYERS:
            for fs in cas.select(type_name):
                if not text[fs.begin : fs.end].strip():
                    continue
                inner = text[fs.begin : fs.end]
                first = fs.begin + len(inner) - len(inner.lstrip())
                last = fs.end - (len(inner) - len(inner.rstrip()))
                assert first in starts and last in ends, (path, fs.begin, fs.end)
                assert any(a <= first and last <= b for a, b in sentences)
                checked += 1
    assert checked == len(stored_spans(corpus))


def test_the_claim_type_attribute_is_claimtype_and_old_files_with_type_still_read(
    corpus: Database, tmp_path: Path
) -> None:
    """UIMA's ``type`` clashes with the attribute's name (cassis warns and renames it ``type_``):
    the feature is ``claimType``; files of earlier versions, with ``type``, read the same."""
    export("xmi", corpus, tmp_path / "out")
    typesystem = (tmp_path / "out" / "TypeSystem.xml").read_text(encoding="utf-8")
    assert "<name>claimType</name>" in typesystem and "<name>type</name>" not in typesystem
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cassis.load_typesystem(typesystem)
    (tmp_path / "out" / "TypeSystem.xml").write_text(
        typesystem.replace("<name>claimType</name>", "<name>type</name>"), encoding="utf-8"
    )
    renamed = 0
    for path in (tmp_path / "out").glob("*/*.xmi"):
        raw = path.read_text(encoding="utf-8")
        renamed += raw.count(" claimType=")
        path.write_text(raw.replace(" claimType=", " type="), encoding="utf-8")
    assert renamed
    fresh = fresh_db(tmp_path)
    import_paths(fresh, [tmp_path / "out"])
    assert snapshot(fresh) == snapshot(corpus)
    fresh.dispose()


def test_a_value_xml_cannot_hold_is_refused_as_cassis_refuses_it(corpus: Database, tmp_path: Path) -> None:
    types = build_types(corpus.schema, ner_layer(corpus.schema))
    view = next(v for v in _views(corpus) if v.spans)
    bad = dataclasses.replace(view, spans=[dataclasses.replace(view.spans[0], note="bell \x07"), *view.spans[1:]])
    with pytest.raises(ValueError, match="XML compatible") as ours:
        XmiWriter(types).write(bad, tmp_path / "ours.xmi")
    with pytest.raises(ValueError, match="XML compatible") as theirs:
        view_to_cas(bad, types).to_xmi(tmp_path / "cassis.xmi")
    assert str(ours.value) == str(theirs.value)


def test_import_back_gives_identical_annotations(corpus: Database, tmp_path: Path) -> None:
    export("xmi", corpus, tmp_path / "out")
    fresh = fresh_db(tmp_path)
    report = import_paths(fresh, [tmp_path / "out"])
    assert report.batch.documents_added == 8
    assert snapshot(fresh) == snapshot(corpus)
    fresh.dispose()


def test_curated_export_has_one_cas_per_curated_document(corpus: Database, tmp_path: Path) -> None:
    export("xmi", corpus, tmp_path / "out", annotators=[GOLD])
    names = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").glob("*/*.xmi"))
    # tashkeel_ar: marked done by the curator with nothing to annotate, so an (empty) curated CAS
    assert f"tashkeel_ar/{GOLD}.xmi" in names
    assert "001_69f5943f550353c0/INITIAL_CAS.xmi" in names


SECRET = "top-secret-password-42"


def _hostile(tmp_path: Path, corpus: Database, body: str) -> Path:
    export("xmi", corpus, tmp_path / "out", annotators=[AMINA], document_ids=[8])
    (xmi,) = (tmp_path / "out").glob("*/*.xmi")
    xmi.write_text(body, encoding="utf-8")
    return xmi


XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file://{path}">]>\n'
    '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0">'
    '<cas:NULL xmi:id="0"/><cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="&secret;"/>'
    '<cas:View sofa="1" members=""/></xmi:XMI>'
)
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>\n'
    '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0">'
    '<cas:NULL xmi:id="0"/><cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="&h;"/>'
    '<cas:View sofa="1" members=""/></xmi:XMI>'
)


@pytest.mark.parametrize("attack", ["xxe", "laughs"])
def test_hostile_xml_is_refused_before_parsing(
    corpus: Database, tmp_path: Path, sqlite_db: Database, attack: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    xmi = _hostile(tmp_path, corpus, XXE.format(path=secret) if attack == "xxe" else LAUGHS)
    with pytest.raises(InputRejected, match=r"line 2: an XML (DOCTYPE|ENTITY) declaration is not allowed"):
        import_paths(sqlite_db, [xmi], annotator="x")
    assert sqlite_db.annotator_names() == []


@pytest.mark.parametrize("attack", ["xxe", "laughs"])
def test_cassis_and_lxml_refuse_the_attacks_themselves(tmp_path: Path, attack: str) -> None:
    """The second line of defence: with the declaration check bypassed, lxml >= 6.1 neither reads the
    file nor expands the entities."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    body = XXE.format(path=secret) if attack == "xxe" else LAUGHS
    try:
        cas = cassis.load_cas_from_xmi(body)
    except Exception:
        return  # refused: fine
    text = cas.sofa_string or ""
    assert SECRET not in text
    assert len(text) < 10_000


def test_file_size_is_checked_before_parsing(
    corpus: Database, tmp_path: Path, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    export("xmi", corpus, tmp_path / "out", annotators=[AMINA], document_ids=[8])
    monkeypatch.setattr(read_xmi, "MAX_BYTES", 100)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed a file over the size limit")

    monkeypatch.setattr(read_xmi, "load_cas_from_xmi", never)
    with pytest.raises(InputRejected, match="over the 100 byte limit"):
        import_paths(sqlite_db, [tmp_path / "out"])


def test_an_inception_cas_without_metadata_takes_the_file_name_or_annotator(
    corpus: Database, tmp_path: Path, sqlite_db: Database
) -> None:
    export("xmi", corpus, tmp_path / "out", annotators=[AMINA], document_ids=[8])
    (xmi,) = (tmp_path / "out").glob("*/*.xmi")
    raw = xmi.read_text(encoding="utf-8")
    meta = re.search(r'<type\d*:CASMetadata xmi:id="(\d+)"[^>]*/>', raw)
    assert meta is not None
    stripped = raw.replace(meta.group(0), "")
    stripped = re.sub(rf'(members="[^"]*?)\b{meta.group(1)}\b ?', r"\1", stripped)
    inception = xmi.with_name("maria.xmi")
    inception.write_text(stripped, encoding="utf-8")
    xmi.unlink()
    import_paths(sqlite_db, [inception])
    assert {s[1] for s in stored_spans(sqlite_db)} == {"maria"}


def test_an_offset_inside_a_surrogate_pair_is_refused(corpus: Database, tmp_path: Path, sqlite_db: Database) -> None:
    export("xmi", corpus, tmp_path / "out", annotators=[AMINA], document_ids=[6])
    (xmi,) = (tmp_path / "out").glob("*/*.xmi")
    raw = xmi.read_text(encoding="utf-8")
    xmi.write_text(raw.replace('begin="93" end="97"', 'begin="94" end="97"'), encoding="utf-8")
    with pytest.raises(InputRejected, match=r"not a readable XMI CAS: UserWarning: Not mapping external offset \[94\]"):
        import_paths(sqlite_db, [xmi])
