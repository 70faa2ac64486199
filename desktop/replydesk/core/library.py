"""Template files with YAML front matter, and the built-in library made of them."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from replydesk import __version__
from replydesk.core import shipped
from replydesk.core.display import one_line
from replydesk.core.errors import LibraryFileError, TemplateSyntaxProblem, shown
from replydesk.core.fields import FieldSpec, specs_from_dicts
from replydesk.core.i18n import N_, _, ngettext
from replydesk.core.models import BUILTIN_ORIGIN, TemplateData
from replydesk.core.render import check_syntax
from replydesk.core.revisions import LibraryVerdict
from replydesk.core.settings import LIBRARY_FINGERPRINT
from replydesk.core.template_texts import MAX_TAGS, check_template_texts

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore

KINDS: tuple[str, ...] = (
    "greeting",
    "scope_clarification",
    "upsell_options",
    "refund_offer",
    "phone_call_refusal",
    "progress_update",
    "delivery",
    "review_thanks",
    "negative_review_reply",
    "away_notice",
    "deadline_extension",
    "revision_request",
    "custom_offer",
    "declining_free_work",
    "off_platform_refusal",
    "follow_up",
    "acceptance_reminder",
    "order_cancellation",
    "missed_deadline_apology",
    "quote",
    "declining_a_job",
    "missing_materials",
    "dispute_handoff",
    "returning_client",
    "holiday_notice",
    "milestone_delivery",
)
LANGUAGES: tuple[str, ...] = ("en", "ru", "ro", "sk", "hu")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_LANGUAGE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z]{2,4})?$")
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Front matter is a handful of keys. Deeper nesting crashes libyaml's recursive composer
# (a segfault, not an exception), and aliases can expand a few lines into billions of
# nodes ("billion laughs"): both are refused before the YAML is loaded.
MAX_YAML_DEPTH = 50
MAX_YAML_NODES = 100_000
MAX_REVISION = 2**31 - 1  # far beyond any real count, and fits SQLite's INTEGER after +1s
MAX_FAMILY_CHARS = 100
MAX_TEMPLATE_FILE_BYTES = 4 * 1024 * 1024  # a built-in file; 100,000 characters of body fit


@dataclass(frozen=True)
class TemplateFile:
    """A template as written in a front-matter file.

    `revision`, `base_revision` and `updated_at` are written only by an export (the
    sharing model of bundle.py and merge.py); built-in files leave them out (None).
    """

    id: str
    name: str
    kind: str
    language: str
    body: str
    tags: tuple[str, ...] = ()
    fields: tuple[FieldSpec, ...] = ()
    version: int = 1
    source: str = field(default="", compare=False)
    revision: int | None = None
    base_revision: int | None = None
    updated_at: str | None = None
    family: str = ""  # the reply this is a language's variant of ("": on its own)


BUILTIN_FAMILY_PREFIX = "builtin:"
"""A built-in template's family is this and its kind: the same reply in each language."""


