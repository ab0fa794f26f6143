"""Console: typed lines -> ChatEvent (events), Reply -> printed lines (render), the runner."""

from adapters.console.runner import ConsoleAdapter

__all__ = ["ConsoleAdapter"]
