"""Guessing a reply's language (replydesk/core/language_guess.py); the checker's warning that
uses it is in tests/unit/core/test_checker.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from replydesk.core import library
from replydesk.core.fields import example_values
from replydesk.core.language_guess import GUESSED_LANGUAGES, guess_language
from replydesk.core.render import fields_for, prepare_values, render

JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def _body_without_tags(path: Path) -> str:
    """A built-in template's body (after its front matter) with every Jinja tag removed."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return JINJA_TAG.sub(" ", body)


BUILTIN_FILES = library.builtin_paths()


def test_the_library_has_a_file_of_every_kind_in_every_language() -> None:
    """The next test iterates these files: it must not pass on an empty or partial list."""
    for language in library.LANGUAGES:
        assert len([p for p in BUILTIN_FILES if p.parent.name == language]) >= 11, language


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_builtin_body_is_guessed_as_its_language(path: Path) -> None:
    assert guess_language(_body_without_tags(path)) == path.parent.name


@pytest.mark.parametrize("template", library.load_builtin(), ids=lambda t: t.source[-30:])
def test_every_builtin_reply_is_guessed_as_its_language(template: library.TemplateFile) -> None:
    """Rendered with example values: a client "Anna", a service "Logo design", "Alex"."""
    fields = fields_for(template.body, template.fields)
    values = prepare_values(fields, example_values(fields))
    text = render(template.body, values, language=template.language)
    assert guess_language(text) == template.language


SENTENCES = [
    ("en", "Hello Anna, thanks for your order! I will start today and send the draft by Friday."),
    ("en", "I'm sorry for the delay; the files are ready and you can review them now."),
    ("ru", "Здравствуйте, Анна! Спасибо за заказ, я уже начал работу и пришлю черновик в пятницу."),
    ("ru", "Добрый день! Работа готова, проверьте, пожалуйста, всё ли вам нравится."),
    ("ro", "Bună ziua, Ana! Vă mulțumesc pentru comandă, încep lucrul chiar astăzi."),
    ("ro", "Lucrarea este gata și o găsiți în livrare; dacă doriți modificări, scrieți-mi aici."),
    ("sk", "Dobrý deň, Anna, ďakujem za objednávku, hneď sa do toho pustím."),
    ("sk", "Práca je hotová a nájdete ju v odovzdaní; ak chcete niečo zmeniť, napíšte mi."),
    ("hu", "Kedves Anna, köszönöm a rendelést, még ma elkezdem a munkát."),
    ("hu", "A munka elkészült, és a csatolt fájlokban megtalálja; ha módosítana, írjon nekem."),
    ("uk", "Доброго дня! Дякую за ваше замовлення, я вже почав роботу і надішлю результат."),
    ("uk", "Вітаю, Олено! Робота готова, перевірте, будь ласка, чи все вам подобається."),
]


@pytest.mark.parametrize(("language", "text"), SENTENCES, ids=lambda v: str(v)[:20])
def test_a_sentence_in_each_language(language: str, text: str) -> None:
    assert guess_language(text) == language


def test_every_guessed_language_has_sentences() -> None:
    assert {language for language, _ in SENTENCES} == set(GUESSED_LANGUAGES)


