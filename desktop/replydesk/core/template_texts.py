"""The limits of a template's name, kind and tags, wherever it comes from.

One check for every way in: an imported file (core.library, core.bundle), the editor and
the command line (core.store). Light on purpose: the store imports it.
"""

from __future__ import annotations

from collections.abc import Sequence

from replydesk.core.display import MAX_STACKED_MARKS, first_hidden, is_stacked_mark
from replydesk.core.errors import LibraryFileError
from replydesk.core.i18n import _, ngettext

# Longer ones are refused: one 10 MB kind made `replydesk list` print 570 MB (each row was
# padded to it).
MAX_NAME_CHARS = 200
MAX_KIND_CHARS = 60
MAX_TAG_CHARS = 60
MAX_TAGS = 30


def check_template_texts(name: str, kind: str, tags: Sequence[str], source: str) -> None:
    """Refuse a name, kind or tag that is too long, or holds a character that would forge
    or hide what a list, a table row or the merge preview shows; LibraryFileError names
    `source` and the part, never repeats the (possibly huge) text.

    The characters refused are those core.display escapes wherever text is shown: control
    characters (line breaks, tabs, terminal escapes), bidi overrides, zero-width
    characters, lone surrogates and letters that draw nothing. They are refused, not
    stripped: a stripped name could silently become a look-alike of another template's,
    and whoever sent the file should hear that it holds one.
    """
    # Translators: the part of a template a refusal names, as in "{source}: the name is
    # longer than 200 characters".
    _check_text(_("the name"), name, MAX_NAME_CHARS, source)
    # Translators: the part of a template a refusal names (its kind: reply, greeting...).
    _check_text(_("the kind"), kind, MAX_KIND_CHARS, source)
    if len(tags) > MAX_TAGS:
        # Translators: {source} is the file (and template) the refusal is about.
        message = ngettext(
            "{source}: more than {limit} tag", "{source}: more than {limit} tags", MAX_TAGS
        )
        raise LibraryFileError(message.format(source=source, limit=MAX_TAGS))
    for number, tag in enumerate(tags, 1):
        # Translators: the part of a template a refusal names: its tag number {number}.
        _check_text(_("tag {number}").format(number=number), tag, MAX_TAG_CHARS, source)


def _check_text(part: str, text: str, limit: int, source: str) -> None:
    """Refuse `text`, the template's `part` ("the name", "tag 3", already translated)."""
    if len(text) > limit:
        # Translators: {part} is "the name", "the kind" or "tag 3".
        message = ngettext(
            "{source}: {part} is longer than {limit} character",
            "{source}: {part} is longer than {limit} characters",
            limit,
        )
        raise LibraryFileError(message.format(source=source, part=part, limit=limit))
    index = first_hidden(text)
    if index is None:
        return
    char = text[index]
    if is_stacked_mark(char):
        # Translators: {part} is "the name", "the kind" or "tag 3"; {position} counts the
        # characters of the text from 1.
        message = ngettext(
            "{source}: {part} stacks more than {limit} combining mark on one letter "
            "(character {position})",
            "{source}: {part} stacks more than {limit} combining marks on one letter "
            "(character {position})",
            MAX_STACKED_MARKS,
        )
        raise LibraryFileError(
            message.format(source=source, part=part, limit=MAX_STACKED_MARKS, position=index + 1)
        )
    if 0xD800 <= ord(char) <= 0xDFFF:  # from a JSON "\ud800" escape: not storable either
        message = _("{source}: {part} holds text that is not valid Unicode")
        raise LibraryFileError(message.format(source=source, part=part))
    # Translators: {code} is the character's code (U+202E); {position} counts the
    # characters of the text from 1.
    message = _(
        "{source}: {part} holds an invisible or control character (U+{code}, character {position})"
    )
    raise LibraryFileError(
        message.format(source=source, part=part, code=f"{ord(char):04X}", position=index + 1)
    )
