"""Core's neutral Mention written natively by each renderer: pure, no network."""

from __future__ import annotations

import pytest

from adapters.discord.render import render_text
from adapters.slack.render import render
from adapters.telegram.render import render_messages
from core.types import AllowedMentions, Mention, Reply, Target


def notice(mention: Mention, allowed: AllowedMentions) -> Reply:
    return Reply(Target("x", "w", "c"), "Handoff here.", mention=mention, mentions=allowed)


ROLE, USER = Mention(role="42"), Mention(user="77")
ROLES, USERS = AllowedMentions(role_ids=("42",)), AllowedMentions(user_ids=("77",))


def test_discord_writes_role_and_user_pings() -> None:
    assert render_text(notice(ROLE, ROLES)) == ["<@&42> Handoff here."]
    assert render_text(notice(USER, USERS)) == ["<@77> Handoff here."]


def test_slack_writes_user_groups_and_users() -> None:
    assert render(notice(ROLE, ROLES))[0]["text"] == "<!subteam^42> Handoff here."
    assert render(notice(USER, USERS))[0]["text"] == "<@77> Handoff here."


def test_telegram_links_a_user_id_and_names_a_username() -> None:
    assert render_messages(notice(ROLE, ROLES)) == [
        '<a href="tg://user?id=42">moderators</a> Handoff here.'
    ]
    named = notice(Mention(role="ana_mods"), AllowedMentions(role_ids=("ana_mods",)))
    assert render_messages(named) == ["@ana_mods Handoff here."]


@pytest.mark.parametrize(
    "write",
    [
        lambda r: render_text(r)[0],
        lambda r: render(r)[0]["text"],
        lambda r: render_messages(r)[0],
    ],
    ids=["discord", "slack", "telegram"],
)
def test_a_mention_the_allow_list_does_not_name_is_not_written(write) -> None:  # type: ignore[no-untyped-def]
    assert write(notice(ROLE, USERS)) == "Handoff here."
    assert write(notice(USER, ROLES)) == "Handoff here."
    assert write(notice(USER, AllowedMentions())) == "Handoff here."


def test_a_mention_names_a_role_or_a_user_never_both() -> None:
    with pytest.raises(ValueError):
        Mention(role="1", user="2")
    with pytest.raises(ValueError):
        Mention()
