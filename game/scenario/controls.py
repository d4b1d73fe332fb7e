"""Control characters in scenario text: found, named and removed.

Scenario text reaches terminals (CLI output, the TUI), Markdown and HTML. A control character in
it (ESC starting an escape sequence that retitles or repaints the terminal, BEL, a C1 code such as
CSI) does something there instead of showing, so the format refuses them: `validate` names the
line and column, and a save whose embedded scenario carries one is refused on load. Outputs strip
them as well (`strip`), so text that came another way (a save's log, a player's name) cannot act
on the terminal either. Tab and newline are text, not controls.
"""

from __future__ import annotations

import re
from typing import Any

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls except tab and newline, DEL, and the C1 controls (U+0080-U+009F)."""


def first_control(text: str) -> int | None:
    """The index of the first control character in `text`, or None."""
    found = CONTROL.search(text)
    return found.start() if found else None


def describe(text: str) -> str:
    """'control character U+001B (ESC)' for the first control character of `text`."""
    at = first_control(text)
    assert at is not None
    code = ord(text[at])
    name = _NAMES.get(code, "")
    label = f" ({name})" if name else ""
    return (f"control character U+{code:04X}{label} is not allowed in text: it would act on the "
            "player's terminal instead of showing; remove it")


def strip(text: str) -> str:
    """`text` without control characters (tab and newline kept)."""
    return CONTROL.sub("", text)


def check_fields(data: Any) -> Any:
    """For a model's `before` validator: refuse a control character in any of its own text fields
    (nested models check their own), naming the field."""
    if isinstance(data, dict):
        for key, value in data.items():
            texts = [value] if isinstance(value, str) else (
                [v for v in value if isinstance(v, str)] if isinstance(value, list) else [])
            for text in texts:
                if first_control(text) is not None:
                    raise ValueError(f"'{key}': {describe(text)}")
    return data


_NAMES = {0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI",
          0x9D: "OSC", 0x00: "NUL"}
