"""`replydesk list`, `show` and `edit`: the templates, one template, a change to one."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from replydesk.cli.exit import ExitStatus
from replydesk.cli.output import print_json, print_table
from replydesk.cli.streams import Streams
from replydesk.core.display import BLOCK_NOTE, one_line, shown_block
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import _, pgettext

if TYPE_CHECKING:
    from replydesk.core.fields import FieldSpec
    from replydesk.core.models import TemplateRow
    from replydesk.core.store import TemplateStore


def list_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """The templates of a kind and language, or those a search finds."""
    rows = store.list_templates(kind=args.kind, language=args.lang, search=args.search)
    if args.json:
        print_json([template_summary(r) for r in rows], streams.stdout)
        return ExitStatus.OK
    table = [[r.id[:8], r.language, r.kind, ("★ " if r.favorite else "") + r.name] for r in rows]
    headers = [
        pgettext("column", "ID"),
        # Translators: the column of the templates' language codes (en, ru).
        pgettext("column", "LANG"),
        pgettext("column", "KIND"),
        pgettext("column", "NAME"),
    ]
    print_table(table, headers, streams.stdout)
    return ExitStatus.OK


def show_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """One template: its details, its fields and its text (escaped unless --raw)."""
    out = streams.stdout
    row = store.find_template(args.template)
    fields = template_fields(row)
    if args.json:
        data = template_summary(row)
        data["body"] = row.body
        data["fields"] = [
            {
                "name": f.name,
                "type": f.type.value,
                "label": f.display_label,
                "required": f.required,
                "default": f.default,
                "choices": list(f.choices),
                "multiple": f.multiple,
                "help": f.help,
            }
            for f in fields
        ]
        print_json(data, out)
        return ExitStatus.OK
    out.write(f"{one_line(row.name)}\n")
    # Translators: a template's details under its name; {kind} and {language} are codes
    # (greeting, en), {revision} a number.
    details = _("id {id} · {kind} · {language} · revision {revision}").format(
        id=row.id, kind=row.kind, language=row.language, revision=row.revision
    )
    line = one_line(details)
    if row.tags:
        # Translators: {details} is the line of a template's details, {tags} its tags.
        line = _("{details} · tags: {tags}").format(
            details=line, tags=one_line(", ".join(row.tags))
        )
    out.write(line + "\n")
    out.write("\n" + _("Fields:") + "\n")
    for f in fields:
        if f.default is None:
            flags = pgettext("field", "required") if f.required else pgettext("field", "optional")
        else:
            # Translators: a field of the template; {default} is its default value, quoted.
            with_default = (
                _("required, default {default!r}")
                if f.required
                else _("optional, default {default!r}")
            )
            flags = with_default.format(default=f.default)
        out.write(one_line(f"  {f.name:<16} {f.type.value:<9} {flags}") + "\n")
    body, escaped, _cut = (
        (row.body.rstrip(), False, False) if args.raw else shown_block(row.body.rstrip())
    )
    out.write("\n" + body + "\n")
    if escaped:
        out.flush()
        print(_(BLOCK_NOTE), file=streams.stderr)
    return ExitStatus.OK


def edit_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """Change a template's name, body, tags, kind or language (its revision goes up)."""
    from replydesk.core.render import check_syntax

    row = store.find_template(args.template)
    body = None
    if args.body_file is not None:
        try:
            body = (
                streams.stdin.read()
                if str(args.body_file) == "-"
                else args.body_file.read_text("utf-8")
            )
        except (OSError, UnicodeDecodeError) as error:
            message = _("cannot read {file}: {reason}")
            raise ReplydeskError(message.format(file=args.body_file, reason=error)) from None
        check_syntax(body)
    tags = None if args.tags is None else [t.strip() for t in args.tags.split(",") if t.strip()]
    updated = store.update_template(
        row.id, name=args.name, body=body, tags=tags, kind=args.kind, language=args.lang
    )
    # Translators: {name} is the template's name, {revision} its new revision number.
    edited = _("{name}: revision {revision}").format(
        name=one_line(updated.name), revision=updated.revision
    )
    streams.stdout.write(edited + "\n")
    return ExitStatus.OK


def template_summary(row: TemplateRow) -> dict[str, Any]:
    """A template's details as --json gives them (without its body and fields)."""
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "language": row.language,
        "tags": row.tags,
        "favorite": row.favorite,
        "revision": row.revision,
        "use_count": row.use_count,
    }


def template_fields(row: TemplateRow) -> list[FieldSpec]:
    """The fields a template's body uses, with its own settings for them."""
    from replydesk.core.fields import specs_from_dicts
    from replydesk.core.render import fields_for

    return fields_for(row.body, specs_from_dicts(row.fields))
