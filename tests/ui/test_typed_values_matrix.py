"""What the client receives is exactly what the user typed: in the window and on the
command line, in every locale.

For money, number and date fields, text typed key by key into the real editor (from
`editor_for`) gives the value `parse_value` gives for the same text, and the reply rendered
from the editor's value (`render.fill`) is the reply `replydesk fill --set NAME=TEXT`
prints. Every case runs with Qt's default locale set to C, en_US, ru_RU and hu_HU, and
again with the C library's locale set too where it is installed (`locale -a`); a locale
that is not installed is skipped, by name.
"""

from __future__ import annotations

import datetime as dt
import locale
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from replydesk.core import paths
from replydesk.core.errors import FieldValueError
from replydesk.core.fields import FieldSpec, FieldType, date_window, format_value, parse_value
from replydesk.core.models import TemplateData
from replydesk.core.render import fill
from replydesk.core.store import TemplateStore
from replydesk.ui.field_widgets import FieldEditor, editor_for

if TYPE_CHECKING:
    from tests.conftest import CliResult, RunCli

LOCALES = ("C", "en_US", "ru_RU", "hu_HU")

# -- the inputs -----------------------------------------------------------------------------

AMOUNTS = [
    "25,50",  # 2550.00 in the old spin box under C.UTF-8
    "25.50",  # 2550,00 in the old spin box under ru_RU
    "25,5",
    "25",
    "0,99",
    "1 250,00",
    "1.250,00",
    "1,250.50",
    "1'250.50",
    "1\u00a0250,50",  # no-break space, as Russian and Hungarian locales group
    "1\u202f250,50",  # narrow no-break space
    "1,250",
    "2.500",
    "1.250.000",
    "$25",
    "25 $",
    "25 USD",
    "USD 25",
    "25 usd",
    "  120.5 ",
]
NOT_AMOUNTS = ["25,50,1", "1..2", "abc", "1e5", "inf", "NaN", "$", "1,25,000", "25,12345"]
NOT_AMOUNTS += ["-25,50", "-$25", "$-25"]  # an amount is never negative (a number may be)
# The matrix's amounts are in USD (the editors' and the command line's default currency):
# another currency's mark is refused alike, never read as dollars.
NOT_AMOUNTS += ["EUR 25", "25 €", "25 lei", "1 250 Ft", "3000 руб.", "¥2500"]
NUMBERS = ["12", "2,5", "2.5", "-4", "1 250", "1,250", "1.250,75", "0,125", "007"]
NOT_NUMBERS = ["twelve", "1..2", "1e5", "nan", "12 5"]
DATES = [
    "2027-03-20",  # 2027-12-03 in the old date edit
    "2026-12-15",  # 2026-12-12 in the old date edit
    "2026-12-01",
    "2026-12-1",
    "01.12.2026",
    "1.12.2026",
    "1.12.26",
    "25/12/2026",  # slashes: day first when the first number is over 12,
    "12/25/2026",  # month first when the second is,
    "05/05/2027",  # either when they are the same
    "01-12-2026",  # dots and dashes: day first
    "2026.12.01",
    "2026. 12. 01.",
    "20261201",
    "tomorrow",
    "holnap",
    "завтра",
    "+3",
    "+3d",
    "+ 3",
]
NOT_DATES = ["2026-02-30", "31.04.2026", "2026-13-01", "soon", "2026121", "12/2026"]
NOT_DATES += ["01/12/2026", "03/04/2027"]  # 1 December or January 12? 3 April or March 4?
NOT_DATES += ["9999-12-31", "+9999", "0001-01-01", "1.12.99"]  # 2099: more than 20 years away

KINDS: dict[FieldType, tuple[str, str, list[str], list[str]]] = {
    # type: (name stem, label stem, inputs that parse, inputs that do not)
    FieldType.MONEY: ("amount", "Amount", AMOUNTS, NOT_AMOUNTS),
    FieldType.NUMBER: ("count", "Count", NUMBERS, NOT_NUMBERS),
    FieldType.DATE: ("day", "Day", DATES, NOT_DATES),
}


