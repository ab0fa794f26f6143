"""Core's commands as Discord application commands: `/clone <sub>` and the top-level ones."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from core.control.commands import COMMANDS, CommandSpec
from core.types import Role

CommandCallback = Callable[[discord.Interaction, CommandSpec, str], Awaitable[None]]

# Who sees a command in the menu, by the least role it needs. Core still checks every call;
# this only keeps fans from being offered `/clone kill`. A server admin can widen a command
# per role in Server Settings -> Integrations (e.g. for moderators named only in bot.toml).
MENU_PERMISSIONS: dict[Role, discord.Permissions | None] = {
    Role.FAN: None,
    Role.MODERATOR: discord.Permissions(manage_messages=True),
    Role.CREATOR: discord.Permissions(manage_guild=True),
}


def build_tree(
    client: discord.Client, on_command: CommandCallback
) -> app_commands.CommandTree[Any]:
    """Every core command as a Discord application command: `/clone <sub>` and top-level ones."""
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    # Discord sets menu permissions per top-level command: the group takes its subcommands'
    # least role, and like them stays out of DMs, where there are no permissions to check.
    least = min(s.role for s in COMMANDS if s.sub is not None)
    group = app_commands.Group(
        name="clone",
        description="Control the creator's AI clone",
        default_permissions=MENU_PERMISSIONS[least],
        guild_only=least > Role.FAN,
    )
    for spec in COMMANDS:
        command = _slash(spec, on_command)
        if spec.sub is None:
            if spec.role > Role.FAN:
                command.default_permissions = MENU_PERMISSIONS[spec.role]
                command.guild_only = True
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
