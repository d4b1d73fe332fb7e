"""The one way scenario and save text enters a screen's markup: `esc(text)`.

Scenario text is the author's (or a downloaded file's): a party called "[/x]" or "[bold]" must show
as written, not crash Textual's markup parser or restyle the screen, and a control character must
never reach the terminal. Every screen builds its markup with `esc` around each piece of content.
"""

from __future__ import annotations

from game.scenario.controls import strip


def esc(text: object) -> str:
    """`text` as literal markup: control characters removed, every '[' escaped.

    Textual's own `escape` leaves a '[' that does not look like a tag ("Ukraine[ "), yet its parser
    can still pair such a bracket with a later one (a truncated name did, in the debrief), so every
    bracket is escaped. Textual reads a backslash as an escape only right before '[', so other
    backslashes stay; a trailing one gets a space so it cannot escape the tag that follows."""
    out = strip(str(text)).replace("[", "\\[")
    return out + " " if out.endswith("\\") else out
