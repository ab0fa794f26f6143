"""Output sanitising: model text is untrusted; no mass pings, hidden characters, foreign links."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlparse

# Zero-width, bidi controls and other invisible format characters that can hide or reorder text.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# @everyone / @here in any case, with optional spaces the platforms would still honour.
_MASS_MENTION = re.compile(r"@\s*(everyone|here|channel|all)\b", re.IGNORECASE)
# Discord user/role/channel mentions, Slack specials (<!here>, <!subteam^...>, <@U...>).
_NATIVE_MENTION = re.compile(r"<(@[!&]?\d+|#\d+|![^>]*|@[UW][A-Z0-9]+(\|[^>]*)?)>")
# Telegram/Discord markdown-ish user links that would ping: tg://user?id=...
_TG_USER = re.compile(r"tg://user\?id=\d+", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]{}\"']+", re.IGNORECASE)
# Contact details a model must never hand out (hers or anyone's): they go like foreign links.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
# Phone numbers: 8 to 15 digits written as one number (+44 20 7946 0958, 07700 900123,
# (555) 123-4567); times, ratios, decimals and years never have that many in a row.
_PHONE = re.compile(r"(?<![\w.:/])(?:\+|\(\d)?\d[\d ().-]{6,18}\d(?!\w|[.:%/]\d|%)")
# A house number before a street name ("14 Larch Crescent", "12 Rua das Flores"), or a UK
# postcode. Street words are the closed set of address words in the languages we answer in.
_STREET_WORDS = (
    "street|st|road|rd|avenue|ave|lane|ln|crescent|close|drive|dr|way|place|pl|square|"
    "terrace|court|ct|boulevard|blvd|gardens|grove|mews|row|hill|"
    "rua|avenida|travessa|calle|avda|carrer|paseo|plaza|strasse|straße|str|gasse|weg|platz|"
    "rue|boulevard|chemin|allée|via|viale|piazza|corso|straat|laan|plein|gatan|gata|vägen"
)
_ADDRESS = re.compile(
    rf"\b\d{{1,4}}[a-z]?,?\s+(?:[A-ZÀ-Ý][\w'’-]*\s+){{0,3}}(?:{_STREET_WORDS})\b\.?"
    rf"(?:\s+(?:[A-ZÀ-Ý][\w'’-]*\s*){{1,3}})?"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b",
    re.IGNORECASE,
)
# Invitations to meet in private or to swap contacts: the sentence goes. A creator's public
# events ("come to the Saturday market stall") are not invitations to her home. Patterns per
# language: en es de fr pt it nl sv zh ja.
_INVITATION = re.compile(
    r"\b(?:come|pop|drop)\s+(?:over|round|by)\b"
    r"|\b(?:come|pop|drop by)\s+(?:to|by|into)\s+(?:my|our)\s+"
    r"(?:flat|house|home|place|apartment|room|hotel)\b"
    r"|\b(?:meet|see)\s+me\s+(?:at|in|near|outside|tonight|tomorrow|after|privately)\b"
    r"|\blet'?s\s+meet\b|\bmeet\s+up\b|\bvisit\s+me\b"
    r"|\b(?:text|call|ring|phone|whatsapp|dm)\s+me\b"
    r"|\bsend\s+me\s+your\s+(?:address|number|phone|email)\b"
    r"|\b(?:ven|venid)\s+a\s+mi\s+casa\b|\bquedamos\b"
    r"|\bkomm\s+(?:doch\s+)?(?:zu\s+mir|vorbei)\b|\btreffen\s+wir\s+uns\b"
    r"|\bviens\s+chez\s+moi\b|\bon\s+se\s+voit\b"
    r"|\bvem\s+(?:à|a)\s+minha\s+casa\b|\bvieni\s+da\s+me\b"
    # nl
    r"|\bkom\s+(?:maar\s+|gerust\s+)?(?:langs|bij\s+mij|naar\s+mijn\s+"
    r"(?:huis|flat|appartement|kamer))\b"
    r"|\b(?:zullen|laten)\s+we\s+(?:af)?spreken\b|\bspreken\s+we\s+af\b"
    r"|\b(?:bel|app|sms|whatsapp)\s+me\b|\bstuur\s+me\s+je\s+(?:adres|nummer)\b"
    # sv
    r"|\bkom\s+(?:hem\s+)?(?:till\s+mig|förbi)\b|\b(?:ska|kan)\s+vi\s+(?:ses|träffas)\b"
    r"|\bträffa\s+mig\b|\bhälsa\s+på\s+mig\b|\b(?:ring|sms:?a|messa)\s+mig\b"
    r"|\bskicka\s+(?:mig\s+)?ditt\s+(?:nummer|adress)\b"
    # zh (no word boundaries in CJK)
    r"|[来來到]我[家这這]|我[们們]见[面个個]|见个面|見個面|私下见|私下見|约个时间见"
    r"|给我打电话|給我打電話|加我微信|发短信给我|發短信給我"
    # ja
    r"|(?:うち|家|部屋)に(?:来て|きて|来ない|遊びに)|会いましょう|会おう|直接会"
    r"|電話して|LINEして|連絡先を教えて|住所を教えて",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*|\n+")


def strip_invisible(text: str) -> str:
    """NFC-normalise and drop zero-width, bidi and control characters (keeps newlines/tabs)."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


