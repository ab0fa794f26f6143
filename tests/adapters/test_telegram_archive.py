"""Telegram Desktop exports read as archive sources (adapters/telegram/archive.py)."""

import json

from adapters.telegram.archive import read_telegram


def _read(read, text="result.json", **fields):
    fields.setdefault("creator_ids", ["user5550001"])
    return read(read_telegram, text, format="telegram", **fields)


def test_creator_messages_are_kept_with_entities_flattened(read) -> None:
    items, log = _read(read, url_template="https://t.me/quillcrumb/{id}")
    assert [i.item_id for i in items] == ["3", "6"]
    answer = items[0]
    assert answer.text.startswith("Overnight, 12–16 h at 4 °C. Full method: cold proof guide")
    assert "(https://maraquill.example/blog/cold-proof)" in answer.text
    assert "don't skip the pre-shape &amp; bench rest" in answer.text
    assert answer.context == "How long do you cold-proof a batard?"
    assert answer.author == "Mara Quill"
    assert answer.date == "2024-01-05T09:07:00"
    assert answer.url == "https://t.me/quillcrumb/3"
    assert not log.errors


def test_service_fan_media_only_and_forwarded_messages_are_skipped(read) -> None:
    _, log = _read(read)
    assert log.skipped == {
        "service message": 1,
        "not by the creator": 1,
        "no text (media only)": 1,
        "forwarded (someone else's words)": 1,
    }


def test_creator_can_be_named_instead_of_numbered(read) -> None:
    items, _ = _read(read, creator_ids=["mara quill"])
    assert len(items) == 2


def test_group_export_without_creator_ids_is_refused(read) -> None:
    items, log = _read(read, creator_ids=[])
    assert items == [] and "creator_ids" in log.errors[0].message


def test_channel_posts_are_all_the_creators(read) -> None:
    post = {"id": 9, "type": "message", "from": "Mara", "from_id": "channel1", "text": "post"}
    text = json.dumps({"name": "c", "type": "public_channel", "id": 1, "messages": [post]})
    items, _ = _read(read, text, creator_ids=[])
    assert [i.text for i in items] == ["post"]


def test_text_of_an_unexpected_type_and_the_wrong_schema(read) -> None:
    messages = [
        {"id": 1, "type": "message", "text": 12},
        {"id": 2, "type": "message", "text": [{"type": "bold"}]},
        "x",
    ]
    text = json.dumps({"type": "public_channel", "messages": messages})
    items, log = _read(read, text)
    assert items == []
    assert [e.location for e in log.errors] == ["message 1", "message 2", "message #3"]
    items, log = _read(read, '{"chats": 3}')
    assert items == [] and "messages" in log.errors[0].message


def test_truncated_export_keeps_complete_messages(read, fixtures) -> None:
    text = (fixtures / "result.json").read_text(encoding="utf-8")
    cut = text[: text.index('"id": 6') + 3]
    items, log = _read(read, cut)
    assert [i.item_id for i in items] == ["3"]
    assert log.errors


def test_the_fan_who_wrote_the_context_is_kept_for_their_data_rights(read) -> None:
    items, _ = _read(read)
    assert items[0].context_author == "telegram:7770002"


def test_telegram_display_name_lookalike_is_not_her(read) -> None:
    chat = {
        "type": "private_supergroup",
        "id": 1770000042,
        "messages": [
            {"id": 1, "type": "message", "from": "Pia Rowe", "from_id": "user1", "text": "real"},
            {"id": 2, "type": "message", "from": "Pia Rowe", "from_id": "user9", "text": "fake"},
        ],
    }
    items, log = read(read_telegram, json.dumps(chat), creator_ids=["user1", "Pia Rowe"])
    assert [i.text for i in items] == ["real"]
    assert items[0].url == "https://t.me/c/1770000042/1"
