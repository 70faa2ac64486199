"""Merge a bundle into the store: plan what each incoming template means, then apply it.

Planning is read-only and pure of side effects, so a preview (the import dialog, the CLI's
`--dry-run`) costs nothing. Applying makes a backup copy of the database first, then
changes everything in one transaction: an import is either done or not done at all.

The sharing model: every edit bumps a template's `revision`; `base_revision` is the
revision it last shared with the team. A template is "edited since shared" when the two
differ. See docs/bundle-format.md for the rules table.
"""

from __future__ import annotations

import difflib
import json
import logging
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from replydesk.core import revisions
from replydesk.core.bundle import Bundle, IncomingTemplate
from replydesk.core.display import without_hidden
from replydesk.core.errors import LibraryFileError, StoreError
from replydesk.core.fields import specs_from_dicts
from replydesk.core.i18n import _, ngettext
from replydesk.core.models import IMPORT_ORIGIN, TemplateData, TemplateRow
from replydesk.core.progress import NO_PROGRESS, Progress
from replydesk.core.store import (
    AddCopy,
    AddTemplate,
    ImportAction,
    ReplaceTemplate,
    Seen,
    TemplateStore,
)
from replydesk.core.template_texts import MAX_NAME_CHARS

log = logging.getLogger("replydesk.import")

_STEP = 50  # templates between progress reports (and chances to cancel) while planning
_COPY_SOURCE_CHARS = 60  # of the file's name in a copy's "(from …)"


class Status(str, Enum):
    """What an incoming template is, compared with the local one of the same id."""

    NEW = "new"
    UPDATE = "update"
    CONFLICT = "conflict"
    IDENTICAL = "identical"


class Choice(str, Enum):
    """What to do with it."""

    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "keep-both"


# The choices that make sense for each status; choose_all skips the others.
ALLOWED_CHOICES: dict[Status, frozenset[Choice]] = {
    Status.NEW: frozenset({Choice.THEIRS, Choice.MINE}),
    Status.UPDATE: frozenset(Choice),
    Status.CONFLICT: frozenset(Choice),
    Status.IDENTICAL: frozenset({Choice.MINE}),
}

# The default never overwrites a local edit: only new templates and clean updates are taken.
DEFAULT_CHOICE: dict[Status, Choice] = {
    Status.NEW: Choice.THEIRS,
    Status.UPDATE: Choice.THEIRS,
    Status.CONFLICT: Choice.MINE,
    Status.IDENTICAL: Choice.MINE,
}


# --- comparing --------------------------------------------------------------------------


def _normal_body(body: str) -> str:
    # Front-matter files drop blank lines around the text and trailing spaces at its end;
    # such differences are not edits.
    return body.strip("\n").rstrip()


def _normal_fields(fields: Iterable[Any]) -> list[dict[str, Any]]:
    items = list(fields)
    try:
        return [spec.to_dict() for spec in specs_from_dicts(items)]
    except LibraryFileError:  # stored by an older version in some other shape: compare as is
        return items


@dataclass(frozen=True)
class _Content:
    """The parts of a template that sharing carries (not favorites, uses or dates)."""

    name: str
    kind: str
    language: str
    tags: tuple[str, ...]
    fields: tuple[str, ...]  # each field as canonical JSON
    body: str
    family: str

    @classmethod
    def of_row(cls, row: TemplateRow) -> _Content:
        return cls._make(
            row.name, row.kind, row.language, row.tags, row.fields, row.body, row.family
        )

    @classmethod
    def of_incoming(cls, template: IncomingTemplate) -> _Content:
        return cls._make(
            template.name,
            template.kind,
            template.language,
            template.tags,
            template.fields,
            template.body,
            template.family,
        )

    @classmethod
    def _make(
        cls,
        name: str,
        kind: str,
        language: str,
        tags: Iterable[str],
        fields: Iterable[Any],
        body: str,
        family: str,
    ) -> _Content:
        return cls(
            family=family,
            name=name,
            kind=kind,
            language=language,
            tags=tuple(tags),
            fields=tuple(
                json.dumps(f, ensure_ascii=False, sort_keys=True) for f in _normal_fields(fields)
            ),
            body=_normal_body(body),
        )


