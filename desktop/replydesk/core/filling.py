"""One template being filled for one order: which fields to ask for, and the reply so far."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from replydesk.core.errors import (
    FieldValueError,
    InvalidValuesError,
    MissingFieldsError,
    RenderTimeExceeded,
    ReplydeskError,
    listed,
)
from replydesk.core.fields import (
    ORDER_BAR_FIELDS,
    ORDER_FIELD_NAMES,
    PER_REPLY_ORDER_FIELDS,
    PROFILE_FIELD_NAMES,
    FieldSpec,
    field_label,
    is_empty,
    resolved_default,
    specs_from_dicts,
)
from replydesk.core.i18n import N_, _
from replydesk.core.models import TRUSTED_ORIGINS
from replydesk.core.render import fields_for, prepare_values, render

INTERACTIVE_RENDER_SECONDS = 0.05
"""The processor-time budget of a preview of the user's own template rebuilt on every
keystroke (the window's and the palette's, on the GUI thread). A render that needs more
is finished off the GUI thread with the full MAX_RENDER_SECONDS (see
FillResult.needs_more_time), as one-shot renders (the CLI) are."""

RENDERING_MESSAGE = N_("Preparing the reply… (this template takes longer than most)")
DEFERRED_MESSAGE = N_("Preparing the reply…")

if TYPE_CHECKING:
    from replydesk.core.checker import Finding
    from replydesk.core.store import TemplateStore

Destination = Literal["order", "profile", "reply"]


@dataclass(frozen=True)
class FillResult:
    """The reply as it stands: its text, or why there is none yet."""

    text: str | None = None
    missing: tuple[str, ...] = ()
    invalid: Mapping[str, str] = field(default_factory=dict)
    error: ReplydeskError | None = None
    rendering: bool = False  # a render that needed more time is being finished
    deferred: bool = False  # someone else's template: to be rendered off the GUI thread
    findings: tuple[Finding, ...] = ()  # the checker's, for `text`
    problems: tuple[FieldValueError, ...] = ()  # the values behind `invalid`
    labels: Mapping[str, str] = field(default_factory=dict)  # field name → its label

    @property
    def ok(self) -> bool:
        return self.text is not None

    @property
    def needs_more_time(self) -> bool:
        """Finish the render off the GUI thread with the full budget: it ran out of the
        interactive one, or the template is someone else's (never rendered on the GUI
        thread)."""
        return self.deferred or isinstance(self.error, RenderTimeExceeded)

    @property
    def message(self) -> str:
        """One line for the user: what stands between them and the reply."""
        if self.rendering:
            return _(RENDERING_MESSAGE)
        if self.deferred:
            return _(DEFERRED_MESSAGE)
        if self.error is not None:
            return str(self.error)
        if self.invalid:
            return listed(list(self.invalid.values()), "; ")
        if self.missing:
            # Translators: {fields} lists the labels of the fields still empty ("Price, Deadline").
            fields = listed([self.label(name) for name in self.missing])
            return _("Fill in: {fields}").format(fields=fields)
        return ""

    def label(self, name: str) -> str:
        """How the user knows a field: its label, not its name in the template."""
        return self.labels.get(name) or field_label(name)


class Filling:
    """A template, the current order's values, the profile, and what the user typed.

    Values are typed (parsed) objects or strings; `result()` never raises for a problem
    the user can fix: it reports it in the FillResult instead. A template that is not
    `trusted` (someone else's) is rendered only with an explicit `time_budget`, which
    callers give off the GUI thread. A value typed for the
    order's note stays with this reply unless the note is pinned to the order (an order
    that already holds a note has it pinned).
    """

    def __init__(
        self,
        body: str,
        declared: Sequence[Mapping[str, Any]],
        language: str,
        *,
        order_values: Mapping[str, object] | None = None,
        profile_values: Mapping[str, object] | None = None,
        default_currency: str = "USD",
        trusted: bool = True,
    ) -> None:
        self.body = body
        self.trusted = trusted
        self.language = language
        self.default_currency = default_currency
        self.order_values: dict[str, object] = dict(order_values or {})
        self.profile_values: dict[str, object] = dict(profile_values or {})
        self.reply_values: dict[str, object] = {}
        self.pinned: set[str] = {
            name for name in PER_REPLY_ORDER_FIELDS if not is_empty(self.order_values.get(name))
        }
        self.syntax_error: ReplydeskError | None = None
        try:
            self.fields: list[FieldSpec] = fields_for(body, specs_from_dicts(declared))
        except ReplydeskError as error:
            self.syntax_error = error
            self.fields = []

    # -- which fields go where -------------------------------------------------------

    def uses(self, name: str) -> bool:
        return any(spec.name == name for spec in self.fields)

    def destination(self, name: str) -> Destination:
        """Where a value typed for this field is kept."""
        if name in PER_REPLY_ORDER_FIELDS and name not in self.pinned:
            return "reply"
        if name in ORDER_FIELD_NAMES:
            return "order"
        if name in PROFILE_FIELD_NAMES:
            return "profile"
        return "reply"

    def pin(self, name: str, pinned: bool) -> None:
        """Keep a per-reply order field (the note) on the order, or with this reply only."""
        if pinned:
            self.pinned.add(name)
            if name in self.reply_values:
                self.order_values[name] = self.reply_values.pop(name)
        else:
            self.pinned.discard(name)
            if name in self.order_values:
                self.reply_values[name] = self.order_values.pop(name)

    @property
    def form_fields(self) -> list[FieldSpec]:
        """The fields the fill form asks for: not the order bar's, and profile fields only
        while the profile lacks them."""
        return [
            spec
            for spec in self.fields
            if spec.name not in ORDER_BAR_FIELDS
            and not (spec.name in PROFILE_FIELD_NAMES and self._initial_profile(spec.name))
        ]

    def _initial_profile(self, name: str) -> bool:
        return not is_empty(self.profile_values.get(name))

    def initial_value(self, spec: FieldSpec) -> object:
        """What the form shows: what was typed (even if cleared), else the order's or the
        profile's value, else the default."""
        for source in (self.reply_values, self.order_values, self.profile_values):
            if spec.name in source:
                return source[spec.name]
        return resolved_default(spec, {**self.order_values, **self.reply_values})

    # -- values ----------------------------------------------------------------------

    def set_value(self, name: str, value: object) -> None:
        """A value typed in the form (None or "" clears it: the field renders empty)."""
        destination = self.destination(name)
        if destination == "order":
            self.order_values[name] = value
        elif destination == "profile":
            self.profile_values[name] = value
        else:
            self.reply_values[name] = value

    def set_order_values(self, values: Mapping[str, object]) -> None:
        """The order's values as stored now (a pinned note among them)."""
        self.order_values = {
            name: value
            for name, value in values.items()
            if name not in PER_REPLY_ORDER_FIELDS or name in self.pinned
        }

    def set_profile_values(self, values: Mapping[str, object], default_currency: str) -> None:
        self.profile_values = dict(values)
        self.default_currency = default_currency

    # -- the reply -------------------------------------------------------------------

    def snapshot(self) -> Filling:
        """A copy that later edits of this one do not change (to finish in a worker)."""
        copied = copy.copy(self)
        copied.order_values = dict(self.order_values)
        copied.profile_values = dict(self.profile_values)
        copied.reply_values = dict(self.reply_values)
        copied.pinned = set(self.pinned)
        return copied

    def result(self, time_budget: float | None = None) -> FillResult:
        """The reply and the checker's findings, rendered within `time_budget` seconds of
        processor time (by default INTERACTIVE_RENDER_SECONDS); or what is missing.

        Without a `time_budget`, someone else's template is not rendered: the result is
        `deferred` (what is missing or invalid is still reported)."""
        labels = {spec.name: spec.display_label for spec in self.fields}
        if self.syntax_error is not None:
            return FillResult(error=self.syntax_error, labels=labels)
        try:
            values = prepare_values(
                self.fields,
                self.profile_values,
                self.order_values,
                self.reply_values,
                default_currency=self.default_currency,
            )
        except InvalidValuesError as error:
            problems = tuple(error.problems)
            return FillResult(invalid=self._invalid(problems), problems=problems, labels=labels)
        except FieldValueError as error:
            return FillResult(invalid=self._invalid([error]), problems=(error,), labels=labels)
        except MissingFieldsError as error:
            return FillResult(missing=tuple(error.fields), labels=labels)
        if time_budget is None and not self.trusted:
            return FillResult(deferred=True, labels=labels)
        try:
            text = render(
                self.body,
                values,
                language=self.language,
                default_currency=self.default_currency,
                time_budget=INTERACTIVE_RENDER_SECONDS if time_budget is None else time_budget,
            )
        except ReplydeskError as error:
            return FillResult(error=error, labels=labels)
        return FillResult(text=text, findings=tuple(self._check(text, values)), labels=labels)

    def _invalid(self, problems: Sequence[FieldValueError]) -> dict[str, str]:
        return {p.field: str(p) for p in problems}

    def _check(self, text: str, values: Mapping[str, object]) -> list[Finding]:
        from replydesk.core import checker

        platform = values.get("platform")
        deadline = values.get("deadline")
        dates = {
            spec.display_label: value
            for spec in self.fields
            if spec.name != "deadline" and isinstance(value := values.get(spec.name), dt.date)
        }
        return checker.check(
            text,
            language=self.language,
            platform=str(platform) if platform else None,
            # Only a reply that speaks of the deadline is checked against it.
            deadline=deadline if isinstance(deadline, dt.date) and self.uses("deadline") else None,
            dates=dates,
            order_language=str(language) if (language := values.get("language")) else None,
        )


