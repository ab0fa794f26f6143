"""Escalation triggers: messages a clone must not answer itself but hand to a human, kindly."""

from __future__ import annotations

from core.trust.fold import any_of, fold_for_detection

_TRIGGERS: dict[str, tuple[str, ...]] = {
    "self-harm": (
        r"\b(kill\w*|hurt\w*|harm\w*|cut\w*|starv\w*) (myself|my self)\b",
        r"\b(suicid\w*|self[- ]harm\w*|unalive|overdos\w*)\b",
        r"\b(want|wanna|going|ready) to die\b",
        r"\bend(ing)? (it all|my life|everything)\b",
        r"\b(take|taking) my (own )?life\b",
        r"\bbetter off dead\b",
        r"\bno reason to live\b",
        r"\bdon'?t want to (live|be alive|wake up)\b",
        r"\b(quiero morir|me quiero matar|je veux mourir|ich will sterben|quero morrer)\b",
    ),
    "threat": (
        r"\b(i('ll| will)|gonna|going to) (kill|hurt|shoot|stab|find) (you|u|him|her|them)\b",
        r"\b(bomb|shoot up|attack) (the|your|a)\b",
        r"\bi know where you live\b",
        r"\byou('ll| will) (regret|pay for)\b",
    ),
    "money": (
        r"\b(send|lend|give|wire|transfer|venmo|paypal|cashapp) (me |you )?(some )?"
        r"(money|cash|\$\d+|\d+ ?(dollars|bucks|euros?))\b",
        r"\b(invest(ment)?|crypto|bitcoin|loan|donat(e|ion)|gift card|bank (account|details))\b",
        r"\bcan you (pay|fund|sponsor)\b",
    ),
    "meeting": (
        r"\b(meet|meetup|hang out|see you|visit you) (up )?(in person|irl|for (coffee|a drink|"
        r"dinner)|tonight|this weekend|somewhere)\b",
        r"\bcan (we|i) meet\b",
        r"\bwhere (are you|will you be) (right now|tonight|today)\b",
        r"\b(come|coming) (to|over to) (your|my) (place|house|home|hotel)\b",
    ),
    "private-contact": (
        r"\b(your|ur) (phone|cell|number|whatsapp|personal email|email address|home address|"
        r"address|snap|private (account|instagram|insta))\b",
        r"\b(dm|text|call) me (at|on) \+?\d",
        r"\bgive me your (number|email|address)\b",
    ),
    "minor": (
        r"\bi('m| am) (1[0-5]|[5-9]) (years old|yo|y/o)\b",
        r"\bi('m| am) (only |just )?(1[0-5]|[5-9])\b(?! ?(am|pm|%|min|minutes|hours))",
        r"\b(i'?m|i am) in (middle school|elementary school|[5-9]th grade)\b",
        r"\bmy (mom|mum|dad|parents) (don'?t|doesn'?t) know i'?m (here|talking)\b",
    ),
}
_COMPILED = {k: any_of(v) for k, v in _TRIGGERS.items()}

_SAFE_REPLIES = {
    "self-harm": "I'm really glad you told me, and I'm an AI, so I'm bringing in a real person "
    "from the team right now. If you're in danger, please contact local emergency services or a "
    "crisis line such as 988 (US) or your local equivalent. You matter.",
    "threat": "I'm an AI clone and I can't continue this conversation. A moderator from the team "
    "will take it from here.",
    "money": "I'm an AI clone and can't handle money, investments or payments. I've asked a real "
    "person from the team to look at this.",
    "meeting": "I'm an AI clone, so I can't meet anyone or share where anyone is. I've passed "
    "this to a real person from the team.",
    "private-contact": "I'm an AI clone and can't share private contact details. I've asked a "
    "real person from the team to follow up here.",
    "minor": "Thanks for telling me. I'm an AI clone, and I've asked a real person from the team "
    "to keep an eye on this chat so it stays a safe space for you.",
}


def detect(text: str) -> str | None:
    """The first escalation category the text triggers, or None."""
    variants = fold_for_detection(text)
    for category, pattern in _COMPILED.items():
        if any(pattern.search(v) for v in variants):
            return category
    return None


def safe_reply(category: str) -> str:
    return _SAFE_REPLIES[category]
