"""Claim verification: every sentence of a reply stands only on a source that supports it.

A reply is split into sentences (any script). Each sentence is classified by meaning as a claim,
chit-chat, an opinion or a question; which of those need support is the answer mode's choice.
A claim is supported when a unit of the support (a sentence, or two adjacent sentences, of a
retrieved archive chunk, a verified fact, the persona's public text or the fan's own message)
is similar enough in meaning (the configured embedder, a threshold measured on labelled pairs)
AND agrees with it on every number, name and negation. A sentence in another language than
the unit (a Spanish answer from an English archive) is held to a rule of its own, measured on
cross-language pairs: no content word can be shared, so what survives translation (numbers,
Latin-script names, negation: core/trust/across.py) must agree instead. Unsupported sentences
are dropped; citation marks are rewritten so each kept sentence cites the chunk that supports it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

import numpy as np
import numpy.typing as npt

from core.records import Chunk
from core.text.fold import fold
from core.trust.across import Across, across
from core.trust.language import OTHER, clear_language
from core.trust.meaning import Meaning
from core.trust.sentence_kinds import CHITCHAT, CLAIM, OPINION
from core.trust.sentences import bare_sentences, split_sentences
from core.trust.specifics import Specifics, agrees, content_keys, coverage, specifics
from core.trust.unit_vectors import PROBE, UnitVectors

log = logging.getLogger(__name__)

Floats = npt.NDArray[np.float32]
EmbedTexts = Callable[[list[str]], Awaitable[Floats]]

# Cosine at or above which a source unit supports a sentence, per embedder, measured on the
# labelled pairs in tests/trust/support_pairs (tuning split) by bench/verify_tune.py: the
# threshold with the best F1 whose precision on the tuning split is at least 0.95.


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a source unit supports a sentence (measured, see bench/verify_tune.py).

    Args:
        similar: Cosine at or above which a unit may support, if it also shares
            `overlap` of the sentence's content words.
        paraphrase: Cosine at or above which a unit supports whatever words it uses.
        overlap: Share of the sentence's content words the unit must use below `paraphrase`.
        contradicts: Cosine at or above which a unit about the same thing that disagrees on a
            number, name or negation makes the sentence unsupported, whatever else matches.
    """

    similar: float
    paraphrase: float
    overlap: float
    contradicts: float = 0.85


SUPPORT_THRESHOLDS = {
    "all-MiniLM-L6-v2": Thresholds(similar=0.65, paraphrase=0.70, overlap=1.0),
    # Multilingual: its cosines sit in a narrow band (unrelated pairs reach 0.94), so its
    # thresholds are high; tuning P 0.97 R 0.89, held-out P 0.91 R 0.75 (MiniLM: 0.89, 0.61).
    "multilingual-e5-small": Thresholds(
        similar=0.89, paraphrase=0.92, overlap=1.0, contradicts=0.95
    ),
    # The tests' bag-of-words twin: its cosine is word overlap, so overlap does the work.
    "hash-bow-256": Thresholds(similar=0.30, paraphrase=0.95, overlap=0.6),
}
DEFAULT_THRESHOLDS = SUPPORT_THRESHOLDS["all-MiniLM-L6-v2"]
# A sentence in another language than its unit, per embedder (measured on the cross-language
# tuning pairs, tests/trust/support_pairs_xl.json, by bench/verify_tune.py --across): `similar`
# when its numbers or names are found in the unit and all agree (anchored), `paraphrase` when
# it has none to check; `overlap` is unused (no words are shared across languages). An
# embedder without an entry holds such sentences to the same-language rule (they fail it).
CROSS_THRESHOLDS = {
    "multilingual-e5-small": Thresholds(
        similar=0.87, paraphrase=0.89, overlap=1.0, contradicts=0.93
    ),
}
# How many nearest units are tried for agreement before a sentence counts as unsupported.
CANDIDATES = 6
SOURCE_CACHE = 2048
# Units embedded per model call when an ingest prepares the archive (the loop serves between).
ARCHIVE_BATCH = 64
_CITE = re.compile(r"\s?\[(\d{1,2})\]")
_END = re.compile(r"([.!?…。！？]+[\"'“”‘’»«)\]」』）]*)$")
_SQUASH = re.compile(r"[\W_]+", re.UNICODE)


