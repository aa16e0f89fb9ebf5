"""Where a folder export is written: a fresh temporary folder that replaces ``--out`` only when complete.

A failed or cancelled export (an exception, including one raised by the progress callback) leaves
the previous export, or nothing, but never a half-written dataset. An existing folder is replaced
only when it is empty or holds a previous Curator export (its README.md is a Curator dataset card):
a folder of the user's own files is refused, never deleted.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from curator.errors import CuratorError
from curator.io.dataset_card import is_card

CARD_NAME = "README.md"


class OutputRefused(CuratorError):
    """The output path cannot take this export (a file where a folder is needed, a foreign folder)."""


def check_output_folder(out: Path) -> None:
    """Raise :class:`OutputRefused` unless ``out`` is absent, an empty folder or a Curator export."""
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputRefused(f"{out} is a file; this format writes a folder (give a new folder name)")
    if any(out.iterdir()) and not is_card(out / CARD_NAME):
        raise OutputRefused(f"{out} is not empty and holds no Curator export; choose a new or empty folder")


@contextmanager
def output_folder(out: Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``out``; on success it becomes ``out``."""
    check_output_folder(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.part-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def output_file(out: Path) -> Iterator[Path]:
    """Yield ``out.part``; on success it is renamed over ``out``, on failure removed."""
    if out.is_dir():
        raise OutputRefused(f"{out} is a folder; this format writes one file")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(out)
