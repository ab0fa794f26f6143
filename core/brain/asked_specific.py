"""What kind of specific a question asks for (a name, a number or date) and whether a text of
hers carries one: her true fact that does not say what was asked is no answer (issue 21).

English only, like the personal-question topics it narrows (core.trust.grounding: a question
reaches the fact path only through English topic words and "you"). A question asking for no
specific ("did you use to teach?", "tell me about your cat") is answered by any fact on its
topic, as before.
"""

from __future__ import annotations

import re
from typing import Literal

Specific = Literal["name", "number"]

_AUX = r"(?:do|does|did|is|are|was|were|have|has|had|can|could|would|will|should)"
# Asked first: "what temperature", "how long", "when" want a number or a date, not a name.
_NUMBER_ASKED = re.compile(
    r"\bhow\s+(?:many|much|long|old|often|far|big|tall|hot|warm|cold|early|late)\b"
    r"|\bwhen\b|\bwhat\s+(?:year|age|time|date|day|month|temperature|percentage|size)\b",
    re.I,
)
_NAME_ASKED = re.compile(
    rf"\b(?:which|where|who|whom|whose)\b|\bwhat(?:'s|\s+is|\s+was)?\s+(?:the\s+|your\s+|its\s+|"
    rf"his\s+|her\s+|their\s+)?names?\b|\bcalled\b|\bwhat\s+(?!{_AUX}\b)[a-z]+\s+{_AUX}\b",
    re.I,
)

_DIGIT = re.compile(r"\d")
# Numbers and dates in words: "eight years", "the first Saturday", "in March".
_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand dozen half first second third january february march april june july "
    "august september october november december monday tuesday wednesday thursday friday "
    "saturday sunday"
)
_NUMBER_WORDS = _NUMBERS.split()
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b", re.I)
# A capitalised word (or an acronym: "UK") that is a name, not grammar.
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-zà-ÿ'&]+\b")
_GRAMMAR_CAPS = (
    "I I'm I've I'll I'd The A An And But So Yes No Oh Well My We Our It It's That This There "
    "Honestly Haha Sure Hey Hi Hello Thanks Thank Also Not Just Before After When Then"
)
# "in September" is a date, not a name.
_NOT_NAMES = frozenset(_GRAMMAR_CAPS.split()) | {w.capitalize() for w in _NUMBER_WORDS}
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")


def asked_specific(question: str) -> Specific | None:
    """The specific a question asks for: "number" (how many, when, what temperature), "name"
    (which, where, who, what is it called, "what school did you..."), else None."""
    if _NUMBER_ASKED.search(question):
        return "number"
    if _NAME_ASKED.search(question):
        return "name"
    return None


def _names(text: str) -> set[str]:
    """Capitalised words that are not there only because a sentence starts with them."""
    found: set[str] = set()
    for sentence in _SENTENCE.split(text):
        words = _CAPITALISED.findall(sentence)
        first = sentence.strip().split(" ", 1)[0].strip("\"'(“")
        found |= {w for w in words if w not in _NOT_NAMES and w != first}
    return found


def carries_specific(question: str, text: str) -> bool:
    """Whether `text` holds the kind of specific `question` asks for (a name or number it
    does not just repeat from the question); True when it asks for none."""
    kind = asked_specific(question)
    if kind is None:
        return True
    if kind == "number":
        return bool(_DIGIT.search(text) or _NUMBER_WORD.search(text))
    asked = {w.lower() for w in re.findall(r"[\w'&]+", question)}
    return any(n.lower() not in asked for n in _names(text))
