"""Merging a teammate's templates: statuses, choices, and an import that is all or nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from replydesk.core import library, merge
from replydesk.core.bundle import Bundle, IncomingTemplate, export_file, read_bundle
from replydesk.core.errors import StoreError
from replydesk.core.merge import (
    Choice,
    ImportOutcome,
    MergePlan,
    Status,
    apply_plan,
    plan_import,
)
from replydesk.core.models import TemplateData, TemplateRow
from replydesk.core.store import AddTemplate, ImportAction, TemplateStore

ALICE_ID = "0b7f1f6e-6a43-4c6a-9d0e-3a1c2b4d5e6f"


@pytest.fixture
def bob(tmp_path: Path) -> Iterator[TemplateStore]:
    """The teammate who sends templates (the test's `store` receives them)."""
    opened = TemplateStore(tmp_path / "bob" / "replydesk.sqlite3", tmp_path / "bob" / "backups")
    try:
        yield opened
    finally:
        opened.close()


def new_template(store: TemplateStore, name: str = "Welcome", **changes: Any) -> TemplateRow:
    data = TemplateData(
        name=name,
        kind="greeting",
        language="en",
        body="Hello {{ client_name }},\nthanks for the order.\n{{ my_name }}\n",
        tags=["hello"],
        fields=[{"name": "extra", "type": "text", "required": False}],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return store.create_template(data)


def send(sender: TemplateStore, tmp_path: Path, name: str = "bob.replydesk") -> Bundle:
    path = tmp_path / name
    export_file(sender, path)
    return read_bundle(path)


def share(sender: TemplateStore, receiver: TemplateStore, tmp_path: Path) -> ImportOutcome:
    return apply_plan(receiver, plan_import(receiver, send(sender, tmp_path)))


def only_item(plan: MergePlan) -> merge.MergeItem:
    (item,) = plan.items
    return item


def dump(store: TemplateStore) -> list[str]:
    """Every row of every table, the trash and the search index included."""
    with closing(sqlite3.connect(store.path)) as connection:
        return list(connection.iterdump())


def incoming(**changes: Any) -> IncomingTemplate:
    template = IncomingTemplate(
        id=ALICE_ID,
        name="Welcome",
        kind="greeting",
        language="en",
        body="Hello\n",
        tags=(),
        fields=(),
        revision=1,
        base_revision=1,
        updated_at=None,
    )
    return replace(template, **changes)


# --- statuses and their defaults ------------------------------------------------------------


def test_new_templates_are_added_with_their_id_and_revision(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    sent = new_template(bob)
    bob.update_template(sent.id, body="Hi {{ client_name }}\n")  # revision 2, base 1

    plan = plan_import(store, send(bob, tmp_path))
    item = only_item(plan)
    assert (item.status, item.choice, item.local) == (Status.NEW, Choice.THEIRS, None)
    assert item.title == "Welcome" and item.diff() == ""

    outcome = apply_plan(store, plan)

    assert (outcome.added, outcome.updated, outcome.kept) == (1, 0, 0)
    row = store.get_template(sent.id)
    assert (row.revision, row.base_revision, row.origin) == (2, 2, "import")
    assert (row.body, row.tags, row.fields) == ("Hi {{ client_name }}\n", ["hello"], sent.fields)


def test_an_update_to_an_unedited_template_is_taken_by_default(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    sent = new_template(bob)
    share(bob, store, tmp_path)
    bob.update_template(sent.id, body="Newer words {{ client_name }}\n", tags=["hello", "new"])

    plan = plan_import(store, send(bob, tmp_path))
    item = only_item(plan)
    assert (item.status, item.choice) == (Status.UPDATE, Choice.THEIRS)

    outcome = apply_plan(store, plan)

    assert outcome.updated == 1
    row = store.get_template(sent.id)
    assert row.body == "Newer words {{ client_name }}\n" and row.tags == ["hello", "new"]
    assert (row.revision, row.base_revision) == (2, 2)


def test_a_conflict_keeps_mine_by_default(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    sent = new_template(bob)
    share(bob, store, tmp_path)
    bob.update_template(sent.id, body="Bob's words\n")
    store.update_template(sent.id, body="My words\n")
    before = dump(store)

    plan = plan_import(store, send(bob, tmp_path))
    item = only_item(plan)
    assert (item.status, item.choice) == (Status.CONFLICT, Choice.MINE)
    assert plan.changes() == 0

    outcome = apply_plan(store, plan)

    assert (outcome.kept, outcome.updated, outcome.backup) == (1, 0, None)
    assert dump(store) == before


def test_conflict_take_theirs(store: TemplateStore, bob: TemplateStore, tmp_path: Path) -> None:
    sent = new_template(bob)
    share(bob, store, tmp_path)
    for number in range(3):
        bob.update_template(sent.id, body=f"Bob's words {number}\n")  # revision 4
    store.update_template(sent.id, body="My words\n")

    plan = plan_import(store, send(bob, tmp_path))
    plan.choose_all(Choice.THEIRS)  # what --on-conflict theirs does
    outcome = apply_plan(store, plan)

    assert outcome.updated == 1
    row = store.get_template(sent.id)
    assert row.body == "Bob's words 2\n"
    assert (row.revision, row.base_revision) == (4, 4)


def test_conflict_keep_both_adds_a_named_copy(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    sent = new_template(bob)
    share(bob, store, tmp_path)
    bob.update_template(sent.id, body="Bob's words\n")
    store.update_template(sent.id, body="My words\n")

    plan = plan_import(store, send(bob, tmp_path, "team-march.replydesk"))
    plan.choose_all(Choice.BOTH, (Status.CONFLICT,))
    outcome = apply_plan(store, plan)

    assert outcome.copies == 1
    mine = store.get_template(sent.id)
    assert (mine.body, mine.revision, mine.base_revision) == ("My words\n", 2, 1)
    (copy,) = [row for row in store.list_templates() if row.id != sent.id]
    assert copy.name == "Welcome (from team-march.replydesk)"
    assert copy.body == "Bob's words\n"
    assert (copy.revision, copy.base_revision, copy.origin) == (1, 1, "import")
    assert copy.fields == sent.fields and copy.tags == sent.tags


def test_the_same_content_is_identical_whatever_the_revisions(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    sent = new_template(bob)
    share(bob, store, tmp_path)
    # Bob edits it and edits it back: revision 3, the same content.
    bob.update_template(sent.id, body="Something else\n")
    bob.update_template(sent.id, body=sent.body)

    item = only_item(plan_import(store, send(bob, tmp_path)))

    assert (item.status, item.choice, item.diff()) == (Status.IDENTICAL, Choice.MINE, "")


def test_an_older_incoming_revision_is_a_conflict_not_an_update(store: TemplateStore) -> None:
    row = new_template(store, id=ALICE_ID, revision=5, base_revision=5)
    older = incoming(revision=3, body="Older words\n")
    assert merge.classify(older, row) is Status.CONFLICT
    assert merge.classify(replace(older, revision=6), row) is Status.UPDATE
    assert merge.classify(replace(older, revision=5), row) is Status.CONFLICT


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({}, Status.IDENTICAL),
        ({"body": "\n\nHello\n  \n"}, Status.IDENTICAL),  # what a front-matter file does
        ({"body": "Hello!\n"}, Status.UPDATE),
        ({"name": "Welcome 2"}, Status.UPDATE),
        ({"kind": "delivery"}, Status.UPDATE),
        ({"language": "ro"}, Status.UPDATE),
        ({"tags": ("x",)}, Status.UPDATE),
        ({"fields": ({"name": "x", "type": "text"},)}, Status.UPDATE),
    ],
)
def test_every_shared_part_counts(
    store: TemplateStore, change: dict[str, Any], status: Status
) -> None:
    row = new_template(store, id=ALICE_ID, body="Hello\n", tags=[], fields=[])
    assert merge.classify(incoming(revision=2, **change), row) is status


def test_a_template_in_the_trash_is_not_brought_back_by_default(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    sent = new_template(bob)
    share(bob, store, tmp_path)
    store.delete_template(sent.id)
    bob.update_template(sent.id, body="Newer\n")

    plan = plan_import(store, send(bob, tmp_path))
    item = only_item(plan)
    assert (item.status, item.choice, item.in_trash) == (Status.CONFLICT, Choice.MINE, True)
    apply_plan(store, plan)
    assert store.get_template(sent.id).deleted_at is not None

    item.choice = Choice.THEIRS
    apply_plan(store, plan)
    row = store.get_template(sent.id)
    assert row.deleted_at is None and row.body == "Newer\n"


def test_identical_in_the_trash_stays_there(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    sent = new_template(bob)
    share(bob, store, tmp_path)
    store.delete_template(sent.id)
    item = only_item(plan_import(store, send(bob, tmp_path)))
    assert item.status is Status.IDENTICAL
    assert share(bob, store, tmp_path).unchanged == 1
    assert store.get_template(sent.id).deleted_at is not None


def test_skipping_a_new_template(store: TemplateStore, bob: TemplateStore, tmp_path: Path) -> None:
    new_template(bob)
    plan = plan_import(store, send(bob, tmp_path))
    plan.choose_all(Choice.MINE, (Status.NEW,))
    outcome = apply_plan(store, plan)
    assert (outcome.added, outcome.kept) == (0, 1)
    assert store.count_templates(include_deleted=True) == 0


# --- the plan ---------------------------------------------------------------------------------


def mixed_plan(store: TemplateStore, bob: TemplateStore, tmp_path: Path) -> MergePlan:
    """One template of each status."""
    new_template(bob, "Same")
    updated = new_template(bob, "Updated")
    both = new_template(bob, "Both")
    share(bob, store, tmp_path)
    new_template(bob, "Brand new")
    bob.update_template(updated.id, body="Bob's update\n")
    bob.update_template(both.id, body="Bob's edit\n")
    store.update_template(both.id, body="My edit\n")
    return plan_import(store, send(bob, tmp_path, "mixed.replydesk"))


def test_counts_choose_all_and_changes(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    plan = mixed_plan(store, bob, tmp_path)
    assert plan.counts() == {"new": 1, "update": 1, "conflict": 1, "identical": 1}
    assert plan.changes() == 2  # the new one and the update

    plan.choose_all(Choice.BOTH)  # only conflicts, by default
    by_status = {item.status: item.choice for item in plan.items}
    assert by_status == {
        Status.NEW: Choice.THEIRS,
        Status.UPDATE: Choice.THEIRS,
        Status.CONFLICT: Choice.BOTH,
        Status.IDENTICAL: Choice.MINE,
    }
    assert plan.changes() == 3

    plan.choose_all(Choice.MINE, list(Status))
    assert plan.changes() == 0
    plan.choose_all(Choice.THEIRS, list(Status))  # nothing to take for an identical one
    assert {item.status: item.choice for item in plan.items}[Status.IDENTICAL] is Choice.MINE
    plan.choose_all(Choice.BOTH, list(Status))  # a new template is added or skipped, no copy
    assert {item.status: item.choice for item in plan.items}[Status.NEW] is Choice.THEIRS


def test_the_plan_lists_what_needs_a_decision_first_then_by_name(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    mixed_plan(store, bob, tmp_path)
    for name in ("zebra", "Apple", "mango"):
        new_template(bob, name)  # new ones, in an order that is not the name's
    sent = send(bob, tmp_path, "more.replydesk")
    plan = plan_import(store, sent)
    assert [item.incoming for item in plan.items] == list(sent.templates)  # the file's order
    assert [(item.status, item.title) for item in plan.review_order] == [
        (Status.CONFLICT, "Both"),
        (Status.UPDATE, "Updated"),
        (Status.NEW, "Apple"),
        (Status.NEW, "Brand new"),
        (Status.NEW, "mango"),
        (Status.NEW, "zebra"),
        (Status.IDENTICAL, "Same"),
    ]
    # What the preview shows of the whole file is counted with the plan, not per view.
    assert plan.counts() == {"new": 4, "update": 1, "conflict": 1, "identical": 1}
    assert plan.kinds == {"greeting"} and plan.languages == {"en"}
    plan.counts()["new"] = 0  # a copy: the plan's own count stays
    assert plan.counts()["new"] == 4


def test_planning_changes_nothing(store: TemplateStore, bob: TemplateStore, tmp_path: Path) -> None:
    new_template(store, "Mine")
    new_template(bob)
    bundle = send(bob, tmp_path)
    before = dump(store)
    plan_import(store, bundle)
    assert dump(store) == before
    assert list(store.backup_dir.glob("*")) == []


def test_the_diff_goes_from_mine_to_theirs(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    sent = new_template(bob)
    share(bob, store, tmp_path)
    bob.update_template(
        sent.id,
        name="Welcome back",
        body="Hello {{ client_name }},\nthanks again.\n{{ my_name }}\n",
        tags=["hello", "again"],
        fields=[{"name": "extra", "type": "text", "label": "Extra"}],
    )
    item = only_item(plan_import(store, send(bob, tmp_path)))
    lines = item.diff().splitlines()

    assert lines[:2] == ["--- mine", "+++ theirs"]
    assert "-name: Welcome" in lines and "+name: Welcome back" in lines
    assert "-tags: hello" in lines and "+tags: hello, again" in lines
    assert any(line.startswith("-field: ") and '"required": false' in line for line in lines)
    assert any(line.startswith("+field: ") and '"label": "Extra"' in line for line in lines)
    assert "-thanks for the order." in lines and "+thanks again." in lines
    assert " Hello {{ client_name }}," in lines  # context
    assert not any(line.startswith(("-kind", "+kind", "-language", "+language")) for line in lines)


def test_a_diff_of_only_the_name(store: TemplateStore) -> None:
    row = new_template(store, id=ALICE_ID, body="Hello\n", tags=[], fields=[])
    item = merge.MergeItem(incoming(name="Hi", revision=2), row, Status.UPDATE, Choice.THEIRS)
    assert item.diff() == "--- mine\n+++ theirs\n-name: Welcome\n+name: Hi\n"


# --- applying: backup, all or nothing, twice ------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    plan = mixed_plan(store, bob, tmp_path)
    path = tmp_path / "mixed.replydesk"
    apply_plan(store, plan)
    before = dump(store)
    backups = sorted(store.backup_dir.iterdir())

    again = plan_import(store, read_bundle(path))
    outcome = apply_plan(store, again)

    assert again.counts()["identical"] == 3 and again.counts()["conflict"] == 1
    assert (outcome.added, outcome.updated, outcome.copies) == (0, 0, 0)
    assert (outcome.unchanged, outcome.kept, outcome.backup) == (3, 1, None)
    assert dump(store) == before
    assert sorted(store.backup_dir.iterdir()) == backups


def test_a_fresh_import_twice_is_all_identical(
    library_store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    share(library_store, bob, tmp_path)
    path = tmp_path / "bob.replydesk"
    before = dump(bob)
    plan = plan_import(bob, read_bundle(path))
    outcome = apply_plan(bob, plan)
    assert {item.status for item in plan.items} == {Status.IDENTICAL}
    assert outcome.unchanged == len(plan.items) == library_store.count_templates()
    assert str(outcome) == f"{outcome.unchanged} unchanged"
    assert dump(bob) == before


def test_a_backup_is_made_before_the_import(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    new_template(store, "Mine")
    new_template(bob, "Theirs")
    outcome = share(bob, store, tmp_path)

    assert outcome.backup is not None and outcome.backup.parent == store.backup_dir
    with closing(sqlite3.connect(outcome.backup)) as copy:
        names = [name for (name,) in copy.execute("SELECT name FROM template")]
    assert names == ["Mine"]  # the state before the import
    assert str(outcome) == "1 added"


def test_an_import_that_fails_half_way_changes_nothing(
    library_store: TemplateStore,
    bob: TemplateStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = library_store
    for number in range(6):
        new_template(bob, f"Bob {number}")
    edited = store.list_templates(language="en")[0]
    share(store, bob, tmp_path)  # Bob has the library too ...
    bob.update_template(edited.id, body="Bob's edit {{ client_name }}\n")  # ... and an update
    store.delete_template(store.list_templates(language="ro")[0].id)  # something in the trash
    plan = plan_import(store, send(bob, tmp_path))
    assert plan.counts()["new"] == 6 and plan.counts()["update"] == 1
    store.close()
    before_bytes = store.path.read_bytes()
    before = dump(store)

    added: list[str] = []
    original_apply = TemplateStore._apply

    def add_then_fail(self: TemplateStore, session: Any, action: ImportAction) -> None:
        if len(added) == 4:
            raise RuntimeError("disk unplugged")
        original_apply(self, session, action)
        if isinstance(action, AddTemplate):
            added.append(str(action.data.id))

    monkeypatch.setattr(TemplateStore, "_apply", add_then_fail)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        apply_plan(store, plan)

    assert len(added) == 4  # rows were written inside the transaction before it failed
    assert dump(store) == before
    store.close()
    assert store.path.read_bytes() == before_bytes
    backups = list(store.backup_dir.glob("replydesk-*.sqlite3"))
    assert len(backups) == 1
    with closing(sqlite3.connect(backups[0])) as copy:
        assert list(copy.iterdump()) == before


def test_an_edit_after_the_preview_stops_the_import(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    sent = new_template(bob)
    share(bob, store, tmp_path)
    bob.update_template(sent.id, body="Bob's update\n")
    new_template(bob, "Another")
    plan = plan_import(store, send(bob, tmp_path))
    store.update_template(sent.id, body="Typed in the window meanwhile\n")
    before = dump(store)

    with pytest.raises(StoreError, match="changed since the import was previewed"):
        apply_plan(store, plan)

    assert dump(store) == before


def test_a_built_in_replaced_by_theirs_is_not_overwritten_by_the_library_later(
    store: TemplateStore,
) -> None:
    builtin = library.TemplateFile(
        id=ALICE_ID, name="Welcome", kind="greeting", language="en", body="Library v1\n"
    )
    library.apply_builtin(store, [builtin])
    library.apply_builtin(store, [replace(builtin, version=2, body="Library v2\n")])
    row = store.get_template(ALICE_ID)
    assert (row.revision, row.base_revision, row.library_revision) == (2, 2, 2)

    teammate = incoming(revision=2, body="A teammate's own words\n")
    plan = plan_import(store, Bundle("team.replydesk", (teammate,)))
    plan.choose_all(Choice.THEIRS)
    apply_plan(store, plan)
    result = library.apply_builtin(store, [replace(builtin, version=3, body="Library v3\n")])

    assert result.kept_edited == 1
    assert store.get_template(ALICE_ID).body == "A teammate's own words\n"


def test_a_template_of_mine_replaced_by_theirs_becomes_theirs(
    store: TemplateStore, bob: TemplateStore, tmp_path: Path
) -> None:
    """Their text over mine is someone else's text: it renders off the GUI thread."""
    from replydesk.core.filling import TRUSTED_ORIGINS

    sent = new_template(bob)
    share(bob, store, tmp_path)
    store.update_template(sent.id, body="My words\n")
    bob.update_template(sent.id, body="{{ client_name }}, Bob's words\n")
    plan = plan_import(store, send(bob, tmp_path))
    plan.choose_all(Choice.THEIRS)
    assert apply_plan(store, plan).updated == 1
    assert store.get_template(sent.id).origin not in TRUSTED_ORIGINS
