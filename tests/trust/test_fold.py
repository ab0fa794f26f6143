"""Look-alike letters fold to Latin from Unicode TR39 data, not a hand list; CJK stays itself."""

import pytest

from core.text.fold import confusables, fold, fold_for_detection
from core.trust.honesty import claims_to_be_human
from core.trust.sanitize import sanitize_model_text


def test_the_table_comes_from_tr39_and_covers_more_than_cyrillic_and_greek():
    table = confusables()
    assert len(table) > 1000
    assert table[ord("а")] == "a" and table[ord("ο")] == "o"  # Cyrillic, Greek
    assert table[ord("օ")] == "o"  # Armenian, missing from the old hand list
    assert ord("人") not in table and ord("ロ") not in table


@pytest.mark.parametrize(
    "disguised",
    [
        "Yеs, I'm а rеаl humаn!",  # Cyrillic е, а
        "I'm totally humаn lօl",  # Armenian օ
        "Yes, I'm a ｒｅａｌ human!",  # full width (NFKC)
        "Yes, I'm a real h\u200bu\u200bman!",  # zero-width spaces
    ],
)
def test_a_human_claim_in_look_alike_letters_is_still_caught(disguised):
    assert claims_to_be_human(disguised, "Mara Quill")


def test_text_in_cjk_and_accented_latin_is_left_as_written():
    assert fold("你是机器人吗？ ロボットですか") == "你是机器人吗? ロボットですか"
    assert fold("Ñandú über café") == "Ñandú über café"


def test_output_sanitising_keeps_non_latin_letters_fans_wrote():
    assert sanitize_model_text("Привет, как дела?") == "Привет, как дела?"


def test_turkish_capital_dotted_i_folds_to_a_plain_i():
    # "İ".lower() is "i" plus a combining dot, which no word pattern matches.
    assert fold_for_detection("İNSAN MISIN? İyi misin?")[0] == "insan misin? iyi misin?"
