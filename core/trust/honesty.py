"""Honesty: spot "are you human?" in several languages, and any human claim in output."""

from __future__ import annotations

import re

from core.persona.bot import Persona
from core.trust.fold import any_of, fold, fold_for_detection

# Questions about what the clone is. Each pattern maps to the language we answer in.
_QUESTIONS: dict[str, tuple[str, ...]] = {
    "en": (
        r"\bare (you|u|ya) (a |an |really |actually |even |the )*"
        r"(human|person|real|bot|robot|ai|a\.i\.|machine|program|chatbot|automated|alive)\b",
        r"\b(is|am) (this|it|i) (really |actually |even )*"
        r"(talking|chatting|speaking)? ?(to|with)? ?(a |an |the )*"
        r"(real|human|bot|robot|ai|person)",
        r"\bis this (really |actually |the real |even )+\w+",
        r"\bam i (talking|chatting|speaking) (to|with) (a |an |the )*"
        r"(real|human|bot|ai|robot|person)",
        r"\b(you|u)('re| are) (a |an |just |only )*(bot|ai|robot|human|real person|machine)\b\??",
        r"\bhuman or (a |an )?(bot|ai|robot|machine)\b",
        r"\b(is|am) (this|it|i) \w+( \w+)? or (a |an )?(bot|ai|robot|machine|clone)\b",
        r"\b(is|are) (a |an )?(bot|ai|robot|machine|clone) (answering|replying|writing|talking)",
        r"\b(bot|ai|robot) or (a )?(human|person|real)\b",
        r"\bis (this|that) (really )?(you|her|him)\b",
        r"\bwho am i (talking|speaking|chatting) (to|with)\b",
        r"\bare you (really|actually) \w+\b",
    ),
    "es": (
        r"\b(eres|es usted|sos) (un |una |de verdad |realmente |real )*"
        r"(humano|humana|persona|real|bot|robot|ia|máquina|maquina)\b",
        r"\b(hablo|estoy hablando) con (un |una )*(bot|robot|ia|humano|persona real)",
        r"\b(eres|es) (realmente|de verdad) \w+",
    ),
    "fr": (
        r"\b(es[- ]tu|êtes[- ]vous|t'es|tu es|vous êtes) (un |une |vraiment |réellement )*"
        r"(humain|humaine|personne|réel|réelle|bot|robot|ia|machine|vrai|vraie)\b",
        r"\b(je parle|est-ce que je parle) (à|avec) (un |une )*"
        r"(bot|robot|ia|humain|vraie personne)",
        r"\bc'est (vraiment|bien) \w+",
    ),
    "de": (
        r"\b(bist du|sind sie) (ein |eine |wirklich |echt |tatsächlich )*"
        r"(mensch|bot|roboter|ki|maschine|echt|real)\b",
        r"\b(rede|spreche|chatte) ich (mit|gerade mit) (einem |einer )*(bot|ki|mensch|roboter)",
        r"\bbist du (wirklich|echt) \w+",
    ),
    "pt": (
        r"\b(você é|voce é|vc é|és|tu és|você e) (um |uma |mesmo |realmente |de verdade )*"
        r"(humano|humana|pessoa|real|bot|robô|robo|ia|máquina|maquina)\b",
        r"\b(estou falando|falo) com (um |uma )*(bot|robô|ia|humano|pessoa real)",
    ),
    "it": (
        r"\b(sei|è lei) (un |una |davvero |veramente )*"
        r"(umano|umana|persona|reale|bot|robot|ia|macchina)\b",
        r"\b(sto parlando|parlo) con (un |una )*(bot|robot|ia|umano|persona reale)",
    ),
}
_COMPILED = {lang: any_of(ps) for lang, ps in _QUESTIONS.items()}

_ANSWERS = {
    "en": "No — I'm an AI clone of {name}, not {name} personally. I'm built from {name}'s own "
    "posts and videos. If you'd like a real person, type /human.",
    "es": "No, soy un clon de IA de {name}, no {name} en persona. Estoy hecho a partir de sus "
    "publicaciones y vídeos. Si quieres hablar con una persona, escribe /human.",
    "fr": "Non, je suis un clone IA de {name}, pas {name} en personne. Je suis construit à partir "
    "de ses publications et vidéos. Pour parler à un humain, tapez /human.",
    "de": "Nein, ich bin ein KI-Klon von {name}, nicht {name} persönlich. Ich basiere auf "
    "{name}s eigenen Beiträgen und Videos. Für einen echten Menschen tippe /human.",
    "pt": "Não, sou um clone de IA de {name}, não {name} em pessoa. Fui feito a partir das "
    "publicações e vídeos de {name}. Para falar com uma pessoa, digite /human.",
    "it": "No, sono un clone IA di {name}, non {name} in persona. Sono costruito dai post e dai "
    "video di {name}. Per parlare con una persona, scrivi /human.",
}

