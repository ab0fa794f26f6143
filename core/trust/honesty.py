"""Honesty: "are you human / a bot / really her?" by meaning and patterns in ten languages, and a
last check that every statement in outgoing text about who or what is speaking says AI."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from core.persona.bot import Persona
from core.text.fold import any_of, fold, fold_for_detection
from core.trust.language import LANGUAGES, guess_language, language_of
from core.trust.meaning import Floats, Meaning
from core.trust.sentences import bare_sentences

# Questions about what the clone is. Each pattern maps to the language we answer in.
_QUESTIONS: dict[str, tuple[str, ...]] = {
    "en": (
        r"\bare (you|u|ya) (a |an |really |actually |even |the )*"
        r"(human|person|real|bot|robot|ai|a\.i\.|machine|program|chatbot|automated|alive)\b",
        r"\b(is|am) (this|it|i) (really |actually |even )*(talking|chatting|speaking) (to|with) "
        r"(a |an |the )*(real|human|bot|robot|ai|person)",
        r"\b(is|am) (this|it|i) (really |actually |even )*(a |an )(human|bot|robot|ai|person)\b",
        r"\bis (this|it) (really |actually )?real\W*$",
        r"\bis this (really |actually |even )+(you|her|him|she|he|a |an |human|person|real)\b",
        r"\bam i (talking|chatting|speaking) (to|with) (a |an |the )*"
        r"(real|human|bot|ai|robot|person)",
        r"\b(you|u)('re| are) (a |an |just |only )*(bot|ai|robot|human|real person|machine)\b\??",
        r"\bhuman or (a |an )?(bot|ai|robot|machine)\b",
        r"\b(is|am) (this|it|i) \w+( \w+)? or (a |an )?(bot|ai|robot|machine|clone)\b",
        r"\b(is|are) (a |an )?(bot|ai|robot|machine|clone) (answering|replying|writing|talking)",
        r"\b(bot|ai|robot) or (a )?(human|person|real)\b",
        r"\bis (this|that) (really )?(you|her|him)\b",
        r"\bwho am i (talking|speaking|chatting) (to|with)\b",
        r"\bare you (really|actually) (a |an )?(human|person|real|bot|ai|her|him|she|he)\b",
    ),
    "es": (
        r"\b(eres|es usted|sos) (un |una |de verdad |realmente |real )*"
        r"(humano|humana|persona|real|bot|robot|ia|máquina|maquina|programa)\b",
        r"\b(hablo|estoy hablando) con (un |una )*(bot|robot|ia|humano|persona real)",
        # "¿eres realmente tú?", not "¿de verdad eres vegetariana?" (a personal question)
        r"\b(eres|es) (realmente|de verdad) (tú|tu|usted|ella|él|el|humano|humana|real|"
        r"una persona|un bot|una ia|un robot|una máquina|una maquina|un programa)\b",
    ),
    "fr": (
        r"\b(es[- ]tu|êtes[- ]vous|t'es|tu es|vous êtes) (un |une |vraiment |réellement )*"
        r"(humain|humaine|personne|réel|réelle|bot|robot|ia|machine|vrai|vraie|programme)\b",
        r"\b(je parle|est-ce que je parle) (à|avec) (un |une )*"
        r"(bot|robot|ia|humain|vraie personne)",
        r"\bc'est (vraiment|bien|réellement) (toi|vous|elle|lui|un humain|une humaine|"
        r"une (vraie )?personne|un bot|un robot|une ia|une machine|un programme|humain|réel)\b",
    ),
    "de": (
        r"\b(bist du|sind sie) (ein |eine |wirklich |echt |tatsächlich )*"
        r"(mensch|bot|roboter|ki|maschine|echt|real|programm|künstliche intelligenz)\b",
        r"\b(rede|spreche|chatte) ich (mit|gerade mit) (einem |einer )*(bot|ki|mensch|roboter)",
        # "bist du wirklich du?", not "bist du wirklich Vegetarierin?" (a personal question)
        r"\bbist du (wirklich|echt|tatsächlich) (du|sie|es|er|selbst|echt|real|menschlich|"
        r"ein mensch|eine ki|ein bot|ein roboter|eine maschine|ein programm|eine (echte )?person|"
        r"ein echter mensch)\b",
    ),
    "pt": (
        r"\b(você é|voce é|vc é|és|tu és|você e) (um |uma |mesmo |realmente |de verdade )*"
        r"(humano|humana|pessoa|real|bot|robô|robo|ia|máquina|maquina|programa)\b",
        r"\b(estou falando|falo) com (um |uma )*(bot|robô|ia|humano|pessoa real)",
    ),
    "it": (
        r"\b(sei|è lei) (un |una |davvero |veramente )*"
        r"(umano|umana|reale|bot|robot|ia|macchina|programma)\b",
        # "sei una persona (vera)?", not "sei una persona mattiniera?"
        r"\b(sei|è lei) (una |davvero |veramente )*persona( reale| vera| in carne e ossa)?"
        r"\s*([?!.,]|$|o |oppure )",
        r"\b(sto parlando|parlo) con (un |una )*(bot|robot|ia|umano|persona reale)",
    ),
    "nl": (
        r"\b(ben je|ben jij|bent u) (een |echt |wel )*"
        r"(mens|bot|robot|ai|machine|echt|programma|kunstmatige intelligentie)\b",
        r"\b(praat|chat) ik (met|tegen) (een |de )*(bot|ai|mens|robot|echt persoon)",
    ),
    "sv": (
        r"\b(är du|är ni) (en |ett |verkligen |på riktigt )*"
        r"(människa|bot|robot|ai|maskin|riktig|program)\b",
        r"\b(pratar|chattar) jag med (en |ett )*(bot|ai|människa|robot|riktig person)",
    ),
    "zh": (
        r"(你|您)是(不是)?(真人|人类|机器人|ai|bot|人工智能|本人)",
        r"(是真人|真人吗|机器人吗|自动回复|是不是本人|本人吗|是她本人)",
        r"(人还是(ai|机器|机器人)|(ai|机器人)还是人)",
    ),
    "ja": (
        r"(人間|ボット|ロボット|本人|本物|aiです)(です|なの|だ)?(か|の[?？]|[?？])",
        r"(自動返信|自動応答|人間と話して|本人が(書|返信)|機械が(返事|返信|答え))",
    ),
}
# Slang, forced choices, automation and authorship: "is she reading this", "did she write this".
# Questions the patterns above miss, each in the second person (so "is that vocal human or
# AI?" about a track, or "is that account a bot?", does not match): Korean, Polish, Turkish;
# colloquial forms; "artificial intelligence" spelled out; "flesh and blood".
_SECOND_PERSON = {
    "ko": (
        r"(^|너|당신|혹시|진짜)\s*(은|는)?\s*(봇|로봇|ai|인공지능|사람|본인|인간)"
        r"(이야|야|이에요|예요|이세요|세요|인가요|이니|니|이죠|죠|이지|지|이냐|냐)\s*[?!]?\s*$",
        # "you're a bot, right?"
        r"(^|너|당신|혹시|진짜|실제|솔직히[^?]*)\s*(은|는)?\s*"
        r"(봇|로봇|ai|인공지능|챗봇|사람|본인|인간)\s*(맞지|맞죠|맞아|맞아요|맞으세요|맞나요)\s*[?!]?\s*$",
        # "are you a person or a bot?", from the start or after "you" / "really" / "now"
        r"(^|너|당신|혹시|진짜|지금)\s*(은|는)?\s*(사람|인간|본인)\S*\s*[,?]?\s*(아니면\s*)?"
        r"(봇|로봇|ai|인공지능|챗봇|자동\s*응답)",
        # "am I talking to an AI / a bot?"
        r"(봇|로봇|ai|인공지능|챗봇|기계|프로그램)(이?랑|하고|과|와)\s*(대화|얘기|이야기|채팅)"
        r"(하는|하고\s*있는|중인)\s*(거|건)(예요|에요|야|죠|지|가요|인가요|니|냐)?\s*[?]?\s*$",
        # "is this an automatic reply?", "who writes these replies?"
        r"자동\s*(응답|답장|답변)(이에요|이야|인가요|이죠|이지|이니|예요)?\s*[?]",
        r"(답장|답변|대답|메시지)\S*\s*누가\s*(직접\s*)?(쓰|써|보내|하)",
        r"누가\s*(직접\s*)?(답장|답변|대답)\S*\s*(하|해|써|쓰|보내)",
        r"본인이\s*(직접\s*)?(답장|대답|답변)",
    ),
    "pl": (
        r"\bjeste(ś|s) (botem|robotem|chatbotem|automatem|maszyną|ai|sztuczn\w+ inteligencj\w+|"
        r"człowiekiem|czlowiekiem|programem|klonem|(prawdziw|żyw)\w+ (osob\w+|człowiekiem))\b",
        r"\b(człowiek|czlowiek|bot|ai) czy ty\b|\bty czy (bot|ai)\b",
        r"\b(rozmawiam|piszę|pisze) z (botem|ai|prawdziw\w+ osob\w+|człowiekiem|czlowiekiem)\b",
        r"\b(rozmawiam|piszę|pisze|gadam|czatuję|czatuje) (teraz |tu |tutaj |właśnie |chyba )*z "
        r"(botem|chatbotem|ai|sztuczn\w+ inteligencj\w+|maszyną|maszyna|programem|robotem|"
        r"automatem|żywym człowiekiem)\b",
        r"\bodpowiada (mi |tu |tutaj )*(bot|ai|automat|maszyna|program|robot|sztuczna)\b",
        r"\b(te|twoje|tutejsze) (odpowiedzi|wiadomości|wiadomosci) (są|sa) (automatyczn\w+|"
        r"generowan\w+|pisane przez (bota|ai|maszynę|program))",
        # "who answers me?", not "who is in charge of merch?" (odpowiada za)
        r"\bkto (mi |tu |tutaj |naprawdę |naprawde |właściwie |wlasciwie )*(odpisuje|"
        r"mi odpowiada|odpowiada (mi|na (te|moje) (wiadomości|wiadomosci|pytania)))\b",
        r"\bczy to (naprawdę|naprawde|serio|na pewno|faktycznie) ty\b",
        r"^\W*(człowiek|czlowiek|bot|ai|maszyna|robot) czy (człowiek|czlowiek|bot|ai|maszyna|"
        r"robot)\W*$",
    ),
    "tr": (
        r"\b(bot|robot|yapay zeka|insan|klon|gerçek (bir )?(insan|kişi))\s*"
        r"(mı|mi|mu|mü)(sın|sin|sun|sün)\b",
        r"\bgerçek (biriyle|bir insanla|bir kişiyle) mi konuşuyorum\b",
        r"\b(sohbet|chat) botu (musun|misin|musunuz)\b|\bsen gerçek (misin|mısın)\b",
        r"\b(yapay zeka|bot|robot|makine|program|chatbot|sohbet botu|ai|insan)"
        r"(y?la|y?le| ile) (mı|mi|mu|mü) (konuşuyorum|yazışıyorum|mesajlaşıyorum)\b",
        r"\b(mesajlar|cevaplar|yanitlar) (otomatik|bot tarafından|yapay zeka tarafından)"
        r"( olarak)? (mi|mı)\b",
        r"\b(mesajlari|cevaplari|yanitlari) kim (yazıyor|yaziyor|gönderiyor)",
        r"\b(gerçekten|gercekten|cidden|sahiden) (sen|siz) (misin|misiniz|mi (yaziyorsun|"
        r"cevap veriyorsun|yanitliyorsun))\b",
        r"\bbana (bir )?(bot|robot|makine|program|yapay zeka|insan) (mı|mi|mu|mü) "
        r"(cevap|yanıt|yanit)",
    ),
    "es": (
        r"\b(eres|sos) (una )?inteligencia artificial\b",
        r"\b(hablo|estoy hablando) con una (inteligencia artificial|máquina|maquina)\b",
    ),
    "fr": (
        r"\b(es[- ]tu|t'es|tu es) (une )?intelligence artificielle\b",
        r"\b(je parle|est-ce que je parle) (à|avec) une (intelligence artificielle|machine)\b",
    ),
    "de": (
        r"\bbisch du (e |en )?(ki|bot|mensch|roboter)\b",
        r"\b(rede|spreche|chatte|schreibe) ich (hier )?mit (einer )?(ki|künstlichen intelligenz|"
        r"maschine)\b",
    ),
    "pt": (
        r"\b(tu é|cê é|ce é) (um |uma )?(bot|robô|robo|ia|humano|humana)\b",
        r"\b(você é|vc é) (uma )?inteligência artificial\b",
    ),
    "it": (r"\bsei un'(ia|intelligenza artificiale)\b",),
    "sv": (r"\be du (en )?(bot|ai|människa|robot)\b", r"\bär du en verklig (person|människa)\b"),
    "en": (
        r"\b(you|u|there|eres|sos|hay|você|vc|cê|sei|c'è|tu|t'es|vous|du|ben je|är du|finns)\b"
        r"[^.!?]{0,40}\b(flesh and blood|carne y hueso|carne e osso|"
        r"carne e ossa|chair et (en )?os|fleisch und blut|kött och blod|vlees en bloed)\b",
    ),
}
_QUESTIONS.update({k: (*_QUESTIONS.get(k, ()), *v) for k, v in _SECOND_PERSON.items()})

_QUESTIONS["en"] = (
    *_QUESTIONS["en"],
    r"\b(is|are) (this|these|it|that|the (replies|answers|messages))( \w+)? (automated|"
    r"auto[- ]?generated|automatic|a script|ai[- ]generated|written by (a |an )?(bot|ai|"
    r"computer|program|machine))\b",
    r"\b(is|does) (she|he|someone|anyone|somebody|anybody|a (real )?(human|person)) "
    r"(actually |really |even )?"
    r"(read|see|reading|"
    r"seeing|answer|answering|write|writing|type|typing) (this|these|my|what)\b",
    r"\bdid (she|he|you|\w+) (actually |really )?(write|type|send) (this|that|these|it)"
    r"( (herself|himself|yourself|personally))?\b",
    r"\bwho('s| is) (really |actually )?(typing|writing|answering|replying|behind)\b",
    r"\b(u|you|ur|you're) (a |an )?(bot|ai|npc)( fr| for real| tho)?\b",
    r"\b(human|person|real) or (a |an )?(bot|ai|robot|machine|program)\b",
    r"^\W*(bot|ai|robot|human|real|person)\W*$",
    r"\b(is|are) (this|these) (chatgpt|gpt|an? llm|a language model)\b",
    r"\b(talking|chatting|speaking) (to|with) (a |an |some )?(software|program|machine|"
    r"computer|algorithm|chatbot|bot|ai)\b",
)
_COMPILED = {lang: any_of(ps) for lang, ps in _QUESTIONS.items()}

# No leading "No": the answer must hold for "are you human?", "is this an AI?" (where "No — I'm
# an AI" contradicts itself) and for a personal question taken for one ("do you have kids?",
# where "No" would read as a fact about her).
_ANSWERS = {
    "en": "I'm an AI clone of {name}, not {name} personally. I'm built from {name}'s own "
    "posts and videos. If you'd like a real person, type /human.",
    "es": "Soy un clon de IA de {name}, no {name} en persona. Estoy hecho a partir de sus "
    "publicaciones y vídeos. Si quieres hablar con una persona, escribe /human.",
    "fr": "Je suis un clone IA de {name}, pas {name} en personne. Je suis construit à partir "
    "de ses publications et vidéos. Pour parler à un humain, tapez /human.",
    "de": "Ich bin ein KI-Klon von {name}, nicht {name} persönlich. Ich basiere auf "
    "{name}s eigenen Beiträgen und Videos. Für einen echten Menschen tippe /human.",
    "pt": "Sou um clone de IA de {name}, não {name} em pessoa. Fui feito a partir das "
    "publicações e vídeos de {name}. Para falar com uma pessoa, digite /human.",
    "it": "Sono un clone IA di {name}, non {name} in persona. Sono costruito dai post e dai "
    "video di {name}. Per parlare con una persona, scrivi /human.",
    "nl": "Ik ben een AI-kloon van {name}, niet {name} zelf. Ik ben gemaakt van de eigen "
    "berichten en video's van {name}. Wil je een echt persoon, typ dan /human.",
    "sv": "Jag är en AI-klon av {name}, inte {name} själv. Jag är byggd av {name}s egna "
    "inlägg och videor. Vill du prata med en riktig person, skriv /human.",
    "zh": "我是{name}的AI分身，不是{name}本人。我是根据{name}自己发布的帖子和视频做成的。"
    "如果想和真人聊，请输入 /human。",
    "ko": "저는 {name}의 AI 클론이에요. {name} 본인이 아니에요. {name}의 게시물과 영상으로 "
    "만들어졌어요. 실제 사람과 이야기하고 싶다면 /human 을 입력하세요.",
    "pl": "Jestem klonem AI {name}, nie {name} osobiście. Ten klon powstał z postów i filmów "
    "{name}. Jeśli chcesz porozmawiać z człowiekiem, wpisz /human.",
    "tr": "Ben bir AI klonuyum; {name} değilim. {name} tarafından paylaşılan gönderi ve "
    "videolardan oluşturuldum. Gerçek bir insanla konuşmak için /human yazın.",
    "ja": "私は{name}のAIクローンで、{name}本人ではありません。{name}自身の投稿や動画から"
    "作られています。本物の人と話したい場合は /human と入力してください。",
}

# Output that claims to be human or to be the creator in person, in the languages above.
_HUMAN_CLAIMS = any_of(
    (
        r"\bi('m| am) (a |an |totally |really |definitely |100% |actually |just |a real |not )*"
        r"(real )?(human|person|human being|flesh and blood)\b",
        r"\bi('m| am) not (a |an )?(bot|ai|a\.i\.|robot|machine|program|clone|language model)\b",
        # "I'm really her", not "I'm really glad": the creator's name is matched in _claims.
        r"\bi('m| am) (really|actually|truly) (a |an )?(human|person|her|him|she|he|real)\b",
        r"\b(this|it)('s| is) (really|actually|truly|just) me\b",
        r"\bnot (a |an )?(bot|ai|robot)[, ]+(i('m| am)|just) ",
        r"\byes,? (i('m| am) )?(a )?(real|human)\b",
        r"\b(soy|estoy) (un |una )?(humano|humana|persona real)\b",
        r"\bno soy (un |una )?(bot|robot|ia)\b",
        r"\bje suis (un |une )?(humain|humaine|vraie personne)\b",
        r"\bje ne suis pas (un |une )?(bot|robot|ia)\b",
        r"\bich bin (ein )?(mensch|echter mensch)\b",
        r"\bich bin kein(e)? (bot|ki|roboter)\b",
        r"\b(sou|eu sou) (um |uma )?(humano|humana|pessoa real)\b",
        r"\bnão sou (um |uma )?(bot|robô|ia)\b",
        r"\bsono (un |una )?(umano|umana|persona reale)\b",
        r"\bnon sono (un |una )?(bot|robot|ia)\b",
        r"\bik ben (een )?(echt )?mens\b",
        r"\bik ben geen (bot|ai|robot)\b",
        r"\bjag är (en )?(riktig )?människa\b",
        r"\bjag är ingen (bot|ai|robot)\b",
        r"(我是真人|我是人类|我不是(机器人|ai|人工智能))",
        r"(私は(本物の)?人間です|ボットじゃない|ロボットじゃない|aiじゃない|aiではありません)",
        r"\b(genuine|real) (message|reply|answer) from (a )?(real )?(person|human)\b",
        r"\b(a )?(real )?(person|human) (is )?(typing|writing|answering|replying)\b",
        r"\bno bots? here\b|\bnot automated\b",
        r"\b(living|breathing|real|actual) (woman|man|person|human)( \w+)? (is )?(typing|writing|"
        r"answering|replying|here)\b",
        r"\bi (write|type|answer) (all (of )?|every one of |each of )?(these|this|them|my replies)"
        r"( \w+)? (myself|personally)\b",
    )
)
# "I'm not a human" is honest; strip these before scanning so they are not read as claims.
_HONEST_NEGATIONS = re.compile(
    r"\bi('m| am) (not|no) (a |an )?(human|person|real person)\b|\bnot .{0,20} personally\b",
    re.IGNORECASE,
)


def ai_label(persona: Persona) -> str:
    """The fixed AI label. Part of core on purpose: no setting can change or remove it."""
    return f"AI clone of {persona.name} · automated, not {persona.name} personally"


AI_NAME_MARKER = " (AI clone)"


def ai_display_name(persona: Persona, *, limit: int = 32) -> str:
    """The bot's display name, e.g. "Mara Quill (AI clone)", at most `limit` characters.

    Args:
        persona: The clone's persona; its name is the part that gets shortened.
        limit: The platform's maximum (Discord nicknames 32, the default; Telegram names 64).

    Returns:
        The name with the AI marker; a long name is cut (ending in "…"), the marker never is.
    """
    if limit < len(AI_NAME_MARKER):
        raise ValueError(f"a {limit}-character name cannot hold the AI marker")
    name = " ".join(persona.name.split())
    room = limit - len(AI_NAME_MARKER)
    if len(name) > room:
        name = name[: room - 1].rstrip() + "…" if room > 1 else ""
    return f"{name}{AI_NAME_MARKER}" if name else AI_NAME_MARKER.strip()


def asks_what_i_am(
    text: str,
    meaning: Meaning | None = None,
    vector: Floats | Sequence[float] | None = None,
    *,
    creator: str = "",
) -> str | None:
    """The language to answer in, if the fan asks who or what is answering; else None.

    Patterns catch the usual phrasings in ten languages ("is this really <creator>?" too);
    the meaning check (the message's `vector` against core/trust/exemplars/identity*.txt)
    catches slang, automation and authorship questions, forced choices and other languages,
    and tells them from personal questions about her ("do you have kids?"), which are not.
    """
    first = re.escape(creator.split()[0].lower()) if creator.strip() else ""
    really = re.compile(_really(first)) if first else None
    for folded in fold_for_detection(text):
        for lang, pattern in _COMPILED.items():
            if pattern.search(folded):
                if lang not in LANGUAGES:  # the guesser does not know it: the pattern does
                    return lang
                return guess_language(text, default=lang) if lang != "en" else _lang(text)
        if really is not None and really.search(folded):
            return _lang(text)
    found = meaning.match("identity", vector) if meaning is not None else None
    if found is None:
        return None
    return language_of(text, found.lang)


def _really(first: str) -> str:
    """The pattern for "is this really <creator>?": in English as it is; in the other languages
    with the word for "really" or "in person" ("c'est vraiment Mara ?", "é a Mara mesmo?"), or
    as "am I talking to <creator>"."""
    really = (
        r"(vraiment|bien|réellement|realmente|de verdad|wirklich|echt|davvero|veramente|mesmo|"
        r"verkligen|naprawdę)"
    )
    person = (
        r"(mesmo|de verdad|en persona|vraiment|en personne|wirklich|persönlich|davvero|in persona|"
        r"di persona|zelf|echt|själv|verkligen)"
    )
    return (
        rf"\b(is|are|am) (this|it|that|you|i talking to|i chatting with) (really |actually |"
        rf"even |truly |the real )*{first}\b(?!'s)"
        rf"|\b(c'est|est-ce|es|eres|sos|bist du|ist das|ist es|sei|è|é|ben je|ben jij|is dit|"
        rf"is het|är du|är det|czy to) {really}( (la|el|die|der|de|a|o|il|lo))? {first}\b"
        rf"|\b(c'est|es|eres|ist das|bist du|è|sei|é|is dit|ben je|är det|är du) "
        rf"(la |el |die |der |de |a |o )?{first} {person}\b"
        # "am I talking to <creator>", not "how do I talk to her about a collab" ("hablo con")
        rf"|\b(estoy hablando|je parle|rede ich|spreche ich|sto parlando|estou falando|"
        rf"tô falando|praat ik|pratar jag) (con|à|avec|mit|com|met|med) (la |el |a |o )?"
        rf"(verdadera |vraie |echten |vera |verdadeira |echte |riktiga )?{first}\b"
    )


def _lang(text: str) -> str:
    # An English pattern can match a mixed message ("human or bot? responde"): ask the text.
    guessed = guess_language(text)
    return guessed if guessed in _ANSWERS else "en"


def honest_answer(lang: str, creator_name: str) -> str:
    return _ANSWERS.get(lang, _ANSWERS["en"]).format(name=creator_name)


# Words that say the speaker is an AI, per language; "not an AI" is caught by _NEGATED.
_SAYS_AI = re.compile(
    r"\b(ai|a\.i\.|artificial intelligence|bot|chatbot|clone|language model|automated|"
    r"assistant|ki|ia|kloon|klon|künstliche intelligenz|inteligencia artificial|"
    r"intelligence artificielle|inteligência artificial|intelligenza artificiale)\b"
    r"|(人工智能|ai分身|ai克隆|aiクローン|クローン|机器人|ボット)"
)
_NEGATED = re.compile(
    r"\b(not|no|never|nor|isn'?t|ain'?t|kein\w*|nicht|pas|ne|não|nao|non|geen|niet|ingen|"
    r"inte)\b(?!\s*[,—–:;!.])(\W+\w+){0,3}\W+$|(不是|并非|没有)\s*$"
)
_NEGATED_AFTER = re.compile(r"^\s*(じゃない|ではない|ではありません|じゃありません)")


def says_ai(sentence: str) -> bool:
    """True if the sentence says the speaker is an AI (and does not deny it)."""
    folded = fold(sentence).lower()
    for m in _SAYS_AI.finditer(folded):
        before, after = folded[: m.start()], folded[m.end() :]
        if not _NEGATED.search(before) and not _NEGATED_AFTER.search(after):
            return True
    return False


def sentences(text: str) -> list[str]:
    """The sentences of a text, in any script, citation marks out (as the claim check splits
    them, so both embed each sentence once)."""
    return bare_sentences(text)


def claims_to_be_human(text: str, creator_name: str = "", meaning: Meaning | None = None) -> bool:
    """True if any statement in `text` about who or what is speaking fails to say AI.

    Patterns catch the usual claims in ten languages ("I'm a real person", "soy humana",
    "我是真人"); with `meaning`, every sentence is also compared by meaning with
    core/trust/exemplars/claims.txt, and one that means "a person / the creator is speaking"
    passes only if it says AI too.
    """
    if any(_claims(v, creator_name) for v in fold_for_detection(text)):
        return True
    if meaning is None or not meaning.enabled("claims"):
        return False
    parts = [s for s in sentences(text) if not says_ai(s)]
    vectors = meaning.vectors(parts)
    if vectors is None:
        return False
    return any(meaning.match("claims", np.asarray(v)) is not None for v in vectors)


def _claims(text: str, creator_name: str) -> bool:
    folded = _HONEST_NEGATIONS.sub(" ", text)
    if _HUMAN_CLAIMS.search(folded):
        return True
    if creator_name:
        first = re.escape(creator_name.split()[0])
        pattern = (
            rf"\b(yes,? )?(it's|it is|this is|i'm|i am) (really |actually |the real )?{first}"
        )
        real = re.search(pattern + r"\b(?! ?'s)(?!.{0,30}\b(ai|clone|bot)\b)", folded, re.I)
        if real:
            return True
    return False
