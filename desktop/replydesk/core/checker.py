"""The reply checker: finds what gets a freelancer's account frozen before the reply is sent.

Contacts (phone numbers, e-mail addresses, messengers), payment or talk moved off the platform,
links, leftover placeholders, the platform's message length, an order deadline that has
already passed and a reply in another language than the client's. Word lists live in
resources/rules/checker.yaml and platform limits in resources/rules/platforms.yaml, so a team
can extend them without code (docs/checker.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import phonenumbers
import yaml

from replydesk.core import shipped
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import N_, _, ngettext, pgettext, primary_language
from replydesk.core.language_guess import guess_language


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


@dataclass(frozen=True)
class Finding:
    """One problem in a reply; `start`/`end` are character offsets (0, 0: the whole text)."""

    severity: Severity
    start: int
    end: int
    rule: str
    message: str
    explanation: str = ""


class RulesFileError(ReplydeskError):
    """A checker or platform rule file that cannot be read or has a bad pattern."""


@dataclass(frozen=True)
class PhraseRule:
    """One entry of checker.yaml: its patterns joined into one compiled expression."""

    rule: str
    severity: Severity
    language: str
    message: str
    explanation: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Platform:
    key: str
    name: str
    limit: int | None
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class Rules:
    """Everything the checker reads from the rule files, compiled once."""

    phrases: tuple[PhraseRule, ...]
    platforms: tuple[Platform, ...] = ()
    _by_language: dict[str | None, tuple[PhraseRule, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def for_language(self, language: str | None) -> tuple[PhraseRule, ...]:
        """`any` entries plus the language's and English ones; all entries for no language."""
        if language not in self._by_language:
            wanted = {"any", "en", language}
            self._by_language[language] = tuple(
                p for p in self.phrases if language is None or p.language in wanted
            )
        return self._by_language[language]

    def platform(self, name: str | None) -> Platform | None:
        key = _platform_key(name)
        if not key:
            return None
        for platform in self.platforms:
            if key in {_platform_key(a) for a in (platform.key, platform.name, *platform.aliases)}:
                return platform
        return None

    @functools.cached_property
    def platform_domains(self) -> tuple[str, ...]:
        return tuple(d.lower() for p in self.platforms for d in p.domains)


def _platform_key(name: str | None) -> str:
    return re.sub(r"\s+", "", (name or "").strip().lower())


# --- the rule files -------------------------------------------------------------------------