def _line(spec: FieldSpec) -> str:
    """One line of a reply that shows the value raw and through the type's filters."""
    name = spec.name
    shows = {
        FieldType.MONEY: f"{{{{ {name}|money }}}} {{{{ {name}|money('EUR') }}}}",
        FieldType.NUMBER: f"{{{{ {name}|number }}}}",
        FieldType.DATE: f"{{{{ {name}|date }}}} {{{{ {name}|date('short') }}}}",
    }
    return f"{name}: [{{{{ {name} }}}}] {shows[spec.type]}"


@dataclass(frozen=True)
class Template:
    """A template in the command line's store: its name, body and declared fields."""

    name: str
    fields: tuple[FieldSpec, ...]

    @property
    def body(self) -> str:
        return "\n".join(_line(spec) for spec in self.fields)


def _batch(field_type: FieldType, size: int) -> Template:
    """A template with `size` fields of one type (one CLI run fills them all)."""
    stem, label, *_ = KINDS[field_type]
    fields = tuple(
        FieldSpec(f"{stem}_{i}", field_type, f"{label} {i}", required=False) for i in range(size)
    )
    return Template(f"matrix {stem}", fields)


BATCHES = {
    field_type: _batch(field_type, max(len(good), len(bad)))
    for field_type, (_, _, good, bad) in KINDS.items()
}
ONE_OF_EACH = Template(
    "matrix one of each",
    (
        FieldSpec("amount", FieldType.MONEY, "Amount"),
        FieldSpec("count", FieldType.NUMBER, "Count"),
        FieldSpec("day", FieldType.DATE, "Day"),
    ),
)
TEMPLATES = (*BATCHES.values(), ONE_OF_EACH)


# -- the locales ----------------------------------------------------------------------------


def _c_library_locale(name: str) -> str | None:
    """The C library's name for a locale that is installed here, else None."""
    candidates = ("C.UTF-8", "C.utf8", "C") if name == "C" else (f"{name}.UTF-8", f"{name}.utf8")
    before = locale.setlocale(locale.LC_ALL)
    try:
        for candidate in candidates:
            try:
                locale.setlocale(locale.LC_ALL, candidate)
            except locale.Error:
                continue
            return candidate
        return None
    finally:
        locale.setlocale(locale.LC_ALL, before)


@pytest.fixture(
    params=[
        pytest.param((name, libc), id=f"{name}-{'qt+libc' if libc else 'qt'}")
        for name in LOCALES
        for libc in (False, True)
    ]
)
def in_locale(request: pytest.FixtureRequest) -> Iterator[str]:
    """Qt's default locale (and, in the `qt+libc` cases, the C library's) set to one of
    LOCALES for the test; both put back afterwards."""
    name, libc = request.param
    installed = _c_library_locale(name) if libc else None
    if libc and installed is None:
        pytest.skip(f"the {name} locale is not installed for the C library (see `locale -a`)")
    previous_qt = QLocale()
    previous_c = locale.setlocale(locale.LC_ALL)
    QLocale.setDefault(QLocale(name))
    if installed is not None:
        locale.setlocale(locale.LC_ALL, installed)
    try:
        yield name
    finally:
        QLocale.setDefault(previous_qt)
        locale.setlocale(locale.LC_ALL, previous_c)


# -- the command line (tests/conftest.py's `replydesk`, on a folder of these templates) -----


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose store holds the TEMPLATES (shared by the module: the first run
    of the command line loads the built-in library into it, which is not free)."""
    path = tmp_path_factory.mktemp("matrix")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.DATA_DIR_ENV, str(path))
        store = TemplateStore(paths.database_path(), paths.backup_dir())
        try:
            for template in TEMPLATES:
                store.create_template(
                    TemplateData(
                        name=template.name,
                        kind="custom",
                        language="en",
                        body=template.body,
                        fields=[spec.to_dict() for spec in template.fields],
                    )
                )
        finally:
            store.close()
    return path


@pytest.fixture
def replydesk(replydesk: RunCli, home: Path) -> RunCli:
    """tests/conftest.py's command line in this process, on `home`."""

    def run(*args: str, data_dir: Path | None = None, stdin: str | None = None) -> CliResult:
        return replydesk(*args, data_dir=data_dir or home, stdin=stdin)

    return run


def run_fill(replydesk: RunCli, template: Template, texts: dict[str, str]) -> CliResult:
    sets = [f"--set={name}={text}" for name, text in texts.items()]
    return replydesk("fill", template.name, *sets)


