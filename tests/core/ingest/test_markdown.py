from pathlib import Path

from core.ingest.markdown import read_markdown
from core.records import Visibility


def test_front_matter_gives_title_date_url_and_id(read, fixtures: Path) -> None:
    items, log = read(read_markdown, "blog/2024-03-02-first-loaf.md", creator_ids=["Mara Quill"])
    (item,) = items
    assert item.item_id == "first-loaf"
    assert item.title == "My first loaf & what it taught me"
    assert item.date == "2024-03-02"
    assert item.url == "https://maraquill.example/blog/first-loaf"
    assert item.author == "Mara Quill"
    assert item.visibility is Visibility.PUBLIC
    assert "title:" not in item.text and "Give a starter two weeks." in item.text
    assert not log.errors


def test_front_matter_visibility_overrides_the_source(read) -> None:
    (item,), _ = read(read_markdown, "blog/2024-04-10-members-lamination.md")
    assert item.visibility is Visibility.PAID
    never, _ = read(read_markdown, "blog/2024-05-01-draft-rant.md")
    assert never[0].visibility is Visibility.NEVER_USE  # the pipeline drops it


def test_plain_text_without_front_matter_uses_heading_or_file_name(read) -> None:
    (item,), _ = read(
        read_markdown, "blog/kitchen-notes.txt", url_template="https://m.example/{id}"
    )
    assert item.item_id == "kitchen-notes"
    assert item.url == "https://m.example/kitchen-notes"
    (titled,), _ = read(read_markdown, "# Rye notes\n\nWet dough.")
    assert titled.title == "Rye notes"


def test_broken_front_matter_is_an_error_with_a_line_and_the_post_is_not_used(read) -> None:
    items, log = read(read_markdown, "---\ntitle: ok\nvisibility: [paid\n---\nbody\n")
    assert items == []
    assert log.errors and log.errors[0].location.startswith("line")


def test_unknown_visibility_is_not_guessed(read) -> None:
    items, log = read(read_markdown, "---\nvisibility: members\n---\nbody\n")
    assert items == [] and "unknown visibility" in log.errors[0].message


def test_front_matter_that_is_not_a_mapping_and_drafts_are_skipped(read) -> None:
    items, log = read(read_markdown, "---\n- a\n- b\n---\nbody\n")
    assert items == [] and log.errors
    items, log = read(read_markdown, "---\ndraft: true\n---\nbody\n")
    assert items == [] and log.skipped["draft"] == 1
