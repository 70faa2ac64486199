"""The language Replydesk speaks to its user (Qt-free): one gettext catalogue per language
serves the window, the core's messages and the command line alike.

Messages are written in English in the code and wrapped where they are shown:
`_("Copied")`, `ngettext("{count} template", "{count} templates", n).format(count=n)`,
`pgettext("menu", "File")` when a short word needs its context. A text defined at import
time (a table's headers, a status's label) is marked with `N_()` and translated where it
is shown (`_(LABELS[status])`): the language is chosen after the modules are loaded.
Placeholders are named (`{name}`), so a translation can put them in its own order.

Catalogues live in `resources/locale/<code>/LC_MESSAGES/replydesk.po` (what translators
edit) and `.mo` (what the app reads, compiled by `scripts/i18n.py compile`).
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
import threading
from collections.abc import Mapping
from pathlib import Path

from replydesk.core import shipped

DOMAIN = "replydesk"
SOURCE_LANGUAGE = "en"

# The languages the app speaks, each named in itself (how a chooser shows it).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "ro": "Română",
    "sk": "Slovenčina",
    "hu": "Magyar",
}

# Where the system says which language it speaks, in gettext's order of precedence.
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_lock = threading.Lock()
_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def locale_dir() -> Path:
    """The folder of the compiled catalogues (`<code>/LC_MESSAGES/replydesk.mo`)."""
    return shipped.resources_dir() / "locale"


_NO_LANGUAGE = frozenset({"", "und", "mul", "zxx", "mis"})


def primary_language(tag: str | None) -> str | None:
    """The language of a tag or locale name, lower-cased ("ru-RU", "ru_RU.UTF-8" → "ru");
    None when it names none ("", "C", "und")."""
    code = re.split(r"[-_.@\s]", (tag or "").strip().lower(), maxsplit=1)[0]
    if code in _NO_LANGUAGE or not re.fullmatch(r"[a-z]{2,3}", code):
        return None
    return code


def language_code(locale_name: str) -> str | None:
    """The app language a locale name means (`ru_RU.UTF-8` → `ru`), None for none of them."""
    code = primary_language(locale_name)
    return code if code in LANGUAGES else None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for: GNU's `$LANGUAGE` list first (unless the locale
    is C), then the first of `$LC_ALL`, `$LC_MESSAGES`, `$LANG` that is set; English when
    none of them names a language the app speaks."""
    env = os.environ if environ is None else environ
    locale_name = next((env[name] for name in _LOCALE_VARIABLES if env.get(name)), "")
    if locale_name.split(".")[0] not in ("", "C", "POSIX"):
        for part in env.get("LANGUAGE", "").split(":"):
            code = language_code(part) if part else None
            if code is not None:
                return code
    return language_code(locale_name) or SOURCE_LANGUAGE


def use(language: str | None = None) -> str:
    """Speak `language` from now on (None or "": the system's); the code in use."""
    code = language_code(language) if language else system_language()
    code = code or SOURCE_LANGUAGE
    if code == SOURCE_LANGUAGE:
        translations: _gettext.NullTranslations = _gettext.NullTranslations()
    else:
        translations = _gettext.translation(DOMAIN, locale_dir(), languages=[code], fallback=True)
    global _translations, _language
    with _lock:
        _translations, _language = translations, code
    return code


def current_language() -> str:
    """The code of the language in use (`en` until `use()` is called)."""
    return _language


def gettext(message: str) -> str:
    """`message` in the language in use."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` by the language's plural rules (Russian has three)."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` as meant in `context` (a menu's "File", a field's "File")."""
    return _translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    return _translations.npgettext(context, singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet (translate at use)."""
    return message


_ = gettext

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "SOURCE_LANGUAGE",
    "_",
    "current_language",
    "gettext",
    "language_code",
    "locale_dir",
    "ngettext",
    "npgettext",
    "pgettext",
    "primary_language",
    "system_language",
    "use",
]
