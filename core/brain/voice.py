"""The creator's voice from her real exchanges: few-shot examples, and reuse of her own answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.memory.exchanges import Exchange, ScoredExchange
from core.records import Chunk

# Cosine (MiniLM) between a fan's question and an exchange's question at or above which they
# are taken as the same question. MEASURED, not guessed: `python -m bench.reuse_threshold` on
# bench/data/exchange_reuse_pairs.tsv (57 paraphrases, 56 same-topic other questions): 0.86 is
# the lowest threshold with precision >= 0.95 (recall 0.42; 0.80 would reuse for the wrong
# question 18% of the time). A false reuse puts her words under the wrong question.
REUSE_THRESHOLD = 0.86
# Across languages (the fan's question and hers in different languages, core.trust.language),
# the match is by multilingual-e5-small, whose cosines run high: MEASURED by the same rule on the
# 64 cross-language pairs of bench/data/exchange_reuse_pairs_multilingual.tsv, 0.91 is the lowest
# with precision >= 0.95 (1.00, recall 0.31; at 0.90 a same-topic question slipped in). Within
# one language e5 separates same-topic questions worse than MiniLM (0.96 needed), so it is used
# only across languages.
CROSS_LANGUAGE_REUSE_THRESHOLD = 0.91
# Below this an exchange is about something else and teaches the model nothing about the turn.
EXAMPLE_MIN_SCORE = 0.35
REUSED_FLAG = "reused"


@dataclass(frozen=True, slots=True)
class VoiceBudget:
    """How much of her past replies a prompt gets, and how her answers are reused."""

    # Few-shot examples per turn and characters per example answer (smaller for a tiny model).
    examples: int = 4
    example_chars: int = 600
    # Answer with her own reply when she gave one to this question (off: few-shot only).
    reuse: bool = True
    # Reuse her reply verbatim with a citation (always for the embedded model); else adapt.
    verbatim: bool = True
    reuse_threshold: float = REUSE_THRESHOLD
    cross_language_threshold: float = CROSS_LANGUAGE_REUSE_THRESHOLD
    # Answers older than this are not reused (prices, dates and plans change); 0 = no limit.
    max_age_days: int = 5 * 365

    @classmethod
    def for_provider(cls, local: bool) -> VoiceBudget:
        # SmolLM's context is small and its attention short: two short examples help its voice,
        # four long ones crowd out the sources.
        return cls(examples=2, example_chars=240) if local else cls(verbatim=False)


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")] + " …" if " " in cut else cut


def pick_examples(hits: Sequence[ScoredExchange], budget: VoiceBudget) -> list[tuple[str, str]]:
    """The closest exchanges as (question, answer) pairs, her revisions first, one per answer."""
    if budget.examples <= 0:
        return []
    ranked = sorted(
        (h for h in hits if h.score >= EXAMPLE_MIN_SCORE and h.exchange.answer.strip()),
        key=lambda h: (not h.exchange.priority, -h.score),
    )
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for hit in ranked:
        answer = hit.exchange.answer.strip()
        if answer in seen:
            continue  # the same reply cross-posted on two platforms teaches nothing twice
        seen.add(answer)
        out.append((hit.exchange.question, _clip(answer, budget.example_chars)))
        if len(out) == budget.examples:
            break
    return out


def parse_date(value: str | None) -> datetime | None:
    """An export's date (ISO 8601, with or without zone; unix seconds) as aware UTC."""
    if not value:
        return None
    try:
        if value.isdigit():
            return datetime.fromtimestamp(int(value), UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def is_stale(exchange: Exchange, now: datetime, max_age_days: int) -> bool:
    """Too old to repeat as current (an answer without a date is never reused as current)."""
    if max_age_days <= 0:
        return False
    when = parse_date(exchange.date)
    return when is None or now - when > timedelta(days=max_age_days)


def _timestamp(exchange: Exchange) -> float:
    when = parse_date(exchange.date)
    return when.timestamp() if when else 0.0


def reusable(
    hits: Sequence[ScoredExchange], budget: VoiceBudget, now: datetime
) -> Exchange | None:
    """Her own answer to this very question, if she gave one that still stands.

    Among the exchanges over the threshold, her revisions (corrections, edited drafts) win;
    an archive answer with a revision for the same question is superseded, never reused.
    """
    if not budget.reuse:
        return None
    close = [h for h in hits if h.score >= budget.reuse_threshold]
    revised = [h for h in close if h.exchange.priority]
    # The same reply cross-posted ties on score: cite where she said it last (the freshest).
    newest = sorted(close, key=lambda h: (-h.score, -_timestamp(h.exchange)))
    for hit in revised or newest:
        if not is_stale(hit.exchange, now, budget.max_age_days):
            return hit.exchange
    return None


def before_mark(exchange: Exchange) -> str:
    """ "What I said before (on 2023-02-18)": the reuse label, with the reply's date."""
    when = parse_date(exchange.date)
    # Day, month name, year: a bare 2023-07-21 reads as a phone number to the contact filter.
    on = f" (on {when.day} {when:%b %Y})" if when else ""
    return f"What I said before{on}"


def said_before(exchange: Exchange) -> str:
    """Her reply as she wrote it, marked as what she said before, with its date."""
    return f"{before_mark(exchange)}: \u201c{exchange.answer.strip()}\u201d [1]"


def as_source(exchange: Exchange) -> Chunk:
    """The exchange as a citable source: her answer, linked to the message it was in."""
    return Chunk(
        id=exchange.id,
        creator_id=exchange.creator_id,
        source=exchange.source,
        source_file=exchange.source_file,
        text=exchange.answer,
        visibility=exchange.visibility,
        item_id=exchange.item_id,
        url=exchange.url,
        date=exchange.date,
        kind="reply",
        title=_clip(f"My answer to \u201c{exchange.question}\u201d", 80),
    )
