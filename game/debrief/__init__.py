"""The debrief: what a class reads after a game (`build`), its renderings (`render`: Markdown,
HTML, JSON, with SVG charts), and the replay viewer's steps (`game.debrief.steps`)."""

from game.debrief.build import build
from game.debrief.model import Debrief, Point
from game.debrief.render import RenderError, render

__all__ = ["Debrief", "Point", "RenderError", "build", "render"]
