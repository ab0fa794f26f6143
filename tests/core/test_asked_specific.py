"""A question asking for a name or a number is answered only by a text that carries one."""

from __future__ import annotations

import pytest

from core.brain.asked_specific import asked_specific, carries_specific

TEACHER = (
    "Before baking full-time I taught chemistry at a secondary school for eight years; "
    "I left teaching in 2018."
)
CLOSED = (
    "I closed the bread subscriptions in September 2023 to focus on teaching and videos; "
    "the Saturday market stall carries on."
)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which school did you teach chemistry at?", "name"),
        ("What school did you go to?", "name"),
        ("What is your cat called?", "name"),
        ("Where do you live?", "name"),
        ("When did you stop teaching?", "number"),
        ("How many years did you teach?", "number"),
        ("What temperature do you bake at?", "number"),
        ("Did you use to teach?", None),
        ("What do you teach?", None),
    ],
)
def test_the_specific_a_question_asks_for(question: str, kind: str | None) -> None:
    assert asked_specific(question) == kind


def test_a_fact_without_the_name_asked_for_does_not_answer_which() -> None:
    # "Saturday" and "September" are a day and a month, not the school's name.
    assert not carries_specific("Which school did you teach chemistry at?", TEACHER)
    assert not carries_specific("Which school did you teach chemistry at?", CLOSED)
    assert carries_specific("Which school did you teach at?", "I taught at Hillcrest Academy.")
    # A name the question already holds is no answer to it.
    assert not carries_specific("Which part of London do you live in?", "I live in London.")


def test_numbers_answer_when_and_how_many_and_any_fact_answers_a_yes_no_question() -> None:
    assert carries_specific("When did you stop teaching?", TEACHER)
    assert carries_specific("How many years did you teach?", TEACHER)
    assert not carries_specific("How long did you teach?", "I taught chemistry at a school.")
    assert carries_specific("Did you use to teach?", TEACHER)