# libyaml's loader when PyYAML has it (several times faster), else the pure-Python one.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_rules_dir() -> Path:
    return shipped.resources_dir() / "rules"


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except OSError as error:
        raise RulesFileError(f"{path}: {error.strerror or error}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        # Translators: {path} is a rules file; {error} is the YAML reader's words (English).
        message = _("{path}: not a valid YAML file ({error})")
        raise RulesFileError(message.format(path=path, error=error)) from None
    if not isinstance(data, dict):
        raise RulesFileError(_("{path}: expected a mapping at the top").format(path=path))
    return data


def _phrase_rules(data: dict[str, Any], source: Path) -> list[PhraseRule]:
    entries = data.get("rules") or []
    if not isinstance(entries, list):
        # Translators: 'rules' is the file's key: keep it.
        raise RulesFileError(_("{source}: 'rules' must be a list").format(source=source))
    rules: list[PhraseRule] = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            message = _("{source}: rule {number}: must be a mapping")
            raise RulesFileError(message.format(source=source, number=number))
        patterns = entry.get("patterns") or []
        if not entry.get("rule") or not entry.get("message") or not patterns:
            # Translators: 'rule', 'message' and 'patterns' are the file's keys: keep them.
            message = _("{source}: rule {number}: needs 'rule', 'message' and 'patterns'")
            raise RulesFileError(message.format(source=source, number=number))
        try:
            severity = Severity(str(entry.get("severity", "error")).lower())
        except ValueError:
            # Translators: severity, error, warning and note are words of the file: keep them.
            message = _("{source}: rule {number}: severity must be error, warning or note")
            raise RulesFileError(message.format(source=source, number=number)) from None
        try:
            pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        except re.error as error:
            # Translators: {error} is the regular expression reader's words (English).
            message = _("{source}: rule {number}: bad pattern: {error}")
            raise RulesFileError(
                message.format(source=source, number=number, error=error)
            ) from None
        rules.append(
            PhraseRule(
                rule=str(entry["rule"]),
                severity=severity,
                language=str(entry.get("language", "any")).lower()[:2]
                if entry.get("language", "any") != "any"
                else "any",
                message=str(entry["message"]),
                explanation=str(entry.get("explanation", "")),
                pattern=pattern,
            )
        )
    return rules


def _platforms(data: dict[str, Any], source: Path) -> list[Platform]:
    entries = data.get("platforms") or {}
    if not isinstance(entries, dict):
        # Translators: 'platforms' is the file's key: keep it.
        raise RulesFileError(_("{source}: 'platforms' must be a mapping").format(source=source))
    found: list[Platform] = []
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            message = _("{source}: platform {key} must be a mapping")
            raise RulesFileError(message.format(source=source, key=repr(key)))
        limit = entry.get("limit")
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            # Translators: 'limit' is the file's key: keep it.
            message = _("{source}: platform {key}: 'limit' must be a whole number")
            raise RulesFileError(message.format(source=source, key=repr(key)))
        found.append(
            Platform(
                key=str(key),
                name=str(entry.get("name", key)),
                limit=limit,
                aliases=tuple(str(a) for a in entry.get("aliases") or ()),
                domains=tuple(str(d) for d in entry.get("domains") or ()),
                source=str(entry.get("source", "")),
            )
        )
    return found


@functools.lru_cache(maxsize=8)
def load_rules(path: Path | None = None) -> Rules:
    """The built-in rules, plus the entries of `path` (a file in checker.yaml's format) if given.

    A custom file may also carry a `platforms` mapping; its platforms replace built-in ones
    with the same key. Cached: edit a file, then call `load_rules.cache_clear()`.
    """
    base = default_rules_dir()
    phrases = _phrase_rules(_read_yaml(base / "checker.yaml"), base / "checker.yaml")
    platforms = {p.key: p for p in _platforms(_read_yaml(base / "platforms.yaml"), base)}
    if path is not None:
        extra = _read_yaml(path)
        phrases += _phrase_rules(extra, path)
        platforms.update({p.key: p for p in _platforms(extra, path)})
    return Rules(tuple(phrases), tuple(platforms.values()))


def platform_limit(platform: str | None) -> int | None:
    """The message length limit of a platform named in an order, or None when unknown."""
    known = load_rules().platform(platform)
    return known.limit if known else None


# --- patterns found by code -----------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_URL = re.compile(
    r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+"
    # bare domains: lowercase only, so "ASP.NET" and "Node.js" stay words
    r"|(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:com|net|org|io|me|ru|ro|sk|hu|ua|de|uk|info|biz|co)"
    r"(?:/[^\s<>\"')\]]*)?(?![\w-])"
)
_TRAILING_PUNCT = ".,;:!?"
_CURRENCY = (
    r"(?:[$€£₽₴¥]|usd|eur|gbp|rub|ron|huf|uah|czk|руб\.?|рубл\w*|р\.|₽|грн\.?|lei|leu|ft|forint\w*"
    r"|eur[oó]\w*|dollars?|долл\w*|евро|k[čc])"
)
_AMOUNT = r"\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SHIELDS = re.compile(
    # money: "$1 250,00", "1500 руб.", "25 000 Ft"
    rf"{_CURRENCY}\s?(?:{_AMOUNT})|(?:{_AMOUNT})\s?{_CURRENCY}(?!\w)"
    # dates and times: 01.12.2026, 2026-12-01, 2026. 12. 01., 14:30
    r"|(?<![\d./-])\d{1,2}([./-])\d{1,2}\1\d{2,4}(?![./-]?\d)"
    r"|(?<![\d./-])\d{4}([./-])\s?\d{1,2}\2\s?\d{1,2}\.?(?![./-]?\d)"
    r"|\b\d{1,2}:\d{2}\b"
    # order and invoice numbers: "#FO81C2D3", "№ 123456789", "order 123456789", "заказ № 12345678"
    r"|(?:#|№|\b(?:order|invoice|заказ\w*|comand[ăa]\w*|comanda|objedn[áa]vk\w*|rendel[ée]s\w*)"
    r"(?:\s*(?:#|№|no\.?|nr\.?|č\.?|number|номер|číslo|sz[áa]m[úu]?))?)\s*:?\s*[A-Za-z0-9][A-Za-z0-9-]*",
    re.IGNORECASE,
)
_PHONE_CANDIDATE = re.compile(r"(?<![\w+])\+?\s?\(?\d(?:[\s().\-/]{0,3}\d){6,15}(?![\w])")
_CARD_CANDIDATE = re.compile(r"(?<![\d\w])\d(?:[ -]?\d){12,18}(?![\d\w])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")

