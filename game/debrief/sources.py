"""The sources of a debrief as the exports list them: each with its date, kind and perspective,
and who wrote it and how far it can be trusted, so a class weighs every citation by them."""

from __future__ import annotations

from html import escape

from game.debrief.model import SourceRow


def _source_head(s: SourceRow) -> str:
    note = " (opinion: its contested claims are its own)" if s.kind == "opinion" else ""
    return f"{s.title} ({s.date}, {s.kind}{note}). Perspective: {s.perspective}"


def _source_notes(s: SourceRow) -> list[str]:
    """Who wrote it and what it can establish: a class weighs each citation by these."""
    return ([f"By: {s.author}"] if s.author else []) + (
        [f"Reliability: {s.reliability}"] if s.reliability else [])


def source_lines(s: SourceRow) -> list[str]:
    return [f"- **{s.id}** {_source_head(s)}", *[f"  - {n}" for n in _source_notes(s)]]


def html_sources(sources: list[SourceRow]) -> str:
    items = []
    for s in sources:
        notes = "".join(f"<li>{escape(n)}</li>" for n in _source_notes(s))
        items.append(f"<li><strong>{escape(s.id)}</strong> {escape(_source_head(s))}"
                     + (f"<ul>{notes}</ul>" if notes else "") + "</li>")
    return "<ul>" + "".join(items) + "</ul>"
