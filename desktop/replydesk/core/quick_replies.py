"""What the quick ways in (the palette and the tray menu) list: each reply once, in its
variant for the current order's client, among the languages the user writes in (Qt-free;
the window's list does the same under "My languages")."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from replydesk.core import settings
from replydesk.core.catalog import Catalog, TemplateSummary
from replydesk.core.errors import ReplydeskError
from replydesk.core.store import TemplateStore
from replydesk.core.variants import ReplyLanguages


def reply_languages(store: TemplateStore, order_id: int | None) -> ReplyLanguages:
    """The client's language (order `order_id`'s) and the user's reply languages; what
    cannot be read is left out (every language is then listed)."""
    mine: tuple[str, ...] = ()
    with contextlib.suppress(ReplydeskError):
        mine = settings.REPLY_LANGUAGES.read(store)
    client = ""
    if order_id is not None:
        with contextlib.suppress(ReplydeskError):  # deleted meanwhile: no client language
            client = store.get_order(order_id).language or ""
    return ReplyLanguages(client, mine)


def matching_replies(
    catalog: Catalog, text: str | None, languages: ReplyLanguages
) -> list[TemplateSummary]:
    """The replies whose name, tags or body match `text` (all for None), best first, in
    the languages `languages` allow, each once in the variant they prefer."""
    allowed = languages.allowed()
    matches = catalog.search(text or None, language=allowed)
    return as_replies(catalog, matches, languages)


def as_replies(
    catalog: Catalog, templates: Iterable[TemplateSummary], languages: ReplyLanguages
) -> list[TemplateSummary]:
    """`templates` (favorites, recent ones) each reply once, in the variant `languages`
    prefer (a starred English greeting is offered in Russian to a Russian client); as
    they are when no language is known (every variant is listed, as "All languages" does)."""
    preferred = languages.preferred()
    if not preferred:
        return list(templates)
    return catalog.replies(templates, preferred, (), languages.allowed())


__all__ = ["as_replies", "matching_replies", "reply_languages"]
