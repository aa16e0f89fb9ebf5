"""Curator: desktop annotation of a multilingual news corpus.

The core (``text``, ``schema``, ``store``, ``io``) imports no Qt; ``curator.gui`` is one client of it.
"""

__version__ = "0.1.0"
