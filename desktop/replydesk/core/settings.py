"""The user's settings kept in the store: one home for their keys and their stored form.

Each setting is a typed `Setting`; nothing else spells a key or parses "0"/"1". The
profile (name, signatures, default language and currency) is the store's own
(`get_profile`/`update_profile`), and so is the current order (`current_order_id`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from replydesk.core.errors import ReplydeskError

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore

_TRUE, _FALSE = "1", "0"


@dataclass(frozen=True)
class Flag:
    """A yes/no setting, stored as "1" or "0"; `default` while it was never set."""

    key: str
    default: bool = False
    doc: str = ""

    def read(self, store: TemplateStore) -> bool:
        value = store.get_setting(self.key)
        return self.default if value is None else value == _TRUE

    def write(self, store: TemplateStore, value: bool) -> None:
        store.set_setting(self.key, _TRUE if value else _FALSE)

    def first_time(self, store: TemplateStore) -> bool:
        """True the first time ever (then remembered); False when the store cannot tell."""
        try:
            if self.read(store):
                return False
            self.write(store, True)
        except ReplydeskError:
            return False
        return True


@dataclass(frozen=True)
class Text:
    """A text setting; None while it was never set."""

    key: str
    doc: str = ""

    def read(self, store: TemplateStore) -> str | None:
        return store.get_setting(self.key)

    def write(self, store: TemplateStore, value: str | None) -> None:
        store.set_setting(self.key, value)


@dataclass(frozen=True)
class Codes:
    """A list of codes (languages), stored as "en,ru"; empty while it was never set."""

    key: str
    doc: str = ""

    def read(self, store: TemplateStore) -> tuple[str, ...]:
        value = store.get_setting(self.key) or ""
        return tuple(dict.fromkeys(code.strip() for code in value.split(",") if code.strip()))

    def write(self, store: TemplateStore, codes: Sequence[str]) -> None:
        store.set_setting(self.key, ",".join(dict.fromkeys(codes)) or None)


AUTOPASTE = Flag("autopaste", doc="paste into the focused app after a quick paste")
BLOCK_COPY = Flag("block_copy", doc="refuse to copy a reply the checker finds an error in")
WELCOME_DONE = Flag("welcome_done", doc="the first-start welcome was answered")
TRAY_NOTICE_SHOWN = Flag("tray_notice_shown", doc="said once that closing keeps it in the tray")
NO_TRAY_NOTICE_SHOWN = Flag("no_tray_notice_shown", doc="said once that there is no tray")
LIBRARY_FINGERPRINT = Text("library_fingerprint", doc="the built-in library last loaded")
REPLY_LANGUAGES = Codes(
    "reply_languages",
    doc="the languages the user writes replies in (asked on the first start); the list shows these",
)

FLAGS: tuple[Flag, ...] = (
    AUTOPASTE,
    BLOCK_COPY,
    WELCOME_DONE,
    TRAY_NOTICE_SHOWN,
    NO_TRAY_NOTICE_SHOWN,
)

__all__ = [
    "AUTOPASTE",
    "BLOCK_COPY",
    "FLAGS",
    "LIBRARY_FINGERPRINT",
    "NO_TRAY_NOTICE_SHOWN",
    "REPLY_LANGUAGES",
    "TRAY_NOTICE_SHOWN",
    "WELCOME_DONE",
    "Codes",
    "Flag",
    "Text",
]
