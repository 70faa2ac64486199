"""core.i18n: the language follows the system unless chosen, and messages come from the
compiled catalogues with each language's plural rules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from replydesk.core import i18n


@pytest.fixture(autouse=True)
def _back_to_english() -> Iterator[None]:
    yield
    i18n.use(i18n.SOURCE_LANGUAGE)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "hu_HU.UTF-8"}, "hu"),
        ({"LANG": "ro_RO.UTF-8", "LC_MESSAGES": "sk_SK", "LC_ALL": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr:sk:ru"}, "sk"),  # GNU's list, first spoken
        ({"LANG": "C.UTF-8", "LANGUAGE": "ru"}, "en"),  # gettext ignores LANGUAGE under C
        ({"LANG": "sk_SK.UTF-8@euro"}, "sk"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({}, "en"),
    ],
)
def test_the_system_language_follows_gettexts_rules(environ: dict[str, str], expected: str) -> None:
    assert i18n.system_language(environ) == expected


def test_a_chosen_language_wins_over_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "hu_HU.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    assert i18n.use(None) == "hu"
    assert i18n.use("ro") == "ro" and i18n.current_language() == "ro"
    assert i18n.use("xx") == "en"  # a language the app does not speak: English, no error


@pytest.mark.parametrize("code", [code for code in i18n.LANGUAGES if code != "en"])
def test_each_language_translates_and_counts_by_its_own_rules(code: str) -> None:
    i18n.use(code)
    forms = {
        count: i18n.ngettext("{count} template", "{count} templates", count).format(count=count)
        for count in (1, 2, 5, 21, 22, 25, 101, 111)
    }
    assert all(str(count) in text for count, text in forms.items())
    assert "template" not in " ".join(forms.values())  # translated, every form
    distinct = {text.replace(str(count), "#") for count, text in forms.items()}
    # Russian: 1, 2, 5 forms; Romanian: 1, 2-19, 20+ ("de"); Slovak: 1, 2-4, 5+; Hungarian: one.
    assert len(distinct) == {"ru": 3, "ro": 3, "sk": 3, "hu": 1}[code]


def test_english_is_the_source() -> None:
    assert i18n.use("en") == "en"
    assert i18n.gettext("Copied") == "Copied"
    assert i18n.ngettext("{count} template", "{count} templates", 1) == "{count} template"