class Mode(StrEnum):
    """What a reply may say without support (bot.toml `[policies] answer_mode`)."""

    STRICT = "strict"  # every sentence needs support
    BALANCED = "balanced"  # claims need support; chit-chat and questions are free
    CREATIVE = "creative"  # opinions and banter free too; personal and factual claims checked


class Kind(StrEnum):
    CLAIM = "claim"
    CHITCHAT = "chitchat"
    OPINION = "opinion"
    QUESTION = "question"


@dataclass(frozen=True, slots=True)
class Support:
    """One text a reply may stand on.

    Args:
        text: The text.
        source: 1-based index of the retrieved archive chunk it is, for citing; None otherwise.
        from_fan: The fan's own message: it backs what the fan said, never a claim the clone
            makes about itself (a fan asking "you live in Bath, right?" proves nothing).
    """

    text: str
    source: int | None = None
    from_fan: bool = False


@dataclass(frozen=True, slots=True)
class Verdict:
    sentence: str
    kind: Kind
    needs_support: bool
    supported: bool
    score: float = 0.0
    source: int | None = None
    support: str = ""
    across: bool = False  # supported by a unit in another language

    @property
    def kept(self) -> bool:
        return self.supported or not self.needs_support


@dataclass(frozen=True, slots=True)
class Verified:
    """The reply with unsupported sentences removed and citation marks rewritten."""

    text: str
    verdicts: tuple[Verdict, ...]
    sources_used: tuple[int, ...]

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(v.sentence for v in self.verdicts if not v.kept)

    @property
    def substantive(self) -> bool:
        """True if a kept sentence says something supported (not only thanks and questions)."""
        return any(v.kept and v.supported for v in self.verdicts)


@dataclass
class _Units:
    texts: list[str]
    specifics: list[Specifics]
    vectors: Floats
    owner: list[int] = field(default_factory=list)  # index into the support list
    langs: list[str] = field(default_factory=list)  # each unit's text's language ("": unsure)
    squashed: dict[str, int] = field(default_factory=dict)  # folded unit -> first unit index


_CLAUSE = re.compile(r"\s*[,;:–—()]\s*|\s+-\s+|\*\*")


def _units(text: str) -> list[str]:
    """A support text's sentences, each pair of adjacent sentences, and the clauses of longer
    sentences (a short answer like "Bread flour." matches a clause, not a whole recipe line)."""
    sentences = split_sentences(text)
    pairs = [f"{a} {b}" for a, b in zip(sentences, sentences[1:], strict=False)]
    clauses = [
        c
        for s in sentences
        for c in (p.strip(" .-*") for p in _CLAUSE.split(s))
        if len(c) >= 8 and c != s
    ]
    return sentences + pairs + list(dict.fromkeys(clauses))


def _whole_says_otherwise(j: int, spec: Specifics, units: _Units, nearer: list[Candidate]) -> bool:
    """True if a unit nearer to the sentence than unit `j`, across languages, holds `j` inside
    it and says "not" where the sentence does not (or the other way round). A clause cut from
    its sentence ("if you are under 16" of "if you are under 16, don't hangboard") can lose
    the sentence's "not"; where no words are shared to match clause to clause, the embedder's
    ranking says which the sentence translates: the whole, when the whole is nearer."""
    part = units.texts[j]
    return any(
        c.across
        and units.owner[c.unit] == units.owner[j]
        and part in units.texts[c.unit]
        and units.specifics[c.unit].negated != spec.negated
        for c in nearer
    )


def _squash(text: str) -> str:
    return _SQUASH.sub(" ", fold(text).lower()).strip()


def _is_question(sentence: str) -> bool:
    bare = _CITE.sub("", sentence).strip().rstrip("\"'”’»)]）」』 ")
    return bare.endswith(("?", "？")) or bare.startswith("¿")


def _cite(sentence: str, source: int | None) -> str:
    """The sentence with the model's citation marks replaced by the one it really rests on."""
    bare = _CITE.sub("", sentence).strip()
    if source is None:
        return bare
    m = _END.search(bare)
    if m is None:
        return f"{bare} [{source}]"
    return f"{bare[: m.start()]} [{source}]{m.group(1)}"


_Cached = tuple[list[str], list[Specifics], Floats, list[str], str]


