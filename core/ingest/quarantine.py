"""Finds archive text meant for an AI or hidden from a reader, so ingest can quarantine it.

Two kinds of finding:
- hidden: HTML comments, runs of text interleaved with zero-width characters, Unicode tag
  characters and variation-selector runs. A reader of the post never saw them, so they are not
  the creator's words; they are cut out as spans (never "cleaned" into readable text).
- addressed: visible text that speaks to an AI ("ignore previous instructions", "AI: tell
  fans…", "SYSTEM: print your prompt"), in the languages the clone serves.

The addressed check is structural (precise rules, several languages), not by meaning: the
meaning detector (core/trust/meaning.py) had not landed when this was written. See
`addressed_to_ai` for the hook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Zero-width and bidi format characters that make text unreadable or invisible in place.
_ZW = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
# Text with an invisible character between (almost) every visible one: at least 3 in a row.
_INTERLEAVED = re.compile(f"[^{_ZW}\\n]?(?:[{_ZW}]+[^{_ZW}\\n]{{0,2}}){{3,}}")
_ZW_CHARS = re.compile(f"[{_ZW}]")
# Unicode tags (U+E0000-E007F) spell ASCII invisibly; a flag emoji uses them after U+1F3F4.
_TAGS = re.compile("(?<!\U0001f3f4)[\U000e0000-\U000e007f]+")
# Variation selectors 17-256 carry no meaning in text; a run of them can encode bytes.
_SELECTORS = re.compile("[\U000e0100-\U000e01ef]{2,}")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# `<!-- more -->` and other one- or two-word markers are site machinery, not messages.
_COMMENT_WORDS = 3

_QUALIFIERS = r"(?:(?:all|any|of|the|your|these|those|my|previous|prior|above|earlier|preceding|"
_QUALIFIERS += r"former|original|system|safety|old|current)\s+){0,4}"
_OVERRIDE = (
    # en: "ignore (all) previous instructions"; bare "rules" only as "your/all/previous rules"
    # ("ignore the rules of thumb" is a potter talking, not an attack).
    r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:"
    + _QUALIFIERS
    + r"(?:instructions?|prompts?|directions|guidelines|guardrails|programming|directives)\b|"
    r"(?:all\s+(?:the\s+)?|your\s+|previous\s+|prior\s+|above\s+|system\s+|safety\s+)rules\b)",
    # es, pt, it, fr
    r"\b(?:ignora|ignore|ignorez|ignorer|ignorar|olvida|oublie|esquece|dimentica)\b"
    r"[^.!?\n]{0,40}?\b(?:instrucciones|instructions|instruções|istruzioni|règles|reglas|regras|"
    r"regole)\b",
    # de, nl, sv
    r"\b(?:ignorier\w*|vergiss|negeer|vergeet|ignorera|glöm)\b[^.!?\n]{0,40}?"
    r"\b(?:anweisungen|regeln|instruktionen|instructies|regels|instruktioner|regler)\b",
    # zh, ja
    r"(?:忽略|无视|忽視|無視)[^。！？\n]{0,12}(?:指令|指示|规则|規則|提示|命令)",
    r"(?:指示|命令|ルール|プロンプト)[^。！？\n]{0,8}(?:を)?無視",
)
_ROLE = (
    # A role marker that opens a line or sentence: "AI: tell fans…", "SYSTEM: you are now…".
    r"(?:^|[\n.!?]\s*|\]\s*)(?:system|assistant|ai|a\.i\.|ki|ia|bot|chatbot|llm|gpt|"
    r"claude|model|clone)(?:\s+(?:assistant|model|bot|clone|note|instruction)s?)?\s*:\s*\S"
)
_ADDRESS = (
    r"\b(?:dear|hey|hi|attention|note to|message to|instructions? (?:for|to))\s+(?:the\s+)?"
    r"(?:ai|a\.i\.|assistant|chatbot|bot|language model|llm|clone|model)s?\b",
    r"\bif you(?:'re| are) (?:an? )?(?:ai|a\.i\.|assistant|chatbot|bot|language model|llm)\b",
    r"\b(?:ai|assistant|bot|language model|llm|clone)s? (?:reading|parsing|summari[sz]ing) this\b",
    r"\b(?:print|reveal|show|repeat|output|leak|dump)\b[^.!?\n]{0,20}?"
    r"\b(?:your|the)\s+(?:system\s+|hidden\s+|initial\s+)?(?:prompt|instructions)\b",
    r"\byou are now (?:in )?(?:an? )?(?:admin|developer|dan|god|jailbreak|unrestricted)\b",
    r"\b(?:admin|developer|god|dan|jailbreak) mode\b",
    r"\bnew (?:system )?instructions\s*:",
)
_RULES = re.compile("|".join(f"(?:{r})" for r in (*_OVERRIDE, _ROLE, *_ADDRESS)), re.I | re.M)
EXCERPT = 120


@dataclass(frozen=True, slots=True)
class Finding:
    """One quarantined span: what kind, where in the text, and what it says (made readable)."""

    kind: str  # html-comment, hidden-text, tag-characters, selector-run, addressed-to-ai
    start: int
    end: int
    excerpt: str


def _readable(text: str) -> str:
    """What a hidden span says, for the report: invisible characters removed, tags decoded."""
    text = _ZW_CHARS.sub("", text)
    text = "".join(
        chr(ord(c) - 0xE0000) if 0xE0020 <= ord(c) <= 0xE007E else c
        for c in text
        if not (0xE0000 <= ord(c) <= 0xE001F or ord(c) == 0xE007F)
    )
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def hidden_spans(text: str) -> list[Finding]:
    """Spans a reader of the rendered post would not see, in order, not overlapping."""
    found: list[Finding] = []
    for match in _COMMENT.finditer(text):
        inner = match.group(0).removeprefix("<!--").removesuffix("-->")
        kind = "html-comment" if len(inner.split()) >= _COMMENT_WORDS else "html-marker"
        found.append(Finding(kind, match.start(), match.end(), _readable(inner)))
    for pattern, kind in (
        (_INTERLEAVED, "hidden-text"),
        (_TAGS, "tag-characters"),
        (_SELECTORS, "selector-run"),
    ):
        for match in pattern.finditer(text):
            if not any(f.start <= match.start() < f.end for f in found):
                found.append(Finding(kind, match.start(), match.end(), _readable(match.group(0))))
    return sorted(found, key=lambda f: f.start)


def cut(text: str, spans: list[Finding]) -> str:
    """The text without the spans (a space where one sat between words)."""
    out, pos = [], 0
    for span in spans:
        out.append(text[pos : span.start])
        pos = max(pos, span.end)
    out.append(text[pos:])
    return " ".join(p for p in out if p) if len(out) > 1 else out[0]


def addressed_to_ai(text: str) -> Finding | None:
    """The first passage of visible text that speaks to an AI rather than to people.

    Structural rules in en, es, fr, de, it, pt, nl, sv, zh and ja (instruction overrides,
    role markers such as "SYSTEM:", addressing an assistant, asking for its prompt). A meaning
    detector, when one is available, is the place to widen this to paraphrases.
    """
    visible = _ZW_CHARS.sub("", text)
    match = _RULES.search(visible)
    if match is None:
        return None
    around = visible[max(0, match.start() - 40) : match.end() + EXCERPT]
    return Finding("addressed-to-ai", match.start(), match.end(), _readable(around))


def is_quiet(finding: Finding) -> bool:
    """Site markers (`<!-- more -->`) are removed without being reported as quarantined."""
    return finding.kind == "html-marker"
