"""The kind a name is given ("my cat Miso", "mi hermana Noa"): a claim may not give it another.

A claim that keeps a source's name but puts it on another noun ("my dog Miso" where she wrote
"my cat is called Miso", "my brother Noa" for "my sister Noa") shares the name and nearly all
its meaning, so the name check and the embedder both let it pass. Measured on e5 and MiniLM, a
lone noun's vector does not tell kinds apart (e5: cat/dog 0.90, cat/kitten 0.93, sister/brother
0.91, husband/wife 0.91, cat/Katze 0.90), so no meaning threshold can; a kinship-and-animal
word list would hold only the nouns someone thought of. What is read here is structure: the
words between a determiner and the name ("my ginger cat Miso", "ma sœur Noa"), or before a
naming word ("a cat called Miso", "mi gata se llama Miso", "Meine Katze heißt Miso"). The
determiners and naming words are closed grammatical classes. In one language a kind is one word
on both sides, so a claim whose kind shares no word with the kind the source gives the same name
contradicts it; a name the source gives no kind is left to similarity. Across languages the
nouns are translated and nothing here applies (core/trust/across.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.text.fold import fold
from core.trust.quantities import FUNCTION_WORDS, SHORT_FUNCTION_WORDS


def _closed(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


_DETERMINERS = _closed(
    "my our your his her their the a an this that "
    "mi mis tu su nuestro nuestra el la un una este esta "
    "mein meine meinen meinem meiner unser unsere dein deine sein seine ihr ihre der die das "
    "den dem ein eine einen "
    "mon ma mes notre ton ta son sa le une ce cette "
    "meu minha nosso nossa o um uma seu sua "
    "mio mia il lo nostro nostra suo "
    "mijn onze de het een zijn haar "
    "min mitt vår vårt en ett",
)
_NAMING = _closed(
    "is was called named "
    "se llama llamado llamada llamaba "
    "heißt heisst hieß namens genannt "
    "s'appelle appelle appelé appelée nommé nommée "
    "chama chamado chamada chamava "
    "si chiama chiamato chiamata "
    "heet heette genaamd "
    "heter hette kallad kallas",
)
_COPULA = _closed("is was es era ist war est était é è är var")
# Words that are no kind: function words (a preposition before a name is no noun of it).
_NO_KIND = FUNCTION_WORDS | SHORT_FUNCTION_WORDS | _DETERMINERS | _NAMING
_REACH = 3  # words of a noun phrase between its determiner and the name
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_BREAK = re.compile(r"[.,;:!?()\[\]\"“”«»。，！？\n]|\s[-–—]\s")


def _kind_word(word: str) -> bool:
    # Two-letter words are prepositions and pronouns ("in March"), never the noun.
    return len(word) >= 3 and word not in _NO_KIND


@lru_cache(maxsize=8192)
def named_kinds(text: str) -> dict[str, frozenset[str]]:
    """Each capitalised name of `text` (lowercased) with the words of the noun phrase that
    names its kind, where a determiner opens one right before it or its naming word."""
    out: dict[str, frozenset[str]] = {}
    for part in _BREAK.split(fold(text).replace("’", "'")):
        words = _WORD.findall(part)
        for i, name in enumerate(words):
            if not name[0].isupper() or name.lower() in _NO_KIND:
                continue
            j = i - 1
            while j >= 0 and words[j].lower() in _NAMING:
                j -= 1
            kind = _phrase(words, j)
            # "My studio dog is a grey lurcher called Biscuit": the subject's noun too.
            det = j - len(kind)  # where the determiner stands (a phrase repeats no word)
            if kind and det >= 2 and words[det - 1].lower() in _COPULA:
                kind |= _phrase(words, det - 2)
            if kind:
                out[name.lower()] = out.get(name.lower(), frozenset()) | kind
    return out


def _phrase(words: list[str], j: int) -> frozenset[str]:
    """The words from `j` back to the determiner that opens their noun phrase (none if no
    determiner opens it within `_REACH` words)."""
    phrase: list[str] = []
    while j >= 0 and len(phrase) < _REACH and _kind_word(words[j].lower()):
        phrase.append(words[j].lower())
        j -= 1
    return (
        frozenset(phrase)
        if phrase and j >= 0 and words[j].lower() in _DETERMINERS
        else frozenset()
    )


def _same(a: str, b: str) -> bool:
    """One word, maybe inflected ("cat"/"cats", "Hund"/"Hunde"; not "hermana"/"hermano"), or
    a compound of it ("micro-bakery"/"bakery", "Hauskatze"/"Katze": the head comes last)."""
    short, long = sorted((a, b), key=len)
    inflected = long.startswith(short) and len(long) - len(short) <= 2
    return len(short) >= 3 and (inflected or long.endswith(short))


def kinds_agree(claim: str, source: str) -> bool:
    """False if the claim gives a name a kind that shares no word with the kind the source gives
    it ("my dog Miso" against "my cat is called Miso")."""
    theirs = named_kinds(source)
    for name, kind in named_kinds(claim).items():
        said = theirs.get(name)
        if said and not any(_same(a, b) for a in kind for b in said):
            return False
    return True
