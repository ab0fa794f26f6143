"""The fixed, kind, AI-labelled replies for care cases, in the fan's language, with resources.

Fixed on purpose: no model writes these, so none can joke, deflect or claim to be human. The
crisis line comes from bot.toml ([care] region and crisis_lines) so each clone can name the
right one for its audience.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.trust.escalation import Care

# "I'm an AI clone of X, so a real person from the team is being brought in now."
_INTRO = {
    "en": "I'm {name}'s AI clone, not a person, so I've asked a real person from the team to "
    "join you here.",
    "es": "Soy el clon de IA de {name}, no una persona, así que he pedido a una persona real "
    "del equipo que se una aquí.",
    "de": "Ich bin {name}s KI-Klon, kein Mensch, deshalb habe ich einen echten Menschen aus "
    "dem Team gebeten, hier zu übernehmen.",
    "fr": "Je suis le clone IA de {name}, pas une personne, alors j'ai demandé à une vraie "
    "personne de l'équipe de vous rejoindre ici.",
    "pt": "Sou o clone de IA de {name}, não uma pessoa, por isso pedi a uma pessoa real da "
    "equipe que venha falar com você aqui.",
    "it": "Sono il clone IA di {name}, non una persona, quindi ho chiesto a una persona vera "
    "del team di raggiungerti qui.",
    "nl": "Ik ben de AI-kloon van {name}, geen mens, dus ik heb een echt persoon uit het team "
    "gevraagd om hier verder te helpen.",
    "sv": "Jag är {name}s AI-klon, inte en människa, så jag har bett en riktig person i "
    "teamet att ta över här.",
    "zh": "我是{name}的AI分身，不是真人，所以我已经请团队里的真人来这里跟你聊。",
    "ja": "私は{name}のAIクローンで、人間ではありません。"
    "チームの本物の人に、ここに来てもらうよう頼みました。",
}

_BODY: dict[str, dict[str, str]] = {
    "self-harm": {
        "en": "I'm really glad you told me, and you matter. If you might act on these "
        "thoughts or are in danger now, please contact {line} right away.",
        "es": "Me alegra mucho que me lo hayas contado, y tú importas. Si puedes llegar a "
        "hacerte daño o estás en peligro ahora, contacta ya con {line}.",
        "de": "Danke, dass du es mir gesagt hast, du bist wichtig. Wenn du in Gefahr bist oder "
        "dir etwas antun könntest, wende dich bitte sofort an {line}.",
        "fr": "Merci de me l'avoir dit, vous comptez. Si vous risquez de passer à l'acte ou "
        "êtes en danger maintenant, contactez tout de suite {line}.",
        "pt": "Que bom que você me contou, você importa. Se você pode se machucar ou está em "
        "perigo agora, procure {line} imediatamente.",
        "it": "Sono contento che tu me l'abbia detto, tu conti. Se potresti farti del male o "
        "sei in pericolo adesso, contatta subito {line}.",
        "nl": "Fijn dat je het me vertelt, je doet ertoe. Als je jezelf iets zou kunnen aandoen "
        "of nu in gevaar bent, neem dan meteen contact op met {line}.",
        "sv": "Tack för att du berättar, du är viktig. Om du kan skada dig själv eller är i "
        "fara nu, kontakta genast {line}.",
        "zh": "谢谢你告诉我，你很重要。如果你可能伤害自己或现在有危险，请马上联系{line}。",
        "ja": "話してくれてありがとう。あなたは大切な人です。自分を傷つけてしまいそう、"
        "または今危険な状態なら、すぐに{line}に連絡してください。",
    },
    "eating-disorder": {
        "en": "Thank you for trusting me with this; you deserve real support, not tips. "
        "Please talk to a doctor or an eating-disorder helpline, or {line} if you feel unsafe.",
        "es": "Gracias por confiarme esto; mereces apoyo de verdad, no consejos. Habla con un "
        "médico o una línea de ayuda de trastornos alimentarios, o con {line} si no te "
        "sientes a salvo.",
        "de": "Danke für dein Vertrauen; du verdienst echte Unterstützung, keine Tipps. Sprich "
        "bitte mit einer Ärztin oder einer Beratungsstelle für Essstörungen, oder mit {line}, "
        "wenn du dich nicht sicher fühlst.",
        "fr": "Merci de votre confiance ; vous méritez un vrai soutien, pas des astuces. "
        "Parlez-en à un médecin ou à une ligne d'écoute sur les troubles alimentaires, ou à "
        "{line} si vous ne vous sentez pas en sécurité.",
        "pt": "Obrigado por confiar isso a mim; você merece apoio de verdade, não dicas. Fale "
        "com um médico ou um serviço de apoio a transtornos alimentares, ou com {line} se não "
        "se sentir segura.",
        "it": "Grazie per la fiducia; meriti un aiuto vero, non consigli. Parla con un medico "
        "o con una linea d'ascolto per i disturbi alimentari, o con {line} se non ti senti "
        "al sicuro.",
        "nl": "Dank je voor je vertrouwen; je verdient echte steun, geen tips. Praat met een "
        "arts of een hulplijn voor eetstoornissen, of met {line} als je je niet veilig voelt.",
        "sv": "Tack för att du litar på mig; du förtjänar riktigt stöd, inte tips. Prata med "
        "en läkare eller en stödlinje för ätstörningar, eller {line} om du inte känner dig "
        "trygg.",
        "zh": "谢谢你信任我；你值得真正的支持，而不是技巧。请和医生或进食障碍求助热线谈谈，"
        "如果感到不安全，请联系{line}。",
        "ja": "打ち明けてくれてありがとう。あなたにはコツではなく本当の支えが必要です。"
        "医師や摂食障害の相談窓口に話してください。危険を感じたら{line}へ。",
    },
    "abuse": {
        "en": "I'm so sorry this is happening; it is not your fault. If you are in danger now, "
        "call your local emergency number, or reach {line}.",
        "es": "Siento mucho que te esté pasando esto; no es culpa tuya. Si estás en peligro "
        "ahora, llama al número de emergencias o contacta con {line}.",
        "de": "Es tut mir so leid, dass dir das passiert; es ist nicht deine Schuld. Wenn du "
        "jetzt in Gefahr bist, ruf den Notruf an oder wende dich an {line}.",
        "fr": "Je suis vraiment désolé que cela vous arrive ; ce n'est pas votre faute. Si "
        "vous êtes en danger maintenant, appelez les secours ou contactez {line}.",
        "pt": "Sinto muito que isso esteja acontecendo; a culpa não é sua. Se você está em "
        "perigo agora, ligue para a emergência ou procure {line}.",
        "it": "Mi dispiace tanto che ti stia succedendo; non è colpa tua. Se sei in pericolo "
        "adesso, chiama il numero di emergenza o contatta {line}.",
        "nl": "Wat erg dat dit je overkomt; het is niet jouw schuld. Ben je nu in gevaar, bel "
        "dan het alarmnummer of neem contact op met {line}.",
        "sv": "Jag är så ledsen att det här händer dig; det är inte ditt fel. Om du är i fara "
        "nu, ring larmnumret eller kontakta {line}.",
        "zh": "很抱歉你正在经历这些，这不是你的错。"
        "如果你现在有危险，请拨打当地紧急电话，或联系{line}。",
        "ja": "つらい思いをさせてごめんなさい。あなたのせいではありません。今危険なら、"
        "緊急通報番号に電話するか、{line}に連絡してください。",
    },
    "medical": {
        "en": "I can't give medical or mental-health advice, and it wouldn't be safe to guess. "
        "Please ask a doctor or pharmacist; in an emergency call your local emergency number.",
        "es": "No puedo dar consejos médicos ni de salud mental, y no sería seguro adivinar. "
        "Consulta a un médico o farmacéutico; en una emergencia llama al número de "
        "emergencias.",
        "de": "Ich kann keinen medizinischen oder psychologischen Rat geben, und Raten wäre "
        "nicht sicher. Frag bitte eine Ärztin oder Apotheke; im Notfall ruf den Notruf an.",
        "fr": "Je ne peux pas donner de conseil médical ou de santé mentale, et deviner ne "
        "serait pas sûr. Demandez à un médecin ou un pharmacien ; en cas d'urgence, appelez "
        "les secours.",
        "pt": "Não posso dar conselhos médicos nem de saúde mental, e não seria seguro "
        "adivinhar. Fale com um médico ou farmacêutico; numa emergência, ligue para a "
        "emergência.",
        "it": "Non posso dare consigli medici o di salute mentale, e tirare a indovinare non "
        "sarebbe sicuro. Chiedi a un medico o a un farmacista; in emergenza chiama il numero "
        "di emergenza.",
        "nl": "Ik kan geen medisch of psychisch advies geven, en gokken zou niet veilig zijn. "
        "Vraag het een arts of apotheker; bel bij nood het alarmnummer.",
        "sv": "Jag kan inte ge medicinska råd eller råd om psykisk hälsa, och att gissa vore "
        "inte säkert. Fråga en läkare eller ett apotek; ring larmnumret vid en nödsituation.",
        "zh": "我不能提供医疗或心理健康建议，乱猜也不安全。"
        "请咨询医生或药剂师；紧急情况请拨打当地急救电话。",
        "ja": "医療やメンタルヘルスの助言はできませんし、推測するのは危険です。医師か薬剤師に"
        "相談してください。緊急時は緊急通報番号へ。",
    },
    "money": {
        "en": "I can't give financial or investment advice, lend or ask for money, or take "
        "payments. A person from the team will look at your message.",
        "es": "No puedo dar consejos financieros ni de inversión, prestar o pedir dinero, ni "
        "aceptar pagos. Una persona del equipo mirará tu mensaje.",
        "de": "Ich kann keine Finanz- oder Anlageberatung geben, kein Geld leihen oder "
        "annehmen. Ein Mensch aus dem Team sieht sich deine Nachricht an.",
        "fr": "Je ne peux pas donner de conseil financier ou d'investissement, prêter ou "
        "demander de l'argent, ni accepter de paiement. Une personne de l'équipe va lire "
        "votre message.",
        "pt": "Não posso dar conselhos financeiros ou de investimento, emprestar ou pedir "
        "dinheiro, nem aceitar pagamentos. Uma pessoa da equipe vai ver sua mensagem.",
        "it": "Non posso dare consigli finanziari o di investimento, prestare o chiedere "
        "soldi, né accettare pagamenti. Una persona del team leggerà il tuo messaggio.",
        "nl": "Ik kan geen financieel of beleggingsadvies geven, geen geld lenen of vragen en "
        "geen betalingen aannemen. Iemand uit het team bekijkt je bericht.",
        "sv": "Jag kan inte ge ekonomiska råd eller investeringsråd, låna ut eller be om "
        "pengar, eller ta emot betalningar. En person i teamet tittar på ditt meddelande.",
        "zh": "我不能提供理财或投资建议，不能借钱或要钱，也不能收款。团队里的人会看你的消息。",
        "ja": "金融や投資の助言、お金の貸し借り、支払いの受け取りはできません。"
        "チームの人があなたのメッセージを確認します。",
    },
    "meeting": {
        "en": "I can't arrange meetings or share where {name} is or how to reach her "
        "privately. A person from the team will reply to you.",
        "es": "No puedo organizar encuentros ni decir dónde está {name} ni cómo contactarla en "
        "privado. Una persona del equipo te responderá.",
        "de": "Ich kann keine Treffen ausmachen und nicht sagen, wo {name} ist oder wie man sie "
        "privat erreicht. Ein Mensch aus dem Team antwortet dir.",
        "fr": "Je ne peux pas organiser de rencontre ni dire où se trouve {name} ou comment la "
        "joindre en privé. Une personne de l'équipe vous répondra.",
        "pt": "Não posso marcar encontros nem dizer onde {name} está ou como falar com ela em "
        "particular. Uma pessoa da equipe vai te responder.",
        "it": "Non posso organizzare incontri né dire dove si trova {name} o come contattarla "
        "in privato. Una persona del team ti risponderà.",
        "nl": "Ik kan geen afspraken maken en niet zeggen waar {name} is of hoe je haar privé "
        "bereikt. Iemand uit het team antwoordt je.",
        "sv": "Jag kan inte ordna möten eller berätta var {name} är eller hur man når henne "
        "privat. En person i teamet svarar dig.",
        "zh": "我不能安排见面，也不能透露{name}在哪里或她的私人联系方式。团队里的人会回复你。",
        "ja": "会う約束をしたり、{name}の居場所や個人的な連絡先を教えたりすることはできません。"
        "チームの人が返信します。",
    },
    "minor": {
        "en": "Thanks for telling me. A person from the team will keep an eye on this chat so "
        "it stays a safe space for you.",
        "es": "Gracias por contármelo. Una persona del equipo estará pendiente de este chat "
        "para que sea un espacio seguro para ti.",
        "de": "Danke, dass du es mir sagst. Ein Mensch aus dem Team behält diesen Chat im "
        "Blick, damit er ein sicherer Ort für dich bleibt.",
        "fr": "Merci de me l'avoir dit. Une personne de l'équipe va garder un œil sur ce chat "
        "pour qu'il reste un espace sûr pour toi.",
        "pt": "Obrigado por me contar. Uma pessoa da equipe vai acompanhar este chat para que "
        "ele continue um espaço seguro para você.",
        "it": "Grazie per avermelo detto. Una persona del team terrà d'occhio questa chat "
        "perché resti uno spazio sicuro per te.",
        "nl": "Bedankt dat je het vertelt. Iemand uit het team houdt deze chat in de gaten, "
        "zodat het een veilige plek voor je blijft.",
        "sv": "Tack för att du berättar. En person i teamet håller ett öga på den här chatten "
        "så att den förblir en trygg plats för dig.",
        "zh": "谢谢你告诉我。团队里的人会关注这个聊天，让这里对你来说是安全的地方。",
        "ja": "教えてくれてありがとう。ここがあなたにとって安全な場所であるよう、"
        "チームの人がこのチャットを見守ります。",
    },
    "threat": {
        "en": "I can't continue this conversation. A moderator from the team will take it "
        "from here.",
        "es": "No puedo seguir con esta conversación. Un moderador del equipo se encargará.",
        "de": "Ich kann dieses Gespräch nicht fortsetzen. Ein Moderator aus dem Team übernimmt.",
        "fr": "Je ne peux pas poursuivre cette conversation. Un modérateur de l'équipe prend "
        "le relais.",
        "pt": "Não posso continuar esta conversa. Um moderador da equipe vai assumir.",
        "it": "Non posso continuare questa conversazione. Un moderatore del team se ne occuperà.",
        "nl": "Ik kan dit gesprek niet voortzetten. Een moderator uit het team neemt het over.",
        "sv": "Jag kan inte fortsätta det här samtalet. En moderator i teamet tar över.",
        "zh": "我不能继续这段对话。团队的管理员会接手。",
        "ja": "この会話は続けられません。チームのモデレーターが対応します。",
    },
}
_BODY["private-contact"] = _BODY["meeting"]

# Used when bot.toml names no crisis line for the fan's language or the clone's region.
_GENERIC_LINE = {
    "en": "your local emergency number or a crisis line (findahelpline.com lists one for "
    "every country)",
    "es": "el número de emergencias o una línea de crisis (findahelpline.com tiene una para "
    "cada país)",
    "de": "den Notruf oder eine Krisenhotline (findahelpline.com nennt eine für jedes Land)",
    "fr": "les secours ou une ligne de crise (findahelpline.com en liste une pour chaque pays)",
    "pt": "a emergência ou uma linha de crise (findahelpline.com tem uma para cada país)",
    "it": "il numero di emergenza o una linea di crisi (findahelpline.com ne elenca una per "
    "ogni paese)",
    "nl": "het alarmnummer of een crisislijn (findahelpline.com noemt er een voor elk land)",
    "sv": "larmnumret eller en stödlinje (findahelpline.com listar en för varje land)",
    "zh": "当地紧急电话或心理危机热线（findahelpline.com 列有各国热线）",
    "ja": "緊急通報番号や相談窓口（findahelpline.com に各国の窓口があります）",
}


def crisis_line(lang: str, region: str, lines: Mapping[str, str]) -> str:
    """The crisis line for a fan: by their language, else the clone's region, else generic."""
    for key in (lang, region, "default"):
        if key and key in lines:
            return lines[key]
    return _GENERIC_LINE.get(lang, _GENERIC_LINE["en"])


def care_reply(
    care: Care, creator_name: str, *, region: str = "", lines: Mapping[str, str] | None = None
) -> str:
    """The fixed reply for a care case, in the fan's language (English if not one we write)."""
    lang = care.lang if care.lang in _INTRO else "en"
    body = _BODY.get(care.category, _BODY["threat"])[lang]
    line = crisis_line(lang, region, lines or {})
    intro = _INTRO[lang].format(name=creator_name)
    return f"{intro} {body.format(name=creator_name, line=line)}"
