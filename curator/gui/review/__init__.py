"""The review window: compare colleagues' work on a document, adjudicate into the gold layer, see
agreement figures. Opened with ``open_review_window(db, reviewer)``: the one place that turns the
app's database into the services the window is given."""

from curator.gui.review.controller import ReviewController
from curator.gui.review.window import ReviewWindow
from curator.review.service import ReviewService
from curator.store.database import Database


def open_review_window(db: Database, reviewer: str) -> ReviewWindow:
    """The review window of ``reviewer`` on ``db`` (on its own or from the main window)."""
    return ReviewWindow(ReviewController(ReviewService(db, reviewer)))


__all__ = ["ReviewController", "ReviewWindow", "open_review_window"]
