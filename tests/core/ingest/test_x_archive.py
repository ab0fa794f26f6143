from core.ingest.x_archive import read_x


def test_tweets_and_replies_are_kept_with_links_expanded(read) -> None:
    items, log = read(read_x, "tweets.js", format="x", creator_ids=["maraquill"])
    by_id = {i.item_id: i for i in items}
    first = by_id["1700000000000000001"]
    assert first.text.endswith("#sourdough https://maraquill.example/blog/first-loaf")
    assert "&amp;" in first.text  # unescaped later, in the pipeline
    assert first.url == "https://x.com/maraquill/status/1700000000000000001"
    assert first.date == "2023-09-08T09:00:00+00:00"
    assert first.kind == "tweet"
    reply = by_id["1700000000000000002"]
    assert reply.kind == "reply"
    assert reply.text.startswith("Feed it 1:5:5")  # the leading @handle is addressing
    assert by_id["1700000000000000004"].text == "Crumb shot of the week \U0001f525"
    assert not log.errors


def test_retweets_are_someone_elses_words(read) -> None:
    items, log = read(read_x, "tweets.js", format="x")
    assert "1700000000000000003" not in {i.item_id for i in items}
    assert log.skipped["retweet (someone else's words)"] == 1


def test_truncated_archive_keeps_the_complete_tweets(read, fixtures) -> None:
    text = (fixtures / "tweets.js").read_text(encoding="utf-8")
    cut = text[: text.index("1700000000000000003") + 5]
    items, log = read(read_x, cut, format="x")
    assert {i.item_id for i in items} == {"1700000000000000001", "1700000000000000002"}
    assert log.errors[0].location.startswith("line")


def test_valid_json_of_the_wrong_schema_is_reported(read) -> None:
    items, log = read(read_x, 'window.YTD.tweets.part0 = {"tweets": []}', format="x")
    assert items == [] and "expected an array" in log.errors[0].message
    items, log = read(
        read_x,
        'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "full_text": 7}}, 3]',
        format="x",
    )
    assert items == []
    assert [e.location for e in log.errors] == ["tweet 1", "tweet #2"]