class ClaimVerifier:
    """Checks each sentence of generated text against what supports it.

    Args:
        embed: Async texts-to-unit-vectors (the memory's embedder, off the event loop).
        model_name: The embedder's name; picks the measured threshold.
        thresholds: Overrides the measured thresholds (for an embedder not measured here).
        kind_k: Nearest labelled examples that vote on a sentence's kind.
        embed_sentences: How the reply's own sentences are embedded (same model as `embed`):
            the meaning checks' shared call, so the honesty check's vectors are reused.
        store: Source-unit vectors kept on disk between processes (her texts only).
    """

    def __init__(
        self,
        embed: EmbedTexts,
        model_name: str,
        *,
        thresholds: Thresholds | None = None,
        kind_k: int = 3,
        embed_sentences: EmbedTexts | None = None,
        store: UnitVectors | None = None,
    ) -> None:
        self._embed = embed
        self._store = store
        self._store_checked = False
        self._embed_sentences = embed_sentences or embed
        self.model_name = model_name
        self.thresholds = thresholds or SUPPORT_THRESHOLDS.get(model_name, DEFAULT_THRESHOLDS)
        self.cross = None if thresholds else CROSS_THRESHOLDS.get(model_name)
        self.kind_k = kind_k
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        self._kinds: tuple[Floats, list[Kind]] | None = None
        self.vocabulary: frozenset[str] = frozenset()

    def learn_vocabulary(self, texts: Iterable[str]) -> None:
        """Her words (content-word stems of her whole archive, bio and facts): in strict mode a
        reply may word a supported claim only with words she has used somewhere."""
        self.vocabulary = self.vocabulary.union(*(content_keys(t) for t in texts))

    # -- support units, cached per text: archive chunks and facts come back turn after turn --

    async def _support_units(self, support: Sequence[Support], ignore: Sequence[str]) -> _Units:
        missing = [s.text for s in support if s.text not in self._cache]
        missing = list(dict.fromkeys(missing))
        if missing:
            hers = {s.text for s in support if not s.from_fan}
            per_text = [_units(t) for t in missing]
            blocks = await self._unit_vectors(per_text, [t in hers for t in missing])
            for text, units, vectors in zip(missing, per_text, blocks, strict=True):
                spec = [specifics(u, ignore) for u in units]
                keys = [_squash(u) for u in units]
                self._cache[text] = (units, spec, vectors, keys, clear_language(text))
                while len(self._cache) > SOURCE_CACHE:
                    self._cache.popitem(last=False)
        texts: list[str] = []
        specs: list[Specifics] = []
        blocks_used: list[Floats] = []
        owner: list[int] = []
        langs: list[str] = []
        squashed: dict[str, int] = {}
        for i, s in enumerate(support):
            units, spec, vectors, keys, lang = self._cache[s.text]
            self._cache.move_to_end(s.text)
            for n, key in enumerate(keys):
                if not s.from_fan:
                    squashed.setdefault(key, len(texts) + n)
            texts += units
            specs += spec
            blocks_used.append(vectors)
            owner += [i] * len(units)
            langs += [lang] * len(units)
        matrix = np.vstack([b for b in blocks_used if len(b)]) if texts else np.zeros((0, 1))
        return _Units(texts, specs, matrix.astype(np.float32), owner, langs, squashed)

    async def _unit_vectors(self, per_text: list[list[str]], hers: list[bool]) -> list[Floats]:
        """Each text's unit vectors: kept ones from the store, the rest embedded in one call;
        what was embedded for her texts (never the fan's: `hers` False) is kept for next time."""
        unique = list(dict.fromkeys(u for units in per_text for u in units))
        keep = {u for units, h in zip(per_text, hers, strict=True) if h for u in units}
        # Only her units are looked up: a fan's message is new text on every turn.
        looked = [u for u in unique if u in keep]
        kept = await self._kept(looked)
        found = {u: v for u, v in zip(looked, kept, strict=True) if v is not None}
        todo = [u for u in unique if u not in found]
        if todo:
            made = await self._embed(todo)
            found.update(zip(todo, made, strict=True))
            await self._keep([(u, found[u]) for u in todo if u in keep])
        out: list[Floats] = []
        for units in per_text:
            rows = [found[u] for u in units]
            out.append(np.stack(rows).astype(np.float32) if rows else np.zeros((0, 1), np.float32))
        return out

    async def _kept(self, units: list[str]) -> list[Floats | None]:
        if self._store is None or not units:
            return [None] * len(units)
        if not self._store_checked:
            # Vectors kept by another build of the model would not compare with this one's.
            probe = (await self._embed([PROBE]))[0]
            await asyncio.to_thread(self._store.same_model, self.model_name, probe)
            self._store_checked = True
        return await asyncio.to_thread(self._store.get, self.model_name, units)

    async def _keep(self, items: list[tuple[str, Floats]]) -> None:
        if self._store is not None and items:
            await asyncio.to_thread(self._store.put, self.model_name, items)

    async def prepare(self, support: Sequence[Support], ignore_names: Sequence[str] = ()) -> None:
        """Embed and cache the support's units now (while the model writes), not in `verify`."""
        await self._support_units(support, ignore_names)

    async def prepare_archive(self, texts: Sequence[str]) -> int:
        """Embed and keep on disk the units of archive texts (`chunk_text`) not kept yet, so no
        turn of any process embeds them (run at ingest). Without a store, nothing is done.

        Returns:
            How many units were embedded.
        """
        if self._store is None or not texts:
            return 0
        per_text = await asyncio.to_thread(lambda: [_units(t) for t in dict.fromkeys(texts)])
        unique = list(dict.fromkeys(u for units in per_text for u in units))
        kept = await self._kept(unique)
        todo = [u for u, v in zip(unique, kept, strict=True) if v is None]
        for at in range(0, len(todo), ARCHIVE_BATCH):
            part = todo[at : at + ARCHIVE_BATCH]
            await self._keep(list(zip(part, await self._embed(part), strict=True)))
        if len(unique) > self._store.limit:
            log.warning(
                "the archive has %d source units, more than the %d kept on disk: turns will "
                "embed the rest",
                len(unique),
                self._store.limit,
            )
        return len(todo)

    def forget(self) -> None:
        """Drop the vectors kept in this process (after a forget or an archive change).

        The store on disk holds only her texts' vectors, by text hash: an edited text is a new
        key, and no fan's words are there to forget.
        """
        self._cache.clear()

    def close(self) -> None:
        """Close the store on disk, if any."""
        if self._store is not None:
            self._store.close()

    # -- kinds ----------------------------------------------------------------------------

    async def _kind_examples(self) -> tuple[Floats, list[Kind]]:
        if self._kinds is None:
            labelled = (
                [(t, Kind.CHITCHAT) for t in CHITCHAT]
                + [(t, Kind.OPINION) for t in OPINION]
                + [(t, Kind.CLAIM) for t in CLAIM]
            )
            vectors = await self._embed([t for t, _ in labelled])
            self._kinds = (vectors, [k for _, k in labelled])
        return self._kinds

    async def kinds(self, sentences: Sequence[str], vectors: Floats | None = None) -> list[Kind]:
        """Each sentence's kind: a question by its mark; else the vote of its nearest examples.

        Any sentence carrying a number or a name is a claim whatever it looks like.
        """
        if vectors is None:
            vectors = await self._embed_sentences(list(sentences))
        examples, labels = await self._kind_examples()
        out: list[Kind] = []
        sims = vectors @ examples.T if len(sentences) else np.zeros((0, 0))
        for i, sentence in enumerate(sentences):
            if specifics(sentence).any:
                out.append(Kind.CLAIM)
                continue
            if _is_question(sentence):
                out.append(Kind.QUESTION)
                continue
            top = np.argsort(-sims[i])[: self.kind_k]
            votes: dict[Kind, float] = {}
            for j in top:
                votes[labels[j]] = votes.get(labels[j], 0.0) + float(sims[i][j])
            out.append(max(votes, key=lambda k: votes[k]))
        return out

    # -- verification -----------------------------------------------------------------------

    async def verify(
        self,
        text: str,
        support: Sequence[Support],
        *,
        mode: Mode | str = Mode.STRICT,
        ignore_names: Sequence[str] = (),
    ) -> Verified:
        """Keep the sentences of `text` that `mode` lets through unsupported or that a support
        unit backs; rewrite citation marks to the chunks that do.

        Args:
            text: Generated text (already cleaned of prompt echoes and loops).
            support: What the reply may stand on.
            mode: strict, balanced or creative (see `Mode`).
            ignore_names: The creator's own name: never an entity a claim must find in support.
        """
        mode = Mode(mode)
        bare = bare_sentences(text)
        if not bare:
            return Verified("", (), ())
        units = await self._support_units(support, ignore_names)
        copied = [units.squashed.get(_squash(b)) for b in bare]
        # One batch for everything that is not a verbatim copy (the copy needs no vector).
        todo = [i for i, c in enumerate(copied) if c is None]
        vectors = await self._embed_sentences([bare[i] for i in todo]) if todo else None
        vec_of = {i: vectors[n] for n, i in enumerate(todo)} if vectors is not None else {}
        if mode is Mode.STRICT:
            kinds = [Kind.CLAIM] * len(bare)
        else:
            kinds = [Kind.CLAIM] * len(bare)
            if todo and vectors is not None:
                for i, kind in zip(
                    todo, await self.kinds([bare[i] for i in todo], vectors), strict=True
                ):
                    kinds[i] = kind
        verdicts: list[Verdict] = []
        for i, sentence in enumerate(bare):
            needs = _needs_support(kinds[i], mode)
            spec = specifics(sentence, ignore_names)
            hit = copied[i]
            if hit is not None:  # word for word a sentence of the creator's (never the fan's)
                owner = support[units.owner[hit]]
                verdicts.append(
                    Verdict(sentence, kinds[i], needs, True, 1.0, owner.source, units.texts[hit])
                )
                continue
            if i not in vec_of or not len(units.texts):
                verdicts.append(Verdict(sentence, kinds[i], needs, False))
                continue
            verdict = self._judge(
                sentence, kinds[i], needs, spec, vec_of[i], units, support, ignore_names
            )
            her = (sentence, support, self.vocabulary)
            if (
                mode is Mode.STRICT
                and verdict.supported
                and not verdict.across
                and (not in_her_words(*her) or not shares_enough(sentence, verdict.support))
            ):
                # Strict: a close paraphrase may not bring in a word she never used in what
                # supports the reply ("I use homemade flour" near "I buy my own flour"), nor
                # stand on a unit that shares too few of its words: multilingual-e5 scores
                # unrelated sentences up to 0.94, so "I don't use flour for bread but use it to
                # make bread" passed as a paraphrase of "I don't take sponsorship from flour
                # brands" (make demo, 2026-12-02). Across languages no word of hers can be
                # used; the cross rule's anchoring stands in.
                verdict = replace(verdict, supported=False, source=None, support="")
            verdicts.append(verdict)
        kept = [_cite(v.sentence, v.source) for v in verdicts if v.kept]
        used = tuple(dict.fromkeys(v.source for v in verdicts if v.kept and v.source))
        return Verified(" ".join(kept), tuple(verdicts), used)

    def candidates(
        self,
        sentence: str,
        spec: Specifics,
        vector: Floats,
        units: _Units,
        support: Sequence[Support],
        ignore_names: Sequence[str] = (),
    ) -> list[Candidate]:
        """The nearest support units of a sentence, best first, with what decides support."""
        sims = units.vectors @ vector
        lang = clear_language(sentence) if self.cross is not None else ""
        ignore = frozenset(n.lower() for name in ignore_names for n in name.split())
        out: list[Candidate] = []
        for j in np.argsort(-sims)[:CANDIDATES]:
            owner = support[units.owner[j]]
            usable = not (owner.from_fan and spec.first_person)
            theirs = units.langs[j]
            if lang and theirs and lang != theirs and (lang != OTHER or theirs == "en"):
                found = across(
                    sentence, lang, units.texts[j], units.specifics[j], owner.text, ignore
                )
                if found.agrees and _whole_says_otherwise(j, spec, units, out):
                    found = Across(False, False)
                out.append(
                    Candidate(
                        int(j), float(sims[j]), found.agrees, 0.0, usable, True, found.anchored
                    )
                )
                continue
            out.append(
                Candidate(
                    unit=int(j),
                    similarity=float(sims[j]),
                    agrees=agrees(spec, units.texts[j], units.specifics[j], owner.text),
                    overlap=coverage(sentence, units.texts[j]),
                    usable=usable,
                )
            )
        return out

    def _judge(
        self,
        sentence: str,
        kind: Kind,
        needs: bool,
        spec: Specifics,
        vector: Floats,
        units: _Units,
        support: Sequence[Support],
        ignore_names: Sequence[str] = (),
    ) -> Verdict:
        found = self.candidates(sentence, spec, vector, units, support, ignore_names)
        j = decide(found, self.thresholds, self.cross)
        best = found[0].similarity if found else 0.0
        if j is None:
            return Verdict(sentence, kind, needs, False, best)
        owner = support[units.owner[j.unit]]
        text = units.texts[j.unit]
        return Verdict(sentence, kind, needs, True, j.similarity, owner.source, text, j.across)

    async def rank(
        self, sentence: str, support: Sequence[Support], ignore_names: Sequence[str] = ()
    ) -> list[Candidate]:
        """The nearest support units of one sentence, best first (for tuning and the eval)."""
        units = await self._support_units(support, ignore_names)
        if not units.texts:
            return []
        vector = (await self._embed_sentences([sentence]))[0]
        spec = specifics(sentence, ignore_names)
        return self.candidates(sentence, spec, vector, units, support, ignore_names)


