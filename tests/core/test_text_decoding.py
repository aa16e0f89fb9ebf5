"""A curator imports files in whatever encoding they came in; wrong guesses are refused, not stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.errors import InputRejected
from curator.text.decoding import decode_bytes, plausibility
from curator.text.newlines import newline_offset_map, normalize_newlines, shift_offset

ARABIC = "اجتماع تنسيقي بين الأمم المتحدة ومنظمة التعاون الإسلامي في أستانا"
FRENCH = "La coopération contre le terrorisme a progressé après un mémorandum signé à Genève"


def test_windows_1256_arabic_sample_is_detected(samples: Path) -> None:
    decoded = decode_bytes((samples / "cp1256_ar.txt").read_bytes(), "cp1256_ar.txt")
    assert decoded.encoding == "cp1256"
    assert decoded.text.startswith("اجتماع تنسيقي بين الأمم المتحدة")


def test_utf16_with_bom_is_decoded_and_bom_recorded(samples: Path) -> None:
    decoded = decode_bytes((samples / "utf16_fr.txt").read_bytes(), "utf16_fr.txt")
    assert decoded.encoding == "utf-16-le" and decoded.had_bom
    assert decoded.text.startswith("L’OCI compte 57 États membres")


def test_utf8_bom_is_removed_but_remembered() -> None:
    decoded = decode_bytes(b"\xef\xbb\xbf" + ARABIC.encode(), "x.txt")
    assert decoded.text == ARABIC and decoded.had_bom and decoded.encoding == "utf-8"


def test_short_iso_8859_6_headline_is_not_read_as_hebrew() -> None:
    headline = "الأمم المتحدة تدعو إلى السلام"
    assert decode_bytes(headline.encode("iso8859_6"), "h.txt").text == headline


def test_cp1252_french_keeps_its_accents() -> None:
    assert decode_bytes(FRENCH.encode("cp1252"), "f.txt").text == FRENCH


def test_ascii_followed_by_cp1256_arabic_is_decoded_right() -> None:
    data = b"header line " * 4000 + b"\n" + ARABIC.encode("cp1256")
    assert decode_bytes(data, "long.txt").text.endswith(ARABIC)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "x.txt: empty file"),
        (b"abc\x00def", "x.txt:1: binary data (NUL byte at byte 3)"),
        (b"ok\nok\n\x01\x02\x03 binary", "x.txt:3: control character U+0001"),
    ],
)
def test_unusable_bytes_are_refused_with_file_and_line(data: bytes, expected: str) -> None:
    with pytest.raises(InputRejected) as caught:
        decode_bytes(data, "x.txt")
    assert str(caught.value).startswith(expected)


def test_undecodable_bytes_name_the_byte_and_ask_for_an_encoding() -> None:
    data = b"ok\n" + bytes([0xD0, 0xA4, 0xC3, 0x28, 0x8F, 0x90]) * 3
    with pytest.raises(InputRejected) as caught:
        decode_bytes(data, "bad.txt")
    message = str(caught.value)
    assert message.startswith("bad.txt:2: invalid UTF-8 at byte 5") and "--encoding" in message


def test_explicit_encoding_wins_and_errors_name_the_line() -> None:
    assert decode_bytes(ARABIC.encode("iso8859_6"), "a.txt", "iso8859_6").text == ARABIC
    with pytest.raises(InputRejected, match=r"a.txt:2: cannot decode as ascii"):
        decode_bytes("x\né".encode(), "a.txt", "ascii")


def test_mojibake_scores_low_and_real_text_high() -> None:
    assert plausibility(ARABIC) == 1.0
    assert plausibility(FRENCH) == 1.0
    assert plausibility(ARABIC.encode("cp1256").decode("cp1252")) < 0.5


def test_crlf_and_cr_become_lf_and_the_style_is_recorded() -> None:
    assert normalize_newlines("a\r\nb\r\n") == ("a\nb\n", "crlf")
    assert normalize_newlines("a\rb") == ("a\nb", "cr")
    assert normalize_newlines("a\r\nb\nc") == ("a\nb\nc", "mixed")
    assert normalize_newlines("abc") == ("abc", "none")


def test_offsets_shift_with_removed_carriage_returns() -> None:
    raw = "ab\r\ncd\r\nef"
    removed = newline_offset_map(raw)
    text, _ = normalize_newlines(raw)
    assert text[shift_offset(removed, 4) : shift_offset(removed, 6)] == raw[4:6] == "cd"
    assert text[shift_offset(removed, 8) : shift_offset(removed, 10)] == "ef"


def test_a_text_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from curator.io.text_files import MAX_TEXT_BYTES, read_text_file

    huge = tmp_path / "dump.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: nothing is written, and nothing must be read
    with pytest.raises(InputRejected, match=rf"^{huge}: 64 MB is over the 64 MB limit for one text file"):
        read_text_file(huge)


def test_a_long_arabic_text_in_windows_1256_is_read_whole() -> None:
    # Past the words judged for plausibility, every byte still decodes with the chosen code page.
    text = "\n".join(f"{ARABIC} {i}" for i in range(6000)) + "\nفي الختام"
    decoded = decode_bytes(text.encode("cp1256"), "long.txt")
    assert (decoded.encoding, decoded.text) == ("cp1256", text)
