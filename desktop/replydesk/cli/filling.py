"""`replydesk fill` and `check`: a reply filled and checked as the window does it, and
put on the clipboard by the same rules."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from replydesk.cli.exit import ExitStatus
from replydesk.cli.orders import order_id
from replydesk.cli.output import print_json
from replydesk.cli.parser import parse_assignments
from replydesk.cli.streams import Streams
from replydesk.core.display import one_line, shown_block
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import N_, _

if TYPE_CHECKING:
    from replydesk.core.checker import Finding
    from replydesk.core.store import TemplateStore

log = logging.getLogger("replydesk.cli")

FILLED_BLOCK_NOTE = N_(
    "replydesk: the reply contains invisible or control characters, shown as \\u… or \\x… "
    "escapes; redirected to a file or copied (--copy) it is exact"
)


def fill_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """Fill by the one path the window and the palette use (core.filling), and deliver
    by the same rules (core.delivery): a reply with checker errors is copied only with
    --anyway, and never while copying is blocked on errors."""
    from replydesk.core import delivery
    from replydesk.core.errors import InvalidValuesError, MissingFieldsError
    from replydesk.core.fields import FieldType
    from replydesk.core.filling import filling_for
    from replydesk.core.sandbox import MAX_RENDER_SECONDS

    out, err = streams.stdout, streams.stderr
    assignments = parse_assignments(args.set)
    row = store.find_template(args.template)
    order_number: int | None = None
    if args.order:
        order = store.find_order(args.order)
        order_number = order_id(order)
        store.touch_order(order_number)
    filling = filling_for(store, row.id, order_id=order_number)
    used = {f.name for f in filling.fields}
    if any(f.type is FieldType.MONEY for f in filling.fields):
        used.add("currency")  # the amounts are shown in it
    unused = sorted(set(assignments) - used)
    for name in unused:
        # Translators: {name} is a field name given with --set.
        note = _("note: this template does not use '{name}'").format(name=name)
        print(f"replydesk: {note}", file=err)
    for name, value in assignments.items():
        filling.set_value(name, value)
    result = filling.result(time_budget=MAX_RENDER_SECONDS)
    if result.error is not None:  # one line naming the template (and the line, if known)
        # Translators: a template's problem; {template} names the template (or its file).
        message = _("{template}: {message}")
        raise ReplydeskError(
            message.format(template=one_line(row.name, 80), message=result.error)
        ) from result.error
    if result.invalid:
        problems = list(result.problems)
        raise problems[0] if len(problems) == 1 else InvalidValuesError(problems)
    if result.missing:
        raise MissingFieldsError(list(result.missing))
    assert result.text is not None
    text = result.text
    log.info("filled template %s (%d characters)", row.id, len(text))
    log.debug("the reply:\n%s", text)
    if args.json:
        print_json(
            {"text": text, "template": row.id, "findings": findings_json(result.findings)}, out
        )
    elif out.isatty():  # a terminal never gets a reply's control characters raw
        shown = shown_block(text)
        out.write(shown.text + "\n")
        if shown.escaped:
            print(_(FILLED_BLOCK_NOTE), file=err)
    else:
        out.write(text + "\n")
    out.flush()
    for line in finding_lines(text, result.findings):
        print(f"replydesk: {line}", file=err)
    if not args.copy:
        delivery.record_delivery(store, row.id, None)
        return ExitStatus.OK
    decision = delivery.verdict(
        result.findings, blocked=delivery.copy_blocked(store), confirmed=args.anyway
    )
    if decision is delivery.Verdict.BLOCK:
        print(f"replydesk: {_(delivery.BLOCKED_TEXT)}", file=err)
        return ExitStatus.FINDINGS
    if decision is delivery.Verdict.CONFIRM:
        # Translators: ends "The checker found an error: …. Add --anyway to copy anyway"
        # (--anyway is the option, typed as it is).
        confirm = delivery.confirm_text(result.findings, _("Add --anyway"))
        # Translators: {confirmation} says what the checker found and how to copy anyway.
        not_copied = _("{confirmation}; not copied").format(confirmation=confirm)
        print(f"replydesk: {not_copied}", file=err)
        return ExitStatus.FINDINGS
    copied = copy_to_clipboard(text, err)
    if copied is ExitStatus.OK:
        delivery.record_delivery(store, row.id, None)
    return copied


def check_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """Check a reply (a file, or stdin): OK when it is clean, FINDINGS when the checker
    found something."""
    from replydesk.core.checker import check

    try:
        text = streams.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except OSError as error:
        # Translators: {file} is the file named on the command line, {reason} the system's
        # reason ("No such file or directory").
        message = _("cannot read {file}: {reason}")
        raise ReplydeskError(
            message.format(file=args.file, reason=error.strerror or error)
        ) from None
    except UnicodeDecodeError:
        message = _("cannot read {file}: not UTF-8 text")
        raise ReplydeskError(message.format(file=args.file)) from None
    findings = check(
        text, language=args.lang, platform=args.platform, order_language=args.order_language
    )
    if args.json:
        print_json(findings_json(findings), streams.stdout)
    else:
        for line in finding_lines(text, findings):
            streams.stdout.write(line + "\n")
    return ExitStatus.FINDINGS if findings else ExitStatus.OK


def copy_to_clipboard(text: str, err: TextIO) -> ExitStatus:
    """Put the reply on the clipboard and say so on `err`, or say why it could not be."""
    import pyperclip

    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException as error:
        reason = str(error).splitlines()[0] if str(error) else _("no clipboard available")
        failed = _("could not copy to the clipboard: {reason}").format(reason=reason)
        print(f"replydesk: {failed}", file=err)
        return ExitStatus.ERROR
    print(f"replydesk: {_('copied to the clipboard')}", file=err)
    return ExitStatus.OK


def findings_json(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """The checker's findings as --json gives them."""
    return [
        {
            "severity": f.severity.value,
            "start": f.start,
            "end": f.end,
            "rule": f.rule,
            "message": f.message,
        }
        for f in findings
    ]


def finding_lines(text: str, findings: Sequence[Finding]) -> list[str]:
    """ "severity line:col rule: message" for each finding of the checker."""
    from replydesk.core.checker import line_col

    lines = []
    for f in findings:
        line, col = line_col(text, f.start)
        lines.append(f"{f.severity.value} {line}:{col} {f.rule}: {f.message}")
    return lines
