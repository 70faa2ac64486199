"""core.display: untrusted text made safe for a terminal line, a table cell, several lines
of a terminal, JSON and a tooltip."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from replydesk.core import display
from replydesk.core.display import (
    has_hidden,
    json_text,
    multi_line,
    one_line,
    shown_block,
    shown_line,
    tooltip,
)

HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Refund offer \u202eexe.fdp", "Refund offer \\u202eexe.fdp"),
        ("Gree\u200bting", "Gree\\u200bting"),
        ("a\u200cb\u200dc\u2060d\ufeffe", "a\\u200cb\\u200dc\\u2060d\\ufeffe"),
        ("\u2066isolate\u2069 \u200e\u200f\u061c", "\\u2066isolate\\u2069 \\u200e\\u200f\\u061c"),
        ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
        ("one\ntwo\r\tthree", "one\\ntwo\\r\\tthree"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),
        ("\x9b31m C1 CSI \x85", "\\x9b31m C1 CSI \\x85"),
        ("del\x7f nul\x00", "del\\x7f nul\\x00"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("soft\xadhyphen", "soft\\xadhyphen"),
        ("tag \U000e0041\U000e007f", "tag \\U000e0041\\U000e007f"),
        ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
        ("filler \u3164 \u115f", "filler \\u3164 \\u115f"),
    ],
)
def test_hidden_characters_become_visible_escapes(raw: str, shown: str) -> None:
    assert one_line(raw) == shown
    assert has_hidden(raw)
    assert shown_line(raw).escaped
    shown.encode("utf-8")  # printable on any UTF-8 terminal, surrogates included


@pytest.mark.parametrize(
    "text",
    ["Greeting", "Промежуточный отчёт", "Ügyfél – köszönöm", "报价 🙂 👍🏽", "a \\u202e b", "x y"],
)
def test_ordinary_text_of_any_script_is_kept(text: str) -> None:
    assert one_line(text) == text
    assert multi_line(text) == text
    assert not has_hidden(text)
    assert shown_line(text) == (text, False, False)


def test_every_control_format_and_separator_character_is_escaped() -> None:
    """Checked against this Python's Unicode database, so a new one is noticed."""
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in HIDDEN_CATEGORIES and not has_hidden(chr(code))
    ]
    assert missed == []


def test_a_cell_is_cut_with_an_ellipsis_and_never_inside_an_escape() -> None:
    assert shown_line("x" * 100, 10) == ("x" * 9 + "…", False, True)
    assert shown_line("x" * 10, 10) == ("x" * 10, False, False)
    cut = shown_line("abcd\u202eefgh", 9)
    assert cut.text == "abcd…" and cut.cut  # "\u202e" does not fit: not half of it
    cut = shown_line("ab\u202eefghijklmn", 10)
    assert cut == ("ab\\u202ee…", True, True)
    assert shown_line("ab\u202e", 8) == ("ab\\u202e", True, False)
    for limit in range(1, 30):
        for text in ("\x1b" * 40, "a\nb" * 20, "plain" * 10, "\u202e"):
            assert len(one_line(text, limit)) <= limit


def test_a_cell_of_a_huge_string_costs_only_what_it_shows() -> None:
    huge = "\u202e" + "k" * 50_000_000
    assert one_line(huge, 60) == "\\u202e" + "k" * 53 + "…"


def test_multi_line_keeps_newlines_and_tabs_and_escapes_the_rest() -> None:
    text = "Hi,\n\tthanks\r\nbye\roverwritten \x1b[2J\x1b]52;c;eA==\x07 \u202e\n"
    assert multi_line(text) == (
        "Hi,\n\tthanks\r\nbye\\roverwritten \\x1b[2J\\x1b]52;c;eA==\\x07 \\u202e\n"
    )
    assert shown_block(text).escaped
    assert shown_block("Hi,\n\tthanks\r\n") == ("Hi,\n\tthanks\r\n", False, False)


def test_json_text_is_the_same_json_value_without_raw_hidden_characters() -> None:
    value = {"name": "a\u202eb\x1b]52\x07 \U000e0041 \x85 Привет", "tags": ["\u200b"]}
    text = json_text(json.dumps(value, ensure_ascii=False, indent=2))
    assert json.loads(text) == value
    assert not has_hidden(text.replace("\n", ""))
    assert "Привет" in text


