"""A list whose highlighted row carries a ▸ as well as a colour (NO_COLOR, monochrome terminals).

Textual only, so the title screen can use it without importing the game engine.
"""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option


class MarkedList(OptionList):
    """An option list whose highlighted row also carries a ▸, for terminals without colour."""

    def set_items(self, prompts: list[tuple[str, str | None]], highlight: int | None) -> None:
        self.prompts = [p for p, _ in prompts]
        self.clear_options()
        self.add_options([Option(self._mark(k), id=key) for k, (_, key) in enumerate(prompts)])
        if highlight is not None and self.prompts:
            self.highlighted = highlight

    def _mark(self, k: int) -> str:
        return ("▸" if k == self.highlighted else " ") + self.prompts[k]

    # Textual calls a watcher with (old, new) when it takes two arguments; the base class's
    # one-argument signature is one of the forms it accepts.
    def watch_highlighted(  # type: ignore[override]
        self, old: int | None, new: int | None
    ) -> None:
        super().watch_highlighted(new)
        for k in (old, new):
            if k is not None and k < min(self.option_count, len(getattr(self, "prompts", []))):
                self.replace_option_prompt_at_index(k, self._mark(k))
