"""The typed settings: one home for their keys and their stored form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from replydesk.core import settings
from replydesk.core.errors import StoreError
from replydesk.core.settings import AUTOPASTE, BLOCK_COPY, FLAGS, LIBRARY_FINGERPRINT, Flag
from replydesk.core.store import TemplateStore

PACKAGE = Path(settings.__file__).resolve().parent.parent
KEYS = {flag.key for flag in FLAGS} | {LIBRARY_FINGERPRINT.key}


def test_a_flag_never_set_reads_as_its_default(store: TemplateStore) -> None:
    assert AUTOPASTE.read(store) is False
    assert Flag("shown_once", default=True).read(store) is True


@pytest.mark.parametrize("flag", FLAGS, ids=lambda flag: flag.key)
def test_a_flag_reads_back_what_was_written(store: TemplateStore, flag: Flag) -> None:
    flag.write(store, True)
    assert flag.read(store) is True
    flag.write(store, False)
    assert flag.read(store) is False
    assert all(other.read(store) is False for other in FLAGS if other is not flag)


def test_flags_are_kept_apart(store: TemplateStore) -> None:
    BLOCK_COPY.write(store, True)
    assert BLOCK_COPY.read(store) and not AUTOPASTE.read(store)


def test_first_time_is_true_once_then_remembered(store: TemplateStore, tmp_path: Path) -> None:
    notice = settings.TRAY_NOTICE_SHOWN
    assert notice.first_time(store) is True
    assert notice.first_time(store) is False
    assert notice.read(store) is True
    path, folder = store.path, store.backup_dir
    store.close()
    with TemplateStore(path, folder) as reopened:  # remembered in the database
        assert notice.first_time(reopened) is False


def test_first_time_is_false_when_the_store_cannot_tell(
    store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(*_args: object) -> str | None:
        raise StoreError("cannot read the database: disk I/O error")

    monkeypatch.setattr(store, "get_setting", unreadable)
    assert settings.WELCOME_DONE.first_time(store) is False  # never shown on every start


def test_first_time_is_false_when_it_cannot_be_remembered(
    store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*_args: object) -> None:
        raise StoreError("cannot write the database: it is read-only")

    monkeypatch.setattr(store, "set_setting", read_only)
    assert settings.WELCOME_DONE.first_time(store) is False


def test_a_text_setting_reads_none_until_written(store: TemplateStore) -> None:
    assert LIBRARY_FINGERPRINT.read(store) is None
    LIBRARY_FINGERPRINT.write(store, "abc123")
    assert LIBRARY_FINGERPRINT.read(store) == "abc123"
    LIBRARY_FINGERPRINT.write(store, None)
    assert LIBRARY_FINGERPRINT.read(store) is None


# -- nothing else spells a key or parses "0"/"1" ----------------------------------------------

_CALL = re.compile(r"\b(get|set)_setting\(((?:[^()]|\([^()]*\))*)\)", re.S)
_ZERO_OR_ONE = re.compile(r"""["'][01]["']""")
_COMPARED = re.compile(r"""\s*[!=]=\s*["'][01]["']""")
_KEYS = "|".join(map(re.escape, sorted(KEYS)))
_KEY_LITERAL = re.compile(rf"""["']({_KEYS})["']""")


def setting_misuses(text: str) -> list[str]:
    """The get_setting/set_setting calls in `text` that spell a key or "0"/"1" themselves,
    and the quoted setting keys anywhere in it."""
    found = []
    for call in _CALL.finditer(text):
        arguments = call.group(2)
        if arguments.lstrip().startswith(("'", '"')):
            found.append(f"a key spelled in {call.group(0)}")
        if _ZERO_OR_ONE.search(arguments) or _COMPARED.match(text, call.end()):
            found.append(f'"0"/"1" in {call.group(0)}')
    found += [f"the key {match.group(0)}" for match in _KEY_LITERAL.finditer(text)]
    return found


def test_the_check_finds_what_it_looks_for() -> None:
    assert setting_misuses('store.get_setting(WELCOME, "0") == "1"')
    assert setting_misuses('store.set_setting(key, "1" if box.isChecked() else "0")')
    assert setting_misuses('store.get_setting("current_theme")')
    assert setting_misuses('KEY = "block_copy"')
    assert setting_misuses("value = store.get_setting(\n    KEY\n) != '0'")
    assert not setting_misuses("BLOCK_COPY.read(store)")
    assert not setting_misuses("store.set_setting(CURRENT_ORDER_KEY, str(order_id))")


def test_no_module_outside_settings_spells_a_key_or_parses_a_flag() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): misuses
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != Path(settings.__file__).resolve()
        and (misuses := setting_misuses(path.read_text("utf-8")))
    }
    assert offenders == {}


def test_the_reply_languages_keep_their_order_once_each(store: TemplateStore) -> None:
    from replydesk.core.settings import REPLY_LANGUAGES

    assert REPLY_LANGUAGES.read(store) == ()  # never asked yet
    REPLY_LANGUAGES.write(store, ["sk", "ru", "sk"])
    assert REPLY_LANGUAGES.read(store) == ("sk", "ru")
    assert store.get_setting("reply_languages") == "sk,ru"
    REPLY_LANGUAGES.write(store, [])
    assert store.get_setting("reply_languages") is None
