from core.ingest.csv_file import read_csv
from core.records import Visibility


def test_rows_become_items_with_per_row_visibility(read) -> None:
    items, log = read(read_csv, "posts.csv", url_template="https://insta.example/p/{id}")
    by_id = {i.item_id: i for i in items}
    assert by_id["c1"].url == "https://insta.example/p/c1"
    assert by_id["c1"].date == "2024-01-01"
    assert by_id["c2"].visibility is Visibility.PAID
    assert by_id["c3"].visibility is Visibility.NEVER_USE
    assert by_id["c4"].text == "Multi-line\r\ncaption"  # normalised later, in the pipeline
    assert by_id["c2"].url == "https://insta.example/p/c2"
    assert not log.errors


def test_csv_without_a_text_column_is_the_wrong_schema(read) -> None:
    items, log = read(read_csv, "id,likes\n1,3\n")
    assert items == [] and "no text column" in log.errors[0].message


def test_rows_of_other_authors_are_skipped_when_creator_ids_are_set(read) -> None:
    text = "text,author\nmine,Mara\ntheirs,Fan\n"
    items, log = read(read_csv, text, creator_ids=["mara"])
    assert [i.text for i in items] == ["mine"]
    assert log.skipped["not by the creator"] == 1


def test_a_huge_field_and_extra_fields_are_read(read) -> None:
    big = "word " * 400_000
    items, log = read(read_csv, f'text\n"{big}",extra\nsmall\n')
    assert len(items) == 2 and len(items[0].text) == len(big)
    assert log.warnings and "more fields" in log.warnings[0].message