@dataclass(frozen=True, slots=True)
class Candidate:
    unit: int
    similarity: float
    agrees: bool  # numbers, names and negation
    overlap: float  # share of the sentence's content words the unit uses
    usable: bool  # False for the fan's words behind a claim about the clone itself
    across: bool = False  # the unit is in another language (core/trust/across.py)
    anchored: bool = False  # across: it has numbers or names, and they are the unit's


def decide(
    found: Sequence[Candidate], t: Thresholds, cross: Thresholds | None = None
) -> Candidate | None:
    """The candidate that supports the sentence, if any.

    Nearest first: a close unit that disagrees on a number, name or negation is a
    contradiction and ends the search (the archive says otherwise); else the first unit that
    is a close paraphrase, or similar and sharing enough content words, supports it. A unit in
    another language (`cross` thresholds) supports when similar and anchored by numbers or
    names that agree, or, with nothing to check, when a close paraphrase.
    """
    for c in found:
        rule = cross if c.across and cross is not None else t
        if c.similarity < rule.similar:
            continue  # nearest first: for one rule every later unit is further still
        if not c.usable:
            continue
        if not c.agrees:
            if c.similarity >= rule.contradicts:
                return None
            continue
        if c.across and cross is not None:
            if c.anchored or c.similarity >= rule.paraphrase:
                return c
            continue
        if c.similarity >= rule.paraphrase or c.overlap >= rule.overlap:
            return c
    return None


