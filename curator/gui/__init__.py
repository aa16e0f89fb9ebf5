"""The PySide6 window: one client of the Qt-free core."""
