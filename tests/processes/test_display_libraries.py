"""A desktop lacking the X11 libraries Qt's xcb plugin needs: one line naming the packages to
install, and a non-zero exit, instead of Qt aborting the process."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from curator.cli.main import cli
from curator.gui import display_libraries
from curator.gui.display_libraries import LIBRARIES, display_problem, uses_x11

X11 = {"DISPLAY": ":0"}


def _lacking(*absent: str) -> object:
    """A loader that finds every library but ``absent`` (as the dynamic loader would not)."""

    def load(soname: str) -> object:
        if soname in absent:
            raise OSError(f"{soname}: cannot open shared object file: No such file or directory")
        return object()

    return load


def test_a_fresh_desktop_is_told_which_packages_to_install() -> None:
    problem = display_problem(X11, _lacking("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    assert problem == (
        "the window needs X11 libraries this system lacks (libxcb-icccm.so.4, libxcb-keysyms.so.1): "
        "sudo apt install libxcb-icccm4 libxcb-keysyms1 (Debian, Ubuntu) "
        "or sudo dnf install xcb-util-wm xcb-util-keysyms (Fedora)"
    )
    assert "\n" not in problem


def test_nothing_is_said_when_the_libraries_are_there_or_qt_will_not_use_x11() -> None:
    assert display_problem(X11, _lacking()) is None
    for environ in ({}, {"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, {"QT_QPA_PLATFORM": "offscreen"}):
        assert not uses_x11(environ)
        assert display_problem(environ, _lacking(*LIBRARIES)) is None
    assert uses_x11({"DISPLAY": ":1", "QT_QPA_PLATFORM": "xcb"})


@pytest.mark.parametrize("command", [["gui"], ["review", "--reviewer", "lea"]])
def test_the_window_commands_stop_with_the_line_and_a_non_zero_exit(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(display_libraries, "LOAD", _lacking("libxcb-cursor.so.0"))
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{tmp_path / 'c.sqlite'}", *command])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "curator: error: the window needs X11 libraries this system lacks (libxcb-cursor.so.0): "
        "sudo apt install libxcb-cursor0 (Debian, Ubuntu) or sudo dnf install xcb-util-cursor (Fedora)"
    ]


def test_the_list_is_what_pyside6s_xcb_plugin_links() -> None:
    """Every library the installed plugin needs (its ELF NEEDED entries) is in the list, but Qt's own."""
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    qpa = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6XcbQpa.so.6"
    if not plugin.exists():
        pytest.fail(f"PySide6 has no xcb plugin at {plugin}")
    needed = _needed(plugin) | _needed(qpa)
    system = {n for n in needed if not n.startswith(("libQt6", "libc.", "libm.", "libstdc++", "libgcc_s"))}
    assert system <= set(LIBRARIES), sorted(system - set(LIBRARIES))


def _needed(path: Path) -> set[str]:
    """The NEEDED sonames of an ELF shared object, read from its dynamic section (the 64-bit
    little-endian layout of PySide6's Linux wheels), as ``readelf -d`` lists them."""
    import struct

    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1
    shoff, shentsize, shnum = struct.unpack_from("<Q", data, 0x28)[0], *struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    dynamic = next(s for s in sections if s[1] == 6)  # SHT_DYNAMIC
    strtab = sections[dynamic[6]]  # sh_link: its string table
    names = set()
    for offset in range(dynamic[4], dynamic[4] + dynamic[5], 16):
        tag, value = struct.unpack_from("<qQ", data, offset)
        if tag == 0:
            break
        if tag == 1:  # DT_NEEDED
            start = strtab[4] + value
            names.add(data[start : data.index(b"\0", start)].decode())
    return names
