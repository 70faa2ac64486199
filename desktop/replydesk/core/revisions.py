"""The revision rule: what each kind of write does to a template's revision numbers.

- `revision` counts versions of a template's text: every change of text adds one.
- `base_revision` is the revision it last shared with the team (sent or received); the
  template is "edited since shared" while the two differ (merge.classify).
- `library_revision` is the revision the built-in library last wrote (None: not a
  built-in template); while `revision` differs from it the user has edited the library's
  text (TemplateRow.is_edited_since_library), and the library's update leaves it alone.
- `updated_at` moves with every change of text.

The store applies these rules in its writes (an edit, an import, the library's sync);
nothing else sets these numbers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from replydesk.core.models import TemplateRow, utcnow

NOT_THE_LIBRARYS = 0
"""The library_revision of a built-in template whose text was replaced by a teammate's:
revisions start at 1, so it is never in step with the library again."""


@dataclass(frozen=True)
class Start:
    """The revision numbers a new template starts with."""

    revision: int
    base_revision: int


NEW = Start(revision=1, base_revision=1)
"""A template made here, a built-in one, or a kept-both copy of a teammate's: version 1,
nothing unshared yet."""


def received(revision: int) -> Start:
    """A teammate's template new to this store: at their revision, shared as of it."""
    return Start(revision=revision, base_revision=revision)


def edit(row: TemplateRow) -> None:
    """The user changed the text: one revision more. It is now edited since shared (and,
    for a built-in template, since the library)."""
    row.revision += 1
    row.updated_at = utcnow()


def take_theirs(row: TemplateRow, revision: int) -> None:
    """A teammate's version replaced the text: at their revision, shared as of it; a
    built-in template's text is no longer the library's at any revision."""
    row.revision = row.base_revision = revision
    row.updated_at = utcnow()
    if row.library_version is not None:
        row.library_revision = NOT_THE_LIBRARYS


class LibraryVerdict(enum.Enum):
    """What the built-in library's sync does with one of its templates."""

    ADD = "add"  # not in the store yet
    UPDATE = "update"  # a newer version of a text the user has not edited
    KEEP_EDITED = "keep-edited"  # a newer version, but the user edited the text
    SKIP = "skip"  # no newer version, in the trash, or no longer the library's


def library_verdict(row: TemplateRow | None, version: int) -> LibraryVerdict:
    """Whether the library's `version` of a template may be written over `row`."""
    if row is None:
        return LibraryVerdict.ADD
    if row.deleted_at is not None or row.library_version is None:
        return LibraryVerdict.SKIP
    if version <= row.library_version:
        return LibraryVerdict.SKIP
    if row.is_edited_since_library:
        return LibraryVerdict.KEEP_EDITED
    return LibraryVerdict.UPDATE


def library_update(row: TemplateRow, version: int) -> None:
    """The library's `version` replaced the text (library_verdict said UPDATE): one
    revision more, and still in step with the library. It is not the user's edit, so a
    template in step with the team stays so."""
    in_step = row.revision == row.base_revision
    row.revision += 1
    if in_step:
        row.base_revision = row.revision
    row.updated_at = utcnow()
    row.library_version = version
    row.library_revision = row.revision


__all__ = [
    "NEW",
    "NOT_THE_LIBRARYS",
    "LibraryVerdict",
    "Start",
    "edit",
    "library_update",
    "library_verdict",
    "received",
    "take_theirs",
]
