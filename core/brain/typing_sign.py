"""The typing sign: shown only while a turn waits on the model, one send in flight per chat.

Under load every turn spends seconds in this process (queued, embedding, checking); a sign
started by the turn's clock went out for nearly every reply and doubled the platform calls
(issue 26: 5,873 signs for 6,401 replies). A sign says "the clone is writing", so it is timed
from the model call: answers made without the model (fixed replies, her reused answer, a
deflection) never show one, nor does a model that answers within the short delay.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from core.ports import Outbound
from core.types import Reply, ReplyKind, SentMessage, Target

log = logging.getLogger(__name__)

# A sign fades after about 5 s on the platforms; renewed a little before that.
TYPING_EVERY_SECONDS = 4.0
# Text ready sooner than this after the model call goes out without a sign first: no flicker,
# and no platform call for it. A slower one shows the sign well within the 1 s a fan waits.
TYPING_DELAY_SECONDS = 0.3

Chat = tuple[str, str, str | None]


class TypingSigns:
    """One clone's typing signs: when each chat's was last sent, and the send on its way."""

    def __init__(
        self,
        outbound: Outbound,
        *,
        delay: float = TYPING_DELAY_SECONDS,
        every: float = TYPING_EVERY_SECONDS,
    ) -> None:
        self.outbound = outbound
        self.delay = delay
        self.every = every
        self._shown: dict[Chat, float] = {}
        self._sending: dict[Chat, asyncio.Future[SentMessage | None]] = {}

    def for_turn(self, target: Target) -> TurnSign:
        return TurnSign(self, target)

    def _busy(self, chat: Chat, now: float) -> bool:
        """A sign is on its way to this chat, or one was sent recently enough to still show:
        one is enough, whichever turn sent it."""
        sending = self._sending.get(chat)
        if sending is not None and not sending.done():
            return True
        shown = self._shown.get(chat)
        return shown is not None and now - shown < self.every * 0.9

    def _send(self, chat: Chat, target: Target, now: float) -> asyncio.Future[SentMessage | None]:
        if len(self._shown) > 10_000:
            self._shown.clear()
        self._shown[chat] = now
        sign = Reply(target, "", kind=ReplyKind.TYPING)
        sending = asyncio.ensure_future(self.outbound.post(sign))
        self._sending[chat] = sending

        def done(f: asyncio.Future[SentMessage | None]) -> None:
            if self._sending.get(chat) is f:
                del self._sending[chat]
                # It shows from when it arrived: a slow platform call is not a sign shown.
                self._shown[chat] = asyncio.get_running_loop().time()

        sending.add_done_callback(done)
        return sending


class TurnSign:
    """One turn's typing sign: armed only while the turn waits on the model (`waiting`)."""

    def __init__(self, signs: TypingSigns, target: Target) -> None:
        self.signs = signs
        self.target = target
        self.chat: Chat = (target.platform, target.channel_id, target.thread_id)
        self._sent: list[asyncio.Future[SentMessage | None]] = []

    @contextlib.asynccontextmanager
    async def waiting(self) -> AsyncIterator[None]:
        """Around a model call: the sign shows if the model's text is not all there within the
        delay, and is renewed while it writes. A sign on its way when the text is done is let
        finish (see `finish`)."""
        if not self.signs.outbound.reaches(self.target.platform):
            yield
            return
        task = asyncio.create_task(self._renew())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _renew(self) -> None:
        signs, loop = self.signs, asyncio.get_running_loop()
        await asyncio.sleep(signs.delay)
        while True:
            if signs._busy(self.chat, loop.time()):
                await asyncio.sleep(signs.every / 4)
                continue
            sending = signs._send(self.chat, self.target, loop.time())
            self._sent.append(sending)
            try:
                await asyncio.shield(sending)
            except Exception:  # a failed typing sign must never cost the reply
                log.warning("typing sign failed in %s", self.target.conversation_id, exc_info=True)
            await asyncio.sleep(signs.every)

    async def finish(self) -> None:
        """Before the answer goes: let this turn's sign still on its way arrive, never cancel
        it. Cancelling would drop the platform connection under it, and a sign arriving after
        the answer would show a fan "typing..." under a finished reply."""
        late = [s for s in self._sent if not s.done()]
        self._sent.clear()
        if late:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.gather(*late), self.signs.every)
