"""Exchanges: a fan's question and the creator's real answer, kept apart from archive chunks.

Stores hold exchanges as Chunks in their own tenant (`exchange_tenant`), so every store
implementation keeps them with the same visibility filter, source bookkeeping and deletion as
the archive, and an archive search never returns one. In that tenant a chunk's `text` is the
QUESTION (what gets embedded, since fans are matched by what they ask), its `context` is the
creator's answer, and its `context_author` is the asker's person id when the export named them
(so `context_chunks`, which /my-data and /forget-me use, finds a fan's questions here too).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.records import Chunk, Visibility, stable_id

# Not a valid platform or bot id character sequence: no real creator id can collide with it.
_SUFFIX = "\x1fexchanges"
_MULTILINGUAL = "\x1fmultilingual"
# Review-flow revisions: the creator's own rewording outranks anything in an export.
REVIEW_SOURCE = "review"
KIND_ARCHIVE = "exchange"
KIND_CORRECTION = "correction"


def exchange_tenant(creator_id: str) -> str:
    """The store tenant holding a creator's exchanges."""
    return creator_id + _SUFFIX


def is_exchange_tenant(tenant: str) -> bool:
    return tenant.endswith(_SUFFIX)


def multilingual_tenant(tenant: str) -> str:
    """Where the same exchanges are kept embedded by the multilingual model (fans ask in any
    language; the memory's own embedder may know one): a copy, written and deleted with them."""
    return tenant + _MULTILINGUAL


def copy_id(chunk_id: str) -> str:
    """The id of an exchange's multilingual copy (stores key points by id across tenants)."""
    return stable_id(chunk_id, "multilingual")


@dataclass(frozen=True, slots=True)
class Exchange:
    """One question a fan asked and the reply the creator gave to it."""

    creator_id: str
    question: str
    answer: str
    source: str
    source_file: str
    visibility: Visibility = Visibility.PUBLIC
    item_id: str | None = None
    url: str | None = None
    date: str | None = None
    # The asker's platform id as `platform:user` when the export named them, for /forget-me.
    asker: str | None = None
    kind: str = KIND_ARCHIVE

    @property
    def id(self) -> str:
        return stable_id(self.creator_id, "exchange", self.source, self.question, self.answer)

    @property
    def priority(self) -> bool:
        """The creator's own revision (a correction or an edited draft)."""
        return self.kind == KIND_CORRECTION

    def to_chunk(self) -> Chunk:
        return Chunk(
            id=self.id,
            creator_id=exchange_tenant(self.creator_id),
            source=self.source,
            source_file=self.source_file,
            text=self.question,
            visibility=self.visibility,
            item_id=self.item_id,
            url=self.url,
            date=self.date,
            context_author=self.asker,
            kind=self.kind,
            context=self.answer,
        )

    @classmethod
    def from_chunk(cls, chunk: Chunk) -> Exchange:
        return cls(
            creator_id=chunk.creator_id.removesuffix(_MULTILINGUAL).removesuffix(_SUFFIX),
            question=chunk.text,
            answer=chunk.context or "",
            source=chunk.source,
            source_file=chunk.source_file,
            visibility=chunk.visibility,
            item_id=chunk.item_id,
            url=chunk.url,
            date=chunk.date,
            asker=chunk.context_author,
            kind=chunk.kind,
        )


@dataclass(frozen=True, slots=True)
class ScoredExchange:
    exchange: Exchange
    score: float
