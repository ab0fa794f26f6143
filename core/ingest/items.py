"""What readers yield: archive items with provenance, and a log of what they skipped or failed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from core.ingest.authors import fold
from core.persona.bot import Source
from core.records import Visibility


@dataclass(frozen=True, slots=True)
class Cue:
    """One timed line of a transcript, in seconds."""

    start: float
    end: float
    text: str
    # The file line the cue's text is on, for reports.
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One thing the creator said, before chunking. `cues` is set for transcripts only."""

    item_id: str
    text: str
    visibility: Visibility
    kind: str = "post"
    url: str | None = None
    date: str | None = None
    author: str | None = None
    title: str | None = None
    # The fan message the creator answered: context, never the creator's words.
    context: str | None = None
    # Who wrote that message, as `platform:user` when the export says (for /forget-me).
    context_author: str | None = None
    cues: tuple[Cue, ...] = ()
    # The file line the text starts on, when the format has lines that mean something.
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in an input file, located well enough for a person to find it."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.location}" if self.location else self.file
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ReadLog:
    """Collects a file's errors, warnings and skipped items while it is read."""

    file: str
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    # Text kept out of the store because it addresses an AI or was hidden from readers.
    quarantined: list[Problem] = field(default_factory=list)
    # Who wrote what the reader passed over (name and id -> messages), for "no creator items".
    others: Counter[str] = field(default_factory=Counter)

    def error(self, location: str, message: str) -> None:
        self.errors.append(Problem(self.file, location, message))

    def warn(self, location: str, message: str) -> None:
        self.warnings.append(Problem(self.file, location, message))

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def quarantine(self, location: str, message: str) -> None:
        self.quarantined.append(Problem(self.file, location, message))


def no_companions(pattern: str) -> list[str]:
    return []


@dataclass(slots=True)
class ReadContext:
    """What a reader knows besides the text: its source entry, the file's name, and the log.

    `companions(pattern)` gives the text of the files beside this one whose names match the
    glob `pattern` (an X archive keeps the tweets she liked beside her own); none by default.
    """

    source: Source
    file: str
    log: ReadLog
    companions: Callable[[str], list[str]] = no_companions

    def visibility(self, value: object, location: str) -> Visibility | None:
        """The item's visibility: the source's, or a per-item override. None means "skip it"."""
        if value is None or value == "":
            return self.source.visibility
        if isinstance(value, str):
            try:
                return Visibility(value.strip().lower().replace("_", "-"))
            except ValueError:
                pass
        # An unknown value might have meant "paid"; guessing "public" could leak it.
        self.log.error(location, f"unknown visibility {value!r}; item skipped")
        return None

    def url(self, item_id: str, found: str | None = None, **extra: str) -> str | None:
        """A link from the data if it has one, else from the source's url_template."""
        if found:
            return found
        template = self.source.url_template
        if not template:
            return None
        # `{t}` (seconds into a video) is filled per transcript window, later.
        values = {"id": item_id, "slug": item_id, "t": "{t}", **extra}
        try:
            return template.format_map(values)
        except (KeyError, ValueError, IndexError) as exc:
            self.log.warn("", f"url_template {template!r} could not be filled: {exc}")
            return None

    def is_creator(self, *names: object) -> bool:
        """True if any of the given ids or names is one of the source's creator_ids.

        Compared without case or a leading `@`. Chat exports, where display names can be
        copied, decide with `core.ingest.authors.Attribution` instead.
        """
        wanted = {fold(c) for c in self.source.creator_ids}
        return any(isinstance(n, str | int) and fold(n) in wanted for n in names)


def type_name(value: object) -> str:
    return {dict: "object", list: "array", bool: "boolean", type(None): "null"}.get(
        type(value), type(value).__name__
    )


Reader = Callable[[str, ReadContext], Iterator[Item]]
