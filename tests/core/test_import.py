"""A curator imports the seeds, the samples and pre-annotated files; bad batches are refused whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from curator.errors import InputRejected
from curator.io.importer import import_paths
from curator.store import queries
from curator.store.database import Database

# Every file in tests/data/samples: imported (with what it must become) or refused (with the message).
IMPORTED = {
    "bidi_controls.txt": ("en", "\u202eOCI\u202c"),
    "cp1256_ar.txt": ("ar", "اجتماع تنسيقي بين الأمم المتحدة"),
    "crlf_fr.txt": ("fr", "essentiel.\nLa coopération"),
    "emoji_ar.txt": ("ar", "🌍 تقرير"),
    "mixed_bidi_ar.txt": ("ar", "(OCI) شريك «لا غنى عنه»"),
    "mixed_paragraphs.txt": ("fr", "Khaled Khiari a déclaré"),
    "tashkeel_ar.txt": ("ar", "قَالَ خَالِدُ خِيَارِي"),
    "utf16_fr.txt": ("fr", "L’OCI compte 57 États membres"),
}
REFUSED = {
    "empty.txt": "empty.txt: empty file",
    "not_text.bin": "not_text.bin:1: binary data (NUL byte at byte 0)",
}


def _texts(db: Database) -> dict[str, queries.DocumentRecord]:
    return {b.document.source: b.document for b in queries.iter_bundles(db)}


def test_every_sample_is_imported_or_refused(db: Database, samples: Path) -> None:
    assert {p.name for p in samples.iterdir()} == set(IMPORTED) | set(REFUSED) | {"preannotated.jsonl"}
    for name, expected in REFUSED.items():
        with pytest.raises(InputRejected) as caught:
            import_paths(db, [samples / name])
        assert str(caught.value).startswith(f"{samples}/{expected}")
    for name in IMPORTED:
        import_paths(db, [samples / name])
    docs = _texts(db)
    for name, (language, fragment) in IMPORTED.items():
        assert docs[name].language == language, name
        assert fragment in docs[name].text, name
    assert docs["crlf_fr.txt"].newline == "crlf" and "\r" not in docs["crlf_fr.txt"].text
    assert docs["cp1256_ar.txt"].encoding == "cp1256"
    assert docs["utf16_fr.txt"].encoding == "utf-16-le"
    assert docs["mixed_bidi_ar.txt"].direction == "rtl" and docs["mixed_paragraphs.txt"].direction == "ltr"


def test_bidi_controls_survive_import_untouched(db: Database, samples: Path) -> None:
    import_paths(db, [samples / "bidi_controls.txt"])
    raw = (samples / "bidi_controls.txt").read_text(encoding="utf-8")
    assert _texts(db)["bidi_controls.txt"].text == raw


def test_the_seeds_import_once_and_a_second_import_adds_nothing(db: Database, seeds: Path) -> None:
    first = import_paths(db, [seeds])
    assert first.batch.documents_added == 5
    second = import_paths(db, [seeds])
    assert second.batch.documents_added == 0 and len(second.batch.documents_existing) == 5
    assert not second.batch.added_anything
    assert queries.stats(db)["documents"] == {"total": 5, "by_language": {"ar": 4, "fr": 1}}


def test_preannotated_jsonl_lands_on_the_exact_characters(db: Database, samples: Path) -> None:
    import_paths(db, [samples / "preannotated.jsonl"])
    found = {
        (b.document.ext_id, b.document.text[s.start : s.end], s.label, s.annotator)
        for b in queries.iter_bundles(db)
        for s in b.spans
    }
    assert ("emoji_ar", "الأمم المتحدة", "ORG", "sample") in found
    assert ("emoji_ar", "السودان", "LOC", "sample") in found
    assert ("tashkeel_ar", "خَالِدُ خِيَارِي", "PER", "sample") in found
    assert len(found) == 8
    again = import_paths(db, [samples / "preannotated.jsonl"])
    assert again.batch.spans_added == 0 and again.batch.spans_existing == 8


def _jsonl(tmp_path: Path, *records: object, name: str = "batch.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records))
    return path


GOOD = {"id": "d1", "text": "قال خياري إن غزة تحتاج إلى المساعدة", "annotations": []}


@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        ({"start": 4, "end": 99}, "past the end of the text"),
        ({"start": 9, "end": 4}, "reversed: start 9 is after end 4"),
        ({"start": 4, "end": 4}, "span 4-4 is empty"),
        ({"start": -1, "end": 4}, "negative offset"),
        ({"start": True, "end": 4}, "'start' must be an integer, not a boolean"),
        ({"start": 4.0, "end": 9}, "'start' must be an integer, not float"),
        ({"start": 4, "end": 9, "label": "GROUP"}, "unknown label 'GROUP' in layer 'entity'"),
        ({"start": 4, "end": 9, "layer": "topic"}, "unknown layer 'topic'"),
        ({"start": 4, "end": 9, "text": "غزة"}, "does not match offsets"),
        ({"start": 4, "end": 9, "attributes": {"colour": "red"}}, "has no attribute 'colour'"),
    ],
)
def test_a_bad_annotation_refuses_the_whole_batch(
    db: Database, tmp_path: Path, annotation: dict[str, object], message: str
) -> None:
    good_file = _jsonl(tmp_path, GOOD, name="good.jsonl")
    bad = {"layer": "entity", "label": "PER", "annotator": "amina", **annotation}
    bad_file = _jsonl(tmp_path, {"id": "ok", "text": "نص سليم"}, {**GOOD, "id": "d2", "annotations": [bad]})
    with pytest.raises(InputRejected) as caught:
        import_paths(db, [good_file, bad_file])
    assert str(caught.value).startswith(f"{bad_file}:2: annotation 1")
    assert message in str(caught.value)
    assert queries.count_documents(db) == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "text": "abc", "annotations": [}', "malformed JSON at column"),
        ('{"id": "x", "text": "abc", "text": "abd"}', "duplicate key 'text'"),
        ('{"id": "x", "text": "abc", "meta": {"score": NaN}}', "NaN is not valid JSON"),
        ('{"id": "x", "text": "abc", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"id": "x", "text": "abc", "meta": {"n": ' + "9" * 5000 + "}}", "invalid JSON value"),
        ('["not", "an", "object"]', "a line must be a JSON object"),
        ('{"id": "x"}', "the document has no 'text'"),
        ('{"id": "x", "text": "abc", "language": "xx"}', "language must be one of"),
        # what no database can store: PostgreSQL refuses NUL in text, UTF-8 cannot encode a lone surrogate
        ('{"id": "x", "text": "a\\u0000b"}', "'text' contains a NUL character (U+0000) at character 1"),
        ('{"id": "x", "text": "abc \\ud800"}', "'text' contains a lone surrogate (U+D800) at character 4"),
        ('{"id": "x", "text": "abc", "title": "\\udfff"}', "'title' contains a lone surrogate (U+DFFF)"),
        (
            '{"id": "x", "text": "abc", "annotations": [{"annotator": "a\\u0000", "layer": "entity", '
            '"label": "PER", "start": 0, "end": 3}]}',
            "'annotations[0].annotator' contains a NUL character",
        ),
    ],
)
def test_a_malformed_line_names_file_and_line(db: Database, tmp_path: Path, line: str, message: str) -> None:
    path = _jsonl(tmp_path, GOOD, line)
    with pytest.raises(InputRejected) as caught:
        import_paths(db, [path])
    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)
    assert queries.count_documents(db) == 0


_PLAIN = '"layer": "entity", "label": "PER", "start": 0, "end": 3'


@pytest.mark.parametrize(
    ("line", "key"),
    [
        # in an annotation of the quick path, with and without an annotator
        ('{"id": "x", "text": "abc", "annotations": [{' + _PLAIN + ', "start": 1}]}', "start"),
        (
            '{"id": "x", "text": "abc", "annotations": [{"annotator": "a", ' + _PLAIN + ', "annotator": "b"}]}',
            "annotator",
        ),
        # deeper, in metadata and attributes; a value holding quotes, escaped or not
        ('{"id": "x", "text": "abc", "meta": {"k": {"a": 1, "a": 2}}}', "a"),
        ('{"id": "x", "text": "a \\"b\\" c", "meta": {"q": "\\"", "q": "r"}}', "q"),
        ('{"id": "x", "text": "abc", "annotations": [{' + _PLAIN + ', "attributes": {"s": 1, "s": 1}}]}', "s"),
        # an escaped backslash: quotes are not counted, the line is parsed looking for duplicates
        ('{"id": "x", "text": "a\\\\b", "title": "t", "title": "u"}', "title"),
        # the duplicate also makes the record wrong (the last value wins): the duplicate is named
        ('{"id": "x", "text": "abc", "text": 3}', "text"),
    ],
)
def test_a_duplicate_key_anywhere_in_a_line_is_refused(db: Database, tmp_path: Path, line: str, key: str) -> None:
    path = _jsonl(tmp_path, GOOD, line)
    with pytest.raises(InputRejected) as caught:
        import_paths(db, [path])
    assert f"{path}:2: duplicate key {key!r}" in str(caught.value)
    assert queries.count_documents(db) == 0


def test_quotes_and_backslashes_in_a_text_are_not_taken_for_duplicates(db: Database, tmp_path: Path) -> None:
    texts = ['il a dit "oui"', "C:\\dossier\\nouveau", 'un \\"guillemet', '"{\\"a\\": 1, \\"a\\": 2}"']
    lines = [
        json.dumps(
            {
                "id": f"d{i}",
                "text": text,
                "annotations": [{"annotator": "a", "layer": "entity", "label": "PER", "start": 0, "end": 2}],
            },
            ensure_ascii=False,
        )
        for i, text in enumerate(texts)
    ]
    path = _jsonl(tmp_path, *lines)
    import_paths(db, [path])
    assert sorted(b.document.text for b in queries.iter_bundles(db)) == sorted(texts)


def test_an_emoji_written_as_a_surrogate_pair_escape_is_one_character(db: Database, tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        '{"id": "e", "text": "\\ud83d\\ude00 OCI", "annotations": [{"annotator": "a", '
        '"layer": "entity", "label": "ORG", "start": 2, "end": 5}]}',
    )
    import_paths(db, [path])
    (bundle,) = queries.iter_bundles(db)
    assert bundle.document.text == "\U0001f600 OCI"
    assert [bundle.document.text[s.start : s.end] for s in bundle.spans] == ["OCI"]


def test_a_string_that_cannot_be_stored_is_refused_from_any_reader(db: Database) -> None:
    """The last check before writing, for readers that do not parse JSON themselves."""
    from curator.io.validation import check_document
    from curator.records import DocumentIn, SpanIn

    doc = DocumentIn(source="t.xmi", line=7, text="abc", spans=[SpanIn("entity", "PER", 0, 3, "a", note="x\x00")])
    (problem,) = check_document(db.schema, doc, "t.xmi")
    assert (
        str(problem)
        == "t.xmi:7: annotation 1's note contains a NUL character (U+0000) at character 1, which cannot be stored"
    )


def test_every_problem_is_collected_not_only_the_first(db: Database, tmp_path: Path, samples: Path) -> None:
    path = _jsonl(tmp_path, GOOD, "{oops", '{"text": 3}')
    with pytest.raises(InputRejected) as caught:
        import_paths(db, [path, samples / "empty.txt"])
    assert [p.line for p in caught.value.problems] == [2, 3, 0]
    assert "(and 2 more problems)" in str(caught.value)


def test_an_annotation_without_annotator_takes_the_command_line_one(db: Database, tmp_path: Path) -> None:
    record = {**GOOD, "annotations": [{"layer": "entity", "label": "LOC", "start": 13, "end": 16}]}
    path = _jsonl(tmp_path, record)
    with pytest.raises(InputRejected, match="annotation 1 has no 'annotator'"):
        import_paths(db, [path])
    import_paths(db, [path], annotator="yusuf")
    assert [(s.annotator, s.label) for b in queries.iter_bundles(db) for s in b.spans] == [("yusuf", "LOC")]


def test_crlf_jsonl_offsets_are_moved_with_the_text(db: Database, tmp_path: Path) -> None:
    text = "Premier paragraphe.\r\nLa OCI et l'ONU.\r\n"
    start = text.index("OCI")
    record = {
        "id": "c",
        "text": text,
        "annotations": [{"annotator": "a", "layer": "entity", "label": "ORG", "start": start, "end": start + 3}],
    }
    import_paths(db, [_jsonl(tmp_path, record)])
    (bundle,) = queries.iter_bundles(db)
    span = bundle.spans[0]
    assert bundle.document.text[span.start : span.end] == "OCI" and bundle.document.newline == "crlf"


def test_a_span_splitting_a_letter_from_its_mark_is_refused(db: Database, tmp_path: Path) -> None:
    record = {
        "id": "t",
        "text": "قَالَ خَالِدُ",
        "annotations": [{"annotator": "a", "layer": "entity", "label": "PER", "start": 6, "end": 12}],
    }
    with pytest.raises(InputRejected, match="ends between a letter and its marks"):
        import_paths(db, [_jsonl(tmp_path, record)])


def test_a_relation_must_link_a_claim_to_a_person_or_organisation(db: Database, tmp_path: Path) -> None:
    text = "قال خياري إن غزة تحتاج إلى المساعدة"
    anns = [
        {"id": "c", "annotator": "a", "layer": "claim", "label": "CLAIM", "start": 10, "end": len(text)},
        {"id": "p", "annotator": "a", "layer": "entity", "label": "PER", "start": 4, "end": 9},
        {"id": "g", "annotator": "a", "layer": "entity", "label": "LOC", "start": 13, "end": 16},
    ]
    bad = {
        "id": "r",
        "text": text,
        "annotations": anns,
        "relations": [{"annotator": "a", "type": "claimant", "source": "c", "target": "g"}],
    }
    with pytest.raises(InputRejected, match="target must be entity PER/ORG, not entity LOC"):
        import_paths(db, [_jsonl(tmp_path, bad)])
    good = {**bad, "relations": [{"annotator": "a", "type": "claimant", "source": "c", "target": "p"}]}
    report = import_paths(db, [_jsonl(tmp_path, good)])
    assert report.batch.relations_added == 1


def test_folders_ignore_other_files_and_name_them(db: Database, tmp_path: Path) -> None:
    tmp_path = tmp_path / "incoming"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text("Le Conseil de sécurité s'est réuni à Genève.", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00")
    report = import_paths(db, [tmp_path])
    assert report.batch.documents_added == 1 and report.ignored == [str(tmp_path / "photo.png")]


def test_the_same_file_name_with_other_text_gets_its_own_id(db: Database, tmp_path: Path) -> None:
    for folder, text in (("x", "Premier texte du rapport."), ("y", "Second texte du rapport.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    import_paths(db, [tmp_path / "x"])
    import_paths(db, [tmp_path / "y"])
    assert sorted(b.document.ext_id for b in queries.iter_bundles(db)) == ["report", "report~2"]


def test_check_mode_writes_nothing(db: Database, seeds: Path) -> None:
    report = import_paths(db, [seeds], dry_run=True)
    assert report.dry_run and len(report.files) == 5
    assert queries.count_documents(db) == 0


def _indexes(db: Database) -> list[tuple[str, str]]:
    with db.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_a_bulk_import_leaves_every_reference_whole_and_edits_check_them_again(
    sqlite_db: Database, samples: Path, seeds: Path
) -> None:
    """The batch writer skips SQLite's per-row foreign key checks and builds the span indexes of an
    empty table at the end; the result must be what the checked, indexed path would have made."""
    indexes = _indexes(sqlite_db)
    import_paths(sqlite_db, [samples / "preannotated.jsonl"])  # into empty tables
    import_paths(sqlite_db, [seeds])  # into tables that hold rows
    assert _indexes(sqlite_db) == indexes
    with sqlite_db.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("SELECT count(*) FROM spans").scalar() > 0
        # History rows written straight to the driver hold what the ORM writes: JSON null, not NULL.
        assert conn.exec_driver_sql('SELECT count(*) FROM history WHERE "before" IS NULL').scalar() == 0
    # Every pooled connection checks foreign keys again for the next writer.
    for _ in range(3):
        with pytest.raises(IntegrityError), sqlite_db.write() as session:
            session.connection().exec_driver_sql(
                'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attributes, note, '
                "created_at, updated_at, version) VALUES (99999, 1, 1, 0, 1, '{}', '', '2026-01-01', '2026-01-01', 1)"
            )


def test_a_batch_refused_inside_its_transaction_keeps_the_indexes_of_the_empty_table(
    sqlite_db: Database, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({"id": "a", "text": "نص أول"}, ensure_ascii=False) + "\n", encoding="utf-8")
    entity = {"annotator": "x", "layer": "entity", "label": "ORG", "start": 0, "end": 5}
    clash = {"id": "a", "text": "الأمم المتحدة", "annotations": [entity]}  # id "a" is taken by another text
    second.write_text(json.dumps(clash, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(sqlite_db, [first])
    indexes = _indexes(sqlite_db)
    with pytest.raises(InputRejected, match="already used by another text"):
        import_paths(sqlite_db, [second])
    assert _indexes(sqlite_db) == indexes
    assert [b.document.ext_id for b in queries.iter_bundles(sqlite_db)] == ["a"]


def test_a_long_first_line_is_the_whole_title_and_an_overlong_one_is_cut_at_a_word() -> None:
    from curator.io.text_files import TITLE_MAX, title_of

    line = " ".join(["منظمة التعاون الإسلامي تبحث مع الأمم المتحدة"] * 8)
    assert 200 < len(line) < TITLE_MAX and title_of(line + "\nنص", "f") == line  # whole: the window elides it
    overlong = " ".join(["التعاون"] * 200)
    title = title_of(overlong, "f")
    assert len(title) <= TITLE_MAX and title.endswith("التعاون…") and overlong.startswith(title[:-1])
    marks = "خَ" * 600  # no space: cut between letters, never between a letter and its mark
    assert title_of(marks, "f")[-2:] == "َ…"