# -- typing ---------------------------------------------------------------------------------


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """A shown window to type in, with one other input for the focus to move to."""
    window = QWidget()
    layout = QVBoxLayout(window)
    other = QLineEdit()
    other.setObjectName("elsewhere")
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def placed(host: QWidget, spec: FieldSpec) -> FieldEditor:
    """The real editor of the field, in the window."""
    editor = editor_for(spec)
    layout = host.layout()
    assert layout is not None
    layout.addWidget(editor)
    editor.show()
    return editor


def type_like_a_person(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Key by key. QTest only knows the keys of ASCII; any other character (a no-break
    space, "€", "р") comes as a keyboard layout sends it: a key event carrying it."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                char,
                Qt.KeyboardModifier.NoModifier,
            )


def type_into(qtbot: QtBot, editor: FieldEditor, text: str) -> object:
    """Empty the editor, focus it, type `text`, press Tab once; the editor's value."""
    editor.set_value(None)
    line = editor.focus_widget()
    assert isinstance(line, QLineEdit)
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    type_like_a_person(qtbot, line, text)
    assert line.text() == text
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and not editor.isAncestorOf(focused), "one Tab leaves it"
    return editor.value()


def assert_typed_as_parsed(spec: FieldSpec, text: str, value: object, editor: FieldEditor) -> None:
    expected = parse_value(spec, text)
    assert value == expected, (text, value, expected)
    assert type(value) is type(expected), text
    line = editor.focus_widget()
    assert isinstance(line, QLineEdit)
    assert line.text() == format_value(spec, expected), text  # shown back canonical


def reply(template: Template, values: dict[str, object]) -> str:
    """The reply the window would render from these editor values."""
    return fill(template.body, template.fields, values, language="en", default_currency="USD")


# -- the matrix -----------------------------------------------------------------------------


@pytest.mark.parametrize("field_type", list(KINDS), ids=lambda t: t.value)
def test_typed_text_gives_the_value_and_the_reply_of_the_command_line(
    qtbot: QtBot, host: QWidget, replydesk: RunCli, in_locale: str, field_type: FieldType
) -> None:
    assert QLocale().name().startswith(in_locale)  # the widgets are made in that locale
    template = BATCHES[field_type]
    texts = dict(zip((s.name for s in template.fields), KINDS[field_type][2], strict=False))
    values: dict[str, object] = {}
    for spec in template.fields[: len(texts)]:
        editor = placed(host, spec)
        values[spec.name] = type_into(qtbot, editor, texts[spec.name])
        assert_typed_as_parsed(spec, texts[spec.name], values[spec.name], editor)
    result = run_fill(replydesk, template, texts)
    assert result.returncode == 0, result.stderr
    assert result.stdout == reply(template, values) + "\n"


@pytest.mark.parametrize("field_type", list(KINDS), ids=lambda t: t.value)
def test_text_that_does_not_parse_is_refused_alike(
    qtbot: QtBot, host: QWidget, replydesk: RunCli, in_locale: str, field_type: FieldType
) -> None:
    """The editor hands the text back; the core refuses it with the message the command
    line prints, naming each field by its label."""
    template = BATCHES[field_type]
    texts = dict(zip((s.name for s in template.fields), KINDS[field_type][3], strict=False))
    values: dict[str, object] = {}
    for spec in template.fields[: len(texts)]:
        editor = placed(host, spec)
        values[spec.name] = type_into(qtbot, editor, texts[spec.name])
        assert values[spec.name] == texts[spec.name].strip()
        line = editor.focus_widget()
        assert isinstance(line, QLineEdit)
        assert line.text() == texts[spec.name]  # left as typed, for the user to correct
    with pytest.raises(FieldValueError) as refused:
        reply(template, values)
    # One problem per field; the message lists the first few and counts the rest.
    problems = getattr(refused.value, "problems", [refused.value])
    messages = [str(problem) for problem in problems]
    for spec in template.fields[: len(texts)]:
        said = f"{spec.display_label}: {texts[spec.name]!r}"
        assert sum(message.startswith(said) for message in messages) == 1, said
    assert len(str(refused.value)) < 400  # one line a terminal can show
    result = run_fill(replydesk, template, texts)
    assert result.returncode == 1
    assert result.stderr == f"replydesk: {refused.value}\n"