# Regions tried for numbers written without "+": the library's languages and the US. GB, DE
# and UA numbers are found when written with their country code; tried nationally, DE alone
# would accept almost any 8-digit number (an order number, a date run together).
LANGUAGE_REGIONS = {"ru": "RU", "ro": "RO", "sk": "SK", "hu": "HU", "en": "US", "uk": "UA"}
NATIONAL_REGIONS = ("RU", "RO", "SK", "HU", "US")
MIN_NATIONAL_DIGITS = 9

PHONE_MESSAGE = N_("A phone number: platforms freeze accounts that share contacts")
PHONE_EXPLANATION = N_(
    "Fiverr, Kwork and Upwork forbid sharing phone numbers; their filters block the message "
    "and repeated attempts freeze the account."
)


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "_" * (end - start)
    return "".join(chars)


def _is_phone(candidate: str, language: str | None) -> bool:
    international = candidate.lstrip().startswith("+")
    digits = re.sub(r"\D", "", candidate)
    if international:
        regions: Sequence[str | None] = (None,)
        number = "+" + digits
    else:
        if len(digits) < MIN_NATIONAL_DIGITS:
            return False
        first = LANGUAGE_REGIONS.get((language or "")[:2])
        regions = ((first,) if first else ()) + tuple(r for r in NATIONAL_REGIONS if r != first)
        number = digits
    for region in regions:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return True
    return False


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _iban_ok(text: str) -> bool:
    code = text.replace(" ", "")
    if not 15 <= len(code) <= 34:
        return False
    moved = code[4:] + code[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _strip_url(start: int, end: int, text: str) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING_PUNCT:
        end -= 1
    return start, end


def _coded_findings(text: str, language: str | None, rules: Rules) -> list[Finding]:
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for match in _EMAIL.finditer(text):
        taken.append(match.span())
        found.append(
            Finding(
                Severity.ERROR,
                *match.span(),
                "email",
                _("An e-mail address: platforms freeze accounts that share contacts"),
                _(
                    "Sharing an e-mail address moves the talk off the platform; "
                    "the terms forbid it."
                ),
            )
        )
    for match in _URL.finditer(text):
        start, end = _strip_url(*match.span(), text)
        if any(s <= start < e for s, e in taken):
            continue
        taken.append((start, end))
        url = text[start:end].lower()
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url).split("/")[0]
        if any(host == d or host.endswith("." + d) for d in rules.platform_domains):
            found.append(
                Finding(
                    Severity.NOTE,
                    start,
                    end,
                    "link",
                    _("A link to the platform: fine, but check it opens for the client"),
                )
            )
        else:
            found.append(
                Finding(
                    Severity.WARNING,
                    start,
                    end,
                    "link",
                    _("An outside link: platforms hide or flag them"),
                    _(
                        "Links that lead off the platform are often blocked; share files "
                        "and samples through the platform's attachments."
                    ),
                )
            )
    for match in _IBAN.finditer(text):
        if _iban_ok(match.group()):
            taken.append(match.span())
            found.append(
                Finding(
                    Severity.ERROR,
                    *match.span(),
                    "off-platform-payment",
                    _("A bank account (IBAN): payment outside the platform"),
                    _("Every platform requires the whole payment to go through it."),
                )
            )
    for match in _CARD_CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and _luhn(digits):
            taken.append(match.span())
            found.append(
                Finding(
                    Severity.ERROR,
                    *match.span(),
                    "card-number",
                    _("A card number: payment outside the platform"),
                    _(
                        "Asking for a payment to a card breaks the platform's terms and "
                        "exposes the card."
                    ),
                )
            )
    shields = [m.span() for m in _SHIELDS.finditer(text)]
    masked = _mask(text, [*shields, *taken])
    phone_message = phone_explanation = ""
    for match in _PHONE_CANDIDATE.finditer(masked):
        start, end = match.span()
        while masked[start] in " (" and text[start] != "(":
            start += 1
        if _is_phone(text[start:end], language):
            if not phone_message:
                phone_message, phone_explanation = _(PHONE_MESSAGE), _(PHONE_EXPLANATION)
            found.append(
                Finding(Severity.ERROR, start, end, "phone", phone_message, phone_explanation)
            )
    return found


def _phrase_findings(text: str, language: str | None, rules: Rules) -> list[Finding]:
    found: list[Finding] = []
    for phrase in rules.for_language(language):
        matches = [m for m in phrase.pattern.finditer(text) if m.end() > m.start()]
        if not matches:
            continue
        # The rule files' texts are in the catalogue (scripts/i18n.py extracts them); a
        # team's own rules are shown as written.
        message = _(phrase.message)
        explanation = _(phrase.explanation) if phrase.explanation else ""
        for match in matches:
            found.append(
                Finding(
                    phrase.severity,
                    match.start(),
                    match.end(),
                    phrase.rule,
                    message,
                    explanation,
                )
            )
    return found


