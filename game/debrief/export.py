"""One debrief or a class's: the format asked for, from the renderers of one game
(`game.debrief.render`) and of many (`game.debrief.classes`)."""

from __future__ import annotations

import json

from game.debrief.classes import class_view
from game.debrief.model import Debrief
from game.debrief.render import html, markdown
from game.debrief.safe import safe_text

FORMATS = ("md", "html", "json", "csv")


class RenderError(ValueError):
    """A format the debrief cannot be written in."""


def render(debrief: Debrief | list[Debrief], fmt: str) -> str:
    """One debrief as md, html or json; several (or csv) as the class view."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
    if isinstance(debrief, list) and len(debrief) == 1:
        debrief = debrief[0]
    if isinstance(debrief, list) or fmt == "csv":
        return class_view(debrief if isinstance(debrief, list) else [debrief], fmt)
    if fmt == "json":
        return json.dumps(debrief.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return markdown(safe_text(debrief, md=True))
    return html(safe_text(debrief, md=False))