def parse_template_text(
    text: str, source: str = "<text>", *, max_body_chars: int | None = None
) -> TemplateFile:
    """Parse one front-matter file; LibraryFileError names the file, the line and the problem.

    With `max_body_chars`, a longer body is refused before its syntax is checked.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        message = _("{source}: no front matter (the file must start with a '---' line)")
        raise LibraryFileError(message.format(source=source))
    front = match.group(1)
    try:
        _check_yaml_size(front, source)
        meta = yaml.load(front, Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        raise _yaml_refusal(front, source, error) from None
    except RecursionError:
        message = _("{source}: front matter nested too deeply to read")
        raise LibraryFileError(message.format(source=source)) from None
    except ValueError as error:  # a constructor's: an impossible date, an over-long number
        problem = _("a number too long to read") if "digits" in str(error) else str(error)
        # Translators: {problem} is what is wrong in it (the YAML reader's own words, or
        # "a number too long to read").
        message = _("{source}: front matter: {problem}")
        raise LibraryFileError(
            message.format(source=source, problem=_first_line(problem))
        ) from None
    if not isinstance(meta, dict):
        message = _("{source}: the front matter must be a mapping of keys")
        raise LibraryFileError(message.format(source=source))
    body = text[match.end() :]
    template = template_from_mapping(meta, body, source)
    if max_body_chars is not None and len(template.body) > max_body_chars:
        # Translators: {name} is the template's name, quoted; {count} is the limit (English
        # keeps the plural after “longer than”).
        message = ngettext(
            "{source}: the text of {name} is longer than {count} characters",
            "{source}: the text of {name} is longer than {count} characters",
            max_body_chars,
        )
        raise LibraryFileError(
            message.format(source=source, name=repr(template.name), count=f"{max_body_chars:,}")
        )
    stripped = len(body) - len(body.lstrip("\n"))
    body_offset = text[: match.end()].count("\n") + stripped
    try:
        check_syntax(template.body)
    except TemplateSyntaxProblem as problem:
        line = problem.line + body_offset if problem.line else None
        raise TemplateSyntaxProblem(
            problem.short_message, line, f"{source} ({one_line(template.name)})"
        ) from None
    return template


def _yaml_refusal(front: str, source: str, error: yaml.YAMLError) -> LibraryFileError:
    """PyYAML's refusal of the front matter, in our words, whichever PyYAML it is.

    Deep nesting is "nested too deeply" whether our limit or PyYAML's own refuses it first
    (libyaml 6.0.4 refuses flow collections 1,000 deep while reading ahead, before our
    check sees an event); anything else names the place and PyYAML's problem, on one line.
    """
    mark = getattr(error, "problem_mark", None)
    if mark is not None and _nests_too_deeply(front[: mark.index]):
        return LibraryFileError(_too_deep(source))
    problem = getattr(error, "problem", None)
    detail = one_line(problem[:200]) if isinstance(problem, str) else None
    if mark is not None and detail is not None:
        # Translators: {problem} is the YAML reader's own (English) words.
        message = _(
            "{source}: front matter at line {line}, column {column}: not valid YAML ({problem})"
        )
    elif mark is not None:
        message = _("{source}: front matter at line {line}, column {column}: not valid YAML")
    elif detail is not None:
        # Translators: {problem} is the YAML reader's own (English) words.
        message = _("{source}: front matter: not valid YAML ({problem})")
    else:
        message = _("{source}: front matter: not valid YAML")
    line, column = (mark.line + 2, mark.column + 1) if mark is not None else (0, 0)
    return LibraryFileError(message.format(source=source, line=line, column=column, problem=detail))


def _too_deep(source: str) -> str:
    return _("{source}: front matter nested too deeply").format(source=source)


def _nests_too_deeply(yaml_text: str) -> bool:
    """Whether `yaml_text` (YAML cut where a parser gave up) opens more than
    MAX_YAML_DEPTH collections at once; counts events, builds nothing.

    Where the parser gives up before the end again (its own depth limit), the text is cut
    there once more: a few rounds at most, each on a shorter text.
    """
    for _round in range(4):
        depth = 0
        try:
            for event in yaml.parse(yaml_text, Loader=_YAML_LOADER):
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_YAML_DEPTH:
                        return True
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
            return False
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            if mark is None or not 0 < mark.index < len(yaml_text):
                return False
            yaml_text = yaml_text[: mark.index]
        except RecursionError:
            return False
    return False


def _check_yaml_size(text: str, source: str) -> None:
    """Refuse YAML nested deeper than MAX_YAML_DEPTH or expanding (aliases counted at their
    full size) to more than MAX_YAML_NODES nodes; reads the events only, builds nothing."""
    stack: list[tuple[str | None, int]] = []
    sizes: dict[str, int] = {}
    total = 0
    for event in yaml.parse(text, Loader=_YAML_LOADER):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append((event.anchor, 1))
            if len(stack) > MAX_YAML_DEPTH:
                raise LibraryFileError(_too_deep(source))
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = stack.pop()
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        else:
            continue
        if anchor is not None:
            sizes[anchor] = size
        if stack:
            stack[-1] = (stack[-1][0], stack[-1][1] + size)
        else:
            total += size
        if total + sum(n for _, n in stack) > MAX_YAML_NODES:
            message = _("{source}: front matter too large (aliases included)")
            raise LibraryFileError(message.format(source=source))


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else _("invalid YAML")


def template_from_mapping(meta: dict[str, Any], body: str, source: str) -> TemplateFile:
    """Check the keys of a template mapping and build a TemplateFile."""

    def text_key(key: str, required: bool = True) -> str:
        value = meta.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            # Translators: {key} is a key of the file (not translated).
            message = _("{where}: '{key}' must be a non-empty text")
            raise LibraryFileError(message.format(where=source, key=key))
        return value.strip()

    raw_id = meta.get("id")
    try:
        template_id = str(uuid.UUID(raw_id.strip() if isinstance(raw_id, str) else ""))
    except ValueError:
        # Translators: 'id' is a key of the file (not translated); {value} is what it holds.
        message = _("{source}: 'id' must be a UUID, not {value}")
        raise LibraryFileError(message.format(source=source, value=shown(raw_id))) from None
    language = text_key("language")
    if not _LANGUAGE.match(language):
        # Translators: 'language' is a key of the file (not translated), en and ru codes.
        message = _("{source}: 'language' must be a language code such as en or ru")
        raise LibraryFileError(message.format(source=source))
    version = meta.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        # Translators: 'version' is a key of the file (not translated).
        message = _("{source}: 'version' must be a whole number from 1")
        raise LibraryFileError(message.format(source=source))
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    if not isinstance(tags, list) or not all(_is_word(t) for t in tags):
        # Translators: 'tags' is a key of the file (not translated).
        message = _("{source}: 'tags' must be a list of words")
        raise LibraryFileError(message.format(source=source))
    revision = _optional_count(meta, "revision", 1, source)
    base_revision = _optional_count(meta, "base_revision", 0, source)
    updated_at = meta.get("updated_at")
    if isinstance(updated_at, (dt.datetime, dt.date)):  # YAML reads unquoted timestamps
        updated_at = _timestamp_text(updated_at)
    if updated_at is not None and not isinstance(updated_at, str):
        # Translators: 'updated_at' is a key of the file (not translated).
        message = _("{source}: 'updated_at' must be an ISO 8601 date and time")
        raise LibraryFileError(message.format(source=source))
    raw_fields = meta.get("fields") or []
    if not isinstance(raw_fields, list):
        # Translators: {key} is a key of the file (not translated).
        message = _("{where}: '{key}' must be a list")
        raise LibraryFileError(message.format(where=source, key="fields"))
    try:
        fields = specs_from_dicts(raw_fields)
    except LibraryFileError as error:
        # Translators: {problem} says what is wrong with one of its fields.
        message = _("{source}: {problem}")
        raise LibraryFileError(message.format(source=source, problem=error)) from None
    except ValueError:  # str() of an int too long to print, in a choice or a default
        # Translators: 'fields' is a key of the file (not translated).
        message = _("{source}: 'fields' holds a number too long to show")
        raise LibraryFileError(message.format(source=source)) from None
    name, kind = text_key("name"), text_key("kind")
    family = text_key("family", required=False)
    if len(family) > MAX_FAMILY_CHARS:
        # Translators: 'family' is a key of the file (not translated); {count} a number.
        message = _("{source}: 'family' is longer than {count} characters")
        raise LibraryFileError(message.format(source=source, count=MAX_FAMILY_CHARS))
    if len(tags) > MAX_TAGS:  # before a million of them are turned into text
        # Translators: {count} is the limit; English keeps the plural after “more than”.
        message = ngettext(
            "{source}: more than {count} tags", "{source}: more than {count} tags", MAX_TAGS
        )
        raise LibraryFileError(message.format(source=source, count=MAX_TAGS))
    words = tuple(str(t).strip() for t in tags)
    check_template_texts(name, kind, words, source)
    return TemplateFile(
        id=template_id,
        name=name,
        kind=kind,
        language=language,
        body=body.strip("\n") + "\n",
        tags=words,
        fields=tuple(fields),
        version=version,
        source=source,
        revision=revision,
        base_revision=base_revision,
        updated_at=updated_at,
        family=family,
    )


def _is_word(value: object) -> bool:
    if isinstance(value, str):
        return True
    # An int tag is kept as its digits; one too long to print (past Python's limit) is not.
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**100


def _optional_count(meta: dict[str, Any], key: str, minimum: int, source: str) -> int | None:
    """An optional whole-number key; `base_revision` may be 0 (never shared, older databases)."""
    value = meta.get(key)
    if value is None:
        return None
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not minimum <= value <= MAX_REVISION
    ):
        # Translators: {key} is a key of the file (not translated).
        message = _("{source}: '{key}' must be a whole number from {minimum} to {maximum}")
        raise LibraryFileError(
            message.format(source=source, key=key, minimum=minimum, maximum=f"{MAX_REVISION:,}")
        )
    return value


def _timestamp_text(value: dt.date) -> str:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat() + "Z"
    return value.isoformat()


# What refuses something that is not a regular file, by what it is (translated when shown).
_NOT_REGULAR: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, N_("{path}: a folder, not a file of templates; nothing was read")),
    (stat.S_ISFIFO, N_("{path}: a named pipe, not a file of templates; nothing was read")),
    (stat.S_ISSOCK, N_("{path}: a socket, not a file of templates; nothing was read")),
    (stat.S_ISCHR, N_("{path}: a device, not a file of templates; nothing was read")),
    (stat.S_ISBLK, N_("{path}: a device, not a file of templates; nothing was read")),
)
_NOT_A_REGULAR_FILE = N_("{path}: not a regular file, not a file of templates; nothing was read")
# Opening never waits: a named pipe swapped in after the check opens at once and reads
# as empty, instead of hanging until someone writes to it.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _check_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        message = next((text for test, text in _NOT_REGULAR if test(mode)), _NOT_A_REGULAR_FILE)
        raise LibraryFileError(_(message).format(path=path))


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (links followed), never more than `limit`.

    Named pipes, sockets, devices and folders are refused before they are opened (a pipe
    would block the read forever), and the opened file is checked again. LibraryFileError
    names the file; a file longer than `limit` is refused.
    """
    try:
        _check_regular(path, os.stat(path).st_mode)
        with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as handle:
            _check_regular(path, os.fstat(handle.fileno()).st_mode)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        message = _("{path}: no such file (or a link to nothing)")
        raise LibraryFileError(message.format(path=path)) from None
    except OSError as error:
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("{path}: {reason}")
        raise LibraryFileError(message.format(path=path, reason=error.strerror or error)) from None
    if len(data) > limit:
        # Translators: {size} is a number of mebibytes.
        message = _("{path}: larger than the {size} MiB a file may have")
        raise LibraryFileError(message.format(path=path, size=f"{limit / 2**20:g}"))
    return data


