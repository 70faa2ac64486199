"""Profile values typed in a reply's form, saved once typing stops (Qt-free).

Only the keys typed are written (`store.update_profile`), and a value another process
changed meanwhile is named in what `save` returns, so the user knows what was replaced.
"""

from __future__ import annotations

from collections.abc import Mapping

from replydesk.core.fields import PROFILE_FIELD_NAMES, field_label
from replydesk.core.i18n import _
from replydesk.core.models import Profile
from replydesk.core.store import TemplateStore, signature_key


def profile_value(profile: Profile, key: str) -> str:
    """A profile value by its update_profile key ("my_name", "signature.ru")."""
    if key.startswith("signature."):
        return profile.signature_for(key.removeprefix("signature."))
    return str(getattr(profile, key, ""))


def profile_key(name: str, language: str) -> str:
    """The update_profile key of form field `name` in a reply in `language` (a signature
    typed for a reply in Russian is the Russian one)."""
    return signature_key(language) if name == "signature" else name


class ProfileEdits:
    """What was typed and not saved yet, and what the store held when typing began."""

    def __init__(self) -> None:
        self._typed: dict[str, str | None] = {}
        self._seen: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self._typed)

    def type(self, name: str, language: str, value: object, stored: Profile) -> None:
        key = profile_key(name, language)
        if key not in self._typed:
            self._seen[key] = profile_value(stored, key)
        self._typed[key] = None if value is None else str(value)

    def values_over(self, profile: Profile, language: str) -> dict[str, object]:
        """The profile's values for a reply in `language`, with what was typed on top."""
        values: dict[str, object] = dict(profile.values(language))
        for name in PROFILE_FIELD_NAMES:
            key = profile_key(name, language)
            if key in self._typed:
                values[name] = self._typed[key]
        return values

    def save(self, store: TemplateStore) -> tuple[Profile, list[str]]:
        """Write what was typed; returns the profile now stored and the values typed over
        a change made elsewhere ("Your name (it was “Ann”)"). On a store error nothing is
        forgotten: the next save tries again."""
        typed, self._typed = self._typed, {}
        seen, self._seen = self._seen, {}
        try:
            stored = store.get_profile()
            profile = store.update_profile(typed)
        except BaseException:
            self._typed = {**typed, **self._typed}
            self._seen = {**seen, **self._seen}
            raise
        return profile, _replaced(stored, typed, seen)


def _replaced(stored: Profile, typed: Mapping[str, object], seen: Mapping[str, str]) -> list[str]:
    replaced = []
    for key in typed:
        now = profile_value(stored, key)
        if now != seen.get(key, now):
            # Translators: a value typed over one changed elsewhere: {field} is the field's
            # label ("My name"), {value} the value it replaced.
            message = _("{field} (it was “{value}”)")
            replaced.append(message.format(field=field_label(key.partition(".")[0]), value=now))
    return replaced


__all__ = ["ProfileEdits", "profile_key", "profile_value"]
