"""A writer of spaCy ``DocBin`` files for large exports: the message ``DocBin(store_user_data=True)``
writes for the same ``Doc``s, at a fraction of the time and memory.

spaCy's ``DocBin.add`` reads nine strings per token through Python properties, and packs each
``Doc``'s user data and span groups with a new msgpack ``Packer`` whose set-up looks up the
``srsly`` encoder registry through package entry points (up to a millisecond each time, four times
per ``Doc``); ``to_bytes`` then holds every token array three times over (the list, the stacked
array, its bytes) plus the whole message before compressing it: 900 MB for 3,000 ``Doc``s of a
thousand tokens. Here the strings come from the distinct values of the token array's columns, one
``Packer`` packs everything, the token arrays go to a scratch file as they come, and the message is
compressed as it is written.

The file is zlib over the msgpack message, as spaCy writes it, but compressed at level
:data:`ZLIB_LEVEL` rather than zlib's default 6: on token arrays (mostly zeros) that is three times
faster (about a second less for 3,000 ``Doc``s) for a file 7% larger. ``DocBin.from_bytes`` reads
any level. The format is spaCy's, not Curator's: ``tests/core/test_format_spacy.py`` checks that the
message is byte for byte the one ``DocBin`` writes, so a spaCy release that changes it is caught.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from curator.optional_libs import MissingLibrary

try:
    import numpy
    import srsly  # type: ignore[import-untyped, unused-ignore]
    from spacy.attrs import IDS, SPACY  # type: ignore[import-not-found, unused-ignore]
    from spacy.tokens import Doc, DocBin
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingLibrary("spacy", "spaCy 3") from exc

# The token attributes whose string forms ``DocBin.add`` collects (text, tag_, lemma_, norm_,
# str(morph), dep_, ent_type_, ent_kb_id_, ent_id_): each is the string of its column's hash.
_STRING_ATTRS = ("ORTH", "TAG", "LEMMA", "NORM", "MORPH", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")
_CHUNK = 16 * 1024 * 1024
ZLIB_LEVEL = 3
_EMPTY_SPAN_GROUPS = b"\x90"  # msgpack of [], what SpanGroups.to_bytes gives for no groups
_SPAN = struct.Struct(">QQQllll")  # SpanGroup.to_bytes: id, kb_id, label, start, end, start_char, end_char


def bin_header(size: int) -> bytes:
    """The msgpack header of a ``bin`` value of ``size`` bytes (the smallest form, as msgpack packs)."""
    if size <= 0xFF:
        return b"\xc4" + struct.pack(">B", size)
    if size <= 0xFFFF:
        return b"\xc5" + struct.pack(">H", size)
    return b"\xc6" + struct.pack(">I", size)


def pack_span(span_id: int, kb_id: int, label: int, start: int, end: int, start_char: int, end_char: int) -> bytes:
    """One span as ``SpanGroup.to_bytes`` packs it: ids and label hashes, token and character offsets."""
    return _SPAN.pack(span_id, kb_id, label, start, end, start_char, end_char)


@dataclass(frozen=True)
class SpanGroupBytes:
    """One span group of a ``Doc`` for :meth:`DocBinWriter.add_arrays`: its key in ``doc.spans``,
    its name and attributes, its spans packed by :func:`pack_span`."""

    key: str
    name: str
    attrs: dict[str, Any]
    spans: list[bytes]


class DocBinWriter:
    """Collect ``Doc``s with :meth:`add`, then :meth:`write` the ``.spacy`` file.

    ``scratch`` is a file the token arrays are written to meanwhile (deleted by :meth:`write` and
    :meth:`close`); put it beside the output, never in a RAM-backed temporary folder.
    """

    def __init__(self, scratch: Path) -> None:
        reference = DocBin(store_user_data=True)
        self.attrs: list[int | str] = list(reference.attrs)  # ids, whatever DocBin's annotation says
        self.version: str = reference.version
        self._string_columns = [self.attrs.index(IDS[name]) for name in _STRING_ATTRS]
        self._morph_column = self.attrs.index(IDS["MORPH"])
        self._packer = srsly.msgpack.Packer(use_bin_type=True)
        self._scratch_path = scratch
        self._scratch: IO[bytes] | None = scratch.open("wb")
        self._token_bytes = 0
        self.spaces: list[bytes] = []
        self.lengths: list[int] = []
        self.strings: set[str] = set()
        self._hashes: set[int] = set()  # of token strings, turned into strings by :meth:`write`
        self._vocab: Any = None
        self.cats: list[dict[str, float]] = []
        self.flags: list[dict[str, bool]] = []
        self.span_groups: list[bytes] = []
        self.user_data: list[bytes] = []

    def __len__(self) -> int:
        return len(self.lengths)

    def add(self, doc: Doc) -> None:
        """What ``DocBin.add`` records of ``doc``."""
        array = doc.to_array(self.attrs)
        self._add_token_strings(doc, array)
        groups = []
        for key, group in doc.spans.items():
            spans = []
            for span in group:
                spans.append(
                    pack_span(span.id, span.kb_id, span.label, span.start, span.end, span.start_char, span.end_char)
                )
                self.strings.add(span.label_)
                if span.kb_id in doc.vocab.strings:
                    self.strings.add(span.kb_id_)
                if span.id in doc.vocab.strings:
                    self.strings.add(span.id_)
            groups.append(SpanGroupBytes(key, group.name, group.attrs, spans))
        self.add_arrays(
            array,
            numpy.asarray(doc.to_array(SPACY), dtype=bool).tobytes("C"),
            cats=doc.cats,
            user_data=doc.user_data,
            span_groups=groups,
            has_unknown_spaces=doc.has_unknown_spaces,
        )

    def add_arrays(
        self,
        array: Any,
        spaces: bytes,
        *,
        cats: dict[str, float],
        user_data: dict[Any, Any],
        span_groups: list[SpanGroupBytes],
        has_unknown_spaces: bool = False,
    ) -> None:
        """What ``DocBin.add`` records of a ``Doc`` whose parts the caller made itself: the token array
        (``Doc.to_array(self.attrs)``), the SPACY column as bytes, the span groups in
        ``doc.spans`` order. The strings of the token array and spans are the caller's to give
        (:meth:`add_token_strings`, :meth:`add_strings`)."""
        assert self._scratch is not None, "add() after write()"
        self._scratch.write(array.tobytes("C"))
        self._token_bytes += array.nbytes
        self.lengths.append(len(array))
        self.spaces.append(spaces)
        self.flags.append({"has_unknown_spaces": has_unknown_spaces})
        self.cats.append(cats)
        pack = self._packer.pack
        self.user_data.append(pack(user_data))
        groups: dict[bytes, list[str]] = {}
        for group in span_groups:
            packed = pack({"name": group.name, "attrs": group.attrs, "spans": group.spans})
            groups.setdefault(packed, []).append(group.key)
        self.span_groups.append(pack(groups) if groups else _EMPTY_SPAN_GROUPS)

    def add_strings(self, strings: Iterable[str]) -> None:
        self.strings.update(strings)

    def add_token_strings(self, array: Any, vocab: Any) -> None:
        """The strings of a token array's columns (texts, norms, entity labels and ids...), for
        :meth:`add_arrays`; the array must hold no morphological analysis."""
        self._vocab = vocab
        if not len(array):
            return
        used = array[:, self._string_columns].any(axis=0).tolist()
        for column, any_set in zip(self._string_columns, used, strict=True):
            if any_set:
                self._hashes.update(array[:, column].tolist())
            else:
                self._hashes.add(0)  # the empty string: no lemma, no tag...

    def _add_token_strings(self, doc: Doc, array: Any) -> None:
        if not len(array):
            return
        if array[:, self._morph_column].any():
            # a morphological analysis reads as its FEATS string, not as a plain hash: ask each token
            for token in doc:
                self.strings.update(
                    (
                        token.text,
                        token.tag_,
                        token.lemma_,
                        token.norm_,
                        str(token.morph),
                        token.dep_,
                        token.ent_type_,
                        token.ent_kb_id_,
                        token.ent_id_,
                    )
                )
            return
        # Hashes now, strings at the end: Docs of one text (and texts of one language) share most.
        self.add_token_strings(array, doc.vocab)

    def write(self, path: Path) -> None:
        """Write the ``.spacy`` file: zlib over the msgpack of spaCy's ``DocBin.to_bytes`` message."""
        assert self._scratch is not None, "write() twice"
        self._scratch.close()
        self._scratch = None
        pack = self._packer.pack
        compressor = zlib.compressobj(ZLIB_LEVEL)
        with path.open("wb") as out:

            def put(data: bytes) -> None:
                out.write(compressor.compress(data))

            put(self._packer.pack_map_header(10))
            put(pack("version") + pack(self.version))
            put(pack("attrs") + pack(self.attrs))
            put(pack("tokens") + bin_header(self._token_bytes))
            with self._scratch_path.open("rb") as tokens:
                while chunk := tokens.read(_CHUNK):
                    put(chunk)
            self._scratch_path.unlink()
            spaces = b"".join(self.spaces)
            put(pack("spaces") + bin_header(len(spaces)) + spaces)
            put(pack("lengths") + pack(numpy.asarray(self.lengths, dtype="int32").tobytes("C")))
            if self._vocab is not None:
                self.strings.update(self._vocab.strings[h] for h in self._hashes)
            put(pack("strings") + pack(sorted(self.strings)))
            put(pack("cats") + pack(self.cats))
            put(pack("flags") + pack(self.flags))
            put(pack("span_groups") + pack(self.span_groups))
            put(pack("user_data") + pack(self.user_data))
            out.write(compressor.flush())

    def close(self) -> None:
        """Drop the scratch file (after a failure; :meth:`write` removes it itself)."""
        if self._scratch is not None:
            self._scratch.close()
            self._scratch = None
        self._scratch_path.unlink(missing_ok=True)
