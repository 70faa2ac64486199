"""The `.replydesk` file and template folders: export templates, read what a teammate sent.

Reading checks everything before anything reaches the store (see docs/bundle-format.md);
every problem is a BundleError with one line that names the file. Zip archives are read
in memory, entry by entry, with their sizes checked: nothing is ever extracted to disk.
"""

from __future__ import annotations

import bz2
import dataclasses
import io
import itertools
import json
import lzma
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from replydesk import __version__
from replydesk.core import library, stepwise_json
from replydesk.core.display import one_line
from replydesk.core.errors import (
    LibraryFileError,
    NotFoundError,
    ReplydeskError,
    TemplateSyntaxProblem,
)
from replydesk.core.fields import specs_from_dicts
from replydesk.core.files import write_atomically
from replydesk.core.i18n import N_, _, ngettext
from replydesk.core.models import OrderRow, TemplateRow
from replydesk.core.progress import NO_PROGRESS, Progress
from replydesk.core.render import check_parse
from replydesk.core.store import TemplateStore

FORMAT_NAME = "replydesk-templates"
FORMAT_VERSION = 1
SUPPORTED_VERSIONS: tuple[int, ...] = (1,)
BUNDLE_SUFFIXES: tuple[str, ...] = (".replydesk", ".json")

# Limits: 10,000 templates of up to 4 KB (the benchmark's library) take about 34 MiB;
# MAX_TEMPLATES of them fit. Bigger files are refused before they are parsed.
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_TEMPLATES = 20_000
MAX_BODY_CHARS = 100_000
MAX_COMPRESSION_RATIO = 100
# Entries smaller than this are never called bombs, whatever their ratio: a short text of
# repeated lines compresses very well, and the total size limit still applies to them.
_RATIO_FLOOR_BYTES = 1024 * 1024
# A zip's entries, folders and macOS's "__MACOSX/._x" twins included; counted before
# zipfile builds an object for each, since 64 MiB of central directory is a million.
MAX_ZIP_ENTRIES = 2 * MAX_TEMPLATES + 1_000
# Entries are decompressed this much at a time, whatever the method, and never past the
# size their header declares (which the checks above bound): a bomb stops at its lie.
_INFLATE_CHUNK = 64 * 1024
_ZIP_METHODS = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "LZMA",
}
_SYMLINK_MODE = 0o120000
_ZIP_NOISE = ("__MACOSX/",)
_PROGRESS_EVERY = 50  # templates between progress reports (and chances to cancel)
_Item = TypeVar("_Item")
# Translators: shown in the progress bar while an import file is read.
_READING = N_("Reading")
_NOT_UTF8 = N_("{source}: not UTF-8 text")
_JSON_WRITER = json.JSONEncoder(ensure_ascii=False, indent=2)  # json.dumps' pieces, in turn


class BundleError(ReplydeskError):
    """A file of templates that cannot be exported or imported; names the file."""


@dataclass(frozen=True)
class IncomingTemplate:
    """One template as a bundle holds it, checked and ready to be merged."""

    id: str
    name: str
    kind: str
    language: str
    body: str
    tags: tuple[str, ...]
    fields: tuple[dict[str, Any], ...]
    revision: int
    base_revision: int
    updated_at: str | None
    family: str = ""  # the reply this is a language's variant of ("": on its own)


@dataclass(frozen=True)
class Bundle:
    """What a file or folder of templates holds; `source` is the path it was read from."""

    source: str
    templates: tuple[IncomingTemplate, ...]
    orders: tuple[dict[str, Any], ...] = ()
    profile: dict[str, Any] | None = None
    app_version: str | None = None
    exported_at: str | None = None


# --- export -------------------------------------------------------------------------------


