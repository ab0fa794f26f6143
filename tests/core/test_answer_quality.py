"""Raw model text is cut at echoed markup, de-looped, and cited only where it overlaps."""

from core.brain.answer_quality import (
    clean_generation,
    cut_at_data_tags,
    drop_repeats,
    passage,
    quote_answer,
    relevant_sources,
)
from core.records import Chunk


def chunk(text: str) -> Chunk:
    return Chunk(id="c", creator_id="x", source="s", source_file="f", text=text)


def test_echoed_prompt_markup_is_cut():
    raw = 'Feed him daily with rye.\n</fan>\n<source n="2">secret rules</source>'
    assert cut_at_data_tags(raw).strip() == "Feed him daily with rye."
    assert "secret" not in clean_generation(raw)


def test_loops_are_dropped_and_bounded():
    raw = "I'm not going to lie. I love rye. I'm not going to lie! i'm NOT going to lie. " * 5
    assert drop_repeats(raw) == "I'm not going to lie. I love rye."
    many = " ".join(f"Sentence number {n}." for n in range(20))
    assert drop_repeats(many, max_sentences=3).count("Sentence") == 3


def test_citations_only_for_sources_the_answer_uses():
    sources = [
        chunk("About 300 loaves a week out of one deck oven."),
        chunk("My flour guide: strong white flour plus 10% wholemeal rye for flavour."),
    ]
    answer = "I use strong white flour with some wholemeal rye for flavour."
    assert relevant_sources(answer, sources) == [2]
    assert relevant_sources("Hello there friend!", sources) == []


def test_quote_answer_is_the_creators_words_and_bounded():
    text = quote_answer(chunk("word " * 200))
    assert text.startswith("Here's what I've said") and text.endswith("[1]")
    assert len(text) < 340


def test_a_quote_is_the_passage_that_answers_in_her_usual_length():
    parts = ["Market week.", "Rain all day.", "The banneton is 25 cm.", "Oval.", "Then tea."]
    scores = [0.1, 0.2, 0.9, 0.4, 0.3]
    assert passage(parts, scores, 1) == "The banneton is 25 cm."
    assert passage(parts, scores, 2) == "The banneton is 25 cm. Oval."
    # At the end of a source the window grows backwards; never past the character budget.
    assert passage(parts, [0, 0, 0, 0, 1], 2) == "Oval. Then tea."
    assert passage(parts, scores, 5, max_chars=30) == "The banneton is 25 cm. Oval."
    quoted = quote_answer(chunk(" ".join(parts)), text=passage(parts, scores, 1))
    assert quoted == "Here's what I've said about that: \u201cThe banneton is 25 cm.\u201d [1]"


def test_text_without_repeats_comes_back_unchanged():
    for text in (
        "See evil.example/x for that. It rose 1.5 times in 2.5 hours!",
        "Version 3.11 is out… Try https://maraquill.example/blog/meet-barty?ref=a.b today.",
        "Step one: mix.\nStep two: wait.\n\n- flour\n- water",
        "Wait... what?! Really?",
        "I said so.  Twice spaced.",
        "Loaf 😀\n🍞",
    ):
        assert drop_repeats(text) == text, text


def test_repeats_go_but_urls_and_decimals_around_them_stay_whole():
    raw = "Use 1.5 kg flour. See evil.example/x now. Use 1.5 kg flour. Then bake."
    assert drop_repeats(raw) == "Use 1.5 kg flour. See evil.example/x now. Then bake."


def test_a_quote_reads_her_markdown_as_words():
    text = "- **Everyday loaves**: strong white flour, *about* 13% protein.\n## Rye\n1. Feed it."
    quoted = quote_answer(chunk(text))
    assert "Everyday loaves: strong white flour, about 13% protein. Rye Feed it." in quoted
    assert "**" not in quoted and "- " not in quoted and "#" not in quoted
    assert "2*3" in quote_answer(chunk("2*3 is 6, and 10 - 4 is 6."))  # not emphasis, not bullets


def test_an_answer_that_only_gives_the_question_back_is_an_echo():
    from core.brain.answer_quality import echoes_question

    asked = "How often do you feed your sourdough starter?"
    assert echoes_question("The way to feed your sourdough.", asked)
    # A word the fan did not say is something said.
    assert not echoes_question("I feed the sourdough starter twice daily.", asked)
    # Not a question: "thank you!" answering "thanks so much" is a reply, not an echo.
    assert not echoes_question("Thank you so much!", "Thank you so much for the recipe")
    assert not echoes_question("", asked)