def test_a_tooltip_escapes_markup_and_hidden_characters() -> None:
    tip = tooltip("Theirs: <img src='x'> \u202eexe.fdp\nYours: <b>bold</b>")
    assert "<img" not in tip and "<b>" not in tip
    assert "&lt;img src='x'&gt; \\u202eexe.fdp" in tip
    assert "<br>" in tip
    assert len(tooltip("x" * 100_000)) < 2 * display.TOOLTIP_LINE_LIMIT
    assert tooltip("Alpha\nRefund \u202eoffer") == "Alpha\nRefund \\u202eoffer"  # plain text


# --- the window's cells (Qt; the escaping itself is the core's, above) -------------------


def test_the_merge_preview_and_the_template_list_show_names_escaped(
    qapp: object, store: object, tmp_path: object
) -> None:
    from pathlib import Path

    from PySide6.QtCore import Qt

    from replydesk.core.bundle import Bundle, IncomingTemplate
    from replydesk.core.catalog import TemplateSummary
    from replydesk.core.merge import plan_import
    from replydesk.core.store import TemplateStore
    from replydesk.ui.import_dialog import MergePlanModel
    from replydesk.ui.template_list import TemplateListModel

    assert isinstance(store, TemplateStore) and isinstance(tmp_path, Path)
    hostile = ["Refund offer \u202eexe.fdp", "Gree\u200bting", "Two\nrows", "<b>bold</b>\x1b]52;"]
    # Made directly, as a bundle read by an older or laxer reader would hold them.
    incoming = tuple(
        IncomingTemplate(
            f"0000000{n}-0000-4000-8000-000000000000",
            name,
            "kind\u202eevil",
            "en",
            "Hi",
            (),
            (),
            1,
            1,
            None,
        )
        for n, name in enumerate(hostile)
    )
    bundle = Bundle(source=str(tmp_path / "team\u202eexe.replydesk"), templates=incoming)
    model = MergePlanModel(plan_import(store, bundle))
    cells = [
        str(model.index(row, column).data(role))
        for row in range(model.rowCount())
        for column in (MergePlanModel.NAME, MergePlanModel.KIND)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if model.index(row, column).data(role) is not None
    ]
    names = [
        model.index(row, MergePlanModel.NAME).data(Qt.ItemDataRole.DisplayRole)
        for row in range(model.rowCount())
    ]
    assert sorted(names) == sorted(one_line(name) for name in hostile)
    assert all(not has_hidden(cell.replace("\n", "")) for cell in cells)
    tips = [
        str(model.index(row, MergePlanModel.NAME).data(Qt.ItemDataRole.ToolTipRole))
        for row in range(model.rowCount())
    ]
    assert not any("<b>" in tip for tip in tips)  # a cell is plain text; a tooltip is not
    assert "\\u202e" in model.index(0, MergePlanModel.KIND).data(Qt.ItemDataRole.DisplayRole)

    summaries = [
        TemplateSummary(str(n), name, "greeting", "en", ["t\u200b"], False, 0)
        for n, name in enumerate(hostile)
    ]
    listed = TemplateListModel(summaries)
    for row, name in enumerate(hostile):
        index = listed.index(row, 0)
        assert index.data(Qt.ItemDataRole.DisplayRole) == one_line(name)
        assert not has_hidden(index.data(Qt.ItemDataRole.ToolTipRole).replace("\n", ""))


def test_combining_marks_past_the_fourth_in_a_row_are_escaped() -> None:
    """A thousand marks on one letter draw over the lines around ("Zalgo"); languages
    stack two or three, which are kept."""
    zalgo = "I" + "\u0301" * 1000
    assert display.one_line(zalgo) == "I" + "\u0301" * 4 + "\\u0301" * 996
    assert display.one_line(zalgo, 20) == "I" + "\u0301" * 4 + "\\u0301" * 2 + "…"
    assert display.multi_line("a\n" + zalgo).count("\u0301") == 4
    for kept in ("Việt Nam ệ", "שָׁלוֹם", "ก้าว", "Й", "ё"):
        assert display.one_line(kept) == kept and not display.has_hidden(kept)
    assert display.json_text(json.dumps(zalgo, ensure_ascii=False)).count("\u0301") == 4


def test_a_name_stacking_marks_is_refused_by_the_text_limits() -> None:
    from replydesk.core.errors import LibraryFileError
    from replydesk.core.template_texts import check_template_texts

    with pytest.raises(LibraryFileError, match=r"stacks more than 4 combining marks"):
        check_template_texts("Zalgo I" + "\u0301" * 100, "greeting", [], "template")
    check_template_texts("Việt Nam ệ", "greeting", [], "template")
