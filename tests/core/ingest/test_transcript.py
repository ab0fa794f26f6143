from core.ingest.transcript import read_transcript
from core.records import Visibility


def test_vtt_keeps_only_the_creators_tagged_lines(read) -> None:
    (item,), log = read(
        read_transcript, "talk.vtt", format="transcript", creator_ids=["Mara Quill"]
    )
    assert item.item_id == "vid-batard"
    assert item.title == "Shaping a batard"
    assert item.date == "2024-02-14"
    assert item.url == "https://video.example/watch?v=batard&t={t}"  # {t} is per window
    assert [c.start for c in item.cues] == [0.0, 9.5, 90.0, 105.0]
    assert "Tom" not in item.text and "crumbs" not in item.text
    assert item.cues[1].text == "Flour the bench lightly, fold the top third down."
    # An untagged cue continues the last speaker.
    assert item.cues[3].text == "carry on rolling"
    assert log.skipped["transcript line by another speaker"] == 1


def test_srt_without_speakers_keeps_every_line(read) -> None:
    (item,), log = read(
        read_transcript,
        "talk.srt",
        format="transcript",
        url_template="https://v.example/{id}?t={t}",
    )
    assert item.item_id == "talk"
    assert [c.end for c in item.cues] == [3.5, 8.0, 85.0]
    assert item.url == "https://v.example/talk?t={t}"
    assert item.visibility is Visibility.PUBLIC
    assert not log.errors


def test_bad_timings_are_reported_and_other_cues_kept(read) -> None:
    text = "1\n00:00:01,000 --> soon\nlost\n\n2\n00:00:02,000 --> 00:00:03,000\nkept\n"
    (item,), log = read(read_transcript, text, format="transcript")
    assert item.text == "kept"
    assert log.errors[0].location == "line 2"


def test_a_file_with_no_cues_is_not_a_transcript(read) -> None:
    items, log = read(read_transcript, '{"not": "a transcript"}', format="transcript")
    assert items == [] and "no cues" in log.errors[0].message
