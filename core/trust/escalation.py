"""Care: inbound messages a clone must not answer itself but hand to a human, kindly.

Two signals, either one enough: the meaning check (the message's vector against curated
multilingual exemplars, core/trust/exemplars/care.txt, with a measured threshold) and precise
patterns per language for the obvious phrasings, which also hold when no threshold was measured
for the embedder in use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.text.fold import any_of, fold_for_detection
from core.trust.language import language_of
from core.trust.meaning import Floats, Meaning

CATEGORIES = (
    "self-harm",
    "eating-disorder",
    "abuse",
    "medical",
    "money",
    "meeting",
    "private-contact",
    "minor",
    "threat",
)

_TRIGGERS: dict[str, tuple[str, ...]] = {
    "self-harm": (
        r"\b(kill\w*|hurt\w*|harm\w*|cut\w*|starv\w*) (myself|my self)\b",
        r"\b(suicid\w*|self[- ]harm\w*|unalive|overdos\w*|kms)\b",
        r"\b(want|wanna|going|ready) to die\b(?! (for|of laughing))",
        r"\bend(ing)? (it all|my life|everything)\b",
        r"\b(take|taking) my (own )?life\b",
        r"\bbetter off (dead|without me)\b",
        r"\bhow many (pills|tablets|paracetamol|painkillers|sleeping pills)\b.{0,40}"
        r"\b(too many|kill|die|overdose|fatal|lethal|enough)\b",
        r"\b(lethal|fatal|deadly) (dose|amount)\b",
        r"\bno (reason|point) (to|in) (live|living|go on)\b",
        r"\bdon'?t want to (live|be alive|wake up|be here anymore)\b",
        r"\b(quiero morir|me quiero matar|quiero suicidarme|quitarme la vida|ya no quiero vivir)",
        r"\b(je veux mourir|me suicider|mettre fin à mes jours|je ne veux plus vivre|"
        r"je veux en finir)\b",
        r"\b(ich will sterben|mich umbringen|mir das leben (zu )?nehmen|will nicht mehr leben)\b",
        r"\b(quero morrer|me matar|tirar a minha vida|não quero mais viver)\b",
        r"\b(voglio morire|uccidermi|togliermi la vita|non voglio più vivere|farla finita)\b",
        r"\b(ik wil dood|zelfmoord|ik wil niet meer leven)\b",
        r"\b(jag vill dö|ta livet av mig|självmord|vill inte leva längre)\b",
        r"(自杀|自殺|不想活|想死|轻生|結束生命|结束自己的生命|死にたい|生きていたくない|消えたい)",
    ),
    "eating-disorder": (
        r"\b(starv\w* myself|make myself (throw up|sick|vomit)|purg(e|ing) after)\b",
        r"\b(anorexi\w*|bulimi\w*|pro[- ]?ana|thinspo)\b",
        r"\b(under|only|just|below|on) [1-9]\d{1,2} ?(cal|cals|calories|kcal)\b"
        r"(?! (per|a|each) (slice|loaf|roll|serving|portion|bun|100))",
        r"\bhide (that i'?m not eating|my (not )?eating|skipping meals)\b",
        r"\b(anorexia|bulimia|anorexie|magersucht|bulimie|anoressi\w*|anorexi)\b",
        r"(厌食|催吐|拒食症)",
    ),
    "abuse": (
        r"\bmy (boyfriend|girlfriend|husband|wife|partner|dad|father|mum|mom|mother|"
        r"stepdad|stepmom|uncle|brother|ex) (hits|beats|hurts|chokes|rapes|touches) me\b",
        r"\b(i was|i'?ve been|being) (raped|sexually assaulted|abused|molested)\b",
        r"\b(domestic (abuse|violence))\b",
        r"\b(me pega|me maltrata|mich schlägt|me frappe|me bate|mi picchia|slaat me|slår mig)\b",
        r"(打我|虐待|家暴|殴られ|暴力をふるう)",
    ),
    "medical": (
        r"\b(stop|quit|come off|skip) (taking )?my (meds|medication|antidepressants|pills|"
        r"insulin|lithium)\b",
        r"\bwhat (dose|dosage)\b",
        r"\b(antidepress\w*|antidepresiv\w*|antidépress\w*|antidepressiv\w*)\b",
    ),
    "money": (
        r"\b(send|lend|give|wire|transfer|venmo|paypal|cashapp) (me |you )?(some )?"
        r"(money|cash|\$\d+|\d+ ?(dollars|bucks|euros?|quid|pounds))\b",
        # "investing in a proper dutch oven" is no money question: what is invested must say so.
        r"\b(invest|investing) my\b|\b(should|do|would) (i|you) (invest|be investing)\b",
        r"\b(invest|investing) in (stocks?|shares|crypto\w*|bitcoin|funds?|an? etf|your)\b",
        r"\b(crypto|bitcoin|stocks?) (tips?|advice|should i)\b",
        r"\bshould i (buy|invest in|put my savings)\b",
        r"\b(good|right|best) time to (buy|sell|invest)\b",
        r"\b(buy|sell|buying|selling) (some )?(bitcoin|ethereum|crypto|dogecoin|shares|stocks)\b",
        # "my bank account is crying" is a joke about spending, not a request.
        r"\bbank (account )?(details|number|info)\b|\bgift card\b",
        r"\b(donate|donation) to my\b",
        r"\bcan you (pay|fund|sponsor) me\b",
    ),
    "meeting": (
        r"\b(meet|meetup|hang out|see you|visit you) (up )?(in person|irl|for (coffee|a drink|"
        r"dinner)|tonight|this weekend|somewhere)\b",
        # "can we meet at the bake-along?" names a public, online event she hosts.
        r"\bcan (we|i) meet\b(?! (you )?(at|on|in|during) (the|your) (bake|live|stream|online|"
        r"workshop|class|webinar|q ?& ?a|discord|voice|call|zoom|raid|lobby))",
        r"\bwhere (are you|will you be) (right now|tonight|today|staying)\b",
        r"\bwhere are you staying\b",
        r"\b(come|coming) (to|over to|round to) (your|my) (place|house|home|hotel|flat)\b",
        r"\bwhere exactly do you live\b",
    ),
    "private-contact": (
        r"\b(your|ur) (phone|cell|number|whatsapp|personal email|email address|home address|"
        r"address|snap|private (account|instagram|insta))\b",
        r"\b(dm|text|call) me (at|on) \+?\d",
        r"\bgive me your (number|email|address)\b",
    ),
    "minor": (
        r"\bi('m| am) (1[0-5]|[5-9]) (years old|yo|y/o)\b",
        r"\bi('m| am) (only |just )?(1[0-5]|[5-9])\b(?! ?(am|pm|%|min|minutes|hours|days|"
        r"weeks|months|years|loaves|g\b|kg|°|degrees))",
        r"\b(i'?m|i am) (still )?in (middle school|elementary school|primary school|year [3-9]|"
        r"[3-9]th grade)\b",
        r"\b(i'?m|i am) an? [3-8]th grader\b",
        r"\bmy (mom|mum|dad|parents) (don'?t|doesn'?t) know i'?m (here|talking)\b",
        r"\b(tengo|j'ai|ho|tenho) (1[0-5]|[5-9]) (años|ans|anni|anos)\b",
        r"\bich bin (1[0-5]|[5-9]) jahre\b|\bik ben (1[0-5]|[5-9]) jaar\b",
        r"\bjag är (1[0-5]|[5-9]) år\b",
        r"(我今年?(1[0-5]|[5-9])岁|(1[0-5]|[5-9])歳です|小学)",
    ),
    "threat": (
        r"\b(i('ll| will)|gonna|going to) (kill|hurt|shoot|stab|find) (you|u|him|her|them)\b",
        r"\b(bomb|shoot up|attack) (the|your|a)\b",
        r"\bi know where you live\b",
        r"\byou('ll| will) pay for (this|that|what)\b",
        r"\byou deserve to die\b",
        r"\b(te voy a matar|je vais te tuer|ich bringe dich um|vou te matar|ti ammazzo|"
        r"ik ga je vermoorden|jag ska döda dig)\b",
        r"(杀了你|殺してやる)",
    ),
}
_COMPILED = {k: any_of(v) for k, v in _TRIGGERS.items()}


@dataclass(frozen=True, slots=True)
class Care:
    """A message that needs a human: why, in which language, and which signal said so."""

    category: str
    lang: str
    by: str  # "pattern" or "meaning"
    score: float | None = None


def detect(text: str) -> str | None:
    """The first care category the patterns find in the text, or None."""
    variants = fold_for_detection(text)
    for category, pattern in _COMPILED.items():
        if any(pattern.search(v) for v in variants):
            return category
    return None


def classify(
    text: str, meaning: Meaning, vector: Floats | Sequence[float] | None = None
) -> Care | None:
    """Whether `text` needs a human, by patterns and by meaning (when `vector` is given)."""
    category = detect(text)
    if category is not None:
        return Care(category, language_of(text, meaning.nearest_lang("care", vector)), "pattern")
    found = meaning.match("care", vector)
    if found is None:
        return None
    if found.label == "meeting":
        # "Is a real person reading this?" is an identity question, answered honestly by the
        # brain, not a request to meet someone: the likelier meaning wins.
        identity = meaning.match("identity", vector)
        if identity is not None and identity.score >= found.score:
            return None
    return Care(found.label, language_of(text, found.lang), "meaning", found.score)
