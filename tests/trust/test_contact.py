"""Model output never hands out contact details or invitations to meet (like foreign links)."""

import pytest

from core.trust.sanitize import sanitize_model_text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Come to my flat on Friday for a free session! Rye is great.", "flat"),
        ("Text me on 07700 900461 and we'll sort it.", "07700"),
        ("Call +44 20 7946 0958 or (555) 123-4567.", "7946"),
        ("Email me at private.lessons@mailbox.example for details.", "mailbox.example"),
        ("I live at 14 Larch Crescent in Harrogate.", "Larch Crescent"),
        ("Visit me at 12 Rua das Flores any Saturday!", "Rua das Flores"),
        ("My postcode is BA1 2AB.", "BA1 2AB"),
        ("Let’s meet up after the market, just us.", "meet"),
        ("Komm doch vorbei, ich wohne gleich um die Ecke.", "vorbei"),
        ("Ven a mi casa el sábado.", "casa"),
        ("Kom gerust langs bij mij thuis, dan bakken we samen.", "langs"),
        ("Zullen we afspreken na de markt? Bel me even.", "afspreken"),
        ("Kom hem till mig på lördag så bakar vi.", "till mig"),
        ("Ska vi ses efter marknaden? Ring mig!", "ses"),
        ("周末来我家一起做面包吧！", "我家"),
        ("我们见面聊吧，加我微信。", "微信"),
        ("今度うちに来てパンを焼きましょう。", "うち"),
        ("直接会って話しましょう！電話してね。", "会"),
    ],
)
def test_contact_details_and_invitations_are_removed(text, gone):
    assert gone.lower() not in sanitize_model_text(text).lower()


@pytest.mark.parametrize(
    "text",
    [
        "Bake at 250 °C for 20 minutes, ratio 1:5:5, 12.5–13% protein.",
        "Videos go up every Tuesday at 17:00 UK time.",
        "I opened Quill & Crumb in March 2019 and closed subscriptions in 2023.",
        "Come to the Saturday market stall, 9 till 1.",
        "Makes one loaf (about 900 g) with 350 g flour and 375 g water.",
        "Kom naar de markt op zaterdag, van 9 tot 1.",
        "Vi ses på marknaden på lördag!",
        "我每周喂一次酵种。",
        "パンは250度で焼きます。",
    ],
)
def test_recipes_times_and_public_events_stay(text):
    assert sanitize_model_text(text) == text


def test_an_address_at_an_allowed_host_stays():
    text = "Write to hello@maraquill.example for press."
    assert sanitize_model_text(text, allowed_hosts=["maraquill.example"]) == text
    assert "hello@" not in sanitize_model_text(text)
