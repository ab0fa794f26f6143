"""Which language a short fan message is in, among those the fixed replies are written in."""

from __future__ import annotations

import re

from core.text.fold import fold

LANGUAGES = ("en", "es", "de", "fr", "pt", "it", "nl", "sv", "zh", "ja")

_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short function words and chat words that are frequent in one language and rare in the others.
# Chat messages are short, so a handful of these decide; letters like ñ, ß, å add weight.
_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and you are is i my me what how do does to of it this that not can with for your "
        "im i'm dont don't want be have just really who any anymore about would an u ur r lol "
        "pls fr tho rn was were he she they we us our his her them been has had will if so "
        "but or at on in from by all one there their when which out up no yes get got like "
        "know think"
    ),
    "es": _words(
        "el la los las que de y eres es estoy soy mi me no por qué para con una un tu te "
        "quiero cómo donde dónde hablo verdad ella muy pero también ya del al se lo le les su "
        "sus nos yo él pero muy más esto eso esta este hay tengo tiene hace hacer sin sobre "
        "entre cuando porque bien gracias hola sí años voy vas va vamos puedo hoy ayer ahora"
    ),
    "de": _words(
        "der die das und ich bist du ist nicht mit ein eine mein mich wie was wo sie rede "
        "wirklich kann will habe auch noch schon mir dich den dem des zu im in auf für von "
        "sich nichts mehr aber oder wenn weil dass ja nein kein keine sein seit einer einen "
        "um werden wird hat hab bin sind war jedes jeden jede zum zur vom beim ersten"
    ),
    "fr": _words(
        "le la les et je tu es est pas que de une un mon moi ma avec pour qui c'est suis "
        "vraiment parle elle ça comment où veux ne plus combien merci quoi les des du au aux "
        "ce cette ces il ils nous vous on mais ou donc car sans sur dans par très tout tous "
        "bien oui non mes tes ses avoir être fait depuis vais allons peux aujourd'hui hier "
        "maintenant"
    ),
    "pt": _words(
        "o a os as e eu você voce é não nao de com um uma meu minha estou sou que isso para "
        "quero falando ela mesmo como onde tenho mais tô pra sem faz tá né vc pq do da dos "
        "das no na nos nas ao se lhe seu sua mas muito mais isto esse essa está estão tem ter "
        "fazer sobre quando porque bem obrigado oi sim anos vou vai vamos posso em hoje ontem "
        "agora"
    ),
    "it": _words(
        "il lo la gli le e io sei è non di con un una mio mia sto sono che per voglio "
        "parlando lei davvero come dove ho più anche questo quanto grazie cosa tuo tua hai "
        "del della dei degli nel nella al alla si gli suo sua ma molto più questa quello sono "
        "hai ha fare sempre quando perché bene ciao sì anni mi ti ci vado andiamo posso oggi "
        "ieri adesso"
    ),
    "nl": _words(
        "de het een en ik ben je jij is niet met mijn mij wat hoe waar zij praat echt wil heb "
        "ook nog geen dit dat het van te op voor aan bij om als maar ook nog niet wel geen "
        "zijn was heeft hebben kan moet mijn jouw je jij we wij zij hun dat die deze"
    ),
    "sv": _words(
        "och jag är du det en ett inte med min mig vad hur var hon pratar verkligen vill har "
        "också ingen den här att på att det som på för av med till är var har inte jag du vi "
        "de den ett men eller om när så här där hur vad mycket också min din sin kan ska"
    ),
}
_LETTERS = {
    "es": "ñ¿¡",
    "de": "ßü",
    "fr": "çœîûè",
    "pt": "ãõ",
    "sv": "å",
}


# Evidence (function words, letters) a text's words must give before their language counts:
# a short English line may hold one "a" or "die". Shared by every check that asks.
EVIDENCE = 2.0
OTHER = "other"  # some language that is not English (function words of several, none of it)


def guess_language(text: str, default: str = "en") -> str:
    """The most likely of LANGUAGES for a short text; `default` when nothing tells."""
    return scored_language(text, default)[0]


def language_scores(text: str) -> dict[str, float]:
    """Evidence for each language (function words, letters; kana or Han decide alone)."""
    if _KANA.search(text):
        return {"ja": 9.0}
    if _HAN.search(text):
        return {"zh": 9.0}
    lowered = fold(text).lower()
    scores = dict.fromkeys(_WORDS, 0.0)
    for word in _WORD.findall(lowered):
        for lang, words in _WORDS.items():
            if word in words:
                scores[lang] += 1.0
    for lang, letters in _LETTERS.items():
        scores[lang] += 1.5 * sum(lowered.count(c) for c in letters)
    return scores


def scored_language(text: str, default: str = "en") -> tuple[str, float]:
    """The likeliest language and how much evidence it had (function words, letters)."""
    scores = language_scores(text)
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0.0:
        return default, 0.0
    # On a tie the default (often the language a detector matched) wins if it is among them.
    tied = [k for k, v in scores.items() if v == scores[best]]
    return (default if default in tied else best), scores[best]


def language_of(text: str, nearest: str) -> str:
    """The fan's language when a meaning check matched: the words decide if they say enough,
    else the language of the nearest exemplar (the embedder has read the whole message)."""
    lang, evidence = scored_language(text, nearest)
    return lang if evidence >= EVIDENCE or not nearest else nearest


def clear_language(text: str) -> str:
    """The language of a text if its words say so clearly enough, else "": one language ahead
    of all others with EVIDENCE, or with less when no English word is there at all ("Mes
    tasses contiennent environ 350 ml."). A text with words of several other languages and
    none of English ("La olla lleva 45 minutos", Spanish or Italian) is OTHER: not English,
    whichever it is."""
    scores = language_scores(text)
    best = max(scores, key=lambda k: scores[k])
    top = scores[best]
    if top == 0.0:
        return ""
    if sum(v == top for v in scores.values()) > 1:
        return OTHER if not scores.get("en") else ""
    if top >= EVIDENCE or (best != "en" and not scores.get("en")):
        return best
    return ""
