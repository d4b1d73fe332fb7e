"""A list whose highlighted row carries a ▸ as well as a colour (NO_COLOR, monochrome terminals).

Textual only, so the title screen can use it without importing the game engine.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def room(widget: Widget) -> int:
    """Cells a line of text may take in `widget`, leaving room for a vertical scrollbar whether
    or not one shows yet: text wrapped to this width does not wrap again when the list grows."""
    width = widget.scrollable_content_region.width
    return width if widget.show_vertical_scrollbar else \
        width - widget.styles.scrollbar_size_vertical


class StopAtEnds(OptionList):
    """An option list whose cursor stops at the first and last row instead of wrapping round:
    a student pressing ↑ once too often must not land on the far end of the list (and, in the
    package builder, change an issue there without noticing)."""

    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            self.highlighted = 0 if self.option_count else None
            return
        k = self.highlighted + direction
        while 0 <= k < self.option_count and self.get_option_at_index(k).disabled:
            k += direction
        if 0 <= k < self.option_count:
            self.highlighted = k

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)


class MarkedList(StopAtEnds):
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
