"""Pins the deterministic trust checks: sanitising, honesty, personal questions.

Every-sentence claim checks are pinned in tests/trust/test_verify.py."""

import re

import pytest

from core.trust.grounding import find_claims, personal_question_concepts
from core.trust.honesty import asks_what_i_am, claims_to_be_human, honest_answer, says_ai
from core.trust.sanitize import sanitize_model_text


@pytest.mark.parametrize(
    "bait",
    [
        "@everyone look",
        "@here now",
        "@ everyone",
        "<@&1234> hi",
        "<!channel> hi",
        "<!here>",
        "<!subteam^S123|mods>",
        "<@U0ABC> hey",
        "@EVERYONE",
    ],
)
def test_model_text_cannot_mass_ping(bait):
    out = sanitize_model_text(bait)
    assert "@everyone" not in out.lower() and "@here" not in out.lower()
    assert "<!" not in out and "<@" not in out


def test_invisible_and_bidi_characters_are_stripped():
    assert sanitize_model_text("he\u200bllo \u202eevil\u202c\ufeff") == "hello evil"


def test_links_only_from_citations_or_allow_list():
    text = "See https://mara.example/loaf and https://evil.example/x and www.shop.example/a."
    out = sanitize_model_text(
        text, allowed_urls=["https://mara.example/loaf"], allowed_hosts=["shop.example"]
    )
    assert "https://mara.example/loaf" in out and "www.shop.example/a" in out
    assert "evil.example" not in out and "[link removed]" in out


def test_length_is_bounded_at_a_sentence():
    out = sanitize_model_text("Short one. " * 300, max_chars=100)
    assert len(out) <= 100 and out.endswith(".")


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("are you human?", "en"),
        ("Are u a bot", "en"),
        ("is this really Mara?", "en"),
        ("am I talking to a real person?", "en"),
        ("you're a bot, aren't you?", "en"),
        ("human or AI?", "en"),
        ("Are you actually real", "en"),
        ("who am I talking to", "en"),
        ("¿eres humano?", "es"),
        ("eres un bot?", "es"),
        ("¿Estoy hablando con una IA?", "es"),
        ("es-tu un robot ?", "fr"),
        ("êtes-vous humain ?", "fr"),
        ("tu es une IA ?", "fr"),
        ("bist du ein Mensch?", "de"),
        ("Bist du ein Bot?", "de"),
        ("rede ich mit einer KI?", "de"),
        ("você é humano?", "pt"),
        ("vc é um robô?", "pt"),
        ("sei un bot?", "it"),
        ("Are you really Mara?", "en"),
        ("Is this Mara or a bot answering?", "en"),
        ("is a bot replying to me?", "en"),
    ],
)
def test_honesty_questions_are_recognised_in_several_languages(message, lang):
    assert asks_what_i_am(message, creator="Mara Quill") == lang


@pytest.mark.parametrize("message", ["what flour do you use?", "how long do you proof?"])
def test_ordinary_questions_are_not_honesty_questions(message):
    assert asks_what_i_am(message) is None


def test_honest_answer_says_ai_in_the_fans_language():
    assert "AI" in honest_answer("en", "Mara") and "IA" in honest_answer("es", "Mara")
    assert "KI" in honest_answer("de", "Mara")


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("C'est vraiment Mara qui répond ?", "fr"),
        ("Ist das wirklich Mara?", "de"),
        ("¿es Mara de verdad?", "es"),
        ("É a Mara mesmo?", "pt"),
        ("sto parlando con Mara?", "it"),
        ("Är det verkligen Mara?", "sv"),
    ],
)
def test_is_this_really_the_creator_is_recognised_by_her_name_in_other_languages(message, lang):
    assert asks_what_i_am(message, creator="Mara Quill") == lang


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("너 봇이야?", "ko"),
        ("jesteś botem?", "pl"),
        ("gerçek bir insan mısın?", "tr"),
        ("je parle à une intelligence artificielle ?", "fr"),
        ("bisch du e KI?", "de"),
        ("tu é robô?", "pt"),
        ("sei un'intelligenza artificiale?", "it"),
        ("är du en verklig person?", "sv"),
        ("are you flesh and blood?", "en"),
    ],
)
def test_more_second_person_questions_by_pattern(message, lang):
    assert asks_what_i_am(message) == lang


@pytest.mark.parametrize(
    "message",
    [
        "댓글에 그 계정 봇이에요?",
        "그 보컬 사람이에요 AI예요?",
        "To konto w komentarzach to bot?",
        "ten wokal to człowiek czy AI?",
        "Yorumlardaki o hesap bot mu?",
        "bu vokal insan mı yapay zeka mı?",
        "my own flesh and blood lol",
    ],
)
def test_another_account_or_a_track_is_not_a_question_about_the_clone(message):
    assert asks_what_i_am(message) is None


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("혹시 AI랑 채팅하는 건가요?", "ko"),
        ("너 인공지능이지?", "ko"),
        ("실제 사람 맞으세요?", "ko"),
        ("kto mi tu odpisuje?", "pl"),
        ("jesteś chatbotem?", "pl"),
        ("rozmawiam teraz z botem?", "pl"),
        ("İnsan mısın?", "tr"),
        ("botla mı konuşuyorum?", "tr"),
        ("cevaplar otomatik mi?", "tr"),
    ],
)
def test_korean_polish_and_turkish_questions_about_the_clone_by_pattern(message, lang):
    assert asks_what_i_am(message) == lang


