"""The revision rule: edits, a teammate's version, copies and the library's updates."""

from __future__ import annotations

from datetime import datetime

import pytest

from replydesk.core import revisions
from replydesk.core.models import TemplateData, TemplateRow
from replydesk.core.revisions import LibraryVerdict

LONG_AGO = datetime(2020, 1, 1)


def row(**values: object) -> TemplateRow:
    made = TemplateData(name="Greeting", kind="greeting", language="en", body="Hi").new_row()
    made.updated_at = LONG_AGO
    for key, value in values.items():
        setattr(made, key, value)
    return made


def numbers(template: TemplateRow) -> tuple[int, int, int | None]:
    return template.revision, template.base_revision, template.library_revision


def test_a_new_template_starts_at_one_with_nothing_unshared() -> None:
    assert (revisions.NEW.revision, revisions.NEW.base_revision) == (1, 1)
    made = TemplateData(name="G", kind="greeting", language="en", body="Hi").new_row()
    assert (made.revision, made.base_revision) == (1, 1)


def test_a_teammates_new_template_is_shared_as_of_their_revision() -> None:
    assert revisions.received(7) == revisions.Start(revision=7, base_revision=7)


def test_an_edit_adds_a_revision_and_leaves_what_was_shared() -> None:
    template = row(revision=3, base_revision=3, library_version=1, library_revision=3)
    revisions.edit(template)
    assert numbers(template) == (4, 3, 3)
    assert template.updated_at > LONG_AGO
    assert template.is_edited_since_library


def test_taking_theirs_is_at_their_revision_and_shared() -> None:
    template = row(revision=5, base_revision=2)
    revisions.take_theirs(template, 9)
    assert numbers(template) == (9, 9, None)
    assert template.updated_at > LONG_AGO


def test_taking_theirs_over_a_builtin_template_leaves_the_library_behind() -> None:
    template = row(revision=1, base_revision=1, library_version=1, library_revision=1)
    revisions.take_theirs(template, 1)  # even at the library's own revision number
    assert numbers(template) == (1, 1, revisions.NOT_THE_LIBRARYS)
    assert template.is_edited_since_library
    assert revisions.library_verdict(template, 2) is LibraryVerdict.KEEP_EDITED


@pytest.mark.parametrize(
    ("values", "version", "verdict"),
    [
        ({"library_version": 1, "library_revision": 1}, 2, LibraryVerdict.UPDATE),
        ({"library_version": 2, "library_revision": 1}, 2, LibraryVerdict.SKIP),
        ({"library_version": 3, "library_revision": 1}, 2, LibraryVerdict.SKIP),
        (
            {"library_version": 1, "library_revision": 1, "revision": 2},
            2,
            LibraryVerdict.KEEP_EDITED,
        ),
        (
            {"library_version": 1, "library_revision": 1, "deleted_at": LONG_AGO},
            2,
            LibraryVerdict.SKIP,
        ),
        ({}, 2, LibraryVerdict.SKIP),  # the user's own template, same id: not the library's
    ],
)
def test_the_library_updates_only_its_own_unedited_texts(
    values: dict[str, object], version: int, verdict: LibraryVerdict
) -> None:
    assert revisions.library_verdict(row(**values), version) is verdict


def test_the_library_adds_what_is_missing() -> None:
    assert revisions.library_verdict(None, 1) is LibraryVerdict.ADD


def test_the_librarys_update_keeps_a_template_in_step_with_the_team() -> None:
    template = row(revision=2, base_revision=2, library_version=1, library_revision=2)
    revisions.library_update(template, 3)
    assert numbers(template) == (3, 3, 3)
    assert template.library_version == 3
    assert not template.is_edited_since_library
    assert template.updated_at > LONG_AGO


def test_the_librarys_update_leaves_unshared_edits_unshared() -> None:
    # Edited since shared, yet the library's text (an edit was undone by taking the text
    # back, say): the library may update it, and it stays edited since shared.
    template = row(revision=4, base_revision=2, library_version=1, library_revision=4)
    revisions.library_update(template, 2)
    assert numbers(template) == (5, 2, 5)
