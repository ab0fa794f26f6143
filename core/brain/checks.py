"""Judging generated text before a fan sees it: honesty, leaks, never-say, tone, every claim."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.persona.bot import Persona
from core.records import ScoredChunk
from core.text.fold import fold
from core.trust.sanitize import defang_archive, sanitize_model_text
from core.trust.verify import Support, Verified, chunk_text
from core.types import Citation

_CITE_MARK = re.compile(r"\s?\[(\d{1,2})\]")
# Flags after which the generated text was not used at all.
UNUSABLE = frozenset({"prompt-leak", "human-claim", "tone", "empty", "never-say"})


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    citations: tuple[Citation, ...]
    flags: tuple[str, ...]
    tokens: int = 0
    removed: tuple[str, ...] = ()  # sentences the verifier took out
    sentences: int = 0  # sentences the generated text had


def squash(text: str) -> str:
    # "N E V E R", "n-e-v-e-r" and look-alike letters all squash to "never".
    return re.sub(r"[^a-z0-9]", "", fold(text).lower())


def says_never_say(text: str, rules: Sequence[str]) -> bool:
    """True if text contains a never-say phrase, even spaced out or in look-alike letters."""
    lowered, squashed = fold(text).lower(), squash(text)
    for rule in rules:
        key = squash(rule)
        if rule.lower() in lowered or (len(key) >= 4 and key in squashed):
            return True
    return False


def leaks_prompt(text: str, system: str) -> bool:
    """True if output repeats the system prompt or the data markers (prompt extraction)."""
    lowered = text.lower()
    if any(m in lowered for m in ("<source", "</source", "<memory>", "verified facts about")):
        return True
    lines = [ln.strip().lower() for ln in system.splitlines() if len(ln.strip()) > 40]
    return any(ln[:60] in lowered for ln in lines)


def support_for(
    persona: Persona,
    sources: Sequence[ScoredChunk],
    facts: Sequence[str],
    fan_text: str | None,
) -> list[Support]:
    """What a reply may stand on: retrieved chunks (citable, numbered as in the prompt), the
    creator's verified facts and public bio, and the fan's own words (only for what the fan
    said, never for a claim about the creator)."""
    out = [
        Support(chunk_text(h.chunk), source=i)
        for i, h in enumerate(sources, 1)
        # Archive text that poses as instructions never backs a claim (it would back its own).
        if not defang_archive(h.chunk.text)[1]
    ]
    out += [Support(f) for f in facts]
    out += [Support(persona.bio)]
    if fan_text:
        out.append(Support(fan_text, from_fan=True))
    return out


def answer_from(
    verified: Verified,
    sources: Sequence[ScoredChunk],
    deflection: str,
    tokens: int,
    persona: Persona,
    max_chars: int,
    flags: Sequence[str] = (),
) -> Answer:
    """The reply the verifier left: kept sentences cited, or the deflection if none stands."""
    if True:
        removed = verified.removed
        count = len(verified.verdicts)
        # Reviewers and the eval read how many sentences the verifier took out, of how many.
        tally = (f"removed:{len(removed)}/{count}",) if count else ()
        if removed and not verified.substantive:
            # Nothing left that says something she said: her deflection (the brain may turn
            # it into a quote of her own words).
            flagged = ("deflected", "unsupported", *tally)
            return Answer(deflection, (), (*flags, *flagged), tokens, removed, count)
        citations = tuple(
            Citation(n, c.id, c.label(), c.url, c.date)
            for n in verified.sources_used
            for c in (sources[n - 1].chunk,)
        )
        text = sanitize_model_text(
            verified.text,
            allowed_urls=[c.url for c in citations if c.url],
            allowed_hosts=persona.link_allowlist,
            max_chars=max_chars,
        )
        out = (*flags, *(("trimmed",) if removed else ()), *tally)
        return Answer(text, citations, out, tokens, removed, count)
