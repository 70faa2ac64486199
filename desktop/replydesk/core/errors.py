"""Errors the core raises: each carries one sentence meant for the user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from replydesk.core.i18n import gettext, ngettext


class ReplydeskError(Exception):
    """Base of every error that a user may see; `str(error)` is the message."""


class FieldValueError(ReplydeskError):
    """A value that does not parse as its field's type ("Price: '25,x' is not an amount").

    `field` is the field's name (callers key problems by it); the message starts with the
    label the user knows the field by, when given, else with the name."""

    def __init__(self, field: str, message: str, *, label: str | None = None) -> None:
        # Translators: a value that does not parse; {field} is the field's label (or name),
        # {message} says what is wrong with it ("'25,x' is not an amount").
        text = gettext("{field}: {message}")
        super().__init__(text.format(field=label or field, message=message))
        self.field = field
        self.reason = message  # without the field's name or label


MAX_LISTED = 5
"""Names (or problems) a message lists before it says how many more there are."""


def listed(items: list[str], separator: str = ", ", limit: int = MAX_LISTED) -> str:
    """Items for a one-line message: all of them, or the first `limit` and "and 8,995
    more" (a template with 9,000 fields made a 62,000-character line)."""
    if len(items) <= limit + 1:
        return separator.join(items)
    more = len(items) - limit
    # Translators: the end of a cut list; {items} are the first ones listed, {count} how
    # many more there are ("name, kind, body and 8,995 more").
    return ngettext("{items} and {count} more", "{items} and {count} more", more).format(
        items=separator.join(items[:limit]), count=f"{more:,}"
    )


class InvalidValuesError(FieldValueError):
    """Several values that do not parse, reported together on one line."""

    def __init__(self, problems: list[FieldValueError]) -> None:
        ReplydeskError.__init__(self, listed([str(p) for p in problems], "; "))
        self.field = problems[0].field
        self.problems = list(problems)


class MissingFieldsError(ReplydeskError):
    """Required fields without a value; names every one of them."""

    def __init__(self, fields: list[str]) -> None:
        self.fields = list(fields)
        count = len(self.fields)
        # Translators: {fields} lists the fields' names.
        text = ngettext(
            "missing required field: {fields}", "missing required fields: {fields}", count
        )
        super().__init__(text.format(fields=listed(self.fields)))


def _where(message: str, line: int | None, template: str | None = None) -> str:
    """A template's problem with where it is: the template (its file or name) and the line."""
    if template and line:
        # Translators: a template's problem; {template} names the template (or its file).
        return gettext("{template}: line {line}: {message}").format(
            template=template, line=line, message=message
        )
    if template:
        # Translators: a template's problem; {template} names the template (or its file).
        return gettext("{template}: {message}").format(template=template, message=message)
    if line:
        # Translators: a template's problem; {line} is the line of its text.
        return gettext("line {line}: {message}").format(line=line, message=message)
    return message


class TemplateSyntaxProblem(ReplydeskError):
    """A template body that does not parse; carries the line number."""

    def __init__(self, message: str, line: int | None, template: str | None = None) -> None:
        self.line = line
        self.template = template
        self.short_message = message
        super().__init__(_where(message, line, template))


class RenderProblem(ReplydeskError):
    """A template that parsed but failed while rendering (bad filter input, unsafe access...)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        self.short_message = message
        super().__init__(_where(message, line))


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


class NotReplydeskError(DamagedDatabaseError):
    """A SQLite database that is not a Replydesk one (another app's): never written to."""


class VariantClashError(ReplydeskError):
    """A template cannot join a reply: the reply already has a variant in its language,
    or it is already one of the reply's variants."""


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
        # Translators: stands in a message for a number too long to show.
        return gettext("a number")
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ChangedElsewhereError(StoreError):
    """A write made against a revision that is no longer the stored one (another window
    or process saved in between), or against a template moved to the trash since: nothing
    was written.

    `revision` is the stored row's revision now, `expected` the one the caller had read;
    `parts` names the parts of the refused write whose stored value differs from it.
    """

    def __init__(
        self,
        template_id: str,
        name: str,
        *,
        expected: int,
        revision: int,
        parts: tuple[str, ...] = (),
        in_trash: bool = False,
    ) -> None:
        self.template_id = template_id
        self.name = name
        self.expected = expected
        self.revision = revision
        self.parts = tuple(parts)
        self.in_trash = in_trash
        title = name if len(name) <= 60 else name[:57] + "..."
        differ = ", ".join(self.parts)  # the parts' keys: name, kind, language, body...
        if in_trash and differ:
            # Translators: {title} is the template's name; {parts} lists the parts whose
            # stored value differs (their keys: name, kind, language, body, fields, tags).
            message = gettext(
                "“{title}” was moved to the trash; nothing was written; it differs in: {parts}"
            )
        elif in_trash:
            # Translators: {title} is the template's name.
            message = gettext("“{title}” was moved to the trash; nothing was written")
        elif differ:
            # Translators: {title} is the template's name, {revision} its stored revision,
            # {expected} the one the edit started from; {parts} lists the parts whose stored
            # value differs (their keys: name, kind, language, body, fields, tags).
            message = gettext(
                "“{title}” was changed elsewhere (revision {revision}, not {expected});"
                " nothing was written; it differs in: {parts}"
            )
        else:
            # Translators: {title} is the template's name, {revision} its stored revision,
            # {expected} the one the edit started from.
            message = gettext(
                "“{title}” was changed elsewhere (revision {revision}, not {expected});"
                " nothing was written"
            )
        super().__init__(
            message.format(title=title, revision=revision, expected=expected, parts=differ)
        )
