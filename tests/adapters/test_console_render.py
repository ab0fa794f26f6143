"""The terminal twin shows the AI label under every message that carries one, not only answers."""

import pytest

from adapters.console.render import render
from core.types import Reply, ReplyKind, Target

LABEL = "AI clone of Mara Quill · automated, not Mara Quill personally"


@pytest.mark.parametrize("kind", [ReplyKind.ANSWER, ReplyKind.NOTICE, ReplyKind.POST])
def test_every_labelled_message_shows_its_label(kind: ReplyKind) -> None:
    reply = Reply(
        Target("console", "dm", "dm-me"), "I'm resting today.", kind=kind, ai_label=LABEL
    )
    assert LABEL in render(reply)
