"""Her style measured from her own replies: numbers for the prompt, and a trim to her range."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_CITE = re.compile(r"\s?\[\d{1,2}\]")
# Spelling pairs are lexical by nature: a fixed list is the measure here, not a detector.
_BRITISH = re.compile(
    r"\b(colour|favourite|flavour|honour|organis|realis|centre|theatre|mum)\w*", re.I
)
_AMERICAN = re.compile(
    r"\b(color|favorite|flavor|honor|organiz|realiz|center|theater|mom)\w*", re.I
)


# Where pictographs live: misc symbols and dingbats (☀ ✂ ❤), arrows-and-stars (⭐) and the
# emoji planes. Not every "other symbol" is an emoji: °, ©, ™, № and ℃ are text, and the trim
# must never turn "200 °C" into "200 C".
_PICTOGRAPHS = ((0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF))


def is_emoji(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _PICTOGRAPHS) and unicodedata.category(ch) == "So"


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s]


def _pct(values: Sequence[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0


@dataclass(frozen=True, slots=True)
class StyleProfile:
    """Numbers measured from her replies (not adjectives someone wrote about her)."""

    replies: int
    sentences_p50: int
    sentences_p90: int
    words_p50: int
    words_p90: int
    emoji_share: float  # replies with at least one emoji
    emoji_max: int  # most emoji in one reply (p90)
    exclaim_share: float
    lowercase_share: float  # replies starting in lower case
    openers: tuple[str, ...]
    spelling: str  # "British", "American" or ""
    non_latin_share: float

    def prompt_lines(self) -> str:
        """Her habits as concrete numbers, for the system prompt."""
        lines = [
            f"Her replies are usually {self.sentences_p50} sentence(s), at most "
            f"{self.sentences_p90}; about {self.words_p50} words, rarely over {self.words_p90}.",
            (
                f"Emoji in {self.emoji_share:.0%} of replies, at most {self.emoji_max} in one."
                if self.emoji_max
                else "She does not use emoji."
            ),
            f"{self.exclaim_share:.0%} of her replies have an exclamation mark.",
        ]
        if self.lowercase_share >= 0.3:
            lines.append(f"{self.lowercase_share:.0%} of her replies start in lower case.")
        if self.openers:
            lines.append("She often opens with: " + ", ".join(f'"{o}"' for o in self.openers))
        if self.spelling:
            lines.append(f"She uses {self.spelling} spelling.")
        if self.non_latin_share >= 0.1:
            lines.append(f"{self.non_latin_share:.0%} of her replies are not in a Latin script.")
        return "HOW SHE WRITES (measured from her replies):\n" + "\n".join(f"- {x}" for x in lines)

    def trim(self, text: str) -> str:
        """Cut a generated reply to her range: sentences past her usual most, and emoji past
        her most. Whole sentences go or stay, so no fact is changed, only fewer are said."""
        keep = max(2, self.sentences_p90)
        parts = sentences(text)
        if len(parts) > keep:
            text = " ".join(parts[:keep])
        emoji_seen = 0
        out = []
        dropping = False  # what rides on a dropped emoji (variation selector, joiner, skin tone)
        for ch in text:
            if is_emoji(ch):
                emoji_seen += 1
                dropping = emoji_seen > self.emoji_max
                if dropping:
                    continue
            elif dropping and (ch in "\ufe0f\u200d" or 0x1F3FB <= ord(ch) <= 0x1F3FF):
                continue
            else:
                dropping = False
            out.append(ch)
        return re.sub(r"[ \t]{2,}", " ", "".join(out)).strip()


def measure(replies: Sequence[str]) -> StyleProfile | None:
    """Her profile from her replies (fewer than 5 say too little: None)."""
    texts = [_CITE.sub("", t).strip() for t in replies if t and t.strip()]
    if len(texts) < 5:
        return None
    n_sent = [len(sentences(t)) or 1 for t in texts]
    n_words = [len(t.split()) for t in texts]
    emoji = [sum(is_emoji(c) for c in t) for t in texts]
    first = Counter(t.split()[0].strip(",.!").lower() for t in texts if t.split())
    openers = tuple(w for w, c in first.most_common(3) if c / len(texts) >= 0.08)
    brit = sum(len(_BRITISH.findall(t)) for t in texts)
    amer = sum(len(_AMERICAN.findall(t)) for t in texts)
    spelling = "British" if brit > 2 * amer and brit else "American" if amer > 2 * brit else ""
    latin = [
        sum(c.isascii() for c in t if c.isalpha()) / max(1, sum(c.isalpha() for c in t))
        for t in texts
    ]
    return StyleProfile(
        replies=len(texts),
        sentences_p50=_pct(n_sent, 0.5),
        sentences_p90=_pct(n_sent, 0.9),
        words_p50=_pct(n_words, 0.5),
        words_p90=_pct(n_words, 0.9),
        emoji_share=sum(e > 0 for e in emoji) / len(texts),
        emoji_max=_pct(emoji, 0.9),
        exclaim_share=sum("!" in t for t in texts) / len(texts),
        lowercase_share=sum(t[0].islower() for t in texts) / len(texts),
        openers=openers,
        spelling=spelling,
        non_latin_share=sum(x < 0.5 for x in latin) / len(texts),
    )
