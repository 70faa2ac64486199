"""The limits of a template's name, kind and tags, wherever it comes from.

One check for every way in: an imported file (core.library, core.bundle), the editor and
the command line (core.store). Light on purpose: the store imports it.
"""

from __future__ import annotations

from collections.abc import Sequence

from replydesk.core.display import MAX_STACKED_MARKS, first_hidden, is_stacked_mark
from replydesk.core.errors import LibraryFileError

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
    for part, text, limit in (("name", name, MAX_NAME_CHARS), ("kind", kind, MAX_KIND_CHARS)):
        _check_text(f"the {part}", text, limit, source)
    if len(tags) > MAX_TAGS:
        raise LibraryFileError(f"{source}: more than {MAX_TAGS} tags")
    for number, tag in enumerate(tags, 1):
        _check_text(f"tag {number}", tag, MAX_TAG_CHARS, source)


def _check_text(part: str, text: str, limit: int, source: str) -> None:
    if len(text) > limit:
        raise LibraryFileError(f"{source}: {part} is longer than {limit} characters")
    index = first_hidden(text)
    if index is None:
        return
    char = text[index]
    if is_stacked_mark(char):
        raise LibraryFileError(
            f"{source}: {part} stacks more than {MAX_STACKED_MARKS} combining marks on one "
            f"letter (character {index + 1})"
        )
    if 0xD800 <= ord(char) <= 0xDFFF:  # from a JSON "\ud800" escape: not storable either
        raise LibraryFileError(f"{source}: {part} holds text that is not valid Unicode")
    raise LibraryFileError(
        f"{source}: {part} holds an invisible or control character "
        f"(U+{ord(char):04X}, character {index + 1})"
    )
