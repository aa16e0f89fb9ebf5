"""The catalogues are complete and current: pyside6-lupdate run over the window's source (into copies)
finds no unfinished, vanished or obsolete entry; the shipped .qm files are what lrelease makes of
the .ts files; ``curator gui --screenshot`` renders an interface in another language."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from curator.gui.translations import TRANSLATED, catalogue, check, problems, run_lrelease


def test_lupdate_over_the_source_leaves_nothing_to_translate() -> None:
    left = check()
    assert not left, "run `python -m curator.gui.translations update` and translate:\n" + "\n".join(map(str, left))


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_shipped_qm_is_the_compiled_catalogue(language: str, tmp_path: Path) -> None:
    ts = catalogue(language)
    compiled = tmp_path / f"curator_{language}.qm"
    run_lrelease(ts, compiled)
    assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes(), (
        "the .qm is older than the .ts: run `python -m curator.gui.translations update`"
    )


def test_each_catalogue_says_its_direction_and_has_every_plural_form() -> None:
    expected = {"fr": ("LTR", 2), "ar": ("RTL", 6)}
    for language in TRANSLATED:
        direction, forms = expected[language]
        root = ET.parse(catalogue(language)).getroot()
        entry = next(m for m in root.iter("message") if m.findtext("source") == "QT_LAYOUT_DIRECTION")
        assert entry.findtext("translation") == direction
        counted = [m for m in root.iter("message") if m.get("numerus") == "yes"]
        assert counted
        for message in counted:
            assert len(list(message.iter("numerusform"))) == forms, message.findtext("source")


def test_the_check_finds_an_unfinished_entry_an_obsolete_one_and_a_lost_placeholder(tmp_path: Path) -> None:
    ts = tmp_path / "curator_fr.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>MainWindow</name>
    <message><source>Documents</source><translation type="unfinished"></translation></message>
    <message><source>Gone</source><translation type="vanished">Parti</translation></message>
    <message><source>Now annotating as {0}</source><translation>Vous annotez</translation></message>
    <message><source>Labels</source><translation>Étiquettes</translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    found = {(item.source, item.why) for item in problems(ts, "fr")}
    assert found == {("Documents", "unfinished"), ("Gone", "vanished"), ("Now annotating as {0}", "placeholder")}
    # In Arabic a {0} must be isolated (FSI…PDI), or a Latin name takes the punctuation around it.
    arabic = tmp_path / "curator_ar.ts"
    text = ts.read_text(encoding="utf-8").replace('language="fr_FR"', 'language="ar"')
    arabic.write_text(text.replace("Vous annotez", "تُوسِّم الآن باسم {0}"), encoding="utf-8")
    assert ("Now annotating as {0}", "placeholder not isolated") in {(i.source, i.why) for i in problems(arabic, "ar")}
    arabic.write_text(text.replace("Vous annotez", "تُوسِّم الآن باسم \u2068{0}\u2069"), encoding="utf-8")
    assert "Now annotating as {0}" not in {i.source for i in problems(arabic, "ar")}


ARGS = ("--annotator", "amina", "--ui-language", "ar", "--document", "1", "--screenshot")


@pytest.mark.gui
def test_the_window_renders_in_arabic_into_a_png(tmp_path: Path) -> None:
    target = tmp_path / "window-ar.png"
    env = {
        **os.environ,
        "CURATOR_HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("QT_QPA_PLATFORM", None)  # --screenshot chooses offscreen itself
    done = subprocess.run(
        [sys.executable, "-m", "curator", "--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "gui", *ARGS, str(target)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1600, 1000)
    assert not (tmp_path / "window-ar.ini").exists()
