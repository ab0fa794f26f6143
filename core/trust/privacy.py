"""Prompt privacy: outgoing text repeats no non-public persona text, checked on meaning not format.

Non-public: the voice and style notes, values, boundaries, topics to avoid, never-say rules and
the clone's own instructions. Public: name, handle, bio, verified facts, the disclosure and the
deflection lines, and the sources of this answer. After folding (case, punctuation, bullets,
whitespace, look-alike letters) an outgoing sentence is blocked when it carries a run of
RUN_WORDS words in order from non-public text that public text does not also hold, a secret
token (a canary-like word: letters with digits or dashes), the per-process canary, or, by
meaning, a near paraphrase of one instruction (with a cut of its own for a sentence in another
language than the prompt, a translated rule, and another for one in Chinese, Japanese or Korean
script when the prompt is not: e5's cosines are compressed there).
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
from core.trust.language import EVIDENCE, guess_language, scored_language
from core.trust.meaning import Floats, Meaning, Threshold
from core.trust.sentences import bare_sentences

RUN_WORDS = 8
# The cut for a sentence in another language than the prompt (bench/privacy_calibrate.py):
# e5-small's cosines across languages sit lower, so a translated rule reaches a smaller lift.
TRANSLATED = "paraphrase-translated"
# The cut for a sentence in CJK script (Han, kana, Hangul) under a prompt that is not: there every
# cosine with the English lines sits high and close together, the lift of a leak is small, and
# a margin over the nearest public line tells more (bench/privacy_calibrate.py).
CJK_CUT = "paraphrase-cjk"
# One per process: it rides in the system prompt, so seeing it in output means the prompt leaked.
PROCESS_CANARY = f"QX{secrets.token_hex(5).upper()}"

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_CJK_OR_HANGUL = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u1100-\u11ff\uac00-\ud7af]")
_LATIN = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff]+$")
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]|[^\W_]+(?:['\-][^\W_]+)*", re.UNICODE)
# Sentence ends: Latin punctuation before a space, CJK punctuation (the full-width colon too,
# as the Latin one before a space: "我的规则：..." is a heading and then the rule), a colon
# right after a CJK character, new lines, inline bullets.
_SENTENCE_END = re.compile(
    r"(?<=[.!?;:])\s+|(?<=[。！？；：])|(?<=[\u3040-\u30ff\u3400-\u9fff]:)|\n+"
    r"|(?<=\S)\s+(?=[-•*]\s)"
)
_SECRETISH = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9\-]{6,}$|^[a-z]+(-[a-z0-9]+){2,}$")


def words(text: str) -> list[str]:
    """Folded words: case, accents kept, punctuation, bullets and spacing gone; CJK per char."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", fold(text)).lower())


def script(text: str) -> str:
    """The script most of a text's words are in: "cjk" (Han, kana, Hangul; each Han or kana
    character counts as a word), "latin", or "other" (Cyrillic, Greek, Arabic...). Unfolded:
    folding maps look-alike letters to Latin ones."""
    counts = {"cjk": 0, "latin": 0, "other": 0}
    for token in _TOKEN.findall(unicodedata.normalize("NFKC", text).lower()):
        if token.isdigit():
            continue
        if _CJK_OR_HANGUL.search(token):
            counts["cjk"] += 1
        else:
            counts["latin" if _LATIN.match(token) else "other"] += 1
    if not any(counts.values()):
        return "latin"
    return max(counts, key=lambda k: counts[k])


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


def public_lines(persona: Persona) -> list[str]:
    """What anyone may read, line by line: the persona's public fields and the clone's own
    honest lines."""
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
    ]


