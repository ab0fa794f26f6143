"""Core's commands as Discord application commands: `/clone <sub>` and the top-level ones."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from core.control.commands import COMMANDS, CommandSpec

CommandCallback = Callable[[discord.Interaction, CommandSpec, str], Awaitable[None]]


def build_tree(
    client: discord.Client, on_command: CommandCallback
) -> app_commands.CommandTree[Any]:
    """Every core command as a Discord application command: `/clone <sub>` and top-level ones."""
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    group = app_commands.Group(name="clone", description="Control the creator's AI clone")
    for spec in COMMANDS:
        command = _slash(spec, on_command)
        if spec.sub is None:
            tree.add_command(command)
        else:
            group.add_command(command)
    tree.add_command(group)
    return tree


def _slash(spec: CommandSpec, on_command: CommandCallback) -> app_commands.Command[Any, ..., None]:
    name = spec.sub or spec.name
    description = spec.help[:100]
    if not spec.args:

        async def bare(interaction: discord.Interaction[Any]) -> None:
            await on_command(interaction, spec, "")

        return app_commands.Command(name=name, description=description, callback=bare)

    # "<question>" is one required value; anything else ("[duration] [here|@user]") is free text.
    single = re.fullmatch(r"<([a-z-]+)>", spec.args)
    if single:

        async def required(interaction: discord.Interaction[Any], value: str) -> None:
            await on_command(interaction, spec, value)

        command: app_commands.Command[Any, ..., None] = app_commands.Command(
            name=name, description=description, callback=required
        )
        app_commands.rename(value=single.group(1))(command)
        return app_commands.describe(value=spec.args)(command)

    async def optional(interaction: discord.Interaction[Any], args: str = "") -> None:
        await on_command(interaction, spec, args)

    command = app_commands.Command(name=name, description=description, callback=optional)
    return app_commands.describe(args=spec.args[:100])(command)
