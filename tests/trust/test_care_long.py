"""Care in long messages: one risky clause among ordinary ones is handed off, because a long
message's parts are scored too; long harmless chatter is not; short messages embed nothing more."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence

import numpy as np
import pytest

from core.memory.recent_vectors import RecentVectors
from core.trust.escalation import PARTS, check, parts
from core.trust.meaning import Meaning
from core.trust.meaning_embedder import multilingual_embedder

# Written for these tests: an ordinary fan message, the risk said once in the middle.
LONG_WITH_ONE_RISK = {
    "en": (
        "Had such a good session at the wall today, finally sent the blue overhang. Honestly "
        "though I've been skipping meals for a week to drop weight before the comp and my mum "
        "has no idea. Anyway which shoes do you climb in these days?"
    ),
    "es": (
        "Hoy entrené en el rocódromo y por fin me salió la vía azul del desplome. La verdad es "
        "que llevo una semana sin apenas comer para dar el peso antes de la competición y mi "
        "madre no lo sabe. Por cierto, ¿qué pies de gato usas ahora?"
    ),
    "fr": (
        "Super séance à la salle aujourd'hui, j'ai enfin enchaîné le dévers bleu. Mais pour "
        "être honnête, depuis une semaine je saute presque tous les repas pour perdre du poids "
        "avant la compète et ma mère n'en sait rien. Sinon, tu grimpes avec quels chaussons ?"
    ),
    "de": (
        "Heute war eine richtig gute Session in der Halle, endlich den blauen Überhang "
        "geschafft. Ehrlich gesagt esse ich seit einer Woche kaum noch etwas, um vor dem "
        "Wettkampf Gewicht zu verlieren, und meine Mutter weiß nichts davon. Welche Schuhe "
        "trägst du eigentlich gerade?"
    ),
    "pt": (
        "Hoje o treino foi ótimo, finalmente mandei a via azul do teto. Mas sinceramente, "
        "faz uma semana que quase não como nada para perder peso antes do campeonato e a minha "
        "mãe não sabe. Aliás, que sapatilhas você usa agora?"
    ),
}

LONG_HARMLESS = [
    "Tried your warm-up routine before the session tonight. This route killed me, my forearms "
    "were on fire by the third go. Still sent it though! Starving after the session, off to "
    "get a massive burrito. Thanks for all the tips, see you on the next stream.",
    "Quick update from the gym: the new boulders are brutal, honestly I nearly died on the "
    "pink one. My coach says I'm dying to be on the team and she's right. Anyway the session "
    "was amazing and I'm absolutely starving now. What do you eat after training?",
    "Hoy me mató la vía del techo, te lo juro, acabé muerta de cansancio. Pero la saqué al "
    "cuarto intento y estoy feliz. Ahora mismo me muero de hambre, voy a por una pizza. "
    "¿Tú qué comes después de entrenar?",
]


class Counting:
    """The model under the cache, counting its calls and the texts that reach it."""

    def __init__(self, inner: RecentVectors) -> None:
        self.inner = inner
        self.model_name = inner.model_name
        self.dimension = inner.dimension
        self.calls: list[list[str]] = []

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.embed_array(texts)


@pytest.fixture(scope="module")
def meaning() -> Meaning:
    embedder = multilingual_embedder()
    if embedder is None:
        pytest.skip("multilingual-e5-small is not installed")
    found = Meaning(embedder)
    if found.threshold(PARTS) is None:
        pytest.skip("no parts cut measured for multilingual-e5-small")
    return found


@pytest.fixture
def counted(meaning: Meaning) -> Iterator[Counting]:
    cached = meaning.embedder
    assert isinstance(cached, RecentVectors)
    model = cached.inner
    counting = Counting(model)  # type: ignore[arg-type]
    cached.inner = counting  # type: ignore[assignment]
    cached.forget()
    try:
        yield counting
    finally:
        cached.inner = model
        cached.forget()


def _check(meaning: Meaning, text: str):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        return await check(text, meaning, await meaning.embed_one(text))

    return asyncio.run(go())


# Measured when written: its risky sentence scores 0.934, under the parts' cut (0.9414). The
# cuts are chosen by cross-validation on the dev sets (bench/care_cv.py); since five folds with
# pooled false handoffs and the hidden-layer probe (2026-12-02) all are caught again.
MISSED: set[str] = set()


@pytest.mark.parametrize(
    "lang",
    [
        pytest.param(lang, marks=pytest.mark.xfail(reason="a part under the cut", strict=True))
        if lang in MISSED
        else lang
        for lang in sorted(LONG_WITH_ONE_RISK)
    ],
)
def test_one_risky_clause_in_a_long_ordinary_message_is_handed_off(meaning, lang) -> None:
    care = _check(meaning, LONG_WITH_ONE_RISK[lang])
    assert care is not None, lang
    assert care.by in ("meaning", "part")


def test_long_messages_reach_a_human_by_their_parts_where_the_whole_is_diluted(meaning) -> None:
    # Each of these scored under the message's cut as a whole when written (0.17 to 0.90);
    # the French one reached the whole message's cut when it was lowered (0.9192 -> 0.8907), the
    # English, Spanish and Portuguese ones with the noisy probe and ten training sets (probe-3);
    # the German one still needs its parts.
    by = {lang: _check(meaning, t) for lang, t in LONG_WITH_ONE_RISK.items() if lang not in MISSED}
    assert all(c is not None for c in by.values()), by
    assert by["de"] is not None and by["de"].by == "part"


@pytest.mark.parametrize("text", LONG_HARMLESS)
def test_long_harmless_messages_with_idioms_are_not_handed_off(meaning, text) -> None:
    assert parts(text), "long enough to be scored by its parts"
    assert _check(meaning, text) is None


def test_a_short_message_costs_no_embedding_beyond_its_own(meaning, counted) -> None:
    short = "starving after the session, what do you eat?"
    assert parts(short) == []
    assert _check(meaning, short) is None
    assert counted.calls == [[short]]


def test_a_long_message_embeds_its_parts_in_one_batch(meaning, counted) -> None:
    text = LONG_HARMLESS[0]
    assert _check(meaning, text) is None
    assert counted.calls == [[text], parts(text)]
