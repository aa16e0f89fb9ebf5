"""Screenshots of the annotation window on seed documents with annotations, for the README.

    python3 scripts/screenshots.py [--out docs/screenshots]

Runs offscreen (QT_QPA_PLATFORM=offscreen unless a display is set up), on a throw-away database and
settings file, and annotates through the window's own workspace (the same commands a curator's keys
run), so the pictures show what the store holds. Arabic needs a font with Arabic glyphs; Noto Naskh
Arabic (Debian: fonts-noto-core) is used when installed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="curator-shots-"))
    os.environ["CURATOR_HOME"] = str(scratch)
    sys.path.insert(0, str(REPO))

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Curator")

    from curator.gui.main_window import MainWindow
    from curator.gui.settings import Preferences
    from curator.io.importer import import_paths
    from curator.records import DocumentIn
    from curator.store import queries
    from curator.store.bulk import write_batch
    from curator.store.database import Database

    db = Database(f"sqlite:///{scratch / 'corpus.sqlite'}")
    import_paths(db, [REPO / "seeds"], annotator="demo")
    bidi_text = (
        "Le Secrétaire général a rencontré le chef de l’OCI\u00a0: «\u202fune coopération essentielle\u202f».\n"
        "قال الأمين العام إن \u2067OCI\u2069 شريك \u200fأساسي\u200f للأمم المتحدة منذ 1975.\n"
    )
    write_batch(
        db, [DocumentIn(source="bidi.txt", line=1, text=bidi_text, ext_id="bidi", title="Bidi controls")], "demo"
    )
    prefs = Preferences(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, "amina", prefs)
    window.resize(1600, 1000)
    window.show()
    for _ in range(5):
        app.processEvents()
    ws, doc = window.workspace, window.workspace.doc
    ids = {ref: doc_id for ref, doc_id in zip(["bidi"], queries.document_ids_by_ext(db, ["bidi"]), strict=True)}
    arabic = next(i for i in _ids(db) if queries.document(db, i).text.startswith("تقرير دولي"))  # type: ignore[union-attr]
    french = next(i for i in _ids(db) if queries.document(db, i).text.startswith("Briefing"))  # type: ignore[union-attr]

    def label(word: str, lab: str, nth: int = 0, layer: str = "entity", **attributes: str) -> None:
        text = doc.text
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        span = ws.add_span(layer, lab, start, start + len(word), attributes or None)
        assert span is not None, (word, ws.last_error)

    def current(word: str, lab: str) -> None:
        start = doc.text.index(word)
        found = doc.spans.find(*_layer_of(lab), start, start + len(word))
        doc.set_current_span(found)

    # -- an Arabic seed, fully annotated, the claim selected --------------------------------------
    window.open_document(arabic)
    for word, lab, nth in (
        ("الأمم المتحدة", "ORG", 0),
        ("منظمة التعاون الإسلامي", "ORG", 0),
        ("غزة", "LOC", 0),
        ("ميانمار", "LOC", 0),
        ("نيويورك", "LOC", 0),
        ("خالد خياري", "PER", 0),
        ("الأمين العام المساعد للشرق الأوسط", "MISC", 0),
        ("القانون الدولي", "LAW", 0),
        ("الأمم المتحدة", "ORG", 1),
    ):
        label(word, lab, nth)
    cue_start = doc.text.index("قال خالد")
    assert ws.add_span("claim", "CUE", cue_start, cue_start + 3) is not None, ws.last_error
    claim_start = doc.text.index("منظمة\nالتعاون الإسلامي تظل")
    claim_end = doc.text.index("لتعزيز\nالسلام") + len("لتعزيز\nالسلام")
    claim = ws.add_span("claim", "CLAIM", claim_start, claim_end, {"stance": "support", "type": "assessment"})
    assert claim is not None, ws.last_error
    person = doc.spans.find("entity", "PER", doc.text.index("خالد خياري"), doc.text.index("خالد خياري") + 10)
    cue = doc.spans.find("claim", "CUE", cue_start, cue_start + 3)
    assert person is not None and cue is not None
    ws.add_relation("claimant", claim, person)
    ws.add_relation("cue", claim, cue)
    ws.set_attribute(doc.spans.get(claim.id), "area", "PEACE_SECURITY")  # type: ignore[arg-type]
    for area in ("PEACE_SECURITY", "HUMANITARIAN"):
        ws.set_document_label("area", area, True)
    ws.set_status("in_progress")
    doc.set_current_span(doc.spans.get(claim.id))
    window.text_view.verticalScrollBar().setValue(0)
    _shoot(app, window, args.out / "window-arabic.png")

    # -- relating from the keyboard: R on the claim, its candidates outlined, the one at hand solid --
    window.controller.start_link("claimant")
    window.relate_keys.step(False)
    _shoot(app, window.text_view, args.out / "relating-by-keys.png")
    window.controller.cancel_link()

    # -- the French seed ---------------------------------------------------------------------------
    window.open_document(french)
    for word, lab in (
        ("Conseil de sécurité", "ORG"),
        ("Khaled Khiari", "PER"),
        ("OCI", "ORG"),
        ("Jeddah", "LOC"),
        ("Arabie saoudite", "LOC"),
        ("Chapitre VIII de la Charte des Nations Unies", "LAW"),
        ("Nations Unies", "ORG"),
        ("Pacte pour l’avenir", "LAW"),
    ):
        label(word, lab)
    label("a déclaré", "CUE", layer="claim")
    start = doc.text.index("l’OCI reste")
    end = doc.text.index("contextes de crise") + len("contextes de crise")
    french_claim = ws.add_span("claim", "CLAIM", start, end, {"stance": "support"})
    person = doc.spans.find("entity", "PER", doc.text.index("Khaled Khiari"), doc.text.index("Khaled Khiari") + 13)
    assert french_claim is not None and person is not None
    ws.add_relation("claimant", french_claim, person)
    current("Khaled Khiari", "PER")
    _shoot(app, window, args.out / "window-french.png")

    # -- bidi controls made visible ----------------------------------------------------------------
    window.open_document(ids["bidi"])
    label("OCI", "ORG", 0)
    label("OCI", "ORG", 1)
    label("الأمين العام", "PER")
    window.invisible_action.trigger()
    doc.set_current_span(None)
    view = window.text_view
    _shoot(app, view, args.out / "invisible-characters.png", height=view.document().size().height() + 16)
    window.invisible_action.trigger()

    window.close()
    db.dispose()
    _interface_languages(args.out, scratch / "languages")
    print(f"screenshots in {args.out}")
    return 0


def _interface_languages(out: Path, home: Path) -> None:
    """The window in each interface language, by ``curator gui --screenshot`` on the demo corpus (a
    database of its own): Arabic with an Arabic document (4 is the demo's French one) and with the
    French one, French with the French one, English with an Arabic one."""
    import subprocess

    env = {**os.environ, "CURATOR_HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
    env.pop("CURATOR_DB", None)
    shots = [
        ("ar", 1, "window-ui-ar.png"),
        ("ar", 4, "window-ui-ar-french-document.png"),
        ("fr", 4, "window-ui-fr.png"),
        ("en", 1, "window-ui-en.png"),
    ]
    for language, document, name in shots:
        command = [sys.executable, "-m", "curator", "gui", "--annotator", "demo", "--ui-language", language]
        command += ["--document", str(document), "--screenshot", str(out / name)]
        subprocess.run(command, env=env, cwd=REPO, check=True)


def _ids(db: object) -> list[int]:
    from curator.store import browse

    return [row.id for row in browse.document_page(db, "amina")]  # type: ignore[arg-type]


def _layer_of(label: str) -> tuple[str, str]:
    return ("claim", label) if label in ("CLAIM", "CUE") else ("entity", label)


def _shoot(app: object, widget: object, path: Path, height: float | None = None) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    for _ in range(10):
        QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    image = widget.grab(QRect(0, 0, widget.width(), int(height))) if height else widget.grab()
    if not image.save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


if __name__ == "__main__":
    raise SystemExit(main())
