"""Errors the core raises for bad input; each names the file and the place."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input: ``source:line: message`` (line 0 when the whole file is at fault)."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class CuratorError(Exception):
    """Base of the errors Curator reports to a user as one line."""


@dataclass
class InputRejected(CuratorError):
    """A batch was refused; nothing from it was written. ``problems`` lists every fault found."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        if not self.problems:
            return "input rejected"
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return f"{first} (and {more} more problem{'s' if more > 1 else ''})" if more else first

    def __str__(self) -> str:
        return self.summary()


class SchemaError(CuratorError):
    """The annotation schema file is invalid: the message names the file, line and problem."""


class EditRefused(CuratorError):
    """A user edit breaks a rule (span out of range, unknown label, stale version...)."""


class StaleEdit(EditRefused):
    """Another curator changed the annotation since it was read; ``current`` is their version."""

    def __init__(self, message: str, current: dict[str, object] | None) -> None:
        super().__init__(message)
        self.current = current