def _timestamp(value: datetime | None = None) -> str:
    """ISO 8601 UTC with a Z; stored datetimes are naive UTC."""
    moment = value if value is not None else datetime.now(timezone.utc)
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def _selected(
    store: TemplateStore, ids: Sequence[str], kind: str | None, language: str | None
) -> list[TemplateRow]:
    """The templates to export: by id (in that order), else all; never those in the trash."""
    if ids:
        rows: list[TemplateRow] = []
        seen: set[str] = set()
        for template_id in ids:
            row = store.get_template(template_id)
            if row.deleted_at is not None:
                # Translators: {name} is the template's name, quoted; {id} its id.
                message = _("template {name} ({id}) is in the trash")
                raise NotFoundError(message.format(name=repr(row.name), id=row.id))
            if row.id not in seen:
                seen.add(row.id)
                rows.append(row)
        return [
            row
            for row in rows
            if (kind is None or row.kind == kind) and (language is None or row.language == language)
        ]
    rows = store.list_templates(kind=kind, language=language)
    return sorted(rows, key=lambda row: (row.language, row.kind, row.name.casefold(), row.id))


def _template_data(row: TemplateRow) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": row.id,
        "revision": row.revision,
        "base_revision": row.base_revision,
        "updated_at": _timestamp(row.updated_at),
        "name": row.name,
        "kind": row.kind,
        "language": row.language,
    }
    if row.family:
        data["family"] = row.family
    data.update(tags=row.tags, fields=row.fields, body=row.body)
    return data


def _order_data(order: OrderRow) -> dict[str, Any]:
    return {
        "id": order.id,
        "client_name": order.client_name,
        "order_id": order.order_id,
        "service": order.service,
        "price": order.price,
        "currency": order.currency,
        "deadline": order.deadline.isoformat() if order.deadline else None,
        "platform": order.platform,
        "notes": order.notes,
        "custom": order.custom,
        "created_at": _timestamp(order.created_at),
        "updated_at": _timestamp(order.updated_at),
        "last_used_at": _timestamp(order.last_used_at),
    }


def bundle_data(
    store: TemplateStore,
    *,
    ids: Sequence[str] = (),
    kind: str | None = None,
    language: str | None = None,
    with_orders: bool = False,
    progress: Progress = NO_PROGRESS,
) -> dict[str, Any]:
    """The `.replydesk` content for the chosen templates (all not in the trash by default).

    Orders and the profile are client data: included only with `with_orders`.
    Raises NotFoundError for an id that is unknown or in the trash.
    """
    rows = _selected(store, ids, kind, language)
    # Translators: shown in the progress bar while templates are exported.
    exporting = _("Exporting")
    templates = [_template_data(row) for row in _stepped(rows, progress, exporting)]
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": _timestamp(),
        "templates": templates,
    }
    if with_orders:
        # A negative LIMIT means "no limit" to SQLite: every order, most recent first.
        data["orders"] = [_order_data(order) for order in store.list_orders(limit=-1)]
        profile = store.get_profile()
        data["profile"] = {
            **dataclasses.asdict(profile),
            # The default language's, the one signature there was before languages had their own.
            "signature": profile.signature_for(profile.default_language),
        }
    return data


def _stepped(items: Sequence[_Item], progress: Progress, what: str) -> Iterator[_Item]:
    """The items, saying how far it is every _PROGRESS_EVERY (and at the end)."""
    total = len(items)
    for number, item in enumerate(items):
        if number % _PROGRESS_EVERY == 0:
            progress.step(number, total, what)
        yield item
    progress.step(total, total, what)


def export_file(
    store: TemplateStore, path: Path | str, progress: Progress = NO_PROGRESS, **filters: Any
) -> int:
    """Write a `.replydesk` file (see bundle_data for the filters); returns how many templates.

    Cancelled (by `progress`) before the file is written, the target is left as it was."""
    target = Path(path).expanduser()
    data = bundle_data(store, progress=progress, **filters)
    progress.check()  # the last chance to cancel: then it is written
    try:
        write_atomically(target, itertools.chain(_JSON_WRITER.iterencode(data), ["\n"]))
    except OSError as error:
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("cannot write {path}: {reason}")
        raise BundleError(message.format(path=target, reason=error.strerror or error)) from error
    return len(data["templates"])


