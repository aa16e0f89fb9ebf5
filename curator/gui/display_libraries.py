"""The system libraries Qt's X11 platform plugin needs, checked before Qt loads it.

Without one of them Qt aborts the process (SIGABRT) with a message that names ``xcb-cursor0``
whatever is missing. So before the first ``QApplication``, when Qt would use X11 (``QT_QPA_PLATFORM``
unset or ``xcb``, and ``DISPLAY`` set), each library is loaded by its soname, and a missing one
stops the start with one line naming the packages to install. No Qt here: it runs before Qt starts.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable, Mapping

# What PySide6's libqxcb.so and libQt6XcbQpa.so.6 link (readelf -d, PySide6 6.11) and the packages
# that hold each: (Debian/Ubuntu, Fedora).
LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
}


# How a library is loaded (tests put a loader that refuses some in its place).
LOAD: Callable[[str], object] = ctypes.CDLL


def uses_x11(environ: Mapping[str, str]) -> bool:
    """Whether Qt will load its xcb plugin: no platform chosen (or ``xcb``) and an X display."""
    platform = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip()
    return platform in ("", "xcb") and bool(environ.get("DISPLAY"))


def missing_libraries(load: Callable[[str], object] | None = None) -> list[str]:
    """The sonames of :data:`LIBRARIES` that ``load`` (default :data:`LOAD`) cannot load: ctypes
    raises OSError for a library the dynamic loader does not find."""
    load = load or LOAD
    missing = []
    for soname in LIBRARIES:
        try:
            load(soname)
        except OSError:
            missing.append(soname)
    return missing


def display_problem(
    environ: Mapping[str, str] | None = None, load: Callable[[str], object] | None = None
) -> str | None:
    """One line saying which packages to install for the window to open, or None when nothing is
    missing (or Qt will not use X11)."""
    if not uses_x11(os.environ if environ is None else environ):
        return None
    missing = missing_libraries(load)
    if not missing:
        return None
    debian = " ".join(dict.fromkeys(LIBRARIES[name][0] for name in missing))
    fedora = " ".join(dict.fromkeys(LIBRARIES[name][1] for name in missing))
    return (
        f"the window needs X11 libraries this system lacks ({', '.join(missing)}): "
        f"sudo apt install {debian} (Debian, Ubuntu) or sudo dnf install {fedora} (Fedora)"
    )
