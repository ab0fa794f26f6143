"""The checkable specifics of a sentence: numbers, names, contact details, negation, speaker.

Semantic similarity says two sentences are about the same thing; it does not notice that
"£99" became "£89", that "Lyon" became "Paris" or that "I do" became "I don't". These
extractors catch exactly that, in any language with digits and, for names, in any script that
capitalises. The word sets here are closed grammatical classes (negation particles, first-person
pronouns, number words), not topic lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from core.text.fold import fold
from core.trust.dates import Date, dates, dates_agree, undated
from core.trust.kinds import kinds_agree
from core.trust.quantities import FUNCTION_WORDS, SHORT_FUNCTION_WORDS, quantities_agree

# 1,000 and 1.000 are the same number; 1.5 is not 15.
_THOUSANDS = re.compile(r"(?<=\d)[,.\u202f\u00a0'](?=\d{3}(?!\d))")
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_CITE = re.compile(r"\[\d{1,2}\]")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
# Count words in the languages we answer in most: "three months" must agree with "3 months".
_NUMBER_WORDS = {
    w: str(n)
    for n, words in enumerate(
        [
            "",
            "one uno una un eins ein eine une um uma een en ett",
            "two dos zwei deux dois duas twee två",
            "three tres drei trois três tre drie",
            "four cuatro vier quatre quatro quattro fyra",
            "five cinco fünf cinq cinque vijf fem",
            "six seis sechs six zes",
            "seven siete sieben sept sete sette zeven sju",
            "eight ocho acht huit oito otto åtta",
            "nine nueve neun neuf nove negen nio",
            "ten diez zehn dix dez dieci tien tio",
            "eleven onze undici",
            "twelve doce zwölf douze dodici twaalf tolv dozen",
        ]
    )
    for w in words.split()
    # "one", "un", "a" double as articles; counting them would flag every other sentence.
    if n >= 2
}


def _closed(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


_NEGATION = _closed(
    "not no never nothing nobody none nor neither cannot can't don't doesn't didn't won't "
    "isn't aren't wasn't weren't haven't hasn't hadn't shouldn't wouldn't couldn't "
    "nunca nada nadie ningún ninguna ni tampoco "  # es ("no" above)
    "nicht kein keine keinen keiner keinem nie niemals nichts niemand "  # de
    "ne pas jamais rien personne aucun aucune "  # fr
    "não nem nenhum nenhuma "  # pt
    "non mai niente nessuno nessuna "  # it
    "niet geen nooit niets niemand "  # nl
    "inte aldrig ingen inget inga ej",  # sv
    "without sin ohne sans sem senza zonder utan",  # "without" says "not with"
)
# Negation words that are another word in another language: Italian "mai" (never) is the
# month of May in German and French ("Im Mai 2022"). Read as "not" only in their language.
_NEGATION_IN = {"mai": "it"}
# Chinese and Japanese negation is a character inside a word, not a word of its own.
_CJK_NEGATION = re.compile(r"[不没沒無无别別未非]|ない|ません|なかった|じゃない")
_FIRST_PERSON = _closed(
    "i i'm i've i'll i'd me my mine myself "
    "yo me mi mis mío mía conmigo "
    "ich mich mir mein meine meinen meinem meiner "
    "je j' moi mon ma mes "
    "eu meu minha meus minhas comigo "
    "io mio mia miei mie "
    "ik mij mijn "
    "jag mig min mitt mina",
)
_CJK_FIRST_PERSON = re.compile(r"我|私|僕|俺|わたし|あたし")
# Words capitalised by grammar or habit rather than because they name something.
_NOT_NAMES = _closed("i ai ok okay tv uk us eu pm am ps")


@dataclass(frozen=True, slots=True)
class Specifics:
    """What a sentence asserts that similarity cannot check."""

    numbers: frozenset[str]
    names: frozenset[str]
    negated: bool
    first_person: bool
    text: str = ""
    dates: frozenset[Date] = frozenset()  # core/trust/dates.py: months and days are no numbers

    @property
    def any(self) -> bool:
        return bool(self.numbers or self.names or self.dates)


def _numbers(text: str) -> set[str]:
    text = undated(_CITE.sub(" ", _URL.sub(" ", text)))
    found = {d.lstrip("0") or "0" for d in _DIGITS.findall(_THOUSANDS.sub("", text))}
    words = {w.lower() for w in _WORD.findall(text)}
    found |= {_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS}
    return found


def names_in(text: str, ignore: frozenset[str]) -> set[str]:
    """Capitalised words that are not the sentence's first word, plus codes like "BA1" or "NYC".

    The first word is capitalised by grammar; a name there is left to the similarity check.
    """
    words = _WORD.findall(_URL.sub(" ", text))
    names: set[str] = set()
    for i, word in enumerate(words):
        lowered = word.lower()
        if lowered in ignore or lowered in _NOT_NAMES or len(word) < 2:
            continue
        if word.isupper() and len(word) >= 2:
            names.add(lowered)  # NYC, BBC: capitals anywhere are a name
        elif i > 0 and word[0].isupper():
            names.add(lowered)
    # E-mail addresses and handles are names too, matched whole.
    names |= {m.lower() for m in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,}", text)}
    # Codes that mix letters and digits (postcodes, flat numbers, product codes).
    names |= {c.lower() for c in re.findall(r"\b(?=\w*\d)(?=\w*[A-Za-z])\w{2,}\b", text)}
    return names


@lru_cache(maxsize=8192)
def _specifics(text: str, ignore: frozenset[str]) -> Specifics:
    folded = fold(text)
    words = {w.lower().replace("’", "'") for w in _WORD.findall(folded)}
    lowered = folded.lower()
    negated = bool(words & _NEGATION) or "n't" in lowered or bool(_CJK_NEGATION.search(folded))
    first = bool(words & _FIRST_PERSON) or bool(_CJK_FIRST_PERSON.search(folded))
    first = first or "j'" in lowered or any(n in words for n in ignore)
    return Specifics(
        numbers=frozenset(_numbers(folded)),
        names=frozenset(names_in(folded, ignore)),
        negated=negated,
        first_person=first,
        text=text,
        dates=dates(folded),
    )


def specifics(text: str, ignore_names: Iterable[str] = ()) -> Specifics:
    """The specifics of one sentence.

    Args:
        text: One sentence.
        ignore_names: Names never counted as a claim's entities (the creator's own name);
            saying them makes the sentence first-person, as a clone speaks as her.
    """
    ignore = frozenset(p.lower() for n in ignore_names for p in _WORD.findall(n))
    return _specifics(text, ignore)


def negated_in(sentence: Specifics, lang: str) -> bool:
    """Whether `sentence` says "not", known to be in `lang` (no "mai" outside Italian)."""
    if not sentence.negated or not lang:
        return sentence.negated
    folded = fold(sentence.text)
    words = {w.lower().replace("’", "'") for w in _WORD.findall(folded)}
    words -= {w for w, its in _NEGATION_IN.items() if its != lang}
    return bool(words & _NEGATION) or "n't" in folded.lower() or bool(_CJK_NEGATION.search(folded))


@lru_cache(maxsize=8192)
def support_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A support text's numbers and its words (lowercased), as claims are checked against."""
    folded = fold(text)
    words = frozenset(w.lower() for w in _WORD.findall(folded))
    return frozenset(_numbers(folded)), words | frozenset(
        c.lower() for c in re.findall(r"\w+", folded)
    )


