from core.ingest.chunking import chunk_item, clock, split_text, time_windows
from core.ingest.items import Cue, Item
from core.records import Visibility


def test_a_short_post_is_one_chunk() -> None:
    assert split_text("Salt & time.") == ["Salt & time."]
    assert split_text("   ") == []


def test_long_text_splits_on_paragraphs_within_the_limit_with_overlap() -> None:
    paragraphs = [f"Paragraph {n}. " + "Knead the dough well. " * 15 for n in range(6)]
    chunks = split_text("\n\n".join(paragraphs), max_chars=800, overlap=120)
    assert len(chunks) > 1
    assert all(len(c) <= 800 for c in chunks)
    # Each chunk after the first begins with the tail of the one before.
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert after[:20] in before[-140:]
    joined = " ".join(chunks)
    assert all(f"Paragraph {n}." in joined for n in range(6))


def test_a_single_huge_line_is_cut_quickly_at_word_boundaries() -> None:
    text = "crumb " * 350_000  # about 2 MB, no sentence ends
    chunks = split_text(text)
    assert all(len(c) <= 800 for c in chunks)
    assert all(not c.startswith("rumb") for c in chunks)


def test_transcripts_are_windowed_by_time_keeping_start_and_end() -> None:
    cues = [Cue(float(s), float(s) + 10, f"line {s}") for s in range(0, 300, 10)]
    windows = time_windows(cues, seconds=75)
    assert [(w.start, w.end) for w in windows] == [
        (0, 70),
        (70, 140),
        (140, 210),
        (210, 280),
        (280, 300),
    ]
    assert clock(3725.9) == "01:02:05"


def test_chunk_ids_are_stable_and_change_with_visibility() -> None:
    item = Item("p1", "Bake hot.", Visibility.PUBLIC, url="https://v.example/?t={t}")
    one = chunk_item(item, creator_id="mara", source="blog", source_file="a.md")
    again = chunk_item(item, creator_id="mara", source="blog", source_file="a.md")
    assert [c.id for c in one] == [c.id for c in again]
    paid = Item("p1", "Bake hot.", Visibility.PAID)
    assert (
        chunk_item(paid, creator_id="mara", source="blog", source_file="a.md")[0].id != one[0].id
    )
    assert one[0].url == "https://v.example/?t=0"


def test_transcript_chunks_carry_timestamps_and_deep_links() -> None:
    cues = tuple(Cue(float(s), float(s) + 5, f"cue {s}") for s in range(0, 200, 5))
    item = Item(
        "vid",
        "",
        Visibility.PUBLIC,
        kind="transcript",
        url="https://v.example/vid?t={t}",
        cues=cues,
    )
    chunks = chunk_item(item, creator_id="mara", source="yt", source_file="vid.vtt")
    assert chunks[0].start == "00:00:00" and chunks[1].start == "00:01:15"
    assert chunks[1].url == "https://v.example/vid?t=75"
    assert chunks[-1].end == "00:03:20"