# --- the order's deadline -------------------------------------------------------------------

DATE_STYLES = ("short", "medium", "long", "full")  # the styles of render.py's `date` filter
# Formats tried when the reply's language is not known: the built-in library's languages.
DATE_LANGUAGES = ("en", "ru", "ro", "sk", "hu")
PAST_DATE_EXPLANATION = N_(
    "A date the reply gives (a new deadline, the day you are back) is before today: the "
    "client would read a day that has already gone by."
)
PAST_DEADLINE_EXPLANATION = N_(
    "The order's deadline is before today. That is expected in a reply that apologises for "
    "a late delivery; otherwise the order's deadline is probably mistyped, and the client "
    "would read a date that has already gone by."
)


@functools.lru_cache(maxsize=32)
def _date_locale(language: str) -> Any:
    """Babel's locale for a language, as render.py's filters pick it (English when unknown)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def date_forms(day: dt.date, language: str | None) -> list[str]:
    """How a reply may write `day`: `{{ deadline }}` (ISO) and `|date(...)` in every style of
    the language (of every library language when it is None)."""
    from babel.dates import format_date

    forms = [day.isoformat()]
    for name in (language,) if language else DATE_LANGUAGES:
        locale = _date_locale(name)
        for style in DATE_STYLES:
            forms.append(str(format_date(day, format=style, locale=locale)))
    return list(dict.fromkeys(forms))


def _date_span(text: str, day: dt.date, language: str | None) -> tuple[int, int]:
    """Where the reply first writes `day` (the longest form found there); (0, 0) if nowhere.

    Spaces match any run of spaces (Babel writes "2026 г." with a narrow no-break space),
    case is ignored, and a form never matches inside a longer number.
    """
    best: tuple[int, int] | None = None
    for form in date_forms(day, language):
        pattern = r"\s+".join(re.escape(part) for part in form.split())
        match = re.search(rf"(?<!\d){pattern}(?!\d)", text, re.IGNORECASE)
        if match is None:
            continue
        start, end = match.span()
        if best is None or start < best[0] or (start == best[0] and end > best[1]):
            best = (start, end)
    return best or (0, 0)


def _deadline_finding(
    text: str, deadline: dt.date, today: dt.date, language: str | None, label: str | None = None
) -> Finding | None:
    """A past date: the order's deadline, or (with its `label`) another date of the reply."""
    if isinstance(deadline, dt.datetime):
        deadline = deadline.date()
    if isinstance(today, dt.datetime):
        today = today.date()
    if deadline >= today:
        return None
    days = (today - deadline).days
    date = deadline.isoformat()
    if label is not None:
        if days == 1:
            # Translators: {label} is a date field's label ("New deadline"), {date} its date.
            message = _("“{label}” is {date}, in the past (yesterday): check the date")
        else:
            # Translators: {label} is a date field's label ("New deadline"), {date} its date.
            message = ngettext(
                "“{label}” is {date}, in the past ({count} day ago): check the date",
                "“{label}” is {date}, in the past ({count} days ago): check the date",
                days,
            )
        return Finding(
            Severity.WARNING,
            *_date_span(text, deadline, language),
            "past-date",
            message.format(label=label, date=date, count=f"{days:,}"),
            _(PAST_DATE_EXPLANATION),
        )
    # A warning, not an error: an error blocks copying (the "Block copying" setting) and is
    # confirmed in the palette, yet a past deadline is often right: the reply apologises for
    # a late delivery, or follows up after it. The user is told; the reply stays copyable.
    if days == 1:
        message = _("The deadline {date} is in the past (yesterday): check the order's date")
    else:
        message = ngettext(
            "The deadline {date} is in the past ({count} day ago): check the order's date",
            "The deadline {date} is in the past ({count} days ago): check the order's date",
            days,
        )
    return Finding(
        Severity.WARNING,
        *_date_span(text, deadline, language),
        "past-deadline",
        message.format(date=date, count=f"{days:,}"),
        _(PAST_DEADLINE_EXPLANATION),
    )


# --- the client's language -----------------------------------------------------------------

# Translators: why the checker warns about a reply in another language than the client's.
LANGUAGE_EXPLANATION = N_(
    "Clients answer faster in their own language; choose the template's variant in the "
    "order's language."
)


