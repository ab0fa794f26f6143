"""Her style measured from her replies: concrete numbers in the prompt, generated text trimmed
to her range (whole sentences and surplus emoji only), her own words never trimmed."""

from __future__ import annotations

from bots.bootstrap import measure_style
from core.brain.style import measure, sentences
from core.persona.bot import load_bot
from tests.fakes.llms import ScriptedLLM
from tests.scenario.harness import EXAMPLE, make_chat


def test_the_example_profile_is_measured_from_her_replies() -> None:
    profile = measure_style(load_bot(EXAMPLE), EXAMPLE)
    assert profile is not None and profile.replies > 50
    assert 1 <= profile.sentences_p50 <= profile.sentences_p90 <= 4
    assert profile.emoji_max <= 1 and profile.emoji_share < 0.3
    assert profile.spelling == "British"
    lines = profile.prompt_lines()
    assert f"at most {profile.sentences_p90}" in lines and "British" in lines


def test_too_few_replies_measure_nothing_and_trim_keeps_whole_sentences() -> None:
    assert measure(["hi", "yes"]) is None
    chatty = measure(["Yes! 😀😀 Love it.", "Sure 😀😀.", "Nope.", "Ha 😀😀!", "Ok 😀😀."])
    assert chatty is not None and chatty.emoji_max == 2
    quiet = measure(["Yes.", "No.", "Maybe later.", "Tuesday at five.", "Rye, always."])
    assert quiet is not None and quiet.emoji_max == 0
    long = "It is 75% [1]. Fold it twice 🍞. Bake hot. Cool it. Slice it."
    trimmed = quiet.trim(long)
    assert trimmed == "It is 75% [1]. Fold it twice ."
    assert all(s in long for s in sentences(trimmed.replace(" .", " 🍞.")))


def test_trim_takes_surplus_emoji_but_never_a_unit_or_a_sign() -> None:
    quiet = measure(["Yes.", "No.", "Maybe later.", "Tuesday at five.", "Rye, always."])
    assert quiet is not None and quiet.emoji_max == 0
    text = "Bake at 200 °C ☀️ then 45 ℃ ✂. Quill & Crumb™ © 2023 №5 🍞❤"
    trimmed = quiet.trim(text)
    for kept in ("200 °C", "45 ℃", "™", "©", "№5"):
        assert kept in trimmed, kept
    for gone in ("☀", "✂", "🍞", "❤", "\ufe0f"):
        assert gone not in trimmed, gone


async def test_her_numbers_reach_the_prompt_of_a_real_turn() -> None:
    llm = ScriptedLLM(["Rye, always [1]."])
    chat = await make_chat(llm)
    style = chat.clone.brain.style
    assert style is not None
    await chat.text("which flour do you like for rye bread?")
    system = str(llm.calls[-1][0].content)
    assert style.prompt_lines() in system and "British spelling" in system