@pytest.mark.parametrize(
    ("ukrainian", "russian"),
    [
        (
            "Дякую за відгук, мені було приємно з вами працювати!",
            "Спасибо за отзыв, мне было приятно с вами работать!",
        ),
        (
            "Я надішлю файли завтра, якщо у вас не буде питань.",
            "Я пришлю файлы завтра, если у вас не будет вопросов.",
        ),
        (
            "Робота майже готова, залишилось лише перевірити, чи все гаразд.",
            "Работа почти готова, осталось только проверить, всё ли в порядке.",
        ),
    ],
)
def test_ukrainian_is_not_taken_for_russian(ukrainian: str, russian: str) -> None:
    assert (guess_language(ukrainian), guess_language(russian)) == ("uk", "ru")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A Russian reply naming an English service.
        (
            "ru",
            "Здравствуйте, Анна! Спасибо за заказ «Logo Design for Your Brand». Я уже начал "
            "работу и пришлю первый вариант до пятницы.",
        ),
        # A Romanian reply to "Ivan Petrov", signed by a Slovak.
        (
            "ro",
            "Bună ziua, Ivan Petrov! Vă mulțumesc pentru comandă, încep lucrul astăzi. "
            "Cu stimă, Ľubomír Kováč",
        ),
        # Romanian with the cedilla letters, and Romanian typed without any.
        ("ro", "Bună ziua, domnule Ionescu, comanda este gata şi o găsiţi în platformă."),
        ("ro", "Buna ziua, Ivan Petrov! Va multumesc pentru comanda, incep lucrul chiar astazi."),
        # English to clients with Slovak and Hungarian names.
        ("en", "Hi Ľubomír Kováč, thank you for the order, I will send the draft tomorrow."),
        ("en", "Dear Kovács Éva, your order is ready and waiting for you in the delivery."),
        # A Hungarian reply with a Russian client's name in Cyrillic.
        ("hu", "Kedves Иван Петров, köszönöm a megrendelést, holnap küldöm a vázlatot."),
        # A Slovak reply quoting a Hungarian product name.
        ("sk", "Dobrý deň, ďakujem za objednávku „Kovács Műhely“, hneď sa do toho pustím."),
    ],
    ids=lambda v: str(v)[:30],
)
def test_names_and_quoted_words_do_not_flip_the_guess(language: str, text: str) -> None:
    assert guess_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "Thanks, Anna!",
        "Спасибо, Анна!",
        "Ivan Petrov Ionescu Maria",  # names only
        "Logo Design Premium Package",  # a service's name, no sentence
        "ok ok ok ok",
        "12345 67890 2026-12-01 14:30 #FO81C2D3",
        "anna.the.and@you.com https://the.and.for.you.example.com/your/will www.for.the.you.ro",
        "Node.js ASP.NET the.and you.for",
    ],
    ids=repr,
)
def test_short_empty_or_wordless_text_is_none(text: str) -> None:
    assert guess_language(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Czech: near Slovak, yet not it.
        "Dobrý den, Anno, děkuji za Vaši objednávku. Práci jsem dnes dokončil a soubory najdete "
        "v doručení. Pokud budete chtít něco upravit, napište mi prosím sem do chatu.",
        "Hallo Anna, vielen Dank für Ihre Bestellung! Ich habe die Dateien heute an Sie "
        "geschickt und bin mit der Arbeit fertig.",
        "Dzień dobry, dziękuję za zamówienie. Pracę skończyłem dzisiaj i pliki znajdziesz w "
        "dostawie. Jeśli chcesz coś zmienić, napisz do mnie tutaj na czacie.",
        "Bonjour Anna, merci beaucoup pour votre commande. J'ai terminé le travail et vous "
        "trouverez les fichiers dans la livraison.",
        "Ciao Anna, grazie mille per il tuo ordine. Ho finito il lavoro e troverai i file "
        "nella consegna.",
        # Bulgarian: near Russian, yet not it.
        "Здравейте, Анна! Благодаря за поръчката. Завърших работата и ще намерите файловете в "
        "доставката. Ако искате промени, пишете ми тук в чата.",
    ],
    ids=["cs", "de", "pl", "fr", "it", "bg"],
)
def test_a_language_outside_the_six_is_none_not_the_nearest(text: str) -> None:
    assert guess_language(text) is None


def test_a_long_english_title_in_a_short_russian_reply_never_makes_it_english() -> None:
    text = "Здравствуйте, Анна! Спасибо за заказ «Professional Logo Design for Your Small Brand»."
    assert guess_language(text) in ("ru", None)


def test_a_russian_reply_for_an_english_service_is_russian() -> None:
    """The built-in greeting, rendered for a service with an English name."""
    [template] = [t for t in library.load_builtin() if (t.language, t.kind) == ("ru", "greeting")]
    fields = fields_for(template.body, template.fields)
    values = example_values(fields) | {
        "service": "Logo Design for Your Brand",
        "client_name": "John Smith",
    }
    text = render(template.body, prepare_values(fields, values), language="ru")
    assert "Logo Design for Your Brand" in text
    assert guess_language(text) == "ru"


def test_an_even_mix_is_none() -> None:
    text = "Thank you for your order. Vă mulțumesc pentru comandă și pentru răbdare."
    assert guess_language(text) is None


def test_a_quoted_email_or_link_is_not_words_of_the_reply() -> None:
    text = (
        "Bună ziua! Fișierele sunt aici: https://drive.example.com/the-files-for-your-order-and-you"
        " și the-and-you@for-your-order.com"
    )
    assert guess_language(text) == "ro"


def test_romanian_typed_with_cedillas_reads_as_with_commas() -> None:
    """ş and ţ (cedilla) are the same letters as ș and ț (comma below) here."""
    assert guess_language("Mulţumesc, aştept şi răspunsul, Ivan Petrov") == "ro"
    assert guess_language("Mulțumesc, aștept și răspunsul, Ivan Petrov") == "ro"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "Робота майже готова, залишилось лише перевірити деталі."),  # і
        ("uk", "Файли готові, ескізи вибрані."),
        ("ru", "Мы выслали вам эскизы, выберите лучший."),  # ы, э
        ("ru", "Файлы готовы, эскизы выбраны."),
    ],
)
def test_letters_of_one_cyrillic_alphabet_count(language: str, text: str) -> None:
    """Few stopwords: the letters only Ukrainian (і ї є ґ) or Russian (ы э ё) has decide."""
    assert guess_language(text) == language


def test_the_guess_is_deterministic_and_ignores_case_and_layout() -> None:
    text = SENTENCES[4][1]
    assert {guess_language(text) for _ in range(3)} == {"ro"}
    assert guess_language(text.upper()) == guess_language("\n\n".join(text.split())) == "ro"
