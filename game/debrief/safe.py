"""Text from scenarios and saves made safe for the exports: no control characters anywhere, and
in Markdown no character that would start a table cell, emphasis, a link or raw HTML."""

from __future__ import annotations

import re
from typing import Any

from game.debrief.model import Debrief
from game.scenario.controls import strip as strip_controls

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#!])")


def md_escape(text: str) -> str:
    """Content as literal Markdown: one line (a newline would end a table row), and every
    character that could start emphasis, a link, raw HTML or a table cell backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(strip_controls(text).splitlines()))


def safe_text(d: Debrief, *, md: bool) -> Debrief:
    """A copy of `d` whose every text is safe for the export: control characters removed
    (a save's log is not checked like a scenario), and for Markdown, escaped (`md_escape`).
    Dictionary keys are ids (lower-case letters, digits, '-', '_') and stay as they are."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            if _ID.match(value):  # ids and kinds: nothing to escape, and models check them
                return value
            return md_escape(value) if md else strip_controls(value)
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return Debrief.model_validate(walk(d.model_dump(mode="python")))
