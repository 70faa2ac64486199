"""One reply in several languages: a family of templates, a variant per language.

Templates that share a `family` are the same reply written for clients of different
languages (the built-in library's are families by kind). The list shows each reply once
(core.catalog's `replies`), in the language the user most likely needs; choosing it
fills the variant in the order's language, or says which one stands in when that
language has none.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from replydesk.core.i18n import primary_language


class Variant(Protocol):
    """What choosing a variant needs of a template (a row or a list's summary)."""

    @property
    def id(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def family(self) -> str: ...


_V = TypeVar("_V", bound=Variant)


def family_key(template: Variant) -> str:
    """What groups `template` with its variants: its family, else itself alone."""
    return template.family or "\x00" + template.id


def _primary(code: str | None) -> str:
    return primary_language(code) or ""


def preference(order_language: str | None, reply_languages: Iterable[str]) -> tuple[str, ...]:
    """The languages to look for, best first: the client's (the order's), then the user's
    reply languages; each once, as primary subtags ("pt-BR" → "pt")."""
    ordered: list[str] = []
    for code in (order_language, *reply_languages):
        primary = _primary(code)
        if primary and primary not in ordered:
            ordered.append(primary)
    return tuple(ordered)


@dataclass(frozen=True)
class ReplyLanguages:
    """Which replies to list and in which variant: the client's language (the order's, ""
    when not known) and the ones the user writes replies in (none: every language)."""

    client: str = ""
    mine: tuple[str, ...] = ()

    def preferred(self) -> tuple[str, ...]:
        """The languages a reply is listed in, best first (see `preference`)."""
        return preference(self.client, self.mine)

    def allowed(self) -> tuple[str, ...]:
        """The languages listed: the user's and the client's; () for all (the user has
        not said which they write in)."""
        if not self.mine:
            return ()
        return tuple(dict.fromkeys(code for code in (*self.mine, self.client) if code))


@dataclass(frozen=True)
class Chosen(Generic[_V]):
    """The variant to show, and whether it stands in for the wanted language, which the
    reply has no variant in (not when the user picked another over it)."""

    variant: _V
    wanted: str  # the language looked for first ("" when none was)
    stands_in: bool = False


def choose(
    variants: Sequence[_V],
    languages: Sequence[str],
    picked: Collection[str] = (),
    default: _V | None = None,
) -> Chosen[_V]:
    """Of one reply's `variants` (in list order, not empty), the one the user `picked`
    (ids), else the one in the first of `languages` it has, else `default` (the variant a
    search found), else the first variant. `languages` as `preference` gives them."""
    if not variants:
        raise ValueError("a reply has at least one variant")
    wanted = languages[0] if languages else ""
    by_language: dict[str, _V] = {}
    for variant in variants:
        by_language.setdefault(_primary(variant.language), variant)
    missing = bool(wanted) and wanted not in by_language
    for variant in variants:
        if variant.id in picked:
            return Chosen(variant, wanted, missing)
    for code in languages:
        if code in by_language:
            return Chosen(by_language[code], wanted, missing)
    return Chosen(default if default is not None else variants[0], wanted, missing)


__all__ = ["Chosen", "ReplyLanguages", "Variant", "choose", "family_key", "preference"]
