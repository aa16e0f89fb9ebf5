"""Reviewing colleagues (Qt-free): differences between annotators, curation into the gold layer,
comments, per-document review state, and agreement figures.

The window (``curator.gui.review``), the CLI (``curator agreement``, ``curator report``) and the tests
are clients of these modules; none of them imports Qt.
"""
