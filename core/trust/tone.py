"""Tone guard: hostile or despairing model text is out of character and never reaches a fan."""

from __future__ import annotations

import re

from core.text.fold import any_of, fold_for_detection

# A small lexicon on purpose: it has to work with any LLM, and false alarms only cost a
# deflection, while one hostile reply costs the creator's reputation.
_HOSTILE = (
    r"\bshut up\b",
    r"\b(you'?re|you are|u r|ur) (an? )?(idiot|moron|stupid|pathetic|loser|worthless|dumb)\b",
    r"\b(idiot|moron|imbecile|loser)s?\b[.!]*$",
    r"\bi hate (you|all of you|my fans|fans)\b",
    r"\bnobody (cares|likes you|wants you)\b",
    r"\bgo away\b",
    r"\bf+u+c*k+ (you|off)\b",
    r"\bscrew you\b",
    r"\bkill yourself\b|\bkys\b",
    r"\b(stupid|dumb) (question|fan|people)\b",
    r"\bget lost\b",
    r"\bleave me alone\b",
)
_DESPAIR = (
    r"\bi (want|wish) (to die|i (was|were) dead)\b",
    r"\bi hate my (life|self)\b|\bi hate myself\b",
    r"\bnothing matters( anymore)?\b",
    r"\bi can'?t (go on|take it anymore|do this anymore)\b",
    r"\b(my life is|everything is) (pointless|meaningless|hopeless)\b",
    r"\bno point (in )?(living|anything|going on)\b",
    r"\bi('m| am) (so )?(worthless|hopeless|a failure)\b",
    r"\bi give up on (everything|life)\b",
)
_HOSTILE_RE = any_of(_HOSTILE, re.MULTILINE)
_DESPAIR_RE = any_of(_DESPAIR)


def tone_problem(text: str) -> str | None:
    """ "hostile" or "despairing" if model text has that tone, else None."""
    for variant in fold_for_detection(text):
        if _HOSTILE_RE.search(variant):
            return "hostile"
        if _DESPAIR_RE.search(variant):
            return "despairing"
    return None
