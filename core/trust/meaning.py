"""Meaning-based detection: labelled multilingual exemplars, embedded once, measured thresholds."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from core.ops.model_pool import run_model

log = logging.getLogger(__name__)

EXEMPLARS = Path(__file__).resolve().parent / "exemplars"
THRESHOLDS = EXEMPLARS / "thresholds.json"
NEGATIVE = "none"
# Labels that also mean "not this check", each learnt as a class of its own beside `none` (a
# match is then the probability of none of them): personal questions about her ("do you have
# kids?") sit close to "are you a bot?" in meaning and far from the ordinary messages that fill
# `none`, so one merged class fits them badly (identity, leave-one-set-out CV at <= 2% false:
# 231 of 239 questions caught as a class of their own, 229 within `none`). A task whose
# exemplars carry none of these labels (care, claims) trains exactly as before.
NEGATIVES = (NEGATIVE, "personal", "family", "routine-health")
# Inbound checks also learn from ordinary fan messages (exemplars/ordinary.txt) what is not meant.
WITH_ORDINARY = frozenset({"care", "identity"})
# More files a task's bank reads: care also learns from fan messages labelled by people who never
# saw the detector (exemplars/care_fans.txt, the v1-v3, v6, v8-v13 and v15-v17 sets;
# bench/care_cv.py writes it) and from everyday talk that sits close to a need
# (exemplars/everyday.txt);
# both learn that personal questions about her ("do you have kids?", exemplars/personal.txt) are
# neither a care need nor about who answers: without them care handed 78 of identity's 286 off
# (as meeting, minor or abuse). Identity alone also learns that where she lives now is personal,
# and that requests for its instructions are not about who answers (identity_none.txt), and from
# the fan questions of the v1-v3, v6, v8-v13 and v15-v17 sets (exemplars/identity_sets.txt;
# bench/identity_calibrate.py writes it).
ALSO: dict[str, tuple[str, ...]] = {
    "care": ("care_fans", "personal", "everyday"),
    "identity": ("personal", "identity_none", "identity_sets"),
}

Floats = npt.NDArray[np.float32]
# Bump when Probe's training changes: probes kept on disk under another version are not loaded.
PROBE_VERSION = "probe-3"


class TextEmbedder(Protocol):
    """What the detectors need from an embedder (every `core.ports.Embedder` has it)."""

    model_name: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


@dataclass(frozen=True, slots=True)
class Exemplar:
    label: str
    lang: str
    text: str


def parse_exemplars(text: str, where: str = "<text>") -> tuple[Exemplar, ...]:
    """Read the `[label lang]` sections format (see exemplars/README.md)."""
    out: list[Exemplar] = []
    label = lang = ""
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            parts = line[1:-1].split()
            if len(parts) != 2:
                raise ValueError(f"{where}:{n}: a section is [label lang], got {line!r}")
            label, lang = parts
            continue
        if not label:
            raise ValueError(f"{where}:{n}: example before any [label lang] section")
        out.append(Exemplar(label, lang, line))
    return tuple(out)


@lru_cache(maxsize=16)
def load_exemplars(task: str, folder: Path = EXEMPLARS) -> tuple[Exemplar, ...]:
    """The exemplars of one task (`care`, `identity`, `claims`), from `folder/<task>.txt`."""
    path = folder / f"{task}.txt"
    return parse_exemplars(path.read_text(encoding="utf-8"), str(path))


def embed_matrix(embedder: TextEmbedder, texts: Sequence[str]) -> Floats:
    """Texts as an (n, d) array of unit rows, through the embedder's fastest batch call."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    array = getattr(embedder, "embed_array", None)
    raw = array(list(texts)) if array is not None else embedder.embed_documents(list(texts))
    matrix = np.asarray(raw, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    out: Floats = (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


@dataclass(frozen=True, slots=True)
class Threshold:
    """Measured per task and embedder (bench/meaning_calibrate.py), never guessed.

    With `k` = 0 (the default way) a linear probe trained on the exemplars decides: a text
    matches when its probability of meaning one of the labels, not `none`, reaches `score`.
    With `k` >= 1, nearest neighbours decide: the mean of the text's `k` best similarities to a
    label's exemplars must reach `score` and beat its best hard negative by `margin`.
    """

    score: float
    margin: float = 0.0
    k: int = 0


@dataclass(frozen=True, slots=True)
class Match:
    label: str
    lang: str  # language of the nearest exemplar of that label
    score: float
    negative: float  # best similarity to a hard negative


class Probe:
    """A small neural classifier over exemplar vectors (classes: the negatives, then the labels).

    One hidden layer of HIDDEN rectified units and a softmax, trained by full-batch Adam for
    STEPS steps from a fixed seed, so it is the same on every run; classes are weighted to
    balance, and vectors are centred and scaled first (multilingual-e5 puts every sentence within
    a narrow band of cosines, which a fixed similarity cut handles far worse: care recall 0.78 by
    nearest neighbour against about 0.95 by a probe at the same false-positive budget).

    It replaced a linear softmax probe (PROBE_VERSION probe-1) on 2026-12-02: care, five-fold
    leave-one-set-out on the dev sets (bench/care_cv.py), pooled recall at 2% / 3% / 4% pooled
    false handoffs 0.867 / 0.901 / 0.923 linear, 0.912 / 0.932 / 0.944 with the hidden layer
    (256 units; 512 units, 200 or 600 steps and a tenth of the weight decay all within 0.01).

    Since probe-3 (2026-12-02) each step sees the vectors with Gaussian noise added (NOISE, in
    units of the scaled features) and a tenth of the weight decay: the writers of new sets
    phrase a need in ways no exemplar does, and a probe that must classify every exemplar's
    neighbourhood, not the point, carries to them better. Care, ten-fold leave-one-set-out,
    the probe alone, pooled recall at 2% / 3% / 4% false: 0.905 / 0.943 / 0.954 before, 0.943 /
    0.959 / 0.968 with it (another seed 0.934 / 0.950 / 0.965; noise 0.3 or 0.7 and no change
    of decay each lower). The noise is one fixed draw rolled by a random offset each step, as
    good as a fresh draw and without its cost (a fresh draw per step tripled training time).
    """

    HIDDEN = 256
    STEPS = 300
    RATE = 3e-3
    DECAY = 1e-4
    NOISE = 0.5

    def __init__(self, matrix: Floats, classes: npt.NDArray[np.int64], n_classes: int) -> None:
        self.mean = matrix.mean(axis=0)
        self.scale = float(matrix.std()) or 1.0
        x = self._features(matrix)
        counts = np.bincount(classes, minlength=n_classes).astype(np.float32)
        weights = (len(classes) / (n_classes * np.maximum(counts, 1.0)))[classes][:, None]
        target = np.eye(n_classes, dtype=np.float32)[classes]
        rng = np.random.default_rng(0)
        w1 = (rng.standard_normal((x.shape[1], self.HIDDEN)) * np.sqrt(2 / x.shape[1])).astype(
            np.float32
        )
        params = [w1, np.zeros(self.HIDDEN, np.float32)]
        params += [np.zeros((self.HIDDEN, n_classes), np.float32), np.zeros(n_classes, np.float32)]
        first = [np.zeros_like(p) for p in params]
        second = [np.zeros_like(p) for p in params]
        noise = rng.standard_normal(x.shape, dtype=np.float32) * np.float32(self.NOISE)
        for step in range(1, self.STEPS + 1):
            shift = (int(rng.integers(len(x))), int(rng.integers(x.shape[1])))
            seen = x + np.roll(noise, shift, axis=(0, 1))
            hidden = np.maximum(seen @ params[0] + params[1], 0)
            error = (_softmax(hidden @ params[2] + params[3]) - target) * weights / len(x)
            back = (error @ params[2].T) * (hidden > 0)
            grads = [
                seen.T @ back + self.DECAY * params[0],
                back.sum(axis=0),
                hidden.T @ error + self.DECAY * params[2],
                error.sum(axis=0),
            ]
            for p, g, m, v in zip(params, grads, first, second, strict=True):
                m *= 0.9
                m += 0.1 * g
                v *= 0.999
                v += 0.001 * g * g
                p -= (
                    self.RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
                ).astype(np.float32)
        self.params = params

    def save(self, path: Path) -> None:
        """Keep the trained weights (a restart then loads them instead of training again)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp.npz")
        w1, b1, w2, b2 = self.params
        np.savez(tmp, mean=self.mean, scale=np.float32(self.scale), w1=w1, b1=b1, w2=w2, b2=b2)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> Probe:
        """A probe saved by `save`, not trained again."""
        with np.load(path) as saved:
            probe = cls.__new__(cls)
            probe.mean = saved["mean"].astype(np.float32)
            probe.scale = float(saved["scale"])
            probe.params = [saved[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2")]
        return probe

    def _features(self, matrix: Floats) -> Floats:
        out: Floats = ((matrix - self.mean) / self.scale).astype(np.float32)
        return out

    def proba(self, matrix: Floats) -> Floats:
        """(n, classes) probabilities; column 0 is `none`, then any other negative classes."""
        w1, b1, w2, b2 = self.params
        hidden = np.maximum(self._features(np.atleast_2d(matrix)) @ w1 + b1, 0)
        return _softmax(hidden @ w2 + b2)


def _softmax(z: Floats) -> Floats:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: Floats = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    return out


class Bank:
    """One task's exemplars embedded once: a matrix per label, the hard negatives, a probe."""

    def __init__(
        self, exemplars: Sequence[Exemplar], matrix: Floats, cache: Path | None = None
    ) -> None:
        self.exemplars = tuple(exemplars)
        self.cache = cache  # where the trained probe is kept between runs, if anywhere
        self.matrix = matrix
        self.negatives, self.labels = class_names(exemplars)
        self._label_index = np.array(
            [self.labels.index(e.label) if e.label in self.labels else -1 for e in exemplars]
        )
        order = self.negatives + self.labels
        self.classes = np.array([order.index(e.label) for e in exemplars], dtype=np.int64)
        self._probe: Probe | None = None

    @property
    def probe(self) -> Probe:
        if self._probe is None:
            self._probe = self._cached_probe()
        return self._probe

    def _cached_probe(self) -> Probe:
        # Training takes 0.5-0.7 s of CPU on the care bank's 1,869 rows, but 4-16 s of wall
        # time on a loaded 2-core machine (BLAS threads contend), so a restart loads it.
        if self.cache is not None:
            try:
                return Probe.load(self.cache)
            except (OSError, ValueError, KeyError):
                pass
        probe = Probe(self.matrix, self.classes, len(self.negatives) + len(self.labels))
        if self.cache is not None:
            try:
                probe.save(self.cache)
            except OSError as exc:  # a read-only environment just trains again next time
                log.info("could not cache the trained probe: %s", exc)
        return probe

    def label_proba(self, matrix: Floats, label: str) -> Floats:
        """Per row, the probe's probability of one positive label (0 where it has none)."""
        if label not in self.labels:
            return np.zeros(len(np.atleast_2d(matrix)), dtype=np.float32)
        out: Floats = self.probe.proba(matrix)[:, len(self.negatives) + self.labels.index(label)]
        return out

    def negative_proba(self, matrix: Floats) -> Floats:
        """Per row, the probe's probability of a negative class (`none` or another)."""
        p = self.probe.proba(matrix)
        out: Floats = p[:, : len(self.negatives)].sum(axis=1)
        return out

    def classify(self, vector: Floats) -> Match:
        """The probe's verdict: the likeliest label and the probability it is no negative."""
        p = self.probe.proba(vector)[0]
        n = len(self.negatives)
        negative = p[:n].sum()
        best = int(np.argmax(p[n:]))
        lang = self._lang(best, vector)
        return Match(self.labels[best], lang, float(1.0 - negative), float(negative))

    def label_match(self, vector: Floats, label: str) -> Match:
        """`label` and the probe's probability of it alone (0 where the bank has no such label),
        in one pass of the probe; its language only when it is also the likeliest label."""
        p = self.probe.proba(vector)[0]
        n = len(self.negatives)
        negative = float(p[:n].sum())
        if label not in self.labels:
            return Match(label, "", 0.0, negative)
        i = self.labels.index(label)
        lang = self._lang(i, vector) if int(np.argmax(p[n:])) == i else ""
        return Match(label, lang, float(p[n + i]), negative)

    def _lang(self, label: int, vector: Floats) -> str:
        """The language of the label's exemplar nearest `vector`."""
        mine = np.flatnonzero(self._label_index == label)
        if not mine.size:
            return ""
        return self.exemplars[int(mine[int(np.argmax(self.matrix[mine] @ vector))])].lang

    def scores(self, vector: Floats, *, exclude: int | None = None) -> Floats:
        """Cosine of `vector` with every exemplar (`exclude`: one left out, for calibration)."""
        sims: Floats = self.matrix @ vector
        if exclude is not None:
            sims = sims.copy()
            sims[exclude] = -2.0
        return sims

    def best(self, sims: Floats, k: int) -> Match | None:
        """The positive label whose `k` nearest exemplars are closest on average."""
        negatives = sims[self._label_index == -1]
        negative = float(negatives.max()) if negatives.size else -1.0
        found: Match | None = None
        for i, label in enumerate(self.labels):
            mine = sims[self._label_index == i]
            if not mine.size:
                continue
            top = np.sort(mine)[-k:]
            score = float(top.mean())
            if found is None or score > found.score:
                nearest = int(np.flatnonzero(self._label_index == i)[int(mine.argmax())])
                found = Match(label, self.exemplars[nearest].lang, score, negative)
        return found


def class_names(exemplars: Sequence[Exemplar]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The probe's negative classes (`none` always first, then the other NEGATIVES present)
    and its positive labels, sorted."""
    present = {e.label for e in exemplars}
    negatives = (NEGATIVE, *(n for n in NEGATIVES[1:] if n in present))
    return negatives, tuple(sorted(present - set(NEGATIVES)))


def read_thresholds(path: Path = THRESHOLDS) -> dict[str, dict[str, Threshold]]:
    """task -> embedder model name -> Threshold, as measured and stored by the calibration."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        task: {
            model: Threshold(float(t["score"]), float(t.get("margin", 0.0)), int(t.get("k", 0)))
            for model, t in by_model.items()
        }
        for task, by_model in data.items()
    }


def store_thresholds(
    found: dict[tuple[str, str], tuple[Threshold, str]], path: Path = THRESHOLDS
) -> None:
    """Write measured thresholds, (task, embedder model name) -> (threshold, how it was
    measured), into the file `read_thresholds` reads; every other entry is kept as it is."""
    stored = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for (task, model), (t, measured) in found.items():
        entry = {"score": t.score, "margin": t.margin, "k": t.k, "measured": measured}
        stored.setdefault(task, {})[model] = entry
    path.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


class Detector:
    """A task's exemplar bank against one embedder, with that embedder's measured threshold.

    Without a measured threshold (an embedder nobody calibrated, such as the hash twin in
    tests) the detector is off and says so once: a guessed threshold would be worse than the
    patterns that still run beside it.
    """

    def __init__(
        self, task: str, bank: Bank, threshold: Threshold | None, embedder: TextEmbedder
    ) -> None:
        self.task = task
        self.bank = bank
        self.threshold = threshold
        self.embedder = embedder

    @property
    def enabled(self) -> bool:
        return self.threshold is not None

    def match(
        self, vector: Floats | Sequence[float] | None, score: float | None = None
    ) -> Match | None:
        """The label `vector` means, or None (also when the detector is off); `score`: another
        cut than the measured one (a long message's parts have their own)."""
        t = self.threshold
        v = self._comparable(vector)
        if t is None or v is None:
            return None
        if score is not None:
            t = Threshold(score, t.margin, t.k)
        if t.k == 0:
            verdict = self.bank.classify(v)
            return verdict if verdict.score >= t.score else None
        found = self.bank.best(self.bank.scores(v), t.k)
        if found is None or found.score < t.score or found.score - found.negative < t.margin:
            return None
        return found

    def label_match(
        self, vector: Floats | Sequence[float] | None, label: str, cut: float
    ) -> Match | None:
        """`label` if the probe gives it alone at least `cut`, whatever the other labels share
        (a second, lower cut for the one need whose miss costs most); None without a probe."""
        v = self._comparable(vector)
        if self.threshold is None or self.threshold.k != 0 or v is None:
            return None
        found = self.bank.label_match(v, label)
        return found if found.score >= cut else None

    def _comparable(self, vector: Floats | Sequence[float] | None) -> Floats | None:
        """`vector` as this bank's vectors are, or None (none given, or from another embedder,
        whose vectors are not comparable)."""
        if vector is None:
            return None
        v = np.asarray(vector, dtype=np.float32)
        return v if v.shape[0] == self.bank.matrix.shape[1] else None


_lock = threading.Lock()
_banks: dict[tuple[str, str, int], Bank] = {}


def vector_cache() -> Path:
    """Where embedded exemplars are kept between runs (beside the environment's models)."""
    return Path(os.environ.get("CLONEBOT_MODEL_CACHE", Path(sys.prefix) / "share" / "clonebot"))


def task_exemplars(task: str) -> tuple[Exemplar, ...]:
    """Everything a task's bank learns from: its own file, the files it also reads, ordinary."""
    exemplars = load_exemplars(task)
    for more in ALSO.get(task, ()):
        exemplars += load_exemplars(more)
    if task in WITH_ORDINARY:
        exemplars += load_exemplars("ordinary")
    return exemplars


def bank_for(task: str, embedder: TextEmbedder) -> Bank:
    """The task's exemplars embedded with `embedder`, once per process and embedder.

    Real models' vectors are also kept on disk, keyed by the exemplars' exact text, so a
    restart does not embed a thousand sentences again (an edit makes a new key).
    """
    key = (task, embedder.model_name, id(embedder))
    with _lock:
        found = _banks.get(key)
        if found is None:
            exemplars = task_exemplars(task)
            found = Bank(
                exemplars,
                _embedded(task, embedder, [e.text for e in exemplars]),
                _probe_path(task, embedder, exemplars),
            )
            _banks[key] = found
        return found


def _probe_path(task: str, embedder: TextEmbedder, exemplars: Sequence[Exemplar]) -> Path | None:
    """Where the task's trained probe is kept: keyed by the model, the probe's classes, the
    exemplars' labels and texts and the training code's version (PROBE_VERSION), so any change
    (a label declared negative among them) trains anew."""
    if embedder.model_name.startswith("hash-"):
        return None
    negatives, labels = class_names(exemplars)
    classes = "classes\t" + " ".join(negatives) + " | " + " ".join(labels)
    lines = [embedder.model_name, PROBE_VERSION, classes]
    lines += [f"{e.label}\t{e.text}" for e in exemplars]
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    return vector_cache() / f"meaning-{task}-probe-{digest}.npz"


def _embedded(task: str, embedder: TextEmbedder, texts: list[str]) -> Floats:
    if embedder.model_name.startswith("hash-"):
        return embed_matrix(embedder, texts)
    digest = hashlib.sha256("\n".join([embedder.model_name, *texts]).encode()).hexdigest()[:16]
    path = vector_cache() / f"meaning-{task}-{digest}.npy"
    try:
        cached: Floats = np.load(path).astype(np.float32)
        if cached.shape[0] == len(texts):
            return cached
    except (OSError, ValueError):
        pass
    matrix = embed_matrix(embedder, texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp.npy")
        np.save(tmp, matrix)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only environment just embeds again next time
        log.info("could not cache exemplar vectors: %s", exc)
    return matrix


class Meaning:
    """The embedder for meaning checks and the three detectors built on it, once.

    `shares_memory_vectors` is True when the embedder is the memory's own: the inbound checks
    then reuse the fan message's query vector instead of embedding it twice.
    """

    TASKS = ("care", "identity", "claims")

    def __init__(
        self,
        embedder: TextEmbedder | None,
        *,
        shares_memory_vectors: bool = False,
        thresholds: dict[str, dict[str, Threshold]] | None = None,
    ) -> None:
        self.embedder = embedder
        self.shares_memory_vectors = shares_memory_vectors and embedder is not None
        measured = read_thresholds() if thresholds is None else thresholds
        self._measured = measured
        self._recent: dict[str, Floats] = {}
        self._recent_lock = threading.Lock()
        self.detectors: dict[str, Detector] = {}
        if embedder is None:
            return
        for task in self.TASKS:
            threshold = measured.get(task, {}).get(embedder.model_name)
            if threshold is None:
                log.info(
                    "meaning check %r has no threshold measured for %s: patterns only",
                    task,
                    embedder.model_name,
                )
                continue
            self.detectors[task] = Detector(task, bank_for(task, embedder), threshold, embedder)

    @property
    def _measured_here(self) -> bool:
        name = self.embedder.model_name if self.embedder is not None else ""
        return any(name in by_model for by_model in self._measured.values())

    @property
    def model_name(self) -> str:
        return self.embedder.model_name if self.embedder is not None else "off"

    def detector(self, task: str) -> Detector | None:
        return self.detectors.get(task)

    def enabled(self, task: str) -> bool:
        """True if `task` has a measured threshold for this embedder (else: patterns only)."""
        return task in self.detectors or (
            task not in self.TASKS and self.threshold(task) is not None
        )

    def threshold(self, task: str) -> Threshold | None:
        """The threshold measured for `task` on this embedder, if any."""
        if self.embedder is None:
            return None
        return self._measured.get(task, {}).get(self.embedder.model_name)

    def vectors(self, texts: Sequence[str]) -> Floats | None:
        """Embed texts for these checks (None when meaning checks are off).

        Outgoing sentences are asked for by three checks (honesty, privacy, claims) in one
        turn, so the last few hundred are kept; they are the clone's own words, never a fan's
        message. Safe from several threads (the claim check embeds off the event loop).
        """
        if self.embedder is None or not self._measured_here or not texts:
            return None
        with self._recent_lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._recent]
        if missing:
            made = embed_matrix(self.embedder, missing)
            with self._recent_lock:
                for t, v in zip(missing, made, strict=True):
                    self._recent[t] = v
                while len(self._recent) > 512:
                    self._recent.pop(next(iter(self._recent)))
        with self._recent_lock:
            found = [self._recent.get(t) for t in texts]
        if any(v is None for v in found):  # pushed out meanwhile by a burst of other texts
            return embed_matrix(self.embedder, list(texts))
        return np.stack([v for v in found if v is not None])

    def forget(self) -> None:
        """Drop the texts' vectors held in this process: the outgoing sentences kept here and
        the embedder's own recent texts (fans' messages among them), after a forget."""
        with self._recent_lock:
            self._recent.clear()
        forget = getattr(self.embedder, "forget", None)
        if forget is not None:
            forget()

    def warm(self) -> None:
        """Pay the checks' first-use costs now, before any turn (blocking: call it off the loop).

        Each detector's probe is trained on first use, on the event loop of the turn that asked:
        the care probe (791 exemplars) took 5.7-9.6 s on a loaded 2-core machine, stalling every
        turn and every platform connection of the process (1,869 exemplars since the dev sets
        joined: 4-16 s cold under load, so a trained probe is kept on disk and loaded after the
        first build). The model's first run allocates.
        """
        for found in self.detectors.values():
            if found.threshold is not None and found.threshold.k == 0:
                _ = found.bank.probe
        if self.embeds_text and self.embedder is not None:
            embed_matrix(self.embedder, ["Warming up before the first fan."])

    def embed_now(self, texts: Sequence[str]) -> Floats | None:
        """Texts embedded here and now, kept nowhere: a persona's own lines, embedded once by
        the check that holds them (None when meaning checks are off)."""
        if self.embedder is None or not self._measured_here:
            return None
        return embed_matrix(self.embedder, list(texts))

    @property
    def embeds_text(self) -> bool:
        """True if `vectors` and `embed` answer (a measured, non-hash embedder)."""
        return self.embedder is not None and self._measured_here

    async def sentence_vectors(self, texts: list[str]) -> Floats:
        """`vectors`, off the event loop: outgoing sentences, shared between the checks."""
        found = await run_model(self.vectors, texts)
        if found is None:
            raise RuntimeError("meaning checks are off: no embedder to embed with")
        return found

    async def embed(self, texts: list[str]) -> Floats:
        """Texts embedded with this embedder, off the event loop, not kept here (sources; the
        embedder may keep its last texts, see core/memory/recent_vectors.py)."""
        if self.embedder is None:
            raise RuntimeError("meaning checks are off: no embedder to embed with")
        return await run_model(embed_matrix, self.embedder, texts)

    async def embed_one(
        self, text: str, shared: Callable[[str], Awaitable[list[float]]] | None = None
    ) -> Floats | None:
        """One message's vector: the memory's own (`shared`, cached there for the brain's
        recall) when it is the same embedder, else this embedder's, off the event loop."""
        if self.embedder is None or not self.detectors:
            return None
        if self.shares_memory_vectors and shared is not None:
            return np.asarray(await shared(text), dtype=np.float32)
        matrix: Floats = await run_model(embed_matrix, self.embedder, [text])
        row: Floats = matrix[0]
        return row

    def nearest_lang(self, task: str, vector: Floats | Sequence[float] | None) -> str:
        """The language of the exemplars nearest in meaning, matched or not ("" if off)."""
        found = self.detectors.get(task)
        if found is None or vector is None:
            return ""
        v = np.asarray(vector, dtype=np.float32)
        if v.shape[0] != found.bank.matrix.shape[1]:
            return ""
        sims = found.bank.matrix @ v
        return found.bank.exemplars[int(np.argmax(sims))].lang

    def match(
        self, task: str, vector: Floats | Sequence[float] | None, score: float | None = None
    ) -> Match | None:
        found = self.detectors.get(task)
        return found.match(vector, score) if found is not None else None


OFF = Meaning(None)
