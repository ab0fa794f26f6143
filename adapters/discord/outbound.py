"""Sending on Discord: paced, 429-proof messages, threads opened on a message, DMs, lookups."""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

import discord

from adapters.common.cache import LookupCache
from adapters.common.pacing import Window, wait_for_slots
from adapters.common.retry import RateLimitedTooLong, retrying
from adapters.discord.events import DM_WORKSPACE, PLATFORM
from adapters.discord.render import (
    allowed_mentions,
    render_embed,
    render_text,
    render_view,
    text_hash,
)
from adapters.discord.settings import DiscordSettings
from core.ports import RateLimiter
from core.types import Reply, SentMessage, Target

log = logging.getLogger(__name__)
T = TypeVar("T")
THREAD_EXISTS = 160004  # "A thread has already been created for this message"


class Outbound:
    """The sending half of the Discord adapter, over the running client's HTTP session."""

    def __init__(
        self,
        settings: DiscordSettings,
        limiter: RateLimiter,
        client: Callable[[], discord.Client],
    ) -> None:
        self.settings = settings
        self._limiter = limiter
        self._client = client
        # A thread on a message is opened once; its id is the message's id from then on.
        self._threads: LookupCache[tuple[int, int], str] = LookupCache(
            self._open_on, ttl=24 * 3600, max_size=5_000
        )

    async def typing(self, target: Target) -> None:
        """One typing sign (it lasts about 10 s; core renews it)."""
        try:
            await self._client().http.send_typing(int(target.thread_id or target.channel_id))
        except discord.HTTPException:
            log.debug("discord: typing failed in %s", target.channel_id, exc_info=True)

    async def send(self, reply: Reply) -> SentMessage | None:
        """Send a reply: split text, reference, embed, buttons, attachment, allowed mentions.

        Outside an interaction Discord has no ephemeral messages, so a private reply goes to
        the person's DM; if they do not accept DMs, core's fallback is said in place.
        """
        target = reply.target
        if reply.reaction:
            await self._react(reply)
            return None
        if target.open_thread_on and not target.thread_id:
            thread = await self._threads.get((int(target.channel_id), int(target.open_thread_on)))
            target = Target(PLATFORM, target.workspace_id, target.channel_id, thread_id=thread)
        if reply.ephemeral and target.user_id and target.workspace_id != DM_WORKSPACE:
            user = target.user_id
            try:
                dm = await self.retrying(lambda: self._client().http.start_private_message(user))
                return await self._deliver(reply, Target(PLATFORM, DM_WORKSPACE, str(dm["id"])))
            except discord.Forbidden:  # the user does not accept DMs from this server
                return await self._deliver(Reply(target, reply.private_fallback), target)
        return await self._deliver(reply, target)

    async def _react(self, reply: Reply) -> None:
        """A reaction on a message (live mode's pointer), paced on Discord's reaction route
        (about 4 a second per channel) apart from posts; a refused one is only logged."""
        t = reply.target
        channel, message = int(t.thread_id or t.channel_id), int(t.reply_to_message_id or 0)
        window = Window(f"pace:{PLATFORM}:react:{channel}", *self.settings.pacing.reactions)
        try:
            await wait_for_slots(self._limiter, [window])
            http = self._client().http
            await self.retrying(lambda: http.add_reaction(channel, message, reply.reaction))
        except (discord.HTTPException, RateLimitedTooLong):
            log.warning("discord: reaction on %s/%s failed", channel, message, exc_info=True)

    async def open_thread(self, target: Target, name: str | None = None) -> Target:
        """Open a thread (on the message replied to, if any) and return a Target inside it."""
        channel = int(target.channel_id)
        if target.reply_to_message_id:
            thread = await self._threads.get((channel, int(target.reply_to_message_id)))
        else:
            title = (name or self.settings.thread_name)[:100]
            data = await self.retrying(
                lambda: self._client().http.start_thread_without_message(
                    channel,
                    name=title,
                    auto_archive_duration=1440,
                    type=11,  # public thread
                )
            )
            thread = str(data["id"])
        return Target(
            PLATFORM,
            target.workspace_id,
            target.channel_id,
            thread_id=thread,
            user_id=target.user_id,
        )

    async def _open_on(self, key: tuple[int, int]) -> str:
        channel, message = key
        http = self._client().http
        title = self.settings.thread_name[:100]
        try:
            data = await self.retrying(
                lambda: http.start_thread_with_message(
                    channel, message, name=title, auto_archive_duration=1440
                )
            )
        except discord.HTTPException as exc:
            if exc.code != THREAD_EXISTS:
                raise
            return str(message)  # opened earlier (another replica, a restart): same id
        return str(data["id"])

    async def _deliver(self, reply: Reply, target: Target) -> SentMessage | None:
        dest = int(target.thread_id or target.channel_id)
        guild = None if target.workspace_id == DM_WORKSPACE else int(target.workspace_id)
        channel = self._client().get_partial_messageable(dest, guild_id=guild)
        pieces = render_text(reply)
        embed, view = render_embed(reply), render_view(reply)
        if not pieces and (embed or view or reply.attachment):
            pieces = [""]
        sent: discord.Message | None = None
        for i, piece in enumerate(pieces):
            kwargs = self._message(reply, piece, last=i == len(pieces) - 1, embed=embed, view=view)
            kwargs["mention_author"] = False
            if i == 0 and target.reply_to_message_id:
                # If the message is gone (or lives in the parent channel), still answer.
                kwargs["reference"] = discord.MessageReference(
                    message_id=int(target.reply_to_message_id),
                    channel_id=dest,
                    fail_if_not_exists=False,
                )
            await self.paced(dest)
            sent = await self.retrying(functools.partial(channel.send, **kwargs))
        if sent is None:
            return None
        return SentMessage(PLATFORM, str(sent.channel.id), str(sent.id))

    async def send_private(self, it: discord.Interaction, reply: Reply, placeholder: bool) -> bool:
        """An ephemeral answer to an interaction; the first piece replaces "thinking...".

        Returns whether the placeholder is still showing.
        """
        pieces = render_text(reply) or [""]
        embed, view = render_embed(reply), render_view(reply)
        for i, piece in enumerate(pieces):
            kwargs = self._message(reply, piece, last=i == len(pieces) - 1, embed=embed, view=view)
            file = kwargs.pop("file", None)
            if placeholder:
                if file is not None:
                    kwargs["attachments"] = [file]
                await self.retrying(functools.partial(it.edit_original_response, **kwargs))
                placeholder = False
            else:
                if file is not None:
                    kwargs["file"] = file
                await self.retrying(functools.partial(it.followup.send, ephemeral=True, **kwargs))
        return placeholder

    @staticmethod
    def _message(
        reply: Reply,
        piece: str,
        *,
        last: bool,
        embed: discord.Embed | None,
        view: discord.ui.View | None,
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "content": piece or None,
            "allowed_mentions": allowed_mentions(reply),
        }
        if last and embed is not None:
            kwargs["embed"] = embed
        if last and view is not None:
            kwargs["view"] = view
        if last and reply.attachment is not None:
            a = reply.attachment
            kwargs["file"] = discord.File(io.BytesIO(a.data), filename=a.filename)
        return kwargs

    async def find_post(self, target: Target, text: str, since: datetime) -> SentMessage | None:
        """Our message in the channel's recent history whose words are `text`'s first piece.

        What the outbox asks after a post was cut off mid-send: found means it went out.
        """
        client = self._client()
        pieces = render_text(Reply(target, text))
        if not pieces or client.user is None:
            return None
        wanted, me = text_hash(pieces[0]), client.user.id
        channel = int(target.thread_id or target.channel_id)
        history = await self.retrying(
            lambda: client.http.logs_from(channel, self.settings.history_limit)
        )
        # A minute's grace for clocks that disagree between this host and Discord.
        after = since - timedelta(minutes=1)
        for m in history:
            author = int((m.get("author") or {}).get("id") or 0)
            if (
                author == me
                and text_hash(str(m.get("content") or "")) == wanted
                and discord.utils.snowflake_time(int(m["id"])) >= after
            ):
                return SentMessage(PLATFORM, str(m["channel_id"]), str(m["id"]))
        return None

    async def paced(self, channel_id: int) -> None:
        p = self.settings.pacing
        await wait_for_slots(
            self._limiter,
            [
                Window(f"pace:{PLATFORM}:channel:{channel_id}", *p.per_channel),
                Window(f"pace:{PLATFORM}:all", *p.overall),
            ],
        )

    async def retrying(self, call: Callable[[], Awaitable[T]]) -> T:
        # discord.py already sleeps out each 429 (up to 5 tries per request); this outer loop
        # covers a long 429 streak, so a reply is delayed rather than lost.
        return await retrying(
            call, _retry_after, max_retries=self.settings.max_retries, what=PLATFORM
        )


def _retry_after(exc: BaseException) -> float | None:
    if isinstance(exc, discord.RateLimited):
        return exc.retry_after
    if isinstance(exc, discord.HTTPException) and exc.status == 429:
        return float(exc.response.headers.get("Retry-After") or 1.0)
    return None