def classify(incoming: IncomingTemplate, local: TemplateRow | None) -> Status:
    """The merge rules (docs/bundle-format.md), for one incoming template."""
    if local is None:
        return Status.NEW
    if _Content.of_incoming(incoming) == _Content.of_row(local):
        return Status.IDENTICAL
    # Putting a template in the trash is a local decision too: a teammate's update does not
    # bring it back unless the user says so.
    unedited = local.revision == local.base_revision and local.deleted_at is None
    if unedited and incoming.revision > local.revision:
        return Status.UPDATE
    return Status.CONFLICT


# --- the plan -----------------------------------------------------------------------------


@dataclass
class MergeItem:
    """One incoming template, the local one of the same id (if any), and what to do."""

    incoming: IncomingTemplate
    local: TemplateRow | None
    status: Status
    choice: Choice

    @property
    def title(self) -> str:
        return self.incoming.name

    @property
    def in_trash(self) -> bool:
        """The local template is in the trash (taking theirs takes it out)."""
        return self.local is not None and self.local.deleted_at is not None

    def diff(self) -> str:
        """A unified diff from mine to theirs: changed name/kind/language/tags/fields, then
        the text. Empty for new and identical templates."""
        if self.local is None or self.status is Status.IDENTICAL:
            return ""
        mine = _Content.of_row(self.local)
        theirs = _Content.of_incoming(self.incoming)
        lines: list[str] = []
        for key in ("name", "kind", "language", "family"):
            old, new = getattr(mine, key), getattr(theirs, key)
            if old != new:
                lines += [f"-{key}: {old}", f"+{key}: {new}"]
        if mine.tags != theirs.tags:
            lines += [f"-tags: {', '.join(mine.tags)}", f"+tags: {', '.join(theirs.tags)}"]
        if mine.fields != theirs.fields:
            lines += _fields_diff(mine.fields, theirs.fields)
        body = list(
            difflib.unified_diff(mine.body.splitlines(), theirs.body.splitlines(), lineterm="", n=3)
        )
        lines += body[2:]  # without its own ---/+++ header: one header for the whole diff
        if not lines:
            return ""
        return "\n".join(["--- mine", "+++ theirs", *lines]) + "\n"


def _fields_diff(mine: tuple[str, ...], theirs: tuple[str, ...]) -> list[str]:
    removed = [f"-field: {text}" for text in mine if text not in theirs]
    added = [f"+field: {text}" for text in theirs if text not in mine]
    if removed or added:
        return removed + added
    # The same fields in another order: the order is what the form shows.
    return [f"-fields: {_field_names(mine)}", f"+fields: {_field_names(theirs)}"]


def _field_names(fields: tuple[str, ...]) -> str:
    items = [json.loads(text) for text in fields]
    return ", ".join(str(i.get("name") if isinstance(i, dict) else i) for i in items)


# Conflicts first: they are the ones that need a decision.
REVIEW_ORDER: dict[Status, int] = {
    Status.CONFLICT: 0,
    Status.UPDATE: 1,
    Status.NEW: 2,
    Status.IDENTICAL: 3,
}


@dataclass
class MergePlan:
    """Every incoming template with its status and choice; `source` is the file's path.

    `items` are in the file's order; `review_order` holds the same items as a preview
    lists them (REVIEW_ORDER, then by title)."""

    source: str
    items: list[MergeItem] = field(default_factory=list)
    # What the preview shows of the whole file, counted once where the plan is made (a
    # worker): an item's status never changes after planning, only its choice.
    kinds: frozenset[str] = field(init=False)
    languages: frozenset[str] = field(init=False)
    review_order: list[MergeItem] = field(init=False, repr=False)
    _counts: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.review_order = sorted(
            self.items, key=lambda item: (REVIEW_ORDER[item.status], item.title.casefold())
        )
        self.kinds = frozenset(item.incoming.kind for item in self.items)
        self.languages = frozenset(item.incoming.language for item in self.items)
        self._counts = {status.value: 0 for status in Status}
        for item in self.items:
            self._counts[item.status.value] += 1

    def counts(self) -> dict[str, int]:
        """How many items of each status, every status present (in Status order)."""
        return dict(self._counts)

    def choose_all(self, choice: Choice, statuses: Collection[Status] = (Status.CONFLICT,)) -> None:
        """The same choice for every item of these statuses where it makes sense
        (a new template can be added or skipped; an identical one needs nothing)."""
        for item in self.items:
            if item.status in statuses and choice in ALLOWED_CHOICES[item.status]:
                item.choice = choice

    def changes(self) -> int:
        """How many items applying the plan would write."""
        return sum(1 for item in self.items if _changes_something(item))


