"""Prompt privacy: outgoing text repeats no non-public persona text, checked on meaning not format.

Non-public: the voice and style notes, values, boundaries, topics to avoid, never-say rules and
the clone's own instructions. Public: name, handle, bio, verified facts, the disclosure and the
deflection lines, and the sources of this answer. After folding (case, punctuation, bullets,
whitespace, look-alike letters) an outgoing sentence is blocked when it carries a run of
RUN_WORDS words in order from non-public text that public text does not also hold, a secret
token (a canary-like word: letters with digits or dashes), the per-process canary, or, by
meaning, a near paraphrase of one instruction.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from core.persona.bot import Persona
from core.text.fold import fold
from core.trust.meaning import Floats, Meaning

RUN_WORDS = 8
# One per process: it rides in the system prompt, so seeing it in output means the prompt leaked.
PROCESS_CANARY = f"QX{secrets.token_hex(5).upper()}"

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]|[^\W_]+(?:['\-][^\W_]+)*", re.UNICODE)
# Sentence ends: Latin punctuation before a space, CJK punctuation, new lines, inline bullets.
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|(?<=[。！？；])|\n+|(?<=\S)\s+(?=[-•*]\s)")
_SECRETISH = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9\-]{6,}$|^[a-z]+(-[a-z0-9]+){2,}$")


def words(text: str) -> list[str]:
    """Folded words: case, accents kept, punctuation, bullets and spacing gone; CJK per char."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", fold(text)).lower())


def _runs(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def secret_texts(persona: Persona, rules: str = "") -> list[str]:
    """The non-public persona fields, each as one text (a field's items joined in order), and
    each item alone: 8 words in order of either give the field away."""
    fields: list[list[str]] = [
        [persona.voice] if persona.voice else [],
        list(persona.style_notes),
        list(persona.values),
        list(persona.boundaries),
        list(persona.avoid_topics),
        list(persona.never_say),
        [ln.strip("- ").strip() for ln in rules.splitlines() if ln.strip()],
    ]
    out: list[str] = []
    for items in fields:
        out += [i for i in items if i.strip()]
        if len(items) > 1:
            out.append(" ".join(items))
    return out


def public_texts(persona: Persona) -> list[str]:
    """What anyone may read: the persona's public fields and the clone's own honest lines."""
    from core.trust.honesty import _ANSWERS, ai_label

    honest = [a.format(name=persona.name) for a in _ANSWERS.values()]
    return [
        *honest,
        ai_label(persona),
        f"You are an AI clone of {persona.name}, not {persona.name} in person.",
        persona.name,
        persona.handle,
        persona.bio,
        persona.disclosure_line,
        *persona.deflections,
        *(f.text for f in persona.facts),
        # The prompt lists them one after another, so runs across neighbours are public too.
        " ".join(f.text for f in persona.facts),
        " ".join(persona.deflections),
    ]


@dataclass(frozen=True, slots=True)
class Verdict:
    text: str  # what may be sent: the sentences that passed, in order
    removed: tuple[str, ...]  # the blocked sentences
    reasons: tuple[str, ...]  # why, one per blocked sentence: run, token, canary, paraphrase

    @property
    def leaked(self) -> bool:
        return bool(self.removed)


class PromptGuard:
    """Built once per persona (and live never-say list); `check` runs on every outgoing text."""

    def __init__(
        self,
        persona: Persona,
        *,
        rules: str = "",
        canary: str = PROCESS_CANARY,
        meaning: Meaning | None = None,
        instructions: Sequence[str] | None = None,
    ) -> None:
        self.canary = canary.lower()
        public = [words(t) for t in public_texts(persona)]
        self._public_runs = set().union(*(_runs(p, RUN_WORDS) for p in public))
        public_words = {w for p in public for w in p}
        secret = secret_texts(persona, rules)
        self._runs: set[tuple[str, ...]] = set()
        self._tokens: set[str] = set()
        for text in secret:
            tokens = words(text)
            self._runs |= _runs(tokens, RUN_WORDS) - self._public_runs
            self._tokens |= {t for t in tokens if _SECRETISH.match(t)} - public_words
        self._tokens.add(self.canary)
        self.meaning = meaning
        items = list(instructions) if instructions is not None else _instructions(persona)
        self.instructions = items
        self._vectors: Floats | None = None
        if meaning is not None and meaning.enabled("paraphrase") and items:
            self._vectors = meaning.vectors(items)

    def check(self, text: str, public: Iterable[str] = ()) -> Verdict:
        """Split `text` into sentences and drop each that gives non-public text away.

        `public`: more text that may be quoted in this reply (its sources), whose runs of
        words are then not counted as leaks.
        """
        parts = _split(text)
        if not parts:
            return Verdict(text, (), ())
        allowed = set().union(*(_runs(words(t), RUN_WORDS) for t in public)) if public else set()
        runs = self._runs - allowed
        tokens_per_part = [words(p) for p in parts]
        flat = [(w, i) for i, ts in enumerate(tokens_per_part) for w in ts]
        reasons: dict[int, str] = {}
        for start in range(len(flat) - RUN_WORDS + 1):
            window = flat[start : start + RUN_WORDS]
            if tuple(w for w, _ in window) in runs:
                for _, i in window:
                    reasons.setdefault(i, "run")
        squashed_canary = re.sub(r"[^a-z0-9]", "", self.canary)
        for i, (part, ts) in enumerate(zip(parts, tokens_per_part, strict=True)):
            if i in reasons:
                continue
            if squashed_canary in re.sub(r"[^a-z0-9]", "", fold(part).lower()):
                reasons[i] = "canary"
            elif any(t in self._tokens for t in ts):
                reasons[i] = "token"
        self._paraphrases(parts, reasons)
        if not reasons:
            return Verdict(text, (), ())
        kept = "".join(p for i, p in enumerate(parts) if i not in reasons).strip()
        removed = tuple(parts[i].strip() for i in sorted(reasons))
        return Verdict(kept, removed, tuple(reasons[i] for i in sorted(reasons)))

    def _paraphrases(self, parts: Sequence[str], reasons: dict[int, str]) -> None:
        if self._vectors is None or self.meaning is None:
            return
        threshold = self.meaning.threshold("paraphrase")
        todo = [i for i in range(len(parts)) if i not in reasons and len(words(parts[i])) >= 3]
        vectors = self.meaning.vectors([parts[i] for i in todo])
        if vectors is None or threshold is None:
            return
        sims = vectors @ self._vectors.T
        for row, i in enumerate(todo):
            if float(np.max(sims[row])) >= threshold.score:
                reasons[i] = "paraphrase"


def _split(text: str) -> list[str]:
    """Sentences with their trailing separators, so the kept ones join back as written."""
    parts, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start and text[start : m.start()].strip():
            parts.append(text[start : m.end()])
            start = m.end()
    if text[start:].strip():
        parts.append(text[start:])
    elif parts:
        parts[-1] += text[start:]
    return parts


def _instructions(persona: Persona) -> list[str]:
    """The single instructions a paraphrase could give away (short topic names excluded)."""
    items = [*persona.style_notes, *persona.values, *persona.boundaries]
    return [i for i in items if len(i.split()) >= 3]


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
