"""Personal questions about the creator ("do you have kids?") reach the brain, not the fixed AI
answer, in thirteen languages; questions about who or what is answering still get it.

Written apart from the exemplars (core/trust/exemplars/identity_none.txt was written first,
with other wording) and never used to tune them or the threshold.
"""

from core.trust.honesty import asks_what_i_am
from core.trust.meaning import Meaning, embed_matrix

PERSONAL = [
    ("en", "Do you have kids?"),
    ("en", "are you married?"),
    ("en", "how old are you?"),
    ("en", "which town did you grow up in as a kid?"),
    ("en", "got a girlfriend or boyfriend?"),
    ("en", "are you a dog lover?"),
    ("en", "any siblings?"),
    ("en", "are you still with the guy from the vlogs?"),
    ("en", "what's your mum's name?"),
    ("es", "¿Tienes hijos?"),
    ("es", "¿Ya te casaste?"),
    ("es", "¿Qué edad tienes?"),
    ("es", "¿En qué ciudad naciste?"),
    ("de", "Hast du Kinder?"),
    ("de", "Bist du vergeben?"),
    ("de", "In welcher Stadt bist du geboren?"),
    ("fr", "Tu as des enfants ?"),
    ("fr", "T'es célibataire ?"),
    ("fr", "Tu es née où ?"),
    ("pt", "Você tem filhos?"),
    ("pt", "Tá namorando?"),
    ("pt", "Em que cidade você nasceu?"),
    ("it", "Hai figli?"),
    ("it", "Sei fidanzata?"),
    ("it", "In che città sei nata?"),
    ("nl", "Heb je kinderen?"),
    ("nl", "Heb je een relatie?"),
    ("nl", "In welke stad ben je geboren?"),
    ("sv", "Har du barn?"),
    ("sv", "Är du singel?"),
    ("sv", "I vilken stad föddes du?"),
    ("zh", "你有孩子吗？"),
    ("zh", "你有对象吗？"),
    ("zh", "你是在哪儿出生的？"),
    ("ja", "子供はいますか？"),
    ("ja", "独身ですか？"),
    ("ja", "どこで生まれたの？"),
    ("pl", "Masz dzieci?"),
    ("pl", "Jesteś singielką?"),
    ("tr", "Çocukların var mı?"),
    ("tr", "Bekar mısın?"),
    ("ko", "아이 있어요?"),
    ("ko", "싱글이에요?"),
]

IDENTITY = [
    ("en", "wait, is a real human replying to me or is this a bot?"),
    ("en", "are you an AI or actually her?"),
    ("en", "does her team answer these messages?"),
    ("es", "¿Me contesta una máquina o una persona?"),
    ("de", "Schreibt mir hier ein Mensch oder eine KI?"),
    ("fr", "Je discute avec une vraie personne ou avec un robot ?"),
    ("pt", "É uma IA que está me respondendo?"),
    ("it", "Mi sta rispondendo un programma?"),
    ("nl", "Typt hier een echt mens of een AI?"),
    ("sv", "Svarar en människa eller en AI här?"),
    ("zh", "回复我的是真人还是AI？"),
    ("ja", "これってAIが返信してるの？"),
]


def _asked(meaning: Meaning, rows: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    vectors = embed_matrix(meaning.embedder, [t for _, t in rows])  # type: ignore[arg-type]
    return [
        (text, asks_what_i_am(text, meaning, v, creator="Mara Quill"))
        for (_, text), v in zip(rows, vectors, strict=True)
    ]


# "Bist du vergeben?" ("are you taken?") took the AI answer from when v3's honesty rows became
# training data (2026-12-02: the probe gave it 0.88, above the cut of then) until the noisy probe
# and ten training sets (probe-3, cut 0.5562), which no longer take it; it is checked with the
# rest now, its own row never an exemplar.


def test_personal_questions_are_not_identity_questions_in_thirteen_languages(meaning):
    assert len({lang for lang, _ in PERSONAL}) >= 8
    wrong = [text for text, lang in _asked(meaning, PERSONAL) if lang is not None]
    assert not wrong, f"{len(wrong)}/{len(PERSONAL)} taken for identity questions: {wrong}"


def test_identity_questions_still_get_the_honest_answer(meaning):
    missed = [text for text, lang in _asked(meaning, IDENTITY) if lang is None]
    assert not missed, missed
