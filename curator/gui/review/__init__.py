"""The review window: compare colleagues' work on a document, adjudicate into the gold layer, see
agreement figures. Openable on its own: ``ReviewWindow(db, reviewer)``."""

from curator.gui.review.window import ReviewWindow

__all__ = ["ReviewWindow"]
