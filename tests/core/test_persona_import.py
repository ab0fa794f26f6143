"""Character Card V2/V3 (JSON and PNG) and elizaOS characters become a loadable bot.toml."""

import base64
import json

import pytest
from PIL import Image, PngImagePlugin
from typer.testing import CliRunner

from bots.cli import app
from core.persona.bot import load_bot
from core.persona.card_import import PersonaImportError, read_card, to_persona

V2 = {
    "spec": "chara_card_v2",
    "spec_version": "2.0",
    "data": {
        "name": "Juno Vale",
        "description": "Climbing coach and route setter.",
        "personality": "Blunt, funny, encouraging.",
        "first_mes": "Chalk up!",
        "mes_example": "<START>{{user}}: hi",
        "tags": ["climbing"],
        "character_book": {"entries": [{"keys": ["crimp"], "content": "Crimps hurt."}]},
        "extensions": {"depth_prompt": {"depth": 4, "prompt": "x"}},
    },
}
ELIZA = {
    "name": "Rio",
    "username": "rio_cooks",
    "bio": ["Home cook.", "Loves spice."],
    "lore": ["Once burned a pot of rice."],
    "adjectives": ["warm", "quick"],
    "style": {"all": ["short sentences"], "chat": ["ask a question back"], "post": ["emoji"]},
    "topics": ["curry"],
    "messageExamples": [[{"user": "{{user1}}", "content": {"text": "hi"}}]],
    "plugins": [],
}


def test_v2_card_maps_core_fields_and_keeps_the_rest():
    persona, ext = to_persona(V2)
    assert persona["name"] == "Juno Vale" and persona["voice"] == "Blunt, funny, encouraging."
    assert ext["chara-card-v2"]["first_mes"] == "Chalk up!"
    assert "character_book" in ext["chara-card-v2"]


def test_eliza_character_maps_bio_style_and_keeps_lore_unverified():
    persona, ext = to_persona(ELIZA)
    assert persona["handle"] == "@rio_cooks" and persona["bio"] == "Home cook. Loves spice."
    assert persona["style_notes"] == ["short sentences", "ask a question back"]
    assert "facts" not in persona, "card text is never a verified fact"
    assert ext["elizaos"]["lore"] == ["Once burned a pot of rice."]


def test_png_card_with_ccv3_chunk(tmp_path):
    card = {**V2, "spec": "chara_card_v3", "spec_version": "3.0"}
    info = PngImagePlugin.PngInfo()
    info.add_text("chara", base64.b64encode(json.dumps(V2).encode()).decode())
    info.add_text("ccv3", base64.b64encode(json.dumps(card).encode()).decode())
    path = tmp_path / "card.png"
    Image.new("RGB", (4, 4)).save(path, pnginfo=info)
    assert read_card(path)["spec"] == "chara_card_v3"


@pytest.mark.parametrize("body", [b"\x89PNG\r\n\x1a\nbroken", b"[1, 2]", b"{not json", b"{}"])
def test_bad_files_are_clear_errors(tmp_path, body):
    path = tmp_path / "card.json"
    path.write_bytes(body)
    with pytest.raises((PersonaImportError, OSError)):
        to_persona(read_card(path))


def test_cli_writes_a_bot_toml_that_loads(tmp_path):
    src = tmp_path / "rio.json"
    src.write_text(json.dumps(ELIZA))
    result = CliRunner().invoke(app, ["import-persona", str(src), "--into", str(tmp_path / "rio")])
    assert result.exit_code == 0, result.output
    bot = load_bot(tmp_path / "rio")
    assert bot.persona.name == "Rio" and "elizaos" in bot.extensions
    assert (
        json.loads(bot.extensions["elizaos"]["messageExamples"])[0][0]["content"]["text"] == "hi"
    )