def filling_for(store: TemplateStore, template_id: str, order_id: int | None = None) -> Filling:
    """A Filling of a stored template with an order's values (by default the current
    order's) and the profile's values for the template's language."""
    row = store.get_template(template_id)
    profile = store.get_profile()
    order_values: Mapping[str, object] = {}
    if order_id is None:
        order_id = store.current_order_id
    if order_id is not None:
        try:
            order_values = store.get_order(order_id).values()
        except ReplydeskError:
            order_values = {}
    return Filling(
        row.body,
        row.fields,
        row.language,
        order_values=order_values,
        profile_values=profile.values(row.language),
        default_currency=profile.default_currency,
        trusted=row.origin in TRUSTED_ORIGINS,
    )


# ORDER_BAR_FIELDS, PER_REPLY_ORDER_FIELDS and PROFILE_FIELD_NAMES (core.fields) and
# TRUSTED_ORIGINS (core.models) are re-exported: the window imports them from here.
__all__ = [
    "DEFERRED_MESSAGE",
    "INTERACTIVE_RENDER_SECONDS",
    "ORDER_BAR_FIELDS",
    "PER_REPLY_ORDER_FIELDS",
    "PROFILE_FIELD_NAMES",
    "RENDERING_MESSAGE",
    "TRUSTED_ORIGINS",
    "Destination",
    "FillResult",
    "Filling",
    "filling_for",
]
