"""A progress bar on a terminal, nothing when output is piped (scripts and CI)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _nothing(_n: int) -> None:
    pass


@contextmanager
def progress_bar(description: str) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """Yield ``(set_total, advance)`` callbacks for a rich progress bar on stderr; callbacks that do
    nothing when stderr is not a terminal (rich is then not even imported: a twentieth of a small
    command's time, and a call per document of a large export)."""
    if not sys.stderr.isatty():
        yield _nothing, _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)
        yield (lambda n: progress.update(task, total=n)), (lambda n: progress.advance(task, n))