# -- the same, for values hypothesis draws and spells ---------------------------------------

_GROUPINGS = [" ", "\u00a0", "\u202f", "'", ".", ","]
_LEADING_MARKS = ["", "", "$", "$ ", "USD "]  # in the default currency, USD
_TRAILING_MARKS = ["", "", " $", " USD", " usd"]


def _grouped(whole: str, separator: str) -> str:
    head = len(whole) % 3 or 3
    return separator.join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])


@st.composite
def spelled_amount(draw: st.DrawFn, value: Decimal, *, marks: bool) -> str:
    """`value` as a person may type it: a comma or a dot, thousands grouped or not, a
    currency mark before or after (three decimals get a fourth: "25.125" is 25125)."""
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    if len(fraction) == 3:
        fraction += "0"
    grouping = draw(st.sampled_from(["", *_GROUPINGS])) if len(whole) > 3 else ""
    point = {".": ",", ",": "."}.get(grouping) or draw(st.sampled_from([".", ","]))
    text = (_grouped(whole, grouping) if grouping else whole) + (
        point + fraction if fraction else ""
    )
    if not marks:
        return sign + text
    return (
        sign + draw(st.sampled_from(_LEADING_MARKS)) + text
        if draw(st.booleans())
        else (sign + text + draw(st.sampled_from(_TRAILING_MARKS)))
    )


def _spelled_date(day: dt.date) -> st.SearchStrategy[str]:
    """`day` as a person may type it (slashes only where they read one way: "25/12/2026",
    "12/25/2026"; "01/12/2026" is refused as 1 December or January 12)."""
    y, m, d = day.year, day.month, day.day
    spellings = [
        day.isoformat(),
        f"{y}-{m}-{d}",
        f"{d:02}.{m:02}.{y}",
        f"{d}.{m}.{y}",
        f"{d}.{m}.{y % 100:02}",
        f"{y}.{m:02}.{d:02}",
        f"{y}. {m:02}. {d:02}.",
    ]
    if d > 12 or d == m:
        spellings += [f"{d:02}/{m:02}/{y}", f"{m:02}/{d:02}/{y}"]
    return st.sampled_from(spellings)


amounts = st.builds(  # never negative: "-25" is refused as an amount
    lambda cents, places: (Decimal(cents) / 10**places).quantize(Decimal(1).scaleb(-places)),
    st.integers(min_value=0, max_value=10**11),
    st.sampled_from([0, 2, 2, 1, 4]),
)
numbers = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**12),
    st.decimals(min_value=-(10**6), max_value=10**9, places=3, allow_nan=False),
)
# From 2000 (two-digit years are 20yy) to the last date accepted (20 years from today).
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=date_window()[1])


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), amount=amounts, number=numbers, day=dates)
def test_drawn_values_typed_in_any_spelling_give_the_command_lines_reply(
    qtbot: QtBot,
    host: QWidget,
    replydesk: RunCli,
    in_locale: str,
    data: st.DataObject,
    amount: Decimal,
    number: int | Decimal,
    day: dt.date,
) -> None:
    template = ONE_OF_EACH
    texts = {
        "amount": data.draw(spelled_amount(amount, marks=True), label="amount typed"),
        "count": data.draw(spelled_amount(Decimal(number), marks=False), label="count typed"),
        "day": data.draw(_spelled_date(day), label="day typed"),
    }
    drawn: dict[str, object] = {"amount": amount, "count": number, "day": day}
    editors = _editors(host, template.fields)
    values: dict[str, object] = {}
    for spec in template.fields:
        values[spec.name] = type_into(qtbot, editors[spec.name], texts[spec.name])
        assert values[spec.name] == drawn[spec.name], texts[spec.name]
        assert_typed_as_parsed(spec, texts[spec.name], values[spec.name], editors[spec.name])
    result = run_fill(replydesk, template, texts)
    assert result.returncode == 0, result.stderr
    assert result.stdout == reply(template, values) + "\n"


def _editors(host: QWidget, specs: Sequence[FieldSpec]) -> dict[str, FieldEditor]:
    """The window's editors of these fields: made on the first example, then reused (each
    example empties them before typing)."""
    found = {e.spec.name: e for e in host.findChildren(FieldEditor)}
    return {spec.name: found.get(spec.name) or placed(host, spec) for spec in specs}