# Not language codes: none given, and ISO 639's "undetermined", "multiple", "no language".
def language_name(code: str) -> str:
    """A language's name in the user's language (`ru` → "Russian"); other codes as they are."""
    names = {
        # Translators: a language's name, for {reply} or {order} in "This reply is in {reply}; …".
        "en": pgettext("language name", "English"),
        # Translators: a language's name, for {reply} or {order} in "This reply is in {reply}; …".
        "ru": pgettext("language name", "Russian"),
        # Translators: a language's name, for {reply} or {order} in "This reply is in {reply}; …".
        "ro": pgettext("language name", "Romanian"),
        # Translators: a language's name, for {reply} or {order} in "This reply is in {reply}; …".
        "sk": pgettext("language name", "Slovak"),
        # Translators: a language's name, for {reply} or {order} in "This reply is in {reply}; …".
        "hu": pgettext("language name", "Hungarian"),
        # Translators: a language's name, for {reply} or {order} in "This reply is in {reply}; …".
        "uk": pgettext("language name", "Ukrainian"),
    }
    return names.get(code, code)


def _language_finding(text: str, order_language: str | None) -> Finding | None:
    """A warning when the reply is clearly in another language than the order's."""
    order = primary_language(order_language)
    if order is None:
        return None
    reply = guess_language(text)
    if reply is None or reply == order:
        return None
    # Translators: {reply} and {order} are languages' names ("Russian", "English"): the
    # language the reply is written in, and the one the order says the client speaks.
    message = _("This reply is in {reply}; the client's language is {order}")
    return Finding(
        Severity.WARNING,
        0,
        0,
        "language",
        message.format(reply=language_name(reply), order=language_name(order)),
        _(LANGUAGE_EXPLANATION),
    )


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """One mark per spot: drop a finding that overlaps a more severe one or lies inside an equal.

    A phone inside a WhatsApp link, or the link around "t.me/alex", is the messenger finding.
    """
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (_RANK[f.severity], f.start - f.end, f.start)):
        covered = any(
            (k.start <= finding.start and finding.end <= k.end)
            or (_RANK[k.severity] < _RANK[finding.severity] and _overlap(k, finding))
            for k in kept
        )
        if not covered:
            kept.append(finding)
    return kept


def _overlap(a: Finding, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end


def check(
    text: str,
    *,
    language: str | None = None,
    platform: str | None = None,
    missing: Sequence[str] = (),
    deadline: dt.date | None = None,
    dates: Mapping[str, dt.date] | None = None,
    today: dt.date | None = None,
    order_language: str | None = None,
) -> list[Finding]:
    """Everything in a reply that a platform would object to, sorted by position.

    `language` picks the word lists and the phone regions tried first (all of them when None);
    `platform` (an order's platform field) sets the length limit; `missing` names required
    fields that are still empty; `deadline` (the order's) is a warning when it is before
    `today` (by default the date today), marked where the reply writes it; so is each of
    the reply's other `dates` (label → date: "New deadline", "Back on"). `order_language`
    (the client's, "ro" or "ro-RO") is a warning on the whole text when the reply is clearly
    in another language (core/language_guess.py).
    """
    rules = load_rules()
    locale_name = language or None  # the whole tag ("en-GB"): it picks the date formats
    language = (language or "").lower()[:2] or None
    findings = _coded_findings(text, language, rules) + _phrase_findings(text, language, rules)
    findings = _without_repeats(findings)
    known = rules.platform(platform)
    if known is not None and known.limit is not None and len(text) > known.limit:
        # Translators: {platform} is a platform's name (Fiverr); {over} is how many
        # characters the reply has too many.
        message = ngettext(
            "Longer than {platform}'s limit of {limit} character (by {over})",
            "Longer than {platform}'s limit of {limit} characters (by {over})",
            known.limit,
        )
        findings.append(
            Finding(
                Severity.WARNING,
                known.limit,
                len(text),
                "length",
                message.format(
                    platform=known.name,
                    limit=f"{known.limit:,}",
                    over=f"{len(text) - known.limit:,}",
                ),
                known.source,
            )
        )
    for name in missing:
        message = _("The required field '{name}' is empty").format(name=name)
        findings.append(Finding(Severity.ERROR, 0, 0, "empty-field", message))
    if deadline is not None:
        late = _deadline_finding(text, deadline, today or dt.date.today(), locale_name)
        if late is not None:
            findings.append(late)
    for label, day in (dates or {}).items():
        past = _deadline_finding(text, day, today or dt.date.today(), locale_name, label)
        if past is not None:
            findings.append(past)
    other_language = _language_finding(text, order_language)
    if other_language is not None:
        findings.append(other_language)
    return sorted(findings, key=lambda f: (f.start, _RANK[f.severity], f.end))


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (for the command line)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
