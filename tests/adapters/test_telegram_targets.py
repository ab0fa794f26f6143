"""Telegram's schedule targets (adapters/telegram/targets.py), as bots registers them with core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from adapters.telegram.targets import ChatIdForm
from core.persona.schedule_spec import (
    ScheduleError,
    channel_target,
    parse_target,
    private_chat,
    target_text,
)
from core.types import Target

ROOT = Path(__file__).resolve().parents[2]


def test_a_chat_id_alone_names_a_group_or_a_private_chat_and_writes_back_the_same() -> None:
    group, private = parse_target("telegram:-100123"), parse_target("telegram:900")
    assert group == Target("telegram", "-100123", "-100123")
    assert private == Target("telegram", "dm", "900")
    assert [target_text(group), target_text(private)] == ["telegram:-100123", "telegram:900"]


def test_three_parts_or_a_name_are_no_telegram_target_and_the_error_lists_every_form() -> None:
    for bad in ("telegram:-1:2", "telegram:general", "telegram:"):
        with pytest.raises(ScheduleError) as caught:
            parse_target(bad)
    assert str(caught.value) == (
        "target 'telegram:': use telegram:<chat_id>, slack:<team>:<channel> "
        "or discord:<guild>:<channel>"
    )


def test_a_moderator_channel_is_its_own_workspace_and_a_creator_id_is_a_private_chat() -> None:
    assert channel_target("telegram", "dm", "-100777") == Target("telegram", "-100777", "-100777")
    with pytest.raises(ScheduleError, match="'telegram:mods'"):
        channel_target("telegram", "-100", "mods")
    assert private_chat("telegram:900") == Target("telegram", "dm", "900")
    assert private_chat("telegram:@mara") is None
    # Where user ids do not address a chat, the default form finds none.
    assert private_chat("slack:U123") is None
    assert channel_target("slack", "T1", "C9") == Target("slack", "T1", "C9")


def test_the_form_itself_is_pure() -> None:
    form = ChatIdForm()
    assert form.parse("telegram", ["-5"]) == Target("telegram", "-5", "-5")
    assert form.parse("telegram", ["5", "6"]) is None


def test_core_alone_knows_only_the_three_part_form() -> None:
    script = (
        "from core.persona.schedule_spec import ScheduleError, parse_target\n"
        "print(parse_target('slack:T1:C2'))\n"
        "try:\n"
        "    parse_target('telegram:900')\n"
        "except ScheduleError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "Target(platform='slack', workspace_id='T1', channel_id='C2'" in out
    assert "target 'telegram:900': use <platform>:<workspace>:<channel>" in out