def _changes_something(item: MergeItem) -> bool:
    return item.status is not Status.IDENTICAL and item.choice is not Choice.MINE


def plan_import(
    store: TemplateStore, bundle: Bundle, progress: Progress = NO_PROGRESS
) -> MergePlan:
    """Compare the bundle with the store (templates in the trash included); reads only."""
    local = {row.id: row for row in store.list_templates(include_deleted=True)}
    items = []
    total = len(bundle.templates)
    for number, incoming in enumerate(bundle.templates):
        if number % _STEP == 0:
            # Translators: shown in the progress bar while an import file is compared with
            # the templates.
            progress.step(number, total, _("Comparing"))
        row = local.get(incoming.id)
        status = classify(incoming, row)
        items.append(MergeItem(incoming, row, status, DEFAULT_CHOICE[status]))
    return MergePlan(source=bundle.source, items=items)


# --- applying -----------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What an import did; `backup` is the copy of the database made first (None if
    nothing needed to change)."""

    added: int = 0
    updated: int = 0
    copies: int = 0
    kept: int = 0
    unchanged: int = 0
    backup: Path | None = None

    def counts(self) -> dict[str, int]:
        """How many templates it added, updated, copied, kept and left unchanged."""
        return {what: getattr(self, what) for what in OUTCOME_PARTS}

    def __str__(self) -> str:
        parts = [outcome_part(what, count) for what, count in self.counts().items() if count]
        return ", ".join(parts) or _("nothing to import")


OUTCOME_PARTS = ("added", "updated", "copies", "kept", "unchanged")


def outcome_part(what: str, count: int) -> str:
    """One part of an import's outcome ("3 added"); `what` is one of OUTCOME_PARTS."""
    forms = {
        # Translators: a part of an import's outcome ("3 added, 2 updated"): templates
        # the file added.
        "added": ngettext("{count} added", "{count} added", count),
        # Translators: a part of an import's outcome ("3 added, 2 updated"): templates
        # replaced by the file's version.
        "updated": ngettext("{count} updated", "{count} updated", count),
        # Translators: a part of an import's outcome ("3 added, 2 copies"): the file's
        # versions added beside the user's own (keep both).
        "copies": ngettext("{count} copied", "{count} copies", count),
        # Translators: a part of an import's outcome ("3 added, 2 kept"): the user's own
        # versions kept instead of the file's.
        "kept": ngettext("{count} kept", "{count} kept", count),
        # Translators: a part of an import's outcome ("3 added, 2 unchanged"): templates
        # the file holds as they are already.
        "unchanged": ngettext("{count} unchanged", "{count} unchanged", count),
    }
    return forms[what].format(count=count)


def status_text(status: Status, count: int) -> str:
    """How many of a file's templates have `status`: "3 new", "2 updates", "1 conflict"."""
    forms = {
        # Translators: a part of "4 templates: 1 new, 1 update, …": templates you do not have.
        Status.NEW: ngettext("{count} new", "{count} new", count),
        # Translators: a part of "4 templates: 1 new, 1 update, …": templates the sender changed.
        Status.UPDATE: ngettext("{count} update", "{count} updates", count),
        # Translators: a part of "4 templates: 1 new, 1 conflict, …": templates you both changed.
        Status.CONFLICT: ngettext("{count} conflict", "{count} conflicts", count),
        # Translators: a part of "4 templates: 1 new, 1 identical": templates the same as yours.
        Status.IDENTICAL: ngettext("{count} identical", "{count} identical", count),
    }
    return forms[status].format(count=count)