def read_template_file(path: Path) -> TemplateFile:
    try:
        data = read_regular_file(path, MAX_TEMPLATE_FILE_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise LibraryFileError(_("{source}: not UTF-8 text").format(source=path)) from None
    text = data.replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it
    return parse_template_text(text, str(path))


def format_template_file(template: TemplateFile) -> str:
    """Write a template back in the front-matter format (parse_template_text's inverse)."""
    meta: dict[str, Any] = {
        "id": template.id,
        "name": template.name,
        "kind": template.kind,
        "language": template.language,
        "version": template.version,
    }
    for key in ("revision", "base_revision", "updated_at"):
        value = getattr(template, key)
        if value is not None:
            meta[key] = value
    if template.family:
        meta["family"] = template.family
    meta["tags"] = list(template.tags)
    if template.fields:
        meta["fields"] = [spec.to_dict() for spec in template.fields]
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n{template.body.rstrip()}\n"


# --- the built-in library -------------------------------------------------------------------


def builtin_paths(root: Path | None = None) -> list[Path]:
    base = root or shipped.templates_dir()
    return sorted(base.glob("*/*.md"))


def load_builtin(root: Path | None = None) -> list[TemplateFile]:
    return [read_template_file(path) for path in builtin_paths(root)]


def library_fingerprint(files: Sequence[Path]) -> str:
    """Changes when a built-in file or the app version changes; lets start-up skip the sync."""
    digest = hashlib.sha256(__version__.encode())
    for path in files:
        info = path.stat()
        digest.update(f"{path.parent.name}/{path.name}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()


@dataclass
class SyncResult:
    added: int = 0
    updated: int = 0
    kept_edited: int = 0
    skipped: bool = False


def sync_builtin(
    store: TemplateStore, root: Path | None = None, *, force: bool = False
) -> SyncResult:
    """Load new built-in templates and newer versions of ones the user has not edited.

    A template the user edited or deleted is never touched. Skipped quickly when nothing
    changed since the last sync.
    """
    files = builtin_paths(root)
    fingerprint = library_fingerprint(files)
    if not force and LIBRARY_FINGERPRINT.read(store) == fingerprint:
        return SyncResult(skipped=True)
    result = apply_builtin(store, [read_template_file(path) for path in files])
    LIBRARY_FINGERPRINT.write(store, fingerprint)
    return result


def apply_builtin(store: TemplateStore, templates: Iterable[TemplateFile]) -> SyncResult:
    """Merge built-in templates into the store in one transaction (the rules are
    core.revisions': library_verdict and library_update)."""
    verdicts = store.apply_library([_builtin_data(template) for template in templates])
    return SyncResult(
        added=verdicts[LibraryVerdict.ADD],
        updated=verdicts[LibraryVerdict.UPDATE],
        kept_edited=verdicts[LibraryVerdict.KEEP_EDITED],
    )


def _builtin_data(template: TemplateFile) -> TemplateData:
    return TemplateData(
        id=template.id,
        name=template.name,
        kind=template.kind,
        language=template.language,
        body=template.body,
        fields=[spec.to_dict() for spec in template.fields],
        tags=list(template.tags),
        origin=BUILTIN_ORIGIN,
        library_version=template.version,
        family=template.family or BUILTIN_FAMILY_PREFIX + template.kind,
    )