def public_texts(persona: Persona) -> list[str]:
    """`public_lines`, and the lists the prompt gives one after another, joined: runs of words
    across neighbours are public too."""
    return [
        *public_lines(persona),
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
        items = list(instructions) if instructions is not None else _instructions(persona, rules)
        self.instructions = items
        self.public = [t for t in public_lines(persona) if len(words(t)) >= 3]
        self._paraphrase: _Near | None = None
        if meaning is not None and meaning.enabled("paraphrase") and items:
            self._paraphrase = _Near.build(meaning, items, self.public)

    def check(self, text: str, public: Iterable[str] = ()) -> Verdict:
        """Split `text` into sentences and drop each that gives non-public text away.

        `public`: more text that may be quoted in this reply (its sources), whose runs of
        words are then not counted as leaks, and which the meaning check counts as public.
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
        self._paraphrases(parts, reasons, list(public))
        if not reasons:
            return Verdict(text, (), ())
        kept = "".join(p for i, p in enumerate(parts) if i not in reasons).strip()
        removed = tuple(parts[i].strip() for i in sorted(reasons))
        return Verdict(kept, removed, tuple(reasons[i] for i in sorted(reasons)))

    def _paraphrases(
        self, parts: Sequence[str], reasons: dict[int, str], public: Sequence[str]
    ) -> None:
        if self.meaning is None or (threshold := self.meaning.threshold("paraphrase")) is None:
            return
        translated = self.meaning.threshold(TRANSLATED)
        cjk = self.meaning.threshold(CJK_CUT)
        todo = [i for i in range(len(parts)) if i not in reasons and len(words(parts[i])) >= 3]
        found = self.similarities([parts[i] for i in todo])
        if found is None or self._paraphrase is None:
            return
        near = [i for i, f in zip(todo, found, strict=True) if f.leaks(threshold, translated, cjk)]
        if near and public:
            # Rare (a sentence near an instruction): only then are this reply's sources
            # embedded and counted as public text, so that saying what the creator's own post
            # says is not taken for a leak.
            again = self._paraphrase.nearness([parts[i] for i in near], public)
            near = [
                i
                for i, f in zip(near, again or [], strict=True)
                if f.leaks(threshold, translated, cjk)
            ]
        for i in near:
            reasons[i] = "paraphrase"

    def similarities(self, sentences: Sequence[str]) -> list[Nearness] | None:
        """How near each sentence is to the instructions (None when the meaning check is off)."""
        if self._paraphrase is None or not sentences:
            return None
        return self._paraphrase.nearness(sentences)


@dataclass(frozen=True, slots=True)
class Nearness:
    """One outgoing sentence against the instructions and the public persona text.

    `lift`: over the instructions, the most by which the sentence is nearer one of them than
    any public line is (cosine with the instruction minus that instruction's best cosine with a
    public line). An instruction the public text already says ("no flour-brand sponsorships"
    beside the fact "I don't take sponsorship from flour brands") needs a sentence much nearer
    it than that fact; a private one needs only to be near. `instruction`, `public`: the
    sentence's best cosine with an instruction and with a public line. `translated`: the
    sentence is in another language than the prompt (core/trust/language.py, on enough words,
    or a script of its own). `cjk`: it is in Chinese, Japanese or Korean script and the prompt
    is not.
    """

    lift: float
    instruction: float
    public: float
    translated: bool = False
    cjk: bool = False

    def leaks(
        self,
        threshold: Threshold,
        translated: Threshold | None = None,
        cjk: Threshold | None = None,
    ) -> bool:
        """Measured (bench/privacy_calibrate.py): `score` bounds the lift, `margin` how much
        nearer an instruction than public text the sentence must be; `translated`, when
        measured, takes their place for a sentence in another language than the prompt, and
        `cjk` for one in CJK script."""
        t = threshold
        if self.cjk and cjk is not None:
            t = cjk
        elif self.translated and translated is not None:
            t = translated
        return self.lift >= t.score and self.instruction - self.public >= t.margin


@dataclass(frozen=True, slots=True)
class _Near:
    """The instructions and public lines of one persona, embedded once."""

    meaning: Meaning
    instructions: Floats
    public: Floats
    baseline: Floats  # per instruction, its best cosine with a public line
    known: frozenset[str]  # the public lines embedded here
    lang: str  # the instructions' language, taken from all of them: one line says too little
    script: str  # and their script

    @classmethod
    def build(cls, meaning: Meaning, items: Sequence[str], public: Sequence[str]) -> _Near | None:
        found = meaning.embed_now(items)
        near_public = meaning.embed_now(public) if public else None
        if found is None:
            return None
        if near_public is None or not len(near_public):
            near_public = np.zeros((0, found.shape[1]), dtype=np.float32)
            baseline = np.zeros(len(found), dtype=np.float32)
        else:
            baseline = (near_public @ found.T).max(axis=0)
        lang = guess_language(" ".join(items))
        written = script(" ".join(items))
        return cls(meaning, found, near_public, baseline, frozenset(public), lang, written)

    def nearness(
        self, sentences: Sequence[str], public: Sequence[str] = ()
    ) -> list[Nearness] | None:
        """Each sentence against the instructions; `public`: more public text (a reply's
        sources), counted with the persona's public lines."""
        # Embedded in the form every outgoing check embeds (core/trust/sentences.py), so the
        # honesty check's vectors of the same reply are reused, not made again.
        vectors = self.meaning.vectors([_bare(s) for s in sentences])
        if vectors is None:
            return None
        known, baseline = self.public, self.baseline
        # A reply's public text is its sources and the persona's facts; the facts are here.
        pieces = _meaningful(t for t in public if t not in self.known)
        more = self.meaning.embed_now(pieces) if pieces else None
        if more is not None and len(more):
            known = np.vstack([known, more])
            baseline = np.maximum(baseline, (more @ self.instructions.T).max(axis=0))
        sims = vectors @ self.instructions.T
        lift = (sims - baseline).max(axis=1)
        best = sims.max(axis=1)
        if len(known):
            pub = (vectors @ known.T).max(axis=1)
        else:
            pub = np.full(len(vectors), -1.0, dtype=np.float32)
        out = []
        for s, lf, b, p in zip(sentences, lift, best, pub, strict=True):
            written = script(s)
            cjk = written == "cjk" and self.script != "cjk"
            out.append(Nearness(float(lf), float(b), float(p), self._other(s, written), cjk))
        return out

    def _other(self, sentence: str, written: str) -> bool:
        """In another language than the instructions: another script (Korean or Russian has no
        function words in core/trust/language.py), or their words say so."""
        if written != self.script:
            return True
        lang, evidence = scored_language(sentence, self.lang)
        return lang != self.lang and evidence >= EVIDENCE  # as language_of


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


def _instructions(persona: Persona, rules: str = "") -> list[str]:
    """The single instructions a paraphrase could give away: each sentence of the voice, each
    style note, value and boundary, the topics to avoid and the never-say list (each as one
    line, as the prompt words them), and the clone's own rules (`rules`: the system prompt)."""
    sections = _prompt_sections(rules)
    never = list(dict.fromkeys([*persona.never_say, *sections.get("Never say", [])]))
    items = [
        *_sentences(persona.voice),
        *persona.style_notes,
        *persona.values,
        *persona.boundaries,
        *sections.get("Rules you always follow", []),
    ]
    if persona.avoid_topics:
        items.append("Do not discuss: " + ", ".join(persona.avoid_topics))
    if never:
        items.append("Never say: " + ", ".join(never))
    # One sentence each (a long rule embedded whole is near nothing in particular), and none
    # under 3 words: a bare topic name is near far too much that is not a leak.
    return _meaningful(items)


def _prompt_sections(rules: str) -> dict[str, list[str]]:
    """The bulleted lists of a system prompt, by the heading line above them."""
    out: dict[str, list[str]] = {}
    heading = ""
    for line in rules.splitlines():
        if line.startswith("- "):
            out.setdefault(heading, []).append(line[2:].strip())
        elif line.strip():
            heading = line.strip().rstrip(":")
    return out


def _meaningful(texts: Iterable[str]) -> list[str]:
    """The distinct sentences of `texts` with 3 words or more."""
    found = (s for t in texts for s in _sentences(t))
    return list(dict.fromkeys(s for s in found if len(words(s)) >= 3))


def _sentences(text: str) -> list[str]:
    return [s for s in bare_sentences(text) if s]


def _bare(sentence: str) -> str:
    """A sentence in the form the honesty and claim checks embed it (stripped, citation marks
    out: core/trust/sentences.py), so the vector they made for it is found, not made again."""
    found = bare_sentences(sentence)
    return " ".join(found) if found else sentence.strip()


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
