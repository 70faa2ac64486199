"""Schema versions: a new database, an upgrade from v1 with its backup, and refusals."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from replydesk.core import migrations
from replydesk.core import schema as schema_module
from replydesk.core.errors import StoreError
from replydesk.core.store import TemplateStore

TEMPLATE_ID = "0b7f9a52-3f0e-4a5e-9b61-2f4f1d6f0a01"


def user_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


def make_v1_database(path: Path) -> None:
    """A database as the first release left it, with one template."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.executescript(migrations.MIGRATIONS[0])
        connection.execute("PRAGMA user_version = 1")
        connection.execute(
            "INSERT INTO template (id, name, kind, language, body, tags_json, favorite,"
            " created_at, updated_at, revision, use_count, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 3, 7, 'user')",
            (
                TEMPLATE_ID,
                "Mulțumiri",
                "review_thanks",
                "ro",
                "Vă mulțumesc pentru recenzie!",
                '["recenzie"]',
                "2025-03-01 10:00:00.000000",
                "2025-03-02 11:30:00.000000",
            ),
        )


def schema(path: Path) -> dict[str, dict[str, bool]]:
    """Each model table's columns, name -> NOT NULL."""
    with closing(sqlite3.connect(path)) as connection:
        result = {}
        for table in SQLModel.metadata.tables:
            rows = connection.execute(f"PRAGMA table_info({table})").fetchall()
            result[table] = {row[1]: bool(row[3] or row[5]) for row in rows}
    return result


def declared_schema() -> dict[str, dict[str, bool]]:
    return {
        name: {column.name: not column.nullable for column in table.columns}
        for name, table in SQLModel.metadata.tables.items()
    }


def indexes(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
    return {row[0] for row in rows}


def test_new_database_gets_the_latest_schema_and_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    backups = tmp_path / "backups"
    with TemplateStore(path, backups) as store:
        assert store.upgrade_backup is None
    assert user_version(path) == migrations.SCHEMA_VERSION == 5
    assert schema(path) == declared_schema()
    assert not backups.exists() or not any(backups.iterdir())


def test_schema_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    TemplateStore(path).close()
    assert set(schema(path)) == {"template", "orders", "setting"}
    assert schema(path) == declared_schema()
    declared_indexes = {
        index.name for table in SQLModel.metadata.tables.values() for index in table.indexes
    }
    assert declared_indexes <= indexes(path)


def test_upgrade_from_v1_backs_up_and_indexes_old_templates(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    backups = tmp_path / "backups"
    make_v1_database(path)

    with TemplateStore(path, backups) as store:
        assert user_version(path) == migrations.SCHEMA_VERSION
        assert [row.id for row in store.list_templates(search="multumesc")] == [TEMPLATE_ID]
        assert [row.id for row in store.list_templates(search="recenzie")] == [TEMPLATE_ID]
        row = store.find_template("mulțumiri")
        assert (row.revision, row.use_count, row.tags) == (3, 7, ["recenzie"])
        assert (row.deleted_at, row.library_version, row.library_revision) == (None, None, None)
        assert row.updated_at.isoformat() == "2025-03-02T11:30:00"
        store.update_template(TEMPLATE_ID, body="Mulțumesc frumos!")
        assert store.list_templates(search="recenzie pentru") == []
        assert store.upgrade_backup is not None
        backup = store.upgrade_backup

    assert schema(path) == declared_schema()
    assert {"ix_template_kind", "ix_template_language"} <= indexes(path)
    assert list(backups.iterdir()) == [backup]
    assert backup.name.startswith("replydesk-")
    assert backup.name.endswith("-v1.sqlite3")
    stamp = backup.name.removeprefix("replydesk-").removesuffix("-v1.sqlite3")
    assert len(stamp) == 15 and stamp[8] == "-" and stamp.replace("-", "").isdigit()

    assert user_version(backup) == 1
    with closing(sqlite3.connect(backup)) as old:
        assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert old.execute("SELECT id, body FROM template").fetchall() == [
            (TEMPLATE_ID, "Vă mulțumesc pentru recenzie!")
        ]
        tables = {name for (name,) in old.execute("SELECT name FROM sqlite_master")}
        assert "template_fts" not in tables


def test_upgrade_from_v4_gives_orders_a_language_and_builtins_their_families(
    tmp_path: Path,
) -> None:
    """Version 5 adds the client's language to orders; an old order's is not known."""
    path = tmp_path / "replydesk.sqlite3"
    with closing(sqlite3.connect(path)) as connection, connection:
        for script in migrations.MIGRATIONS[:4]:
            connection.executescript(script)
        connection.execute("PRAGMA user_version = 4")
        connection.execute(
            "INSERT INTO orders (client_name, price, currency, created_at, updated_at,"
            " last_used_at) VALUES ('Анна', '25.50', 'EUR', ?, ?, ?)",
            ("2025-03-01 10:00:00.000000",) * 3,
        )
        for template_id, origin in (("b-1", "builtin"), ("u-1", "user")):
            connection.execute(
                "INSERT INTO template (id, name, kind, language, body, created_at, updated_at,"
                " origin) VALUES (?, 'Привет', 'greeting', 'ru', 'Здравствуйте!', ?, ?, ?)",
                (template_id, "2025-03-01 10:00:00", "2025-03-01 10:00:00", origin),
            )
    with TemplateStore(path, tmp_path / "backups") as store:
        # The built-in library's templates become its families by kind; the user's stand alone.
        assert store.get_template("b-1").family == "builtin:greeting"
        assert store.get_template("u-1").family == ""
        assert [row.id for row in store.variants("builtin:greeting")] == ["b-1"]
        (order,) = store.list_orders()
        assert order.language == ""
        assert order.values() == {
            "client_name": "Анна",
            "price": Decimal("25.50"),
            "currency": "EUR",
        }
        assert store.upgrade_backup is not None and store.upgrade_backup.name.endswith(
            "-v4.sqlite3"
        )
    assert user_version(path) == migrations.SCHEMA_VERSION
    assert schema(path) == declared_schema()


def test_reopening_an_upgraded_database_makes_no_new_backup(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    backups = tmp_path / "backups"
    make_v1_database(path)
    TemplateStore(path, backups).close()
    with TemplateStore(path, backups) as store:
        assert store.upgrade_backup is None
    assert len(list(backups.iterdir())) == 1


def test_a_database_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    TemplateStore(path).close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA user_version = 9")
    with pytest.raises(StoreError) as error:
        TemplateStore(path)
    assert str(error.value) == (
        "this database was made by a newer Replydesk (schema 9); please update the app"
    )
    assert user_version(path) == 9


def test_a_failing_step_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "replydesk.sqlite3"
    TemplateStore(path).close()
    released = migrations.SCHEMA_VERSION
    broken = "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(schema_module, "MIGRATIONS", [*schema_module.MIGRATIONS, broken])
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", released + 1)

    with pytest.raises(StoreError, match="no_such_table"):
        TemplateStore(path, tmp_path / "backups")
    assert user_version(path) == released
    with closing(sqlite3.connect(path)) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_every_migration_step_is_applied_in_order(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / "steps.sqlite3")) as connection:
        for step, script in enumerate(migrations.MIGRATIONS):
            assert migrations.schema_version(connection) == step
            connection.executescript(f"{script}\nPRAGMA user_version = {step + 1};")
        assert migrations.schema_version(connection) == migrations.SCHEMA_VERSION
        assert migrations.upgrade(connection, tmp_path / "steps.sqlite3", tmp_path) is None
