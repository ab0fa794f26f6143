from core.ingest.jsonl import read_jsonl
from core.records import Visibility


def test_lines_become_items(read) -> None:
    items, log = read(read_jsonl, "posts.jsonl", creator_ids=["Mara Quill"])
    assert [i.item_id for i in items] == ["n1", "n2", "n3"]
    assert items[0].url == "https://news.example/n1"
    assert items[1].visibility is Visibility.PAID
    assert items[2].author == "Mara Quill"
    assert not log.errors


def test_bad_lines_are_reported_by_line_and_the_rest_is_read(read) -> None:
    text = '{"text": "ok"}\n{"text": "cut\n[1, 2]\n{"text": 42}\n{"body": ["a"]}\n\n'
    text += '{"text": "fine"}\n'
    items, log = read(read_jsonl, text)
    assert [i.text for i in items] == ["ok", "fine"]
    assert [e.location.split(" col")[0] for e in log.errors] == [
        "line 2",
        "line 3",
        "line 4",
        "line 5",
    ]
    assert "int" in log.errors[2].message and "array" in log.errors[3].message


def test_a_line_separator_inside_a_string_does_not_split_the_line(read) -> None:
    items, _ = read(read_jsonl, '{"text": "one\u2028two"}\n')
    assert items[0].text == "one\u2028two"
