"""Personal-question topics, and the eval's first-person life-claim rule.

Replies are checked by core.trust.verify (every sentence, any language); what stays here is
the topic of a personal question (asked before generating, to deflect or answer with the
verified fact filed under it) and the eval's older life-claim metric: a first-person sentence
touching a life topic is supported only if one verified fact or archive item names the same
concept (a niece does not support "my kids") and every name and number the claim carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Concept groups: words in one group support each other, never words of another group.
_GROUPS = {
    "children": "kid kids child children son sons daughter daughters baby babies toddler "
    "stepson stepdaughter",
    "partner": "wife husband spouse partner married marriage boyfriend girlfriend fiance "
    "fiancee fiancé fiancée dating divorced divorce wedding single",
    "parents": "mom mum mother dad father parents stepmom stepdad",
    "siblings": "brother brothers sister sisters sibling siblings twin",
    "extended": "niece nieces nephew nephews aunt uncle cousin cousins grandma grandmother "
    "grandpa grandfather grandparents granny",
    "health": "sick illness ill cancer diabetes surgery hospital diagnosed diagnosis disease "
    "pregnant pregnancy therapy depression anxiety allergic allergy allergies medication injury "
    "injured chronic disability condition conditions asthma asthmatic diabetic",
    "location": "live lives living moved hometown address apartment flat house neighborhood "
    "neighbourhood street born raised grew postcode zipcode",
    "money": "salary earn earned earning earnings income rich wealthy debt mortgage rent "
    "paycheck paid revenue millionaire broke money",
    "age": "age old birthday birthdate aged",
    "travel": "travel traveling travelling vacation holiday trip visiting flight flying moving "
    "tour touring",
    "pets": "dog dogs cat cats puppy kitten pet pets spaniel terrier labrador poodle retriever "
    "hamster rabbit parrot horse",
    "education": "school college university degree graduated studied taught teach teaching "
    "teacher academy",
    "friends": "friend friends bestie",
    "plans": "plan plans planning launch",
    "religion_politics": "church religion religious vote voted democrat republican",
}
CONCEPTS: dict[str, frozenset[str]] = {k: frozenset(v.split(" ")) for k, v in _GROUPS.items()}
_WORD_TO_CONCEPT = {w: c for c, ws in CONCEPTS.items() for w in ws}

_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|mine|myself|we|our|us)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(you|your|yours|u|ur|yourself|you're|you've)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD = re.compile(r"[a-zà-ÿ']+", re.I)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_COUNT_WORD = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twins|triplets)\b",
    re.I,
)
_CODE = re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,}\b")
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ]{2,}\b")
# Words capitalised for reasons other than being a named entity.
_COMMON_CAPS = frozenset(
    " ".join(
        [
            "I I'm I've I'll I'd The A An And But So Yes No Oh Well My We Our It It's That This",
            "There Honestly Haha Sure Hey Hi Hello Thanks Thank Also Not Just",
        ]
    ).split(" ")
)


@dataclass(frozen=True, slots=True)
class Claim:
    sentence: str
    concepts: frozenset[str]
    entities: frozenset[str]


def _words(text: str) -> set[str]:
    return {w.lower().strip("'") for w in _WORD.findall(text)}


# Support texts (persona facts, archive chunks) come back turn after turn: cache their concepts.
@lru_cache(maxsize=4096)
def _concepts(text: str) -> frozenset[str]:
    words = _words(text)
    found = {_WORD_TO_CONCEPT[w] for w in words if w in _WORD_TO_CONCEPT}
    # "net worth", "years old", "grew up" carry meaning only as phrases.
    lowered = text.lower()
    if re.search(r"\b\d+\s*(years?|yrs?)\s*old\b|\bhow old\b", lowered):
        found.add("age")
    if "net worth" in lowered or re.search(r"[£$€]\s?\d", text):
        found.add("money")
    # "old" alone ("old recipe") is not about age; "live" alone in "live stream" is not location.
    if "age" in found and not re.search(
        r"\b(age|birthday|birthdate|aged|\d+\s*(years?|yrs?)\s*old|how old)\b", lowered
    ):
        found.discard("age")
    show = re.search(r"\blive[- ]?(stream|streaming|video|show|q&a)\b", lowered)
    home = re.search(r"\b(lives?|living) (in|at|near|on)\b|\bmoved\b|\baddress\b", lowered)
    if "location" in found and show and not home:
        found.discard("location")
    return frozenset(found)


def _entities(sentence: str, ignore: set[str]) -> frozenset[str]:
    names = {m for m in _NAME.findall(sentence) if m not in _COMMON_CAPS}
    # The first word of a sentence is capitalised by grammar, not because it is a name.
    first = sentence.strip().split(" ", 1)[0].strip(".,!?\"'")
    names.discard(first)
    nums = {n.rstrip(".,") for n in _NUMBER.findall(sentence)}
    # "four cats" is a claim about how many: a fact about one cat does not support it.
    nums |= {w.lower() for w in _COUNT_WORD.findall(sentence)}
    # Codes mixing capitals and digits (postcodes, flat numbers) are specifics too.
    nums |= set(_CODE.findall(sentence))
    return frozenset(e for e in names | nums if e.lower() not in ignore)


def split_sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE.split(text)) if s]


def find_claims(text: str, *, ignore_names: Iterable[str] = ()) -> list[Claim]:
    """First-person sentences that touch a life topic."""
    ignore = {n.lower() for name in ignore_names for n in name.split()}
    claims = []
    for sentence in split_sentences(text):
        if not _FIRST_PERSON.search(sentence):
            continue
        concepts = _concepts(sentence)
        if concepts:
            claims.append(Claim(sentence, concepts, _entities(sentence, ignore)))
    return claims


def personal_question_concepts(text: str) -> frozenset[str]:
    """Life-topic concepts of a question addressed to the clone ("do you have kids?")."""
    if not _SECOND_PERSON.search(text):
        return frozenset()
    return _concepts(text)


def is_supported(claim: Claim, support: Sequence[str]) -> bool:
    """One support text must share a concept of the claim and contain all its entities."""
    for text in support:
        if not claim.concepts & _concepts(text):
            continue
        lowered = text.lower()
        if all(e.lower() in lowered for e in claim.entities):
            return True
    return False


def concepts_supported(concepts: frozenset[str], support: Sequence[str]) -> bool:
    return any(concepts & _concepts(text) for text in support)