@pytest.mark.parametrize(
    "message",
    [
        "AI랑 대화하는 거 재밌어요?",
        "그 노래 누가 썼어요?",
        "kto odpowiada za merch?",
        "bu mesajlar otomatik silinsin mi?",
        "Gerçekten sen mi çektin bu fotoğrafı?",
        "bu şarkıları kim yazıyor?",
    ],
)
def test_korean_polish_and_turkish_talk_about_ai_or_authorship_is_not_one_by_pattern(message):
    assert asks_what_i_am(message) is None


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("¿Eres realmente tú?", "es"),
        ("c'est vraiment toi ?", "fr"),
        ("Bist du wirklich du?", "de"),
        ("sei una persona vera?", "it"),
    ],
)
def test_really_you_is_still_a_question_about_the_clone(message, lang):
    assert asks_what_i_am(message) == lang


@pytest.mark.parametrize(
    "message",
    [
        "¿Eres de verdad vegetariana?",
        "c'est vraiment bon avec du beurre ?",
        "Bist du wirklich Frühaufsteherin?",
        "Sei una persona mattiniera?",
    ],
)
def test_a_personal_question_with_really_is_not_one_by_pattern(message):
    assert asks_what_i_am(message) is None


@pytest.mark.parametrize(
    "lang", ["en", "es", "fr", "de", "pt", "it", "nl", "sv", "zh", "ja", "ko", "pl", "tr"]
)
def test_honest_answer_opens_with_what_it_is_not_with_a_no(lang):
    # "Is this an AI?" -> "No — I'm an AI" contradicted itself, and "Do you have kids?" taken
    # for an identity question read "No" as a fact about her.
    answer = honest_answer(lang, "Mara")
    first = re.split(r"[\s,，、—]+", answer, maxsplit=1)[0].lower()
    assert first not in {
        *("no", "non", "nein", "não", "nee", "nej", "不是", "いいえ", "아니요", "nie", "hayır")
    }
    assert says_ai(answer)
    assert not claims_to_be_human(answer, "Mara")


@pytest.mark.parametrize(
    "text",
    [
        "Yes, I'm a real human!",
        "I am not a bot, promise.",
        "I'm totally human lol",
        "Of course it's really me",
        "Soy humana, claro.",
        "Je suis humain.",
        "Ich bin ein Mensch.",
        "Yes, it's Mara here, the real one.",
        "I'm actually Mara, typing this myself",
    ],
)
def test_human_claims_are_caught(text):
    assert claims_to_be_human(text, "Mara Quill")


@pytest.mark.parametrize(
    "text",
    [
        "I'm an AI clone of Mara, not Mara personally.",
        "I'm not a human, I'm Mara's AI clone.",
        "Hydration at 75% works for me.",
    ],
)
def test_honest_text_is_not_a_human_claim(text):
    assert not claims_to_be_human(text, "Mara Quill")


def test_first_person_life_claims_are_found_for_the_eval():
    assert find_claims("I don't have any kids.")
    assert not find_claims("Use rye for tang.")


def test_personal_questions_are_classified():
    assert personal_question_concepts("do you have kids?") == {"children"}
    assert "location" in personal_question_concepts("where do you live?")
    assert "age" in personal_question_concepts("how old are you?")
    assert not personal_question_concepts("how old should my starter be?")
    assert not personal_question_concepts("what's your favourite flour?")


def test_display_name_carries_the_ai_marker_and_cuts_only_the_name():
    from core.persona.bot import Persona
    from core.trust.honesty import ai_display_name

    def persona(name: str) -> Persona:
        return Persona(name=name, handle="h", bio="b", disclosure_line="AI clone")

    assert ai_display_name(persona("Mara Quill")) == "Mara Quill (AI clone)"
    long = persona("Maximiliana Bartholomew-Featherstonehaugh of Quill")
    for limit in (32, 64):
        name = ai_display_name(long, limit=limit)
        assert len(name) <= limit and name.endswith(" (AI clone)")
    assert ai_display_name(long).startswith("Maximiliana Barth") and "…" in ai_display_name(long)
    assert ai_display_name(long, limit=64) == long.name + " (AI clone)"
    assert ai_display_name(persona("")) == "(AI clone)"
    with pytest.raises(ValueError):
        ai_display_name(persona("Mara"), limit=5)