def agrees(
    claim: Specifics, unit: str, unit_specifics: Specifics, context: str | None = None
) -> bool:
    """True if every number of the claim is in the supporting unit (with its unit and the words
    it counts, core/trust/quantities.py), every name in the unit or
    its whole text (`context`: a recipe's title names the loaf its steps are about), and the
    negation matches: a claim that says "not" where its support does not disagrees.
    """
    numbers, _ = support_words(unit)
    if not claim.numbers <= numbers or not dates_agree(claim.text, unit):
        return False
    # Each number with its unit and what it counts: "5 g flour" is not "50 g flour", and
    # "six students" is not "six Saturdays, four students".
    if claim.numbers and not quantities_agree(claim.text, unit):
        return False
    _, words = support_words(context or unit)
    for name in claim.names:
        whole_word = name.isascii() and name.replace("'", "").replace("-", "").isalnum()
        if name not in words and (whole_word or name not in fold(context or unit).lower()):
            return False
    # A name on another noun ("my dog Miso" for her cat Miso) is another claim: kinds.py.
    if claim.names and not kinds_agree(claim.text, context or unit):
        return False
    return negation_agrees(claim.text, claim.negated, unit, unit_specifics.negated)


# Where a text's clauses part: sentence ends, semicolons and dashes always; a comma only where
# a subject pronoun or a negation starts the next part ("I don't use rye, I use spelt"), not
# inside a list that one "not" governs ("I don't use rye, spelt or einkorn").
_HARD_BREAK = re.compile(r"\s*(?:[;:–—]|\s-\s|[.!?。！？]+(?=\s|$))\s*")
_SUBJECTS = _closed(
    "i you he she it we they yo tú él ella nosotros ellos ich du er sie es wir ihr je tu il "
    "elle nous vous ils elles eu ele ela nós eles io lui noi loro ik jij hij zij wij jag han "
    "hon vi de",
)


# Conjunctions join clauses with no comma between ("I love rye but I don't use spelt"): a
# contrastive one always opens a clause of its own ("not rye but spelt"); another only when a
# subject or a "not" comes next ("rye and spelt" stays one list under one "not"). Closed
# classes; words that are also common other words ("ma": French "my", "men") are left out.
_CONTRAST = _closed("but pero sino aber sondern mais però maar")
_JOINS = _closed(
    "and or because although though whereas while y o porque aunque mientras und oder weil "
    "obwohl während et ou parce quoique tandis e mas pois perché mentre en omdat hoewel terwijl "
    "och eller eftersom medan",
)
_CONJUNCTION = re.compile(
    r"\s+(?=(?:" + "|".join(sorted(_CONTRAST | _JOINS, key=len, reverse=True)) + r")\b)", re.I
)