def slug(text: str, fallback: str = "template") -> str:
    """A file-name-safe form of `text`: lower case words (any script) joined by dashes."""
    words = re.sub(r"[\W_]+", "-", text.casefold()).strip("-")
    return words[:60].rstrip("-") or fallback


def _front_matter_file(row: TemplateRow) -> library.TemplateFile:
    try:
        fields = tuple(specs_from_dicts(row.fields))
    except LibraryFileError as error:
        # Translators: {name} is the template's name, quoted; {id} its id.
        message = _("template {name} ({id}): {problem}")
        raise BundleError(message.format(name=repr(row.name), id=row.id, problem=error)) from None
    return library.TemplateFile(
        id=row.id,
        name=row.name,
        kind=row.kind,
        language=row.language,
        body=row.body,
        tags=tuple(row.tags),
        fields=fields,
        revision=row.revision,
        base_revision=row.base_revision,
        updated_at=_timestamp(row.updated_at),
        family=row.family,
    )


def export_folder(
    store: TemplateStore,
    folder: Path | str,
    *,
    ids: Sequence[str] = (),
    kind: str | None = None,
    language: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write front-matter files `<language>/<name-slug>-<id8>.md`; returns how many.

    An earlier export of the same template under another name or language is replaced,
    so the folder never holds one id twice. Every file's text is made first: cancelled
    (by `progress`) before the writing starts, the folder is left as it was.
    """
    root = Path(folder).expanduser()
    rows = _selected(store, ids, kind, language)
    files: list[tuple[TemplateRow, Path, str]] = []
    # Translators: shown in the progress bar while templates are exported.
    for row in _stepped(rows, progress, _("Exporting")):
        text = library.format_template_file(_front_matter_file(row))
        target = root / slug(row.language, "other") / f"{slug(row.name)}-{row.id[:8]}.md"
        files.append((row, target, text))
    progress.check()  # the last chance to cancel: then the files are written
    try:
        for row, target, text in files:
            write_atomically(target, text)
            for stale in root.glob(f"*/*-{row.id[:8]}.md"):
                if stale != target and _front_matter_id(stale) == row.id:
                    stale.unlink()
    except OSError as error:
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("cannot write to {path}: {reason}")
        raise BundleError(message.format(path=root, reason=error.strerror or error)) from error
    return len(rows)


_ID_LINE = re.compile(r"^id:\s*['\"]?([0-9a-fA-F-]{36})", re.M)


def _front_matter_id(path: Path) -> str | None:
    if path.is_symlink() or not path.is_file():  # never a named pipe: it would block
        return None
    try:
        head = library.read_regular_file(path, MAX_BUNDLE_BYTES)[:4096]
    except LibraryFileError:
        return None
    match = _ID_LINE.search(head.decode("utf-8", errors="replace"))
    return match.group(1).lower() if match else None


# --- reading ------------------------------------------------------------------------------


def read_bundle(path: Path | str, progress: Progress = NO_PROGRESS) -> Bundle:
    """Read and check a `.replydesk` (JSON) file, a folder or `.zip` of front-matter files,
    or one `.md` file. Raises BundleError (one line, naming the file) on any problem, and
    Cancelled when `progress` is cancelled (it steps once per template checked)."""
    source = Path(path).expanduser()
    if source.is_dir():
        return _read_folder(source, progress)
    if not source.exists():
        raise BundleError(_("{source}: no such file or folder").format(source=source))
    suffix = source.suffix.lower()
    if suffix not in (*BUNDLE_SUFFIXES, ".zip", ".md"):
        message = _(
            "{source}: not a Replydesk file (expected a .replydesk, .zip or .md file, or a folder)"
        )
        raise BundleError(message.format(source=source))
    raw = _read_limited(source)
    if suffix == ".zip":
        return _read_zip(source, raw, progress)
    if suffix == ".md":
        template = _front_matter(_decode(raw, str(source)), str(source))
        return Bundle(source=str(source), templates=(template,))
    return _parse_json(raw, str(source), progress)


def _read_limited(path: Path) -> bytes:
    """A regular file's bytes (never a pipe's or a device's), at most MAX_BUNDLE_BYTES."""
    try:
        return library.read_regular_file(path, MAX_BUNDLE_BYTES)
    except LibraryFileError as error:
        raise BundleError(str(error)) from None


def _mib(size: int) -> str:
    # Translators: a size in mebibytes.
    return _("{size} MiB").format(size=f"{size / (1024 * 1024):g}")


def _decode(raw: bytes, source: str) -> str:
    try:
        return stepwise_json.decode(raw)  # utf-8-sig, in steps (a worker reads it)
    except UnicodeDecodeError:
        raise BundleError(_(_NOT_UTF8).format(source=source)) from None


def _front_matter(text: str, source: str) -> IncomingTemplate:
    """One front-matter file; its problems become BundleErrors (with the file line)."""
    try:
        parsed = library.parse_template_text(text, source, max_body_chars=MAX_BODY_CHARS)
    except (LibraryFileError, TemplateSyntaxProblem) as error:
        raise BundleError(str(error)) from error
    return _incoming(parsed, parsed.body)


def _incoming(parsed: library.TemplateFile, body: str) -> IncomingTemplate:
    revision = parsed.revision or 1
    base_revision = revision if parsed.base_revision is None else parsed.base_revision
    return IncomingTemplate(
        id=parsed.id,
        name=parsed.name,
        kind=parsed.kind,
        language=parsed.language,
        body=body,
        tags=parsed.tags,
        fields=tuple(spec.to_dict() for spec in parsed.fields),
        revision=revision,
        base_revision=base_revision,
        updated_at=parsed.updated_at,
        family=parsed.family,
    )


def _unique(templates: Sequence[IncomingTemplate], names: Sequence[str], source: str) -> None:
    """Refuse one id twice; `names` says where each template came from."""
    first: dict[str, str] = {}
    for template, where in zip(templates, names, strict=True):
        if template.id in first:
            # Translators: {first} and {second} say where the templates are in the file
            # ("template #2", or a file's name in a folder).
            message = _("{source}: {first} and {second} have the same id {id}")
            raise BundleError(
                message.format(
                    source=source, first=first[template.id], second=where, id=template.id
                )
            )
        first[template.id] = where


def _too_many(count: int, source: str) -> None:
    if count > MAX_TEMPLATES:
        # Translators: {count} is the limit; English keeps the plural after “more than”.
        message = ngettext(
            "{source}: more than {count} templates",
            "{source}: more than {count} templates",
            MAX_TEMPLATES,
        )
        raise BundleError(message.format(source=source, count=f"{MAX_TEMPLATES:,}"))


# -- the JSON file --


def _parse_json(raw: bytes, source: str, progress: Progress) -> Bundle:
    try:
        data = stepwise_json.load(raw)  # utf-8-sig, in steps (a worker reads it)
    except UnicodeDecodeError:
        raise BundleError(_(_NOT_UTF8).format(source=source)) from None
    except json.JSONDecodeError as error:
        # Translators: {problem} is the JSON reader's own (English) words.
        message = _("{source}: not valid JSON at line {line}, column {column}: {problem}")
        raise BundleError(
            message.format(source=source, line=error.lineno, column=error.colno, problem=error.msg)
        ) from None
    except RecursionError:
        raise BundleError(
            _("{source}: the JSON is nested too deeply").format(source=source)
        ) from None
    except ValueError:  # int() past Python's digit limit
        message = _("{source}: the JSON holds a number too long to read")
        raise BundleError(message.format(source=source)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        # Translators: {format} is the format's name (not translated).
        message = _('{source}: not a Replydesk file (no "format": "{format}")')
        raise BundleError(message.format(source=source, format=FORMAT_NAME))
    version = data.get("version")
    if version not in SUPPORTED_VERSIONS or isinstance(version, bool):
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        # Translators: {version} is the version the file gives; {supported} lists the ones
        # this app reads.
        message = _(
            "{source}: unknown format version {version} (this Replydesk reads version "
            "{supported}; a newer app may have written it)"
        )
        raise BundleError(message.format(source=source, version=repr(version), supported=supported))
    entries = data.get("templates")
    if not isinstance(entries, list):
        raise BundleError(_must_be_a_list(source, "templates"))
    _too_many(len(entries), source)
    numbered = list(enumerate(entries, 1))
    templates = [
        _json_template(entry, number, source)
        for number, entry in _stepped(numbered, progress, _(_READING))
    ]
    # Translators: where a template is in a file: its number.
    numbers = [_("template #{number}").format(number=n) for n in range(1, len(templates) + 1)]
    _unique(templates, numbers, source)
    orders = data.get("orders", [])
    if not isinstance(orders, list) or not all(isinstance(order, dict) for order in orders):
        # Translators: {key} is a key of the file (not translated).
        message = _("{where}: '{key}' must be a list of objects")
        raise BundleError(message.format(where=source, key="orders"))
    profile = data.get("profile")
    if profile is not None and not isinstance(profile, dict):
        # Translators: {key} is a key of the file (not translated).
        message = _("{where}: '{key}' must be an object")
        raise BundleError(message.format(where=source, key="profile"))
    app_version, exported_at = data.get("app_version"), data.get("exported_at")
    return Bundle(
        source=source,
        templates=tuple(templates),
        orders=tuple(orders),
        profile=profile,
        app_version=app_version if isinstance(app_version, str) else None,
        exported_at=exported_at if isinstance(exported_at, str) else None,
    )


def _must_be_a_list(where: str, key: str) -> str:
    # Translators: {key} is a key of the file (not translated).
    return _("{where}: '{key}' must be a list").format(where=where, key=key)


def _json_template(entry: object, number: int, source: str) -> IncomingTemplate:
    # Translators: where a template is: the file, and the template's number in it.
    where = _("{source}: template #{number}").format(source=source, number=number)
    if not isinstance(entry, dict):
        # Translators: {type} is the JSON reader's name of what was found (str, list...).
        message = _("{where}: must be an object, not {type}")
        raise BundleError(message.format(where=where, type=type(entry).__name__))
    if isinstance(entry.get("id"), str):
        # Translators: where a template is: the file, the template's number in it and its id.
        where = _("{source}: template #{number} ({id})").format(
            source=source, number=number, id=one_line(entry["id"][:60])
        )
    for key in ("id", "name", "kind", "language", "body"):
        if key not in entry:
            # Translators: {key} is a key of the file (not translated).
            message = _("{where}: the key '{key}' is missing")
            raise BundleError(message.format(where=where, key=key))
    body = entry["body"]
    if not isinstance(body, str):
        # Translators: {key} is a key of the file (not translated).
        message = _("{where}: '{key}' must be text")
        raise BundleError(message.format(where=where, key="body"))
    if len(body) > MAX_BODY_CHARS:
        # Translators: {key} is a key of the file (not translated); {count} is the limit
        # (English keeps the plural after “longer than”).
        message = ngettext(
            "{where}: '{key}' is longer than {count} characters",
            "{where}: '{key}' is longer than {count} characters",
            MAX_BODY_CHARS,
        )
        raise BundleError(message.format(where=where, key="body", count=f"{MAX_BODY_CHARS:,}"))
    for key in ("tags", "fields"):
        if entry.get(key) is not None and not isinstance(entry[key], list):
            raise BundleError(_must_be_a_list(where, key))
    try:
        parsed = library.template_from_mapping(entry, body, where)
    except LibraryFileError as error:
        raise BundleError(str(error)) from None
    try:
        check_parse(body)
    except TemplateSyntaxProblem as problem:
        name = one_line(parsed.name)
        if problem.line:
            # Translators: {name} is the template's name, {line} a line of its text.
            message = _("{where} ({name}): body line {line}: {problem}")
        else:
            # Translators: {name} is the template's name.
            message = _("{where} ({name}): {problem}")
        raise BundleError(
            message.format(where=where, name=name, line=problem.line, problem=problem.short_message)
        ) from None
    template = _incoming(parsed, body)
    try:
        # JSON's \ud800 escapes make strings that SQLite cannot store (lone surrogates).
        json.dumps(dataclasses.astuple(template), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        message = _("{where}: holds text that is not valid Unicode")
        raise BundleError(message.format(where=where)) from None
    return template


# -- folders --


def _read_folder(root: Path, progress: Progress) -> Bundle:
    """Every *.md below `root` except README.md and hidden ones; links never lead outside."""
    try:
        files = _folder_files(root)
    except OSError as error:
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("{path}: {reason}")
        raise BundleError(message.format(path=root, reason=error.strerror or error)) from error
    if not files:
        message = _("{source}: no template files (.md) in this folder")
        raise BundleError(message.format(source=root))
    templates = [
        _front_matter(_decode(_read_limited(path), str(path)), str(path))
        for path in _stepped(files, progress, _(_READING))
    ]
    _unique(templates, [str(path.relative_to(root)) for path in files], str(root))
    return Bundle(source=str(root), templates=tuple(templates))


def _folder_files(root: Path) -> list[Path]:
    real_root = root.resolve()
    files: list[Path] = []
    total = 0
    for folder, subfolders, names in os.walk(root):  # does not descend into linked folders
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            if not _is_template_name(name):
                continue
            path = Path(folder) / name
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                message = _("{path}: a link to a file outside {folder}; not imported")
                raise BundleError(message.format(path=path, folder=root))
            try:
                info = path.stat()  # through a link: what would be read
            except FileNotFoundError:
                message = _("{path}: a link to nothing; not imported")
                raise BundleError(message.format(path=path)) from None
            if not stat.S_ISREG(info.st_mode):  # a named pipe would block the read forever
                _read_limited(path)  # refuses it, naming what it is
            files.append(path)
            _too_many(len(files), str(root))
            total += info.st_size
            if total > MAX_BUNDLE_BYTES:
                # Translators: {size} is a size ("64 MiB").
                message = _("{path}: its template files are larger than {size}")
                raise BundleError(message.format(path=root, size=_mib(MAX_BUNDLE_BYTES)))
    return files


def _is_template_name(name: str) -> bool:
    return name.lower().endswith(".md") and name.lower() != "readme.md" and not name.startswith(".")


# -- zip archives --


def _read_zip(source: Path, raw: bytes, progress: Progress) -> Bundle:
    # Every central-directory record starts with this signature: zipfile cannot make more
    # entries than it occurs, so counting it bounds what opening the archive builds.
    if raw.count(b"PK\x01\x02") > MAX_ZIP_ENTRIES:
        raise BundleError(_too_many_entries(str(source)))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return _read_archive(archive, raw, str(source), progress)
    except (
        zipfile.BadZipFile,
        zlib.error,
        lzma.LZMAError,
        EOFError,
        NotImplementedError,
        ValueError,
        struct.error,
    ) as error:
        # ValueError: an entry's offset that points before the start ("negative seek value");
        # bz2 reports a damaged stream as OSError ("Invalid data stream"), below.
        raise BundleError(_not_a_zip(str(source), error)) from None
    except OSError as error:
        raise BundleError(_not_a_zip(str(source), error)) from None


def _not_a_zip(source: str, error: BaseException) -> str:
    # Translators: {reason} is the zip reader's own (English) words.
    message = _("{source}: not a zip file, or a damaged one ({reason})")
    return message.format(source=source, reason=error)


def _too_many_entries(source: str) -> str:
    # Translators: {count} is the limit; English keeps the plural after “more than”.
    message = ngettext(
        "{source}: holds more than {count} entries",
        "{source}: holds more than {count} entries",
        MAX_ZIP_ENTRIES,
    )
    return message.format(source=source, count=f"{MAX_ZIP_ENTRIES:,}")


def _read_archive(archive: zipfile.ZipFile, raw: bytes, source: str, progress: Progress) -> Bundle:
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise BundleError(_too_many_entries(source))
    _check_entries(entries, source)
    members = [
        entry
        for entry in entries
        if not entry.is_dir() and not entry.filename.startswith(_ZIP_NOISE)
    ]
    bundles = [e for e in members if PurePosixPath(e.filename).suffix.lower() in BUNDLE_SUFFIXES]
    pages = [e for e in members if _is_template_name(PurePosixPath(e.filename).name)]
    if bundles and pages:
        message = _("{source}: holds both a .replydesk file and .md files; keep one kind")
        raise BundleError(message.format(source=source))
    if len(bundles) > 1:
        message = ngettext(
            "{source}: holds {count} .replydesk file; expected one",
            "{source}: holds {count} .replydesk files; expected one",
            len(bundles),
        )
        raise BundleError(message.format(source=source, count=len(bundles)))
    if bundles:
        entry = bundles[0]
        where = f"{source}: {one_line(entry.filename)}"
        bundle = _parse_json(_entry_bytes(raw, entry, source), where, progress)
        return dataclasses.replace(bundle, source=source)
    if not pages:
        message = _("{source}: no template files (.md or .replydesk) in this zip")
        raise BundleError(message.format(source=source))
    _too_many(len(pages), source)
    names = [one_line(entry.filename) for entry in pages]
    templates = [
        _front_matter(
            _decode(_entry_bytes(raw, entry, source), f"{source}: {name}"), f"{source}: {name}"
        )
        for entry, name in _stepped(list(zip(pages, names, strict=True)), progress, _(_READING))
    ]
    _unique(templates, names, source)
    return Bundle(source=source, templates=tuple(templates))


def _check_entries(entries: Sequence[zipfile.ZipInfo], source: str) -> None:
    """Refuse traversal, links, encryption and bombs before reading a single entry."""
    total = 0
    for entry in entries:
        name = entry.filename
        if not name:  # zipfile cuts a name at a NUL byte; "\0.md" becomes ""
            raise BundleError(_("{source}: an entry has no name").format(source=source))
        parts = PurePosixPath(name.replace("\\", "/")).parts
        quoted = repr(name)
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            # Translators: {name} is the entry's name in the zip, quoted.
            message = _("{source}: the entry {name} points outside the archive")
            raise BundleError(message.format(source=source, name=quoted))
        if stat.S_IFMT(entry.external_attr >> 16) == _SYMLINK_MODE:
            # Translators: {name} is the entry's name in the zip, quoted.
            message = _("{source}: the entry {name} is a symbolic link")
            raise BundleError(message.format(source=source, name=quoted))
        if entry.flag_bits & 0x1:
            # Translators: {name} is the entry's name in the zip, quoted.
            message = _("{source}: the entry {name} is encrypted")
            raise BundleError(message.format(source=source, name=quoted))
        if entry.compress_type not in _ZIP_METHODS:
            # Translators: {name} is the entry's name in the zip, quoted; {method} the
            # method's number, {methods} the names of those Replydesk reads (not translated).
            message = _(
                "{source}: the entry {name} uses compression method {method}, "
                "which Replydesk does not read (it reads {methods})"
            )
            methods = ", ".join(_ZIP_METHODS.values())
            raise BundleError(
                message.format(
                    source=source, name=quoted, method=entry.compress_type, methods=methods
                )
            )
        total += entry.file_size
        if total > MAX_BUNDLE_BYTES:
            # Translators: {size} is a size ("64 MiB").
            message = _("{source}: unpacks to more than {size}")
            raise BundleError(message.format(source=source, size=_mib(MAX_BUNDLE_BYTES)))
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_FLOOR_BYTES and ratio > MAX_COMPRESSION_RATIO:
            # Translators: {name} is the entry's name in the zip, quoted; {ratio} a number
            # (how many times smaller than its text the entry is).
            message = _("{source}: the entry {name} is compressed over {ratio} times (a zip bomb?)")
            raise BundleError(
                message.format(source=source, name=quoted, ratio=MAX_COMPRESSION_RATIO)
            )


def _entry_bytes(raw: bytes, entry: zipfile.ZipInfo, source: str) -> bytes:
    """An entry's bytes, decompressed in memory and never past the declared (checked) size.

    zipfile's own reader hands bzip2 and LZMA input to the decompressor without an output
    limit (a few KB of bzip2 zeros came out as 6 GB before being cut), so the compressed
    bytes are taken from the archive and decompressed here, a chunk at a time.
    """
    name = entry.filename
    data = _inflated(entry.compress_type, _compressed_bytes(raw, entry, source), entry.file_size)
    if len(data) > entry.file_size:  # a lying header
        # Translators: {name} is the entry's name in the zip, quoted.
        message = _("{source}: the entry {name} is larger than it says")
        raise BundleError(message.format(source=source, name=repr(name)))
    if len(data) < entry.file_size or zlib.crc32(data) != entry.CRC:
        # Translators: {name} is the entry's name in the zip, quoted.
        message = _("{source}: the entry {name} is damaged (its checksum does not match)")
        raise BundleError(message.format(source=source, name=repr(name)))
    return bytes(data)


def _compressed_bytes(raw: bytes, entry: zipfile.ZipInfo, source: str) -> bytes:
    """The entry's data as stored, found through its local header (as zipfile finds it)."""
    start = entry.header_offset
    header = raw[start : start + 30] if start >= 0 else b""
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        message = _("{source}: not a zip file, or a damaged one (bad local header)")
        raise BundleError(message.format(source=source))
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_length + extra_length
    data = raw[begin : begin + entry.compress_size]
    if len(data) < entry.compress_size:
        # Translators: {name} is the entry's name in the zip, quoted.
        message = _("{source}: the entry {name} is cut short")
        raise BundleError(message.format(source=source, name=repr(entry.filename)))
    return data


def _inflated(method: int, data: bytes, limit: int) -> bytes | bytearray:
    """`data` decompressed, stopping once past `limit` bytes (by at most one chunk).

    A bytearray, not copied into bytes until its size and checksum are checked, so a
    refused bomb costs its declared size once, not twice."""
    if method == zipfile.ZIP_STORED:
        return data[: limit + 1]
    out = bytearray()
    if method == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pending = data
        while len(out) <= limit and not inflater.eof:
            piece = inflater.decompress(pending, _INFLATE_CHUNK)
            pending = inflater.unconsumed_tail
            if not piece and not pending:
                break
            out += piece
        return out
    decompressor, feed = _stream_decompressor(method, data, limit)
    while len(out) <= limit and not decompressor.eof:
        if decompressor.needs_input and not feed:
            break  # all input used (an LZMA stream may have no end marker)
        out += decompressor.decompress(feed, _INFLATE_CHUNK)
        feed = b""
    return out


def _stream_decompressor(
    method: int, data: bytes, limit: int
) -> tuple[bz2.BZ2Decompressor | lzma.LZMADecompressor, bytes]:
    """A bzip2 decompressor, or the raw LZMA1 one that zip's LZMA entries need, and the
    bytes to feed it."""
    if method == zipfile.ZIP_BZIP2:
        return bz2.BZ2Decompressor(), data
    # Zip's LZMA: 2 bytes of version, 2 of properties size, 5 of properties, the stream.
    if len(data) < 9 or data[2:4] != b"\x05\x00" or data[4] >= 9 * 5 * 5:
        raise lzma.LZMAError("bad LZMA properties")
    bits = data[4]
    (dict_size,) = struct.unpack("<I", data[5:9])
    # A dictionary bigger than the output is never used; bounding it keeps a header that
    # asks for 4 GiB from reserving it.
    dict_size = max(4096, min(dict_size, 2 * (limit + _INFLATE_CHUNK)))
    lzma_filter = {
        "id": lzma.FILTER_LZMA1,
        "dict_size": dict_size,
        "lc": bits % 9,
        "lp": bits // 9 % 5,
        "pb": bits // 45,
    }
    return lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[lzma_filter]), data[9:]


__all__ = [
    "BUNDLE_SUFFIXES",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_BODY_CHARS",
    "MAX_BUNDLE_BYTES",
    "MAX_COMPRESSION_RATIO",
    "MAX_TEMPLATES",
    "Bundle",
    "BundleError",
    "IncomingTemplate",
    "bundle_data",
    "export_file",
    "export_folder",
    "read_bundle",
    "slug",
]
