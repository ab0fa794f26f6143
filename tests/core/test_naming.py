"""Whether a group message names the clone: whole words in any script, never a substring."""

import pytest

from core.persona.naming import names_clone


@pytest.mark.parametrize(
    "text",
    [
        "Mara, how often do you feed the starter?",
        "what would mara say",
        "MARA!",
        "Mara's loaf looks great",
        "hey @maraquill",
        "ask Mara Quill about rye",
        "M\u0430ra, hello",  # Cyrillic a, looks Latin
        "Ma\u200bra are you there",  # a zero-width space hidden inside
    ],
)
def test_latin_name_as_a_word_names_the_clone(text: str) -> None:
    assert names_clone(text, "Mara Quill", "@maraquill")


@pytest.mark.parametrize(
    "text",
    ["I ran a marathon", "maraschino cherries", "Samara is lovely", "Amara said hi", ""],
)
def test_name_inside_another_word_does_not(text: str) -> None:
    assert not names_clone(text, "Mara Quill", "@maraquill")


def test_cyrillic_name_is_matched_as_a_word() -> None:
    assert names_clone("Мара, привет!", "Мара Квилл")
    assert not names_clone("я бегу марафон", "Мара Квилл")


def test_greek_and_arabic_names_are_matched_as_words() -> None:
    assert names_clone("γεια σου Μαρία", "Μαρία")
    assert not names_clone("Μαρίανα", "Μαρία")
    assert names_clone("مرحبا مريم كيف حالك", "مريم")


def test_cjk_names_have_no_word_boundaries_so_the_whole_name_is_looked_for() -> None:
    # Chinese and Japanese run words together: the full name anywhere names the clone.
    assert names_clone("王小明你好,今天做什么面包?", "王小明")
    assert names_clone("マラさん、こんにちは", "マラ")
    assert not names_clone("小明你好", "王小明")
    # One CJK character is too common to mean the clone.
    assert not names_clone("我很好", "好")


def test_korean_particles_attach_after_the_name() -> None:
    assert names_clone("마라야 안녕", "마라")
    assert not names_clone("우마라 안녕", "마라")


def test_thai_name_inside_unspaced_text() -> None:
    assert names_clone("สวัสดีมาราครับ", "มารา")


def test_combining_vowel_signs_continue_a_word() -> None:
    # Devanagari vowel signs are marks, not letters, to Python: "राम" is not named in "रामायण".
    assert names_clone("राम जी नमस्ते", "राम")
    assert not names_clone("रामायण पढ़ो", "राम")


def test_latin_name_inside_chinese_text_is_a_word() -> None:
    assert names_clone("Mara你好", "Mara Quill")
