"""Errors the core raises: each carries one sentence meant for the user."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class ReplydeskError(Exception):
    """Base of every error that a user may see; `str(error)` is the message."""


class FieldValueError(ReplydeskError):
    """A value that does not parse as its field's type ("price: '25,x' is not an amount")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class InvalidValuesError(FieldValueError):
    """Several values that do not parse, reported together on one line."""

    def __init__(self, problems: list[FieldValueError]) -> None:
        ReplydeskError.__init__(self, "; ".join(str(p) for p in problems))
        self.field = problems[0].field
        self.problems = list(problems)


class MissingFieldsError(ReplydeskError):
    """Required fields without a value; names every one of them."""

    def __init__(self, fields: list[str]) -> None:
        self.fields = list(fields)
        noun = "field" if len(self.fields) == 1 else "fields"
        super().__init__(f"missing required {noun}: {', '.join(self.fields)}")


class TemplateSyntaxProblem(ReplydeskError):
    """A template body that does not parse; carries the line number."""

    def __init__(self, message: str, line: int | None, template: str | None = None) -> None:
        self.line = line
        self.template = template
        self.short_message = message
        where = f"line {line}: " if line else ""
        prefix = f"{template}: " if template else ""
        super().__init__(f"{prefix}{where}{message}")


class RenderProblem(ReplydeskError):
    """A template that parsed but failed while rendering (bad filter input, unsafe access...)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        self.short_message = message
        where = f"line {line}: " if line else ""
        super().__init__(f"{where}{message}")


class UnsafeTemplateError(RenderProblem):
    """A template tried to reach something the sandbox forbids."""


class RenderBudgetExceeded(RenderProblem):
    """Rendering took too long or produced too much text."""


class RenderTimeExceeded(RenderBudgetExceeded):
    """Rendering used up its processor time; with a larger budget it may still finish."""


class NotFoundError(ReplydeskError):
    """A template or order that does not exist."""


class AmbiguousNameError(ReplydeskError):
    """A name or id prefix that matches more than one template."""


class StoreError(ReplydeskError):
    """The database cannot be opened, upgraded or written."""


class DamagedDatabaseError(StoreError):
    """The database file is not a (healthy) SQLite database: damaged, truncated, garbage."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class LibraryFileError(ReplydeskError):
    """A front-matter template file that cannot be read."""


def shown(value: Any, limit: int = 60) -> str:
    """A value from a file or a form as a message shows it: one line, cut short, never a
    deep repr (a message is one sentence, whatever a hostile file holds)."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return type(value).__name__
    try:
        text = repr(value)
    except ValueError:  # an int too long to print
        return "a number"
    return text if len(text) <= limit else text[: limit - 3] + "..."
