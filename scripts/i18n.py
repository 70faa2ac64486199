"""The translators' tool: `python scripts/i18n.py extract|update|compile|check|add <code>`.

- `extract`: every marked message of the code (`_`, `N_`, `ngettext`, `pgettext`…) and the
  checker's rule texts into `resources/locale/replydesk.pot`.
- `update`: the template merged into each language's `.po` (new messages empty, changed
  ones fuzzy, gone ones dropped).
- `compile`: each `.po` into the `.mo` the app reads.
- `check`: exit 1, listing each problem, when a message is untranslated or fuzzy, when a
  translation's placeholders differ from the source's, or a `.mo` is older than its `.po`.
- `add <code>`: start a new language's `.po` from the template.
- `check <code>`: check one language only; `compile <code>`: compile one `.po` as it is
  (no extraction, no update: for a translator at work on that one file).

`update` and `compile` run `extract` first: `python scripts/i18n.py compile` is the one
command after an edit of the code or a `.po`.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop" / "replydesk"
LOCALE = ROOT / "resources" / "locale"
TEMPLATE = LOCALE / "replydesk.pot"
CHECKER_RULES = ROOT / "resources" / "rules" / "checker.yaml"
DOMAIN = "replydesk"
PROJECT = "Replydesk"
# Code that is not shown to a user: the benchmarks print for developers.
SKIPPED = ("bench.py", "bench_hostile.py")

_BRACED = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^{}]*)?\}(?!\})")
_PERCENT = re.compile(r"%(?:\(\w+\))?[srdif%]")  # argparse's own messages use these


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return po_path(code).with_suffix(".mo")


def languages() -> list[str]:
    """The codes of the languages that have a catalogue."""
    return sorted(path.parent.parent.name for path in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def placeholders(text: str) -> list[str]:
    """The named `{placeholders}` and `%`-style ones of a message, sorted (order is free)."""
    braced = [f"{{{name}}}" for name in _BRACED.findall(text)]
    percent = [match.group(0) for match in _PERCENT.finditer(text) if match.group(0) != "%%"]
    return sorted(braced + percent)


# -- extract ------------------------------------------------------------------------------


def _code_messages() -> Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]]:
    skipped = [(f"**/{name}", "ignore") for name in SKIPPED] + [
        (name, "ignore") for name in SKIPPED
    ]
    for filename, lineno, message, comments, context in extract_from_dir(
        SOURCES,
        method_map=[*skipped, ("**.py", "python")],
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        yield f"desktop/replydesk/{filename}", lineno, message, comments, context


def _rule_messages() -> Iterator[tuple[str, int, str, list[str], str | None]]:
    """The checker's reasons (resources/rules/checker.yaml's `message` and `explanation`)."""
    rules = yaml.safe_load(CHECKER_RULES.read_text(encoding="utf-8"))["rules"]
    for number, rule in enumerate(rules, 1):
        for key in ("message", "explanation"):
            if rule.get(key):
                note = f"checker rule {number} ({rule['rule']}, {rule['language']}): {key}"
                yield "resources/rules/checker.yaml", number, rule[key], [note], None


def collect() -> Catalog:
    """The template: every message of the code and the rules, with where each comes from."""
    catalog = Catalog(project=PROJECT, domain=DOMAIN, fuzzy=False)
    found: Iterable[tuple[str, int, str | tuple[str, ...], list[str], str | None]] = [
        *_code_messages(),
        *_rule_messages(),
    ]
    for filename, lineno, message, comments, context in found:
        if not message or (isinstance(message, tuple) and not message[0]):
            continue
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def extract() -> Catalog:
    """`collect()`, written to the template file (untouched when only its date would change)."""
    catalog = collect()
    _write(TEMPLATE, catalog)
    return catalog


def _write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, no_location=False)
    content = _without_dates(buffer.getvalue())
    if not path.exists() or _without_dates(path.read_bytes()) != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(buffer.getvalue())


def _without_dates(content: bytes) -> bytes:
    """A catalogue without its creation and revision dates: unchanged text, unchanged file."""
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*"\n', b"", content)


# -- update, add, compile ----------------------------------------------------------------------


def _read(path: Path, code: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=code, domain=DOMAIN)


def update(template: Catalog) -> None:
    for code in languages():
        catalog = _read(po_path(code), code)
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        catalog.obsolete.clear()
        _write(po_path(code), catalog)


def add(code: str, template: Catalog) -> None:
    path = po_path(code)
    if path.exists():
        raise SystemExit(f"{path} exists already")
    catalog = Catalog(locale=code, project=PROJECT, domain=DOMAIN, fuzzy=False)
    catalog.update(template)
    _write(path, catalog)
    print(f"started {path}: translate it, then run `python scripts/i18n.py compile`")


def compile_one(code: str) -> None:
    """`code`'s `.po` into its `.mo` (written only when it changes)."""
    catalog = _read(po_path(code), code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    path = mo_path(code)
    if not path.exists() or path.read_bytes() != buffer.getvalue():
        path.write_bytes(buffer.getvalue())


def compile_all() -> None:
    for code in languages():
        compile_one(code)


# -- check --------------------------------------------------------------------------------------


def _msg_texts(message: Message) -> tuple[list[str], list[str]]:
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    raw = message.string if isinstance(message.string, tuple | list) else [message.string]
    return ids, [text or "" for text in raw]


def _entries(catalog: Catalog, *, fuzzy_too: bool) -> set[tuple[object, ...]]:
    """What a catalogue translates, comparable between a `.po` and its `.mo`."""
    found: set[tuple[object, ...]] = set()
    for message in catalog:
        if not message.id or (message.fuzzy and not fuzzy_too):
            continue
        ids, strings = _msg_texts(message)
        if all(strings):
            found.add((tuple(ids), message.context, tuple(strings)))
    return found


def problems(code: str, template: Catalog) -> list[str]:
    """What keeps `code`'s catalogue from being complete and correct, one line each."""
    path = po_path(code)
    if not path.exists():
        return [f"{code}: no catalogue at {path}"]
    catalog = _read(path, code)
    found: list[str] = []
    for wanted in template:
        if not wanted.id:
            continue
        message = catalog.get(wanted.id, context=wanted.context)
        label = f"{code}: {wanted.id[0] if isinstance(wanted.id, tuple) else wanted.id!r}"
        if message is None:
            found.append(f"{label}: missing (run `python scripts/i18n.py update`)")
            continue
        if message.fuzzy:
            found.append(f"{label}: fuzzy")
        ids, strings = _msg_texts(message)
        if len(ids) > 1 and len(strings) != catalog.num_plurals:
            found.append(
                f"{label}: {len(strings)} plural forms, the language has {catalog.num_plurals}"
            )
        if any(not text.strip() for text in strings):
            found.append(f"{label}: untranslated")
            continue
        expected = placeholders(ids[-1])
        for text in strings:
            got = placeholders(text)
            # A singular form may leave out the count ("одна заявка"), never add a name.
            if got != expected and not (len(ids) > 1 and set(got) <= set(expected)):
                found.append(f"{label}: placeholders {got} in {text!r}, the source has {expected}")
    for message in catalog:
        if message.id and template.get(message.id, context=message.context) is None:
            found.append(f"{code}: {message.id!r}: no longer in the code (run update)")
    mo = mo_path(code)
    if not mo.exists():
        found.append(f"{code}: no compiled {mo.name} (run `python scripts/i18n.py compile`)")
    else:
        with mo.open("rb") as file:
            compiled = read_mo(file)
        if _entries(compiled, fuzzy_too=True) != _entries(catalog, fuzzy_too=False):
            found.append(f"{code}: {mo.name} differs from its .po (run compile)")
    return found


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("extract", "update", "compile", "check", "add"):
        print(__doc__)
        return 2
    command = argv[0]
    if command == "compile" and len(argv) == 2:
        compile_one(argv[1])
        return 0
    template = collect() if command == "check" else extract()
    if command == "add":
        if len(argv) != 2:
            print("usage: python scripts/i18n.py add <language code>")
            return 2
        add(argv[1], template)
    if command in ("update", "compile"):
        update(template)
    if command == "compile":
        compile_all()
    if command == "check":
        codes = argv[1:] or languages()
        found = [line for code in codes for line in problems(code, template)]
        for line in found:
            print(line)
        print(f"{len(template)} messages, {len(languages())} languages, {len(found)} problems")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
