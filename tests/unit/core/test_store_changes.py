"""Every write of the store announces what it touched, once committed; a refused or failed
write announces nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from replydesk.core import settings
from replydesk.core.changes import Change
from replydesk.core.errors import ChangedElsewhereError, NotFoundError, StoreError
from replydesk.core.models import TemplateData, TemplateRow
from replydesk.core.progress import Cancelled, Progress
from replydesk.core.store import (
    AddCopy,
    AddTemplate,
    ReplaceTemplate,
    Seen,
    TemplateStore,
    signature_key,
)

NEW_ID = "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f"


class Heard:
    """What the store announced since the last look."""

    def __init__(self, store: TemplateStore) -> None:
        self._heard: list[Change] = []
        self.stop = store.changes.subscribe(self._heard.append)

    def take(self) -> list[Change]:
        heard, self._heard[:] = list(self._heard), []
        return heard


@pytest.fixture
def heard(store: TemplateStore) -> Iterator[Heard]:
    listener = Heard(store)
    yield listener
    listener.stop()


def data(name: str = "Greeting", **values: object) -> TemplateData:
    made = TemplateData(name=name, kind="greeting", language="en", body="Hello")
    for key, value in values.items():
        setattr(made, key, value)
    return made


def template(store: TemplateStore, heard: Heard, name: str = "Greeting") -> TemplateRow:
    made = store.create_template(data(name))
    heard.take()
    return made


def test_template_writes_announce_templates(store: TemplateStore, heard: Heard) -> None:
    gone = store.create_template(data("Gone"))
    row = store.create_template(data())
    assert heard.take() == [Change.TEMPLATES] * 2
    writes: list[Callable[[], object]] = [
        lambda: store.update_template(row.id, body="Changed"),
        lambda: store.set_favorite(row.id, True),
        lambda: store.record_use(row.id),
        lambda: store.delete_template(row.id),
        lambda: store.restore_template(row.id),
        lambda: store.create_templates([data("One"), data("Two")]),
        store.rebuild_search_index,
        lambda: store.delete_template(row.id),
        store.empty_trash,
        lambda: store.purge_template(gone.id),
    ]
    for write in writes:
        write()
        assert heard.take() == [Change.TEMPLATES]


def test_an_edit_that_changes_nothing_announces_nothing(store: TemplateStore, heard: Heard) -> None:
    row = template(store, heard)
    store.update_template(row.id, body=row.body, name=row.name)
    assert heard.take() == []
    assert store.get_template(row.id).revision == row.revision


def test_refused_template_writes_announce_nothing(store: TemplateStore, heard: Heard) -> None:
    row = template(store, heard)
    store.update_template(row.id, body="Elsewhere")
    heard.take()
    refused: list[tuple[type[Exception], Callable[[], object]]] = [
        (
            ChangedElsewhereError,
            lambda: store.update_template(row.id, body="x", expected_revision=1),
        ),
        (NotFoundError, lambda: store.update_template("no-such-id", body="x")),
        (NotFoundError, lambda: store.set_favorite("no-such-id", True)),
        (StoreError, lambda: store.create_template(data(id=row.id))),
        (StoreError, lambda: store.create_templates([data("Fine"), data(id=row.id)])),
        (ValueError, lambda: store.update_profile({"no such key": "x"})),
    ]
    for error, write in refused:
        with pytest.raises(error):
            write()
        assert heard.take() == [], write
    assert [r.name for r in store.list_templates()] == ["Greeting"]


def test_order_writes_announce_orders(store: TemplateStore, heard: Heard) -> None:
    order = store.create_order({"client_name": "Anna"})
    assert order.id is not None
    writes: list[Callable[[], object]] = [
        lambda: store.update_order(order.id, {"service": "Logo"}),  # type: ignore[arg-type]
        lambda: store.change_order(order.id, {"notes": "x"}, {}),  # type: ignore[arg-type]
        lambda: store.touch_order(order.id),  # type: ignore[arg-type]
        lambda: setattr(store, "current_order_id", order.id),
        lambda: store.delete_order(order.id),  # type: ignore[arg-type]
    ]
    assert heard.take() == [Change.ORDERS]
    for write in writes:
        write()
        assert heard.take() == [Change.ORDERS]
    with pytest.raises(NotFoundError):
        store.touch_order(order.id)
    assert heard.take() == []


def test_profile_and_settings_announce_their_own_part(store: TemplateStore, heard: Heard) -> None:
    store.update_profile({"my_name": "Alex", signature_key("ro"): "Cu drag"})
    assert heard.take() == [Change.PROFILE]
    settings.AUTOPASTE.write(store, True)
    settings.LIBRARY_FINGERPRINT.write(store, "abc")
    assert heard.take() == [Change.SETTINGS, Change.SETTINGS]


def test_an_import_announces_templates_and_a_refused_one_nothing(
    store: TemplateStore, heard: Heard
) -> None:
    mine = template(store, heard, "Mine")
    seen = Seen(mine.revision, mine.deleted_at)
    theirs = data("Theirs", id=mine.id, revision=4, origin="import")
    store.apply_import([AddTemplate(data("New", id=NEW_ID, origin="import"))])
    assert heard.take() == [Change.TEMPLATES]
    store.update_template(mine.id, body="Edited after the preview")
    heard.take()
    with pytest.raises(StoreError, match="changed since the import was previewed"):
        store.apply_import([AddCopy(data("Copy")), ReplaceTemplate(theirs, seen)])
    assert heard.take() == []
    assert [r.name for r in store.list_templates()] == ["Mine", "New"]
    now = store.get_template(mine.id)
    store.apply_import([ReplaceTemplate(theirs, Seen(now.revision, now.deleted_at))])
    assert heard.take() == [Change.TEMPLATES]
    assert (store.get_template(mine.id).name, store.get_template(mine.id).revision) == (
        "Theirs",
        4,
    )


def test_the_library_announces_templates_only_when_it_writes(
    store: TemplateStore, heard: Heard
) -> None:
    builtin = data("Built in", id=NEW_ID, origin="builtin", library_version=1)
    store.apply_library([builtin])
    assert heard.take() == [Change.TEMPLATES]
    store.apply_library([builtin])  # the same version: nothing to write
    assert heard.take() == []


def test_a_restore_announces_everything_and_a_backup_nothing(
    store: TemplateStore, heard: Heard
) -> None:
    template(store, heard, "Before")
    made = store.backup_now("manual")
    assert made.is_file()
    assert heard.take() == []
    store.create_template(data("After"))
    heard.take()
    kept = store.restore_backup(made)
    assert heard.take() == [Change.ALL]
    assert [r.name for r in store.list_templates()] == ["Before"]
    assert kept is not None and kept.is_file()


def test_a_cancelled_restore_changes_and_announces_nothing(
    store: TemplateStore, heard: Heard
) -> None:
    template(store, heard, "Before")
    made = store.backup_now("manual")
    store.create_template(data("After"))
    heard.take()
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        store.restore_backup(made, progress)
    assert heard.take() == []
    assert sorted(r.name for r in store.list_templates()) == ["After", "Before"]


def test_a_failed_restore_announces_nothing(
    store: TemplateStore, heard: Heard, tmp_path: Path
) -> None:
    template(store, heard)
    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError):
        store.restore_backup(not_a_backup)
    assert heard.take() == []