# Output that claims to be human or to be the creator in person, in the languages above.
_HUMAN_CLAIMS = any_of(
    (
        r"\bi('m| am) (a |an |totally |really |definitely |100% |actually |just |a real |not )*"
        r"(real )?(human|person|human being|flesh and blood)\b",
        r"\bi('m| am) not (a |an )?(bot|ai|a\.i\.|robot|machine|program|clone|language model)\b",
        r"\bi('m| am) (really|actually|the real) \w+",
        r"\b(this|it)('s| is) (really|actually|truly|just) me\b",
        r"\bnot (a |an )?(bot|ai|robot)[, ]+(i('m| am)|just) ",
        r"\byes,? (i('m| am) )?(a )?(real|human)\b",
        r"\b(soy|estoy) (un |una )?(humano|humana|persona real)\b",
        r"\bno soy (un |una )?(bot|robot|ia)\b",
        r"\bje suis (un |une )?(humain|humaine|vraie personne)\b",
        r"\bje ne suis pas (un |une )?(bot|robot|ia)\b",
        r"\bich bin (ein )?(mensch|echter mensch)\b",
        r"\bich bin kein(e)? (bot|ki|roboter)\b",
        r"\b(sou|eu sou) (um |uma )?(humano|humana|pessoa real)\b",
        r"\bnão sou (um |uma )?(bot|robô|ia)\b",
        r"\bsono (un |una )?(umano|umana|persona reale)\b",
        r"\bnon sono (un |una )?(bot|robot|ia)\b",
    )
)
# "I'm not a human" is honest; strip these before scanning so they are not read as claims.
_HONEST_NEGATIONS = re.compile(
    r"\bi('m| am) (not|no) (a |an )?(human|person|real person)\b|\bnot .{0,20} personally\b",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    # Curly apostrophes, look-alike letters and odd spacing should not slip past the patterns.
    return fold(text)


def ai_label(persona: Persona) -> str:
    """The fixed AI label. Part of core on purpose: no setting can change or remove it."""
    return f"AI clone of {persona.name} · automated, not {persona.name} personally"


AI_NAME_MARKER = " (AI clone)"


def ai_display_name(persona: Persona, *, limit: int = 32) -> str:
    """The bot's display name, e.g. "Mara Quill (AI clone)", at most `limit` characters.

    Args:
        persona: The clone's persona; its name is the part that gets shortened.
        limit: The platform's maximum (Discord nicknames 32, the default; Telegram names 64).

    Returns:
        The name with the AI marker; a long name is cut (ending in "…"), the marker never is.
    """
    if limit < len(AI_NAME_MARKER):
        raise ValueError(f"a {limit}-character name cannot hold the AI marker")
    name = " ".join(persona.name.split())
    room = limit - len(AI_NAME_MARKER)
    if len(name) > room:
        name = name[: room - 1].rstrip() + "…" if room > 1 else ""
    return f"{name}{AI_NAME_MARKER}" if name else AI_NAME_MARKER.strip()


def asks_what_i_am(text: str) -> str | None:
    """Return the language code if the fan asks whether they talk to a human/bot/the creator."""
    for folded in fold_for_detection(text):
        for lang, pattern in _COMPILED.items():
            if pattern.search(folded):
                return lang
    return None


def honest_answer(lang: str, creator_name: str) -> str:
    return _ANSWERS.get(lang, _ANSWERS["en"]).format(name=creator_name)


def claims_to_be_human(text: str, creator_name: str = "") -> bool:
    """True if output claims to be human or to be the creator in person."""
    return any(_claims(v, creator_name) for v in fold_for_detection(text))


def _claims(text: str, creator_name: str) -> bool:
    folded = _HONEST_NEGATIONS.sub(" ", text)
    if _HUMAN_CLAIMS.search(folded):
        return True
    if creator_name:
        first = re.escape(creator_name.split()[0])
        pattern = (
            rf"\b(yes,? )?(it's|it is|this is|i'm|i am) (really |actually |the real )?{first}"
        )
        real = re.search(pattern + r"\b(?! ?'s)(?!.{0,30}\b(ai|clone|bot)\b)", folded, re.I)
        if real:
            return True
    return False
