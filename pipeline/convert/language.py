"""The language of a text, recognised from its commonest words where no source states it.

A small, explainable method: the share of the text's words that are among the twenty
commonest function words of each language. It is used only when neither the configuration
nor the transcript's metadata names the language, and the header says so.

>>> recognise("Die vorliegende Arbeit bezweckt, eine Übersicht über die Untersuchungen an "
...           "radioaktiven Substanzen zu geben, die ich seit mehr als vier Jahren ausführe.")
'de'
"""

from __future__ import annotations

import re

FUNCTION_WORDS = {
    "en": (
        "the of and to in a is that it was for on as with by his be at this which from or have "
        "not are but"
    ),
    "de": (
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es "
        "an werden aus er hat daß dass"
    ),
    "fr": (
        "de la le et les des en un une du est que dans qui pour pas par sur au plus ne se il elle "
        "sont"
    ),
    "es": "de la que el en y los del se las por un para con no una su al es lo como más",
    "it": "di e il la che in per un del non una della con è si le sono da al dei",
    "pt": "de a o que e do da em um para é com não uma os no se na por mais",
    "nl": "de van het een en in is dat op te zijn met voor niet aan er die ook",
    "la": "et in est non ad cum quod ut sed qui quae esse enim ab per nec atque",
    "ru": "и в не на что с по как он я его к но из у за это от о так",
}
NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "la": "Latin",
    "ru": "Russian",
    "el": "Greek",
    "grc": "Ancient Greek",
}
CODES = {name.lower(): code for code, name in NAMES.items()} | {
    "deutsch": "de",
    "français": "fr",
    "english": "en",
}
_SETS = {code: frozenset(words.split()) for code, words in FUNCTION_WORDS.items()}
WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 20
MIN_SHARE = 0.15


def recognise(text: str) -> str:
    """The code of the language most of ``text``'s function words belong to, '' if none
    stands out (too short a text, or an unlisted language)."""
    words = [w.lower() for w in WORD.findall(text)]
    return _best(words) if len(words) >= MIN_WORDS else ""


def _best(words: list[str]) -> str:
    scores = {
        code: sum(1 for w in words if w in vocabulary) / len(words)
        for code, vocabulary in _SETS.items()
    }
    code, share = max(scores.items(), key=lambda item: (item[1], item[0]))
    return code if share >= MIN_SHARE else ""


def code_for(value: str) -> str:
    """A language code from what a source writes: "en", "English", "en-GB"."""
    value = value.strip()
    if re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", value):
        return value
    return CODES.get(value.lower(), "")


def name_of(code: str) -> str:
    return NAMES.get(code.split("-")[0], code)