def backup_store(store: TemplateStore, progress: Progress = NO_PROGRESS) -> Path:
    """A copy of the database in the store's backup folder (SQLite's backup API)."""
    try:
        return store.backup_now("import", progress)
    except StoreError as error:
        # Translators: {error} says why the backup made before an import failed.
        raise StoreError(_("before importing: {error}").format(error=error)) from error


def apply_plan(
    store: TemplateStore, plan: MergePlan, progress: Progress = NO_PROGRESS
) -> ImportOutcome:
    """Carry out the plan's choices: a backup, then one transaction (all or nothing).

    Raises StoreError, with nothing changed, if a template changed since the plan was made,
    and Cancelled, with nothing changed, when `progress` is cancelled before the commit.
    """
    outcome = ImportOutcome()
    outcome.unchanged = sum(1 for item in plan.items if item.status is Status.IDENTICAL)
    outcome.kept = sum(
        1
        for item in plan.items
        if item.status is not Status.IDENTICAL and item.choice is Choice.MINE
    )
    actions = import_actions(plan)
    if not actions:
        return outcome
    outcome.backup = backup_store(store, progress)
    store.apply_import(actions, progress)
    for action in actions:
        if isinstance(action, AddTemplate):
            outcome.added += 1
        elif isinstance(action, ReplaceTemplate):
            outcome.updated += 1
        else:
            outcome.copies += 1
    log.info("imported %s: %s", Path(plan.source).name or plan.source, outcome)
    return outcome


def import_actions(plan: MergePlan) -> list[ImportAction]:
    """What applying the plan writes, in plan order: each action expects the store to
    hold what the plan saw (the store refuses the import otherwise)."""
    copy_suffix = _copy_suffix(plan.source)
    actions: list[ImportAction] = []
    for item in plan.items:
        if not _changes_something(item):
            continue
        incoming = item.incoming
        if item.local is None:
            start = revisions.received(incoming.revision)
            actions.append(AddTemplate(_data(incoming, incoming.id, incoming.name, start)))
        elif item.choice is Choice.THEIRS:
            # Their revision, applied by revisions.take_theirs: base_revision follows it.
            theirs = revisions.received(incoming.revision)
            seen = Seen(item.local.revision, item.local.deleted_at)
            actions.append(
                ReplaceTemplate(_data(incoming, incoming.id, incoming.name, theirs), seen)
            )
        else:
            name = copy_name(incoming.name, copy_suffix)
            actions.append(AddCopy(_data(incoming, str(uuid.uuid4()), name, revisions.NEW)))
    return actions


def _copy_suffix(source: str) -> str:
    """ " (from <file>)", the file's name without hidden characters and cut short."""
    file_name = without_hidden(Path(source).name or source)
    if len(file_name) > _COPY_SOURCE_CHARS:
        file_name = file_name[: _COPY_SOURCE_CHARS - 1] + "…"
    # Translators: added to the name of a kept-both copy; {file} is the import file's name.
    return _(" (from {file})").format(file=file_name)


def copy_name(name: str, suffix: str) -> str:
    """The name of a kept-both copy: `name` cut so that name + suffix still fits the name
    limit (a copy must pass the same checks as the template it copies)."""
    room = MAX_NAME_CHARS - len(suffix)
    if len(name) > room:
        name = name[: room - 1].rstrip() + "…"
    return name + suffix


def _data(
    incoming: IncomingTemplate, template_id: str, name: str, start: revisions.Start
) -> TemplateData:
    """Their template as the store takes it in (the origin says: their text, rendered off
    the GUI thread)."""
    return TemplateData(
        id=template_id,
        name=name,
        kind=incoming.kind,
        language=incoming.language,
        body=incoming.body,
        fields=[dict(f) for f in incoming.fields],
        tags=list(incoming.tags),
        origin=IMPORT_ORIGIN,
        revision=start.revision,
        base_revision=start.base_revision,
        family=incoming.family,
    )


__all__ = [
    "ALLOWED_CHOICES",
    "DEFAULT_CHOICE",
    "OUTCOME_PARTS",
    "REVIEW_ORDER",
    "Choice",
    "ImportOutcome",
    "MergeItem",
    "MergePlan",
    "Status",
    "apply_plan",
    "backup_store",
    "classify",
    "copy_name",
    "import_actions",
    "outcome_part",
    "plan_import",
    "status_text",
]
