"""Whether people have silenced the clone in a channel: the kill switch, off, or a mute."""

from __future__ import annotations

from datetime import datetime

from core.ports import StateStore
from core.records import MuteScope


async def channel_silenced(
    state: StateStore, creator_id: str, channel_key: str, now: datetime
) -> str | None:
    """Why the clone must keep quiet in a whole channel (`platform:workspace:channel`), or None.

    The kill switch ("killed"), a switch turning it off everywhere or there ("switched_off"),
    or a mute of the channel or its community ("muted"). Mutes of one fan do not count here.
    """
    switches = await state.switches(creator_id)
    if switches.get("kill") == "on":
        return "killed"
    if "off" in (switches.get("enabled:everywhere"), switches.get(f"enabled:{channel_key}")):
        return "switched_off"
    community = channel_key.rsplit(":", 1)[0]
    for mute in await state.active_mutes(creator_id, now):
        if (mute.scope is MuteScope.CHANNEL and mute.key == channel_key) or (
            mute.scope is MuteScope.COMMUNITY and mute.key == community
        ):
            return "muted"
    return None
