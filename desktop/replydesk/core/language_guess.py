"""Which language a reply is written in: en, ru, ro, sk, hu or uk, or None when unclear.

Every word of letters is a clue, in two ways: a very common word (a stopword) counts for
each language whose list holds it, and every word counts a little for each language whose
alphabet spells it (the script, and letters such as ș, ľ, ő or ї). A weight is shared out
among the languages it fits, so "a" (in five lists) or "Ivan" (any Latin alphabet) decides
nothing, and a client's name never outweighs the reply's words. Deterministic, no data
files; a 4 KB reply takes well under a millisecond.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import NamedTuple

GUESSED_LANGUAGES = ("en", "ru", "ro", "sk", "hu", "uk")

STOPWORD_WEIGHT = 1.0
SPELLING_WEIGHT = 0.5
# What a guess needs; short of any of these the text is too short or unclear (None).
MIN_WORDS = 4  # words of letters
MIN_LEAD = 1.0  # the winner's weight that the runner-up lacks...
CLEAR_RATIO = 2.0  # ...and this many times the runner-up's weight that the winner lacks
# The winner's own words (its stopwords, and words only its alphabet spells) among the words:
# the text is in it, not merely nearer to it than to the others.
MIN_OWN_SHARE = 0.2

_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz'")  # with the apostrophe of "I'll"
_CYRILLIC = frozenset("абвгдежзийклмнопрстуфхцчшщьюя")
_ALPHABETS: dict[str, frozenset[str]] = {
    "en": _LATIN,
    "ro": _LATIN | frozenset("ăâîșț"),
    "sk": _LATIN | frozenset("áäčďéíĺľňóôŕšťúýž"),
    "hu": _LATIN | frozenset("áéíóöőúüű"),
    "ru": _CYRILLIC | frozenset("ёъыэ"),
    "uk": _CYRILLIC | frozenset("ґєії'ʼ"),
    # Known only so that a Czech or Bulgarian text is not taken for Slovak or Russian: a text
    # in either gives None.
    "cs": _LATIN | frozenset("áčďéěíňóřšťúůýž"),
    "bg": _CYRILLIC | frozenset("ъ"),
}
_LANGUAGES = tuple(_ALPHABETS)

_STOPWORDS: dict[str, str] = {
    "en": """
        a about after all also am an and any are as at be been before best but by can could
        dear do don't for from get had has have hello here hi how i i'll i'm i've if in
        into is it it's its just know let let's me more my no not now of on one or our
        out please regards so some than thank thanks that the their them then there these
        they this to up us was we we'll were what when which will with would you you'll
        you're your yours
    """,
    "ro": """
        a acest această aceasta acum ai aici al ale am ar are aș atunci au azi ați buna bună
        ca care ce cel cu cum că când da daca dacă dar de deja despre din dupa după e este
        eu fi foarte fără iar in în între la le lui mai mi multumesc mulțumesc mă ne nu o
        pana pe pentru poate până prin sa sau se si sunt să și stimă tot un una unei unui
        va vom vor voi vă vreau ziua
    """,
    "sk": """
        a aby aj ak ako ale alebo ani až bez bol bola bude budem budete by cez čo dakujem
        deň do dobrý ďakujem ešte hneď ich je jej k keď kvôli ktorá ktoré ktorý ku len ma
        mám máte medzi mi mne môj môžem môžete na nie o od po podľa pozdravom pre pred pri
        prosím s sa si sme so som ste sú ta tak tam teda tiež to tom tu už v vám vás váš
        vaša vaše vašej vašu veľmi vo však všetko z za že zo
    """,
    "hu": """
        a abban ahogy ahol akkor aki amely amikor ami amit az azt be csak de egy el előtt
        ez ezért ezt ezzel fel ha hogy így is itt jó kedves kell kérem ki köszönöm között
        le lehet lesz ma már meg még mert mi mint minden mivel most nagyon nélkül nem nekem
        ön önnek önt önnel önét ott pedig sem során szeretném szerint szívesen talán úgy
        után üdvözlettel van vagy vagyok volt
    """,
    "ru": """
        а без буду будет бы был была были в вам вас ваш ваша ваше вашего вашей вашу вы все
        всё да для до если есть ещё еще же за здравствуйте и из или их к как когда мне
        меня мой моя мы на не но о об от очень по пожалуйста после при с сейчас со спасибо
        так также то только у уважением уже через что чтобы это эта этот я
    """,
    "uk": """
        а або але без був була буде буду в вам вас ваш ваша ваше вашого вашу ви від вітаю
        всі все для до доброго дякую є з за зараз і із й якщо як яка який які її їх ласка
        лише ми мені мене мій моя на не о повагою по при так у та також тільки тут це ця
        цей ці через чи що щоб я
    """,
    "cs": """
        a aby ale ani až bez bude budete budu by co do dobrý den děkuji jak jako je jen
        jsem jsme jsou jste k když která které který mi mně mě moc můžete na nebo není o
        od po pokud pozdravem pro prosím při s se si tak také tady to u už v vám vás váš
        vaše vaši vy z za že ještě
    """,
    "bg": """
        ако без благодаря в ви във вас ваш вашата вашия вече да до е за здравейте и или
        като към ли много моля на не но от още по поздрави при с са се сега сме съм сте
        със това този тази тук че ще
    """,
}

# What may stick to a word at its edges, or join two ("scrieți-mi", "и/или").
_EDGES = "'.,;:!?()[]{}<>\"«»„“”‘‚…*#%&+=|~`^_"
_JOINERS = re.compile(r"[-/–—]")


class _Clue(NamedTuple):
    """What one word says: whose stopword it is, whose alphabet spells it, and so its weight
    for each language of _ALPHABETS, in that order."""

    stopword_of: tuple[str, ...]
    spelled_by: tuple[str, ...]
    weights: tuple[float, ...]


def _clue_of(stopword_of: tuple[str, ...], spelled_by: tuple[str, ...]) -> _Clue:
    weights = dict.fromkeys(_ALPHABETS, 0.0)
    for weight, languages in ((STOPWORD_WEIGHT, stopword_of), (SPELLING_WEIGHT, spelled_by)):
        for code in languages:
            weights[code] += weight / len(languages)
    return _Clue(stopword_of, spelled_by, tuple(weights.values()))


def _spellers(letters: frozenset[str]) -> tuple[str, ...]:
    """The languages whose alphabet spells a word of these letters."""
    return tuple(code for code, alphabet in _ALPHABETS.items() if letters <= alphabet)


def _stopword_clues() -> dict[str, _Clue]:
    holders: dict[str, list[str]] = {}
    for language, words in _STOPWORDS.items():
        for word in words.split():
            holders.setdefault(word, []).append(language)
    return {
        word: _clue_of(tuple(languages), _spellers(frozenset(word)))
        for word, languages in holders.items()
    }


_STOPWORD_CLUES = _stopword_clues()
_BASE_LETTERS = _LATIN | _CYRILLIC


@functools.lru_cache(maxsize=256)
def _spelling_clue(special: frozenset[str], latin: bool, cyrillic: bool) -> _Clue:
    """The clue of a word that is no stopword: its letters beyond the two base alphabets
    and which of these it uses are all that matter (a few sets, however many words)."""
    letters = special.union(_LATIN if latin else (), _CYRILLIC if cyrillic else ())
    return _clue_of((), _spellers(letters))


def _clue(word: str) -> _Clue:
    known = _STOPWORD_CLUES.get(word)
    if known is not None:
        return known
    letters = frozenset(word)
    return _spelling_clue(
        letters - _BASE_LETTERS, not letters.isdisjoint(_LATIN), not letters.isdisjoint(_CYRILLIC)
    )


@functools.lru_cache(maxsize=8192)  # the window checks the same words at every keystroke
def _token_clues(token: str) -> tuple[_Clue, ...]:
    """The clues of the words between two spaces: none from an e-mail address, a link, a
    dotted name (Node.js, example.com) or a part with a digit; "scrieți-mi" is two words."""
    word = token.strip(_EDGES)
    if word.isalpha():
        return (_clue(word),)
    if "@" in token or "://" in token or token.startswith("www."):
        return ()
    clues = []
    for part in _JOINERS.split(token):
        word = part.strip(_EDGES)
        if word.isalpha() or (word and word.replace("'", "").isalpha()):
            clues.append(_clue(word))
    return tuple(clues)


def guess_language(text: str) -> str | None:
    """The code of the language `text` is written in, or None when it is too short or unclear.

    The winner needs a clear lead on the runner-up in the weight the two do not share
    (Russian and Ukrainian share most words' spelling), and enough words of its own to be
    the text's language rather than the nearest one to it (Polish, French, German).
    """
    text = unicodedata.normalize("NFC", text).lower()
    # Romanian typed with the cedilla letters, as the comma-below ones; one apostrophe.
    text = text.replace("ş", "ș").replace("ţ", "ț").replace("’", "'")
    clues: dict[_Clue, int] = {}
    for token, count in Counter(text.split()).items():
        for clue in _token_clues(token):
            clues[clue] = clues.get(clue, 0) + count
    words = sum(clues.values())
    if words < MIN_WORDS:
        return None
    scores = [0.0] * len(_LANGUAGES)
    for clue, count in clues.items():
        scores = [s + w * count for s, w in zip(scores, clue.weights, strict=True)]
    best, runner_up = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:2]
    lead = lag = 0.0
    for clue, count in clues.items():
        difference = (clue.weights[best] - clue.weights[runner_up]) * count
        if difference > 0:
            lead += difference
        else:
            lag -= difference
    language = _LANGUAGES[best]
    own = sum(
        count
        for clue, count in clues.items()
        if language in clue.stopword_of or clue.spelled_by == (language,)
    )
    if (
        language not in GUESSED_LANGUAGES
        or lead < max(MIN_LEAD, CLEAR_RATIO * lag)
        or own < MIN_OWN_SHARE * words
    ):
        return None
    return language