def _opens(part: str, joined: bool) -> bool:
    """Whether `part` (after a comma, or after a conjunction: `joined`) is a clause of its own."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(part)]
    if not joined:
        return bool(set(words) & (_SUBJECTS | _FIRST_PERSON | _NEGATION)) or "n't" in part
    if words and words[0] in _CONTRAST:
        return True
    nxt = words[1] if len(words) > 1 else ""
    return nxt in _SUBJECTS | _FIRST_PERSON | _NEGATION or nxt.startswith(("j'", "n'"))


def _clauses(text: str) -> list[tuple[frozenset[str], bool]]:
    """Each clause's words (three letters and up, no function, pronoun or negation words) and
    whether it says "not"."""
    parts: list[str] = []
    for piece in _HARD_BREAK.split(fold(_CITE.sub(" ", text))):
        for i, chunk in enumerate(piece.split(",")):
            for n, part in enumerate(_CONJUNCTION.split(chunk)):
                if (i or n) and parts and not _opens(part, joined=n > 0):
                    parts[-1] += ("," if not n else " ") + part
                else:
                    parts.append(part)
    out = []
    for part in parts:
        words = {w.lower().replace("’", "'") for w in _WORD.findall(part)}
        if not words:
            continue
        negated = bool(words & _NEGATION) or "n't" in part.lower()
        negated = negated or bool(_CJK_NEGATION.search(part))
        # An elided article keeps its noun ("l'épeautre"); a contraction ("don't") is dropped.
        words = {w.split("'")[1] if 0 < w.find("'") <= 2 else w for w in words}
        keys = frozenset(w for w in words if len(w) >= 3 and "'" not in w) - _NOT_KEYS
        out.append((keys, negated))
    return out


def negation_agrees(claim: str, claim_negated: bool, unit: str, unit_negated: bool) -> bool:
    """True if claim and unit say "not" about the same things, clause by clause where their
    words show which clause answers which ("I don't use rye, I use spelt" agrees with "I use
    spelt; rye I don't use" and with "I use spelt", not with "I use rye, I don't use spelt");
    else (one clause each, or no words in common, as across languages) sentence by sentence.
    """
    mine, theirs = _clauses(claim), _clauses(unit)
    if len(mine) <= 1 and len(theirs) <= 1:
        return claim_negated == unit_negated
    matched = False
    for n, (keys, negated) in enumerate(mine):
        # A clause is matched by the words that tell it from the claim's other clauses.
        others = frozenset().union(*(k for m, (k, _) in enumerate(mine) if m != n))
        own = keys - others if len(mine) > 1 else keys
        # The unit's clause sharing most of these words, then the one they fill most of: "I
        # bake with spelt" is the "never with spelt" of "I bake with rye but never with spelt".
        scores = [(len(own & k), len(own & k) / len(k) if k else 0.0) for k, _ in theirs]
        best = max(scores, default=(0, 0.0))
        if not best[0]:
            continue
        matched = True
        # Where a clause that says "not" and one that does not match it equally, it may be
        # either: disagree.
        if any(
            sc == best and said != negated for sc, (_, said) in zip(scores, theirs, strict=True)
        ):
            return False
    return matched or claim_negated == unit_negated


# Words that carry no content (a closed grammatical class, not a topic list; shared with the
# number binding in core/trust/quantities.py).
_FUNCTION = FUNCTION_WORDS
# What tells no clause from another: function words, pronouns, negation, conjunctions.
_NOT_KEYS = (
    FUNCTION_WORDS | SHORT_FUNCTION_WORDS | _SUBJECTS | _FIRST_PERSON | _NEGATION | _CONTRAST
) | _JOINS
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@lru_cache(maxsize=8192)
def content_keys(text: str) -> frozenset[str]:
    """Content words of `text` as 5-letter stems (so "feeds"/"feeding" meet), or CJK bigrams."""
    folded = fold(text).lower()
    keys = {
        w[:5]
        for w in _WORD.findall(folded)
        if len(w) >= 4 and w not in _FUNCTION and not _CJK.search(w)
    }
    cjk = "".join(_CJK.findall(folded))
    keys |= {cjk[i : i + 2] for i in range(len(cjk) - 1)}
    return frozenset(keys)


def coverage(claim: str, support: str, *, contractions: bool = True) -> float:
    """Share of the claim's content words that the support also uses (1.0 when it has none);
    without `contractions` ("don't", "it's"), for a check that leaves negation to its own."""
    mine = content_keys(claim)
    if not contractions:
        mine = frozenset(w for w in mine if "'" not in w and "’" not in w)
    if not mine:
        return 1.0
    return len(mine & content_keys(support)) / len(mine)