def in_her_words(
    sentence: str, support: Sequence[Support], vocabulary: frozenset[str] = frozenset()
) -> bool:
    """True if every content word of the sentence (stems, CJK bigrams) occurs in her words:
    the support that is hers (chunks, facts, bio; never the fan's message) or `vocabulary`."""
    words = content_keys(sentence) - vocabulary
    for s in support:
        if not words:
            return True
        if not s.from_fan:
            words = words - content_keys(s.text)
    return not words


# Strict mode: the share of a sentence's content words its supporting unit must use.
STRICT_OVERLAP = 0.5


def shares_enough(sentence: str, unit: str, share: float = STRICT_OVERLAP) -> bool:
    """True if the unit uses at least `share` of the sentence's content words (or the sentence
    has none). Contractions ("don't") are left out: negation has its own check."""
    return coverage(sentence, unit, contractions=False) >= share


def _needs_support(kind: Kind, mode: Mode) -> bool:
    if mode is Mode.STRICT or kind is Kind.CLAIM:
        return True
    if mode is Mode.BALANCED:
        return kind is Kind.OPINION
    return False


def verifier_for(
    meaning: Meaning, embed: EmbedTexts, model_name: str, *, vectors: Path | None = None
) -> ClaimVerifier:
    """The claim verifier on the meaning checks' multilingual embedder when its support
    thresholds are measured: a reply's sentences are then embedded once for the honesty,
    privacy and claim checks, and claims in other languages than the archive can be matched.
    Else on the memory's embedder (`embed`, `model_name`).

    `vectors`: a file where her texts' unit vectors are kept between processes (not for the
    hash twin of tests, whose vectors cost microseconds).
    """
    name = meaning.model_name
    if meaning.embeds_text and name in SUPPORT_THRESHOLDS and not name.startswith("hash-"):
        embed, model_name = meaning.embed, name
        sentences: EmbedTexts | None = meaning.sentence_vectors
    else:
        sentences = None
    store = UnitVectors(vectors) if vectors and not model_name.startswith("hash-") else None
    return ClaimVerifier(embed, model_name, embed_sentences=sentences, store=store)


def chunk_text(chunk: Chunk) -> str:
    """An archive chunk as the claim check reads it: a recipe's steps do not repeat its name,
    so the title says which loaf they are about."""
    title, text = chunk.title, chunk.text
    return f"{title}.\n{text}" if title and title not in text else text
