"""Import Character Card V2/V3 (JSON or PNG) and elizaOS characters into a bot.toml persona.

Card text is not verified by the creator, so nothing becomes a verified fact: lore and
knowledge land in `extensions` for the creator to review and promote by hand.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any


class PersonaImportError(ValueError):
    """The file is not a card we can read; the message says why."""


def read_card(path: Path) -> dict[str, Any]:
    """Load a card from JSON, or from the `ccv3`/`chara` text chunk of a PNG."""
    raw = path.read_bytes()
    if raw[:8] == b"\x89PNG\r\n\x1a\n":
        return _png_card(path)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PersonaImportError(f"{path}: not JSON or a PNG card ({exc})") from exc
    if not isinstance(data, dict):
        raise PersonaImportError(f"{path}: expected a JSON object, got {type(data).__name__}")
    return data


def _png_card(path: Path) -> dict[str, Any]:
    from PIL import Image

    with Image.open(path) as image:
        chunks = {k: v for k, v in image.info.items() if isinstance(v, str)}
    # V3 cards carry both; the ccv3 chunk is the newer and richer one.
    for key in ("ccv3", "chara"):
        if key in chunks:
            try:
                card = json.loads(base64.b64decode(chunks[key]).decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise PersonaImportError(f"{path}: bad {key} chunk ({exc})") from exc
            if isinstance(card, dict):
                return card
    raise PersonaImportError(f"{path}: PNG has no character card (no ccv3 or chara chunk)")


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def _lines(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [value.strip()] if isinstance(value, str) and value.strip() else []


def _handle(name: str, username: str = "") -> str:
    base = username or re.sub(r"[^a-z0-9_]", "", name.lower().replace(" ", "_"))
    return base if base.startswith("@") else "@" + base


def to_persona(card: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Map a card to (persona fields, extensions). Raises PersonaImportError if unknown."""
    spec = card.get("spec")
    if spec in ("chara_card_v2", "chara_card_v3") and isinstance(card.get("data"), dict):
        return _from_character_card(card["data"], str(spec))
    if "name" in card and ("bio" in card or "lore" in card or "style" in card):
        return _from_eliza(card)
    if "name" in card and ("description" in card or "personality" in card):
        return _from_character_card(card, "chara_card_v1")
    raise PersonaImportError("not a Character Card V2/V3 or an elizaOS character")


def _from_character_card(data: dict[str, Any], spec: str) -> tuple[dict[str, Any], dict[str, Any]]:
    name = _text(data.get("name")) or "Unnamed"
    persona = {
        "name": name,
        "handle": _handle(_text(data.get("nickname")) or name),
        "bio": _text(data.get("description")) or f"{name}'s AI clone.",
        "voice": _text(data.get("personality")),
        "disclosure_line": f"Heads up: I'm {name}'s AI clone, not {name} in person.",
    }
    mapped = {"name", "nickname", "description", "personality"}
    rest = {k: v for k, v in data.items() if k not in mapped and v not in ("", [], {}, None)}
    return persona, {spec.replace("_", "-"): rest}


def _from_eliza(card: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    name = _text(card.get("name")) or "Unnamed"
    raw_style = card.get("style")
    style: dict[str, Any] = raw_style if isinstance(raw_style, dict) else {}
    persona = {
        "name": name,
        "handle": _handle(name, _text(card.get("username"))),
        "bio": _text(card.get("bio")) or f"{name}'s AI clone.",
        "voice": ", ".join(_lines(card.get("adjectives"))),
        "style_notes": _lines(style.get("all")) + _lines(style.get("chat")),
        "disclosure_line": f"Heads up: I'm {name}'s AI clone, not {name} in person.",
    }
    mapped = {"name", "username", "bio", "adjectives", "style"}
    rest = {k: v for k, v in card.items() if k not in mapped and v not in ("", [], {}, None)}
    if _lines(style.get("post")):
        rest["style_post"] = _lines(style.get("post"))
    return persona, {"elizaos": rest}


def merge_into_bot(
    existing: dict[str, Any] | None,
    folder_name: str,
    persona: dict[str, Any],
    extensions: dict[str, Any],
) -> dict[str, Any]:
    """A bot.toml document: the imported persona over the existing one, the rest kept."""
    doc = dict(existing or {"id": re.sub(r"[^A-Za-z0-9_-]", "-", folder_name) or "clone"})
    old = dict(doc.get("persona", {}))
    old.update({k: v for k, v in persona.items() if v not in ("", [])})
    doc["persona"] = old
    doc["extensions"] = {**doc.get("extensions", {}), **_toml_safe(extensions)}
    return doc


def _toml_safe(value: Any) -> Any:
    # TOML has no null and no mixed arrays of tables and scalars; JSON text keeps them intact.
    if isinstance(value, dict):
        return {str(k): _toml_safe(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        if all(isinstance(v, str | int | float | bool) for v in value):
            return value
        return json.dumps(value, ensure_ascii=False)
    return value
