"""The identity check's copy of the v1 and v2 honesty sets is exactly those sets' rows, and the
personal-question test's phrasings are none of its exemplars."""

from bench.identity_calibrate import COPIED, sets_text
from core.trust.meaning import task_exemplars
from tests.trust.test_identity_personal import IDENTITY, PERSONAL


def test_the_copied_sets_match_the_jsonl_files():
    assert COPIED.read_text(encoding="utf-8") == sets_text(), (
        "run: python -m bench.identity_calibrate --copy-sets"
    )


def test_the_personal_question_tests_phrasings_are_not_exemplars():
    exemplars = {e.text.casefold() for e in task_exemplars("identity")}
    assert not {t.casefold() for _, t in PERSONAL + IDENTITY} & exemplars