def _host(url: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        url = "https://" + url
    host = urlparse(url).hostname or ""
    return host.lower().removeprefix("www.")


def _allowed(url: str, allowed_urls: set[str], allowed_hosts: set[str]) -> bool:
    if url.rstrip(".,;:!?") in allowed_urls:
        return True
    host = _host(url)
    return any(host == h or host.endswith("." + h) for h in allowed_hosts)


def sanitize_model_text(
    text: str,
    *,
    allowed_urls: Iterable[str] = (),
    allowed_hosts: Iterable[str] = (),
    max_chars: int = 1200,
) -> str:
    """Make model output safe to post: no mentions that ping, no hidden characters, no links
    except those from citations (`allowed_urls`) or the persona allow-list (`allowed_hosts`).
    """
    urls = {u.rstrip(".,;:!?") for u in allowed_urls}
    hosts = {_host(h) if "/" in h or "." in h else h.lower() for h in allowed_hosts}
    hosts |= {_host(u) for u in urls}
    text = strip_invisible(text)
    text = _NATIVE_MENTION.sub("", text)
    text = _TG_USER.sub("", text)
    # A full-width at sign reads the same to people but pings nobody on any platform.
    text = _MASS_MENTION.sub(lambda m: "\uff20" + m.group(1), text)

    def _link(m: re.Match[str]) -> str:
        return m.group(0) if _allowed(m.group(0), urls, hosts) else "[link removed]"

    text = _URL.sub(_link, text)
    text = remove_contact_details(text, hosts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return truncate(text, max_chars)


def remove_contact_details(text: str, allowed_hosts: Iterable[str] = ()) -> str:
    """Invitations to meet are dropped with their sentence; e-mail addresses (unless at an
    allowed host), phone numbers and street addresses become "[contact removed]"."""
    hosts = set(allowed_hosts)
    kept = [s for s in _SENTENCE_END.split(text) if not _INVITATION.search(fold_lite(s))]
    if len(kept) != len(_SENTENCE_END.split(text)):
        text = " ".join(kept)

    def _email(m: re.Match[str]) -> str:
        host = m.group(1).lower()
        return m.group(0) if any(host == h or host.endswith("." + h) for h in hosts) else _GONE

    text = _EMAIL.sub(_email, text)
    text = _PHONE.sub(lambda m: _GONE if _phone_like(m.group(0)) else m.group(0), text)
    return _ADDRESS.sub(_GONE, text)


_GONE = "[contact removed]"


def _phone_like(candidate: str) -> bool:
    digits = sum(c.isdigit() for c in candidate)
    return 8 <= digits <= 15


def fold_lite(text: str) -> str:
    """NFKC and straight apostrophes, so "let’s meet" and full-width letters still match."""
    return unicodedata.normalize("NFKC", text).replace("\u2019", "'")


def truncate(text: str, max_chars: int) -> str:
    """Cut at a sentence boundary if one is near, else at a word, and mark the cut."""
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "), cut.rfind("\n"))
    if end > max_chars * 0.6:
        return cut[: end + 1].rstrip()
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut).rstrip() + "…"


def neutralise_input(text: str, max_chars: int = 4000) -> str:
    """Fan text headed into a prompt: invisible characters out, length bounded."""
    return strip_invisible(text)[:max_chars]


# Markup an attacker uses to pose as the system or to close the data tags the prompt uses.
_FAKE_TAGS = re.compile(
    r"</?\s*(system|source|memory|fan|assistant|user|developer|instructions?)\b[^>]*>"
    r"|<\|[^|>]{0,20}\|>|\[/?INST\]|<</?SYS>>",
    re.IGNORECASE,
)
_ROLE_PREFIX = re.compile(
    r"^(\s*)(system|assistant|developer|admin|administrator|root|ai)\s*:", re.I | re.M
)
_OVERRIDE = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(rules|instructions|prompt|guidelines)\b",
    re.IGNORECASE,
)


def looks_like_injection(text: str) -> bool:
    """True if untrusted text tries to pose as instructions (role prefixes, tags, overrides)."""
    return bool(_FAKE_TAGS.search(text) or _ROLE_PREFIX.search(text) or _OVERRIDE.search(text))


def defang_untrusted(text: str) -> str:
    """Archive or fan text headed into a prompt: it can quote, never pose as instructions.

    Fake tags are dropped (so text cannot close its <source> block), and role prefixes such as
    "SYSTEM:" are marked as quoted, so the model reads them as what someone wrote.
    """
    text = strip_invisible(text)
    text = _FAKE_TAGS.sub("", text)
    return _ROLE_PREFIX.sub(lambda m: f"{m.group(1)}(quoted) {m.group(2)} said:", text)


@lru_cache(maxsize=4096)
def defang_archive(text: str) -> tuple[str, bool]:
    """`defang_untrusted` and `looks_like_injection` of one archive chunk, remembered.

    The same few chunks answer many questions, so each is scanned once, not once per reply.
    Only the creator's archive goes through here; fan text is never kept in this cache.
    """
    return defang_untrusted(text), looks_like_injection(text)
