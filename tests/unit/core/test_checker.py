"""The reply checker: contacts, off-platform payment, links, placeholders and length.

`replydesk check` and the findings `replydesk fill` prints are in
tests/unit/cli/test_cli_filling.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from replydesk.core import checker, library
from replydesk.core.checker import Finding, Severity, check, load_rules, platform_limit
from replydesk.core.fields import example_values
from replydesk.core.render import fields_for, prepare_values, render

E, W = Severity.ERROR, Severity.WARNING

# (language, text, expected rule and severity, or None for a text that must raise nothing)
CASES: list[tuple[str, str, tuple[str, Severity] | None]] = [
    # --- en
    ("en", "Call me tomorrow: +1 (415) 555-2671.", ("phone", E)),
    ("en", "My cell: (415) 555-2671", ("phone", E)),
    ("en", "Text 415.555.2671 anytime", ("phone", E)),
    ("en", "Write to alex.design@gmail.com for the files", ("email", E)),
    ("en", "Ping me on WhatsApp when you are free", ("messenger", E)),
    ("en", "Join t.me/alexdesign for updates", ("messenger", E)),
    ("en", "My Discord is alexd#1234", ("messenger", E)),
    ("en", "Let's continue outside of Fiverr, it's cheaper.", ("off-platform-talk", E)),
    ("en", "You can pay me directly, no fees.", ("off-platform-payment", E)),
    ("en", "Send the money through PayPal please", ("off-platform-payment", E)),
    ("en", "Card: 4111 1111 1111 1111", ("card-number", E)),
    ("en", "Samples are at https://drive.example.com/abc.", ("link", W)),
    ("en", "The price is $1 250,00 for the full package.", None),
    ("en", "Your order #FO81C2D3 is in progress.", None),
    ("en", "Order 123456789 will be delivered on 01.12.2026.", None),
    ("en", "I will deliver in 5 days, by 2026-12-01.", None),
    ("en", "I made 3 revisions and 12 icons, 1024x1024 px each.", None),
    ("en", "Thanks for the great review, it was a pleasure!", None),
    ("en", "I keep all communication here in the order chat.", None),
    ("en", "The site runs on Node.js and ASP.NET.", None),
    ("en", "Total: 25 000 USD, paid through the platform's checkout.", None),
    ("en", "I will send the draft at 14:30 on 01.12.2026.", None),
    # --- ru
    ("ru", "Мой номер +7 (912) 345-67-89", ("phone", E)),
    ("ru", "Звоните 8 912 345 67 89 в любое время", ("phone", E)),
    ("ru", "8-912-345-67-89 — это мой", ("phone", E)),
    ("ru", "Напишите мне в телеграм @alex_design", ("messenger", E)),
    ("ru", "Давайте продолжим в личке, так проще", ("off-platform-talk", E)),
    ("ru", "Оплатите напрямую на карту, так дешевле", ("off-platform-payment", E)),
    ("ru", "Номер карты 5500 0000 0000 0004", ("card-number", E)),
    ("ru", "Пишите на почту ivan@mail.ru", ("email", E)),
    ("ru", "Можно оплатить через пейпал", ("off-platform-payment", E)),
    ("ru", "Работаем вне биржи, без комиссии", ("off-platform-talk", E)),
    ("ru", "Стоимость работы 1500 руб., срок 5 дней.", None),
    ("ru", "Ваш заказ № 123456789 принят в работу.", None),
    ("ru", "Сдам работу до 01.12.2026.", None),
    ("ru", "Готово через 3 дня, как договаривались.", None),
    ("ru", "Спасибо за отзыв, было приятно работать!", None),
    ("ru", "Всё общение веду только в чате заказа.", None),
    ("ru", "Цена 25 000 ₽ за весь пакет.", None),
    ("ru", "Заказ 123456789 будет готов 2026-12-01.", None),
    ("ru", "Сделаю 10 баннеров размером 1080x1080.", None),
    # --- ro
    ("ro", "Sunați-mă la 0721 234 567", ("phone", E)),
    ("ro", "Numărul meu: +40 721 234 567", ("phone", E)),
    ("ro", "Sau la 0721.234.567 după ora 18", ("phone", E)),
    ("ro", "Scrie-mi pe WhatsApp", ("messenger", E)),
    ("ro", "Plătește-mi direct, e mai simplu", ("off-platform-payment", E)),
    ("ro", "Prefer un transfer bancar", ("off-platform-payment", E)),
    ("ro", "Putem continua în afara platformei", ("off-platform-talk", E)),
    ("ro", "Emailul meu este ion.pop@yahoo.ro", ("email", E)),
    ("ro", "Cont: RO49 AAAA 1B31 0075 9384 0000", ("off-platform-payment", E)),
    ("ro", "Detalii aici: www.portofoliul-meu.ro", ("link", W)),
    ("ro", "Prețul este 250 lei pentru pachetul complet.", None),
    ("ro", "Comanda #FO81C2D3 este în lucru.", None),
    ("ro", "Livrez până pe 01.12.2026.", None),
    ("ro", "Termenul este de 5 zile.", None),
    ("ro", "Comanda nr. 123456789 a fost livrată.", None),
    ("ro", "Mulțumesc pentru recenzie!", None),
    ("ro", "Toată discuția o păstrăm aici, în chat.", None),
    ("ro", "Total: 1 250,00 RON.", None),
    # --- sk
    ("sk", "Zavolajte mi na 0905 123 456", ("phone", E)),
    ("sk", "Číslo: +421 905 123 456", ("phone", E)),
    ("sk", "alebo 0905/123/456", ("phone", E)),
    ("sk", "Zaplaťte mi priamo, ušetríte", ("off-platform-payment", E)),
    ("sk", "Bankovým prevodom to bude lacnejšie", ("off-platform-payment", E)),
    ("sk", "Pokračujme mimo platformy", ("off-platform-talk", E)),
    ("sk", "Napíšte mi na Telegram", ("messenger", E)),
    ("sk", "Môj e-mail: peter.novak@azet.sk", ("email", E)),
    ("sk", "Karta 4111-1111-1111-1111", ("card-number", E)),
    ("sk", "Cena je 120,00 € za balík.", None),
    ("sk", "Objednávka č. 123456789 je hotová.", None),
    ("sk", "Dodám do 01.12.2026.", None),
    ("sk", "Hotové do 5 dní.", None),
    ("sk", "Ďakujem za recenziu!", None),
    ("sk", "Všetko riešime tu v chate.", None),
    ("sk", "Objednávka #FO81C2D3 je v riešení.", None),
    ("sk", "Termín 2026-12-01 platí.", None),
    # --- hu
    ("hu", "Hívj: +36 30 123 4567", ("phone", E)),
    ("hu", "Számom 06 30 123 4567", ("phone", E)),
    ("hu", "vagy 06-30-123-4567", ("phone", E)),
    ("hu", "Fizess közvetlenül nekem", ("off-platform-payment", E)),
    ("hu", "Banki átutalással olcsóbb", ("off-platform-payment", E)),
    ("hu", "Folytassuk a platformon kívül", ("off-platform-talk", E)),
    ("hu", "Írj nekem Viberen", ("messenger", E)),
    ("hu", "Címem kovacs.anna@freemail.hu", ("email", E)),
    ("hu", "Kártya: 5500 0000 0000 0004", ("card-number", E)),
    ("hu", "Az ár 25 000 Ft.", None),
    ("hu", "A rendelés #FO81C2D3 folyamatban van.", None),
    ("hu", "Rendelésszám: 123456789", None),
    ("hu", "Határidő: 2026. 12. 01.", None),
    ("hu", "5 napon belül kész.", None),
    ("hu", "Köszönöm az értékelést!", None),
    ("hu", "Mindent itt a chatben beszélünk meg.", None),
    ("hu", "Szállítás 01.12.2026-ig.", None),
]


def _case_id(case: tuple[str, str, object]) -> str:
    return f"{case[0]}:{case[1][:30]}"


def test_the_table_has_enough_cases_in_every_language() -> None:
    for language in library.LANGUAGES:
        positives = [c for c in CASES if c[0] == language and c[2] is not None]
        negatives = [c for c in CASES if c[0] == language and c[2] is None]
        assert len(positives) >= 8 and len(negatives) >= 8, language


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_each_case(case: tuple[str, str, tuple[str, Severity] | None]) -> None:
    language, text, expected = case
    found = {(f.rule, f.severity) for f in check(text, language=language)}
    if expected is None:
        assert found == set(), text
    else:
        assert expected in found, (text, found)


def test_precision_and_recall_on_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    tp = fp = fn = 0
    for language, text, expected in CASES:
        found = {(f.rule, f.severity) for f in check(text, language=language)}
        if expected is None:
            fp += bool(found)
        elif expected in found:
            tp += 1
        else:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    with capsys.disabled():
        print(f"\nchecker on {len(CASES)} cases: precision {precision:.3f}, recall {recall:.3f}")
    assert precision == 1.0 and recall == 1.0


def test_spans_point_at_the_offending_text() -> None:
    text = "Hi Anna, call +7 (912) 345-67-89 or mail a@b.com"
    by_rule = {f.rule: text[f.start : f.end] for f in check(text, language="en")}
    assert by_rule["phone"] == "+7 (912) 345-67-89"
    assert by_rule["email"] == "a@b.com"


def test_findings_are_sorted_and_not_repeated() -> None:
    findings = check("wa.me/79123456789 and https://t.me/alex", language="en")
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    # The phone inside the WhatsApp link and the link itself give one mark each spot.
    assert [f.rule for f in findings] == ["messenger", "messenger"]


def test_platform_links_are_notes() -> None:
    findings = check("My profile: https://www.fiverr.com/alex", language="en")
    assert [(f.rule, f.severity) for f in findings] == [("link", Severity.NOTE)]


@pytest.mark.parametrize("template", library.load_builtin(), ids=lambda t: t.source[-30:])
def test_builtin_templates_raise_no_error_or_warning(template: library.TemplateFile) -> None:
    fields = fields_for(template.body, template.fields)
    text = render(
        template.body, prepare_values(fields, example_values(fields)), language=template.language
    )
    bad = [
        (f.rule, text[f.start : f.end])
        for f in check(text, language=template.language, platform="Fiverr")
        if f.severity is not Severity.NOTE
    ]
    assert bad == []


def test_platform_length_limit() -> None:
    limit = platform_limit("Fiverr")
    assert limit is not None
    assert platform_limit("fl.ru") and platform_limit("KWORK") and platform_limit("Upwork")
    assert platform_limit("Freelancer") and platform_limit("unknown") is None
    assert platform_limit(None) is None
    fits = "a" * limit
    assert check(fits, platform="Fiverr") == []
    [finding] = check(fits + "bc", platform="Fiverr")
    assert (finding.rule, finding.severity) == ("length", Severity.WARNING)
    assert (finding.start, finding.end) == (limit, limit + 2)
    assert check(fits + "bc") == []  # no platform, no limit


@pytest.mark.parametrize(
    "text",
    [
        "Hello {{ client_name }}!",
        "Dear [name], thanks",
        "Hi <client>, here it is",
        "The price is XXX",
        "TODO: add the link",
        "Delivery in … days",
        "{% if x %}",
    ],
)
def test_leftover_placeholders_are_warnings(text: str) -> None:
    found = {(f.rule, f.severity) for f in check(text, language="en")}
    assert ("placeholder", Severity.WARNING) in found


def test_normal_words_are_not_placeholders() -> None:
    text = "I'll do it today, and then... we'll see. [Option A](https://fiverr.com)"
    start = text.index("https")
    assert check(text) == [
        Finding(
            Severity.NOTE,
            start,
            start + len("https://fiverr.com"),
            "link",
            "A link to the platform: fine, but check it opens for the client",
        )
    ]


def test_missing_required_fields_are_errors_on_the_whole_text() -> None:
    findings = check("Hello!", missing=["client_name", "price"])
    assert [(f.rule, f.severity, f.start, f.end) for f in findings] == [
        ("empty-field", Severity.ERROR, 0, 0),
        ("empty-field", Severity.ERROR, 0, 0),
    ]
    assert "client_name" in findings[0].message and "price" in findings[1].message


def test_a_custom_rule_file_extends_the_checker(tmp_path: Path) -> None:
    custom = tmp_path / "team.yaml"
    custom.write_text(
        "rules:\n"
        "  - rule: off-platform-payment\n"
        "    severity: error\n"
        "    language: en\n"
        "    message: Revolut is a payment outside the platform\n"
        "    patterns: ['\\brevolut\\b']\n"
        "platforms:\n"
        "  guru:\n"
        "    name: Guru\n"
        "    limit: 10\n",
        encoding="utf-8",
    )
    rules = load_rules(custom)
    text = "Send it by Revolut"
    assert check(text, language="en") == []
    matched = [p for p in rules.for_language("en") if p.pattern.search(text)]
    assert [p.rule for p in matched] == ["off-platform-payment"]
    guru = rules.platform("guru")
    assert guru is not None and guru.limit == 10


def test_a_bad_rule_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - rule: x\n    message: y\n    patterns: ['(']\n", encoding="utf-8")
    with pytest.raises(checker.RulesFileError, match="rule 1: bad pattern"):
        load_rules(bad)


# -- a deadline in the past -----------------------------------------------------------------

TODAY = dt.date(2026, 12, 1)
PAST = dt.date(2026, 11, 28)

# (language, what the `date` filter writes for PAST in the language's default style)
DATE_IN_REPLY = [
    ("en", "Nov 28, 2026"),
    ("ru", "28 нояб. 2026\u202fг."),
    ("ro", "28 nov. 2026"),
    ("sk", "28. 11. 2026"),
    ("hu", "2026. nov. 28."),
]


def _late(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "past-deadline"]


def test_a_deadline_before_today_is_a_warning_with_a_plain_message() -> None:
    [finding] = check("Thanks for your patience!", deadline=PAST, today=TODAY)
    assert (finding.rule, finding.severity) == ("past-deadline", Severity.WARNING)
    assert finding.message == (
        "The deadline 2026-11-28 is in the past (3 days ago): check the order's date"
    )
    assert finding.explanation
    assert (finding.start, finding.end) == (0, 0)  # the reply does not write the date


def test_a_deadline_of_yesterday_says_so() -> None:
    [finding] = check("Hi", deadline=TODAY - dt.timedelta(days=1), today=TODAY)
    assert "(yesterday)" in finding.message


@pytest.mark.parametrize(
    "deadline", [TODAY, TODAY + dt.timedelta(days=1), dt.date(2030, 1, 1), None]
)
def test_today_a_future_deadline_or_none_give_nothing(deadline: dt.date | None) -> None:
    text = f"Delivery by {TODAY.isoformat()}."
    assert check(text, language="en", deadline=deadline, today=TODAY) == []


def test_today_defaults_to_the_date_today() -> None:
    today = dt.date.today()
    assert _late(check("Hi", deadline=today)) == []
    assert _late(check("Hi", deadline=today + dt.timedelta(days=1))) == []
    [finding] = check("Hi", deadline=today - dt.timedelta(days=2))
    assert finding.rule == "past-deadline"


def test_a_datetime_deadline_counts_by_its_date() -> None:
    assert check("Hi", deadline=dt.datetime(2026, 12, 1, 9, 30), today=TODAY) == []
    assert _late(check("Hi", deadline=dt.datetime(2026, 11, 30, 23, 59), today=TODAY))


@pytest.mark.parametrize(("language", "written"), DATE_IN_REPLY)
def test_the_span_is_the_date_as_the_reply_writes_it(language: str, written: str) -> None:
    fields = fields_for("Hi, the deadline was {{ deadline|date }}. Sorry!")
    values = prepare_values(fields, {"deadline": PAST})
    text = render("Hi, the deadline was {{ deadline|date }}. Sorry!", values, language=language)
    assert written in text
    [finding] = _late(check(text, language=language, deadline=PAST, today=TODAY))
    assert text[finding.start : finding.end] == written
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("The deadline 2026-11-28 is in the past")


@pytest.mark.parametrize("language", library.LANGUAGES)
@pytest.mark.parametrize("style", ["short", "medium", "long", "full"])
def test_every_style_of_the_date_filter_is_found(language: str, style: str) -> None:
    body = f"Termen / срок / határidő: {{{{ deadline|date('{style}') }}}}!"
    text = render(body, {"deadline": PAST}, language=language)
    written = text[text.index(": ") + 2 : -1]
    [finding] = _late(check(text, language=language, deadline=PAST, today=TODAY))
    assert text[finding.start : finding.end] == written


def test_the_iso_date_and_the_first_place_are_found() -> None:
    text = "Planned for 2026-11-28; again: 2026-11-28."
    [finding] = check(text, language="en", deadline=PAST, today=TODAY)
    assert (finding.start, finding.end) == (12, 22)


def test_the_longest_form_at_a_place_wins() -> None:
    text = "It was due Saturday, November 28, 2026, sorry."
    [finding] = check(text, language="en", deadline=PAST, today=TODAY)
    assert text[finding.start : finding.end] == "Saturday, November 28, 2026"


def test_without_a_language_every_library_language_is_tried() -> None:
    text = "Срок был 28 ноября 2026 г., простите."  # typed with a plain space
    [finding] = check(text, deadline=PAST, today=TODAY)
    assert text[finding.start : finding.end] == "28 ноября 2026 г."


def test_a_date_inside_a_longer_number_is_not_the_deadline() -> None:
    text = "Order 12026-11-280 and 128.11.2026 are other numbers."
    [finding] = _late(check(text, deadline=PAST, today=TODAY))
    assert (finding.start, finding.end) == (0, 0)


def test_another_date_in_the_reply_is_not_marked() -> None:
    text = "New date: Dec 5, 2026."
    [finding] = check(text, language="en", deadline=PAST, today=TODAY)
    assert (finding.start, finding.end) == (0, 0)


def test_a_past_deadline_sorts_with_the_other_findings() -> None:
    text = "Call +7 (912) 345-67-89; it was due 2026-11-28."
    findings = check(text, language="en", deadline=PAST, today=TODAY)
    assert [f.rule for f in findings] == ["phone", "past-deadline"]
    assert text[findings[1].start : findings[1].end] == "2026-11-28"


def test_a_past_date_of_the_reply_is_a_warning_with_its_label() -> None:
    today = dt.date(2026, 12, 2)
    text = "I'm away and back on November 1, 2026."
    findings = checker.check(
        text,
        language="en",
        dates={"Back on": dt.date(2026, 11, 1), "New deadline": dt.date(2026, 12, 9)},
        today=today,
    )
    assert [(f.rule, f.severity) for f in findings] == [("past-date", checker.Severity.WARNING)]
    assert (
        findings[0].message == "“Back on” is 2026-11-01, in the past (31 days ago): check the date"
    )
    assert text[findings[0].start : findings[0].end] == "November 1, 2026"


# -- a reply in another language than the client's ------------------------------------------

ENGLISH_REPLY = (
    "Hello Anna, thanks for your order! I will start today and send the draft by Friday."
)
RUSSIAN_REPLY = (
    "Здравствуйте, Анна! Спасибо за заказ, я уже начал работу и пришлю черновик в пятницу."
)


def _other_language(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "language"]


def test_a_reply_in_another_language_is_one_warning_on_the_whole_text() -> None:
    [finding] = check(ENGLISH_REPLY, order_language="ru")
    assert (finding.severity, finding.start, finding.end, finding.rule) == (
        Severity.WARNING,
        0,
        0,
        "language",
    )
    assert finding.message == "This reply is in English; the client's language is Russian"
    assert finding.explanation == (
        "Clients answer faster in their own language; choose the template's variant in the "
        "order's language."
    )


@pytest.mark.parametrize(
    ("order_language", "named"),
    [
        ("ru-RU", "Russian"),
        ("ru_RU", "Russian"),
        (" RO ", "Romanian"),
        ("sk", "Slovak"),
        ("hu-HU", "Hungarian"),
        ("uk", "Ukrainian"),
        ("de", "de"),  # a language without a name in the table is shown as its code
        ("DE-at", "de"),
    ],
)
def test_the_order_language_is_named_by_its_primary_subtag(order_language: str, named: str) -> None:
    [finding] = _other_language(check(ENGLISH_REPLY, order_language=order_language))
    assert finding.message == f"This reply is in English; the client's language is {named}"


def test_the_reply_is_named_by_its_guessed_language() -> None:
    [finding] = _other_language(check(RUSSIAN_REPLY, order_language="en"))
    assert finding.message == "This reply is in Russian; the client's language is English"


@pytest.mark.parametrize("order_language", ["en", "en-GB", "EN", None, "", "  ", "und", "??", "1"])
def test_no_warning_for_the_same_language_or_no_order_language(
    order_language: str | None,
) -> None:
    assert check(ENGLISH_REPLY, order_language=order_language) == []


@pytest.mark.parametrize("text", ["Thanks, Anna!", "Ivan Petrov Ionescu Maria", ""])
def test_no_warning_when_the_reply_language_is_unclear(text: str) -> None:
    assert _other_language(check(text, order_language="ru")) == []


def test_a_warning_without_an_order_language_is_never_given() -> None:
    assert _other_language(check(RUSSIAN_REPLY, language="en")) == []


def test_the_language_warning_sorts_first_with_the_other_findings() -> None:
    text = "Hello Anna, thanks for your order! Call me at +7 (912) 345-67-89 if you like."
    findings = check(text, language="en", order_language="ro")
    assert findings[0].rule == "language" and "phone" in [f.rule for f in findings[1:]]


@pytest.mark.parametrize("template", library.load_builtin(), ids=lambda t: t.source[-30:])
def test_each_builtin_reply_is_checked_against_the_order_language(
    template: library.TemplateFile,
) -> None:
    """No warning in the order's own language; one in each of the other library languages."""
    fields = fields_for(template.body, template.fields)
    text = render(
        template.body, prepare_values(fields, example_values(fields)), language=template.language
    )
    assert _other_language(check(text, order_language=template.language)) == []
    for other in library.LANGUAGES:
        if other != template.language:
            [finding] = _other_language(check(text, order_language=other))
            assert checker.language_name(other) in finding.message


def test_language_names_are_translated_where_they_are_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The names go through the catalogue (context "language name"), as the message does."""
    asked: list[tuple[str, str]] = []

    def pgettext(context: str, message: str) -> str:
        asked.append((context, message))
        return message.upper()

    monkeypatch.setattr(checker, "pgettext", pgettext)
    [finding] = _other_language(check(ENGLISH_REPLY, order_language="uk"))
    assert finding.message == "This reply is in ENGLISH; the client's language is UKRAINIAN"
    assert ("language name", "Ukrainian") in asked
