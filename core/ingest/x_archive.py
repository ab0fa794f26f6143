"""Reads an X/Twitter archive `data/tweets.js`: her tweets, and her replies to liked tweets."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from core.ingest import jsondoc
from core.ingest.items import Item, ReadContext, type_name

_PREFIX = re.compile(r"\A\s*window\.YTD\.\w+\.part\d+\s*=\s*")
_LIKE_PREFIX = re.compile(r"\A\s*window\.YTD\.like\.part\d+\s*=\s*")
_LEADING_MENTIONS = re.compile(r"\A(?:@\w+\s+)+")
# An X username: 1-15 letters, digits or underscores (a numeric id or a full name is not one).
_HANDLE = re.compile(r"@?([A-Za-z0-9_]{1,15})")


def read_x(text: str, ctx: ReadContext) -> Iterator[Item]:
    prefix = _PREFIX.match(text)
    if not prefix:
        ctx.log.warn("line 1", "no `window.YTD.tweets.part0 =` prefix; reading as plain JSON")
    body = text[prefix.end() :] if prefix else text
    data = jsondoc.load(body, ctx.log)
    if data is None:
        start = body.find("[")
        data = jsondoc.salvage_array(body, start + 1) if start >= 0 else []
        if data:
            ctx.log.warn("", f"kept the {len(data)} complete tweets before the break")
    if not isinstance(data, list):
        ctx.log.error("", f"expected an array of tweets, found {type_name(data)}")
        return
    # Her own tweets by id: a reply to one of them continues her thread, it answers nobody.
    own = {str(t.get("id_str") or t.get("id")) for t in map(_unwrap, data) if t is not None}
    liked = _liked(ctx)
    for index, entry in enumerate(data):
        item = _tweet(entry, f"tweet #{index + 1}", ctx)
        if item is None or item.kind != "reply":
            if item is not None:
                yield item
            continue
        tweet = _unwrap(entry) or {}
        parent = str(tweet.get("in_reply_to_status_id_str") or "")
        asked = liked.get(parent) if parent and parent not in own else None
        if asked:
            # The fan's tweet she liked and then answered: the question of an exchange.
            user = str(tweet.get("in_reply_to_user_id_str") or "")
            asker = f"x:{user}" if user.isdigit() else None
            item = dataclasses.replace(item, context=asked, context_author=asker)
        yield item


def _unwrap(entry: object) -> dict[str, Any] | None:
    # Archives wrap each tweet as {"tweet": {...}}; older ones did not.
    tweet = entry.get("tweet", entry) if isinstance(entry, dict) else None
    return tweet if isinstance(tweet, dict) else None


def _liked(ctx: ReadContext) -> dict[str, str]:
    """The text of the tweets she liked, by id, from the archive's like*.js beside tweets.js.

    X's archive holds none of the tweets she replied to, but it does hold the ones she liked,
    with their text: fans' questions she liked before answering are the other half of her
    replies. A broken like file costs the exchanges only, never her tweets.
    """
    out: dict[str, str] = {}
    for text in ctx.companions("like*.js"):
        prefix = _LIKE_PREFIX.match(text)
        try:
            data = json.loads(text[prefix.end() :] if prefix else text)
        except json.JSONDecodeError as exc:
            ctx.log.warn("like.js", f"not JSON ({exc.msg}); replies kept without the fan's tweet")
            continue
        for entry in data if isinstance(data, list) else []:
            like = entry.get("like") if isinstance(entry, dict) else None
            if not isinstance(like, dict):
                continue
            tweet_id, full = like.get("tweetId"), like.get("fullText")
            if isinstance(tweet_id, str | int) and isinstance(full, str):
                # The fan's tweet opens with the handles it addresses, as hers do.
                question = _LEADING_MENTIONS.sub("", full).strip()
                if question:
                    out[str(tweet_id)] = question
    return out


def _tweet(entry: object, location: str, ctx: ReadContext) -> Item | None:
    tweet = _unwrap(entry)
    if tweet is None:
        ctx.log.error(location, f"expected a tweet object, found {type_name(entry)}")
        return None
    tweet_id = tweet.get("id_str") or tweet.get("id")
    if not isinstance(tweet_id, str | int):
        ctx.log.error(location, "tweet has no id_str")
        return None
    location = f"tweet {tweet_id}"
    text = tweet.get("full_text", tweet.get("text"))
    if not isinstance(text, str):
        ctx.log.error(location, f"full_text is {type_name(text)}, expected a string; skipped")
        return None
    if tweet.get("retweeted_status") or text.startswith("RT @"):
        ctx.log.skip("retweet (someone else's words)")
        return None
    text = _expand_links(text, tweet.get("entities"))
    reply_to = tweet.get("in_reply_to_screen_name")
    if reply_to:
        # A reply opens with the handles it answers; they are addressing, not content.
        text = _LEADING_MENTIONS.sub("", text)
    if not text.strip():
        ctx.log.skip("no text")
        return None
    handle = _handle(ctx.source.creator_ids)
    # X's own permalink; without a known username, the /i/web/ form resolves to the same tweet.
    found_url: str | None = f"https://x.com/{handle or 'i/web'}/status/{tweet_id}"
    if not handle and ctx.source.url_template:
        found_url = None
    return Item(
        item_id=str(tweet_id),
        text=text,
        visibility=ctx.source.visibility,
        kind="reply" if reply_to else "tweet",
        url=ctx.url(str(tweet_id), found_url),
        date=_date(tweet.get("created_at")),
        author=handle or next(iter(ctx.source.creator_ids), None),
    )


def _handle(creator_ids: list[str]) -> str | None:
    for value in creator_ids:
        found = _HANDLE.fullmatch(value.strip())
        if found and not found.group(1).isdigit():
            return found.group(1)
    return None


def _expand_links(text: str, entities: Any) -> str:
    """t.co links back to what they point at; media links dropped (the image is not here)."""
    if not isinstance(entities, dict):
        return text
    for link in entities.get("urls") or []:
        if isinstance(link, dict) and isinstance(link.get("url"), str):
            text = text.replace(link["url"], str(link.get("expanded_url") or link["url"]))
    for media in entities.get("media") or []:
        if isinstance(media, dict) and isinstance(media.get("url"), str):
            text = text.replace(media["url"], "")
    return text.strip()


def _date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").isoformat()
    except ValueError:
        return value
