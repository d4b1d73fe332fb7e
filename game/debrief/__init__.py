"""The debrief: what a class reads after a game (`build`), its renderings (`render`: Markdown,
HTML, JSON, with SVG charts), and the replay viewer's steps (`game.debrief.steps`)."""

from game.debrief.build import build
from game.debrief.export import RenderError, render
from game.debrief.model import Debrief, Point

__all__ = ["Debrief", "Point", "RenderError", "build", "render"]
