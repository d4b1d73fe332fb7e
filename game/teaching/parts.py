"""Pieces both the teaching note and the packets use: seat names, the sources, the glossary."""

from __future__ import annotations

from game.engine.seats import name_of, speaks_for
from game.glossary import GLOSSARY
from game.scenario.models import Scenario
from game.teaching.doc import Block, Bullets, Heading, Para, Table

MEDIATOR = "mediator"


def seat_name(scenario: Scenario, role: str) -> str:
    """The name a student sees for a role: a party's or coalition's name, or 'Mediator'."""
    return name_of(scenario, role)


def own_parties(scenario: Scenario, role: str) -> list[str]:
    """The parties whose interests a seat carries: itself, a coalition's members, or none."""
    return list(speaks_for(scenario, role))


def sources_blocks(scenario: Scenario, level: int = 2) -> list[Block]:
    """The sources table, then who wrote each document and what it can establish: every
    citation in the material points into it, and a reader weighs each one by these notes."""
    rows = tuple((s.id, s.title, s.date, s.kind, s.perspective) for s in scenario.sources)
    notes = tuple(
        f"{s.id}: " + " ".join(([f"By: {s.author}."] if s.author else [])
                               + ([f"Reliability: {s.reliability}"] if s.reliability else []))
        for s in scenario.sources if s.author or s.reliability
    )
    blocks: list[Block] = [
        Heading(level, "Sources"),
        Para("Every item cites these documents by id. Opinion pieces make claims that others "
             "dispute: the material states them as their source's claims."),
        Table(("id", "title", "date", "kind", "perspective"), rows),
    ]
    if notes:
        blocks += [Para("How far each document can be relied on:"), Bullets(notes)]
    return blocks


def glossary_blocks(level: int = 2) -> list[Block]:
    return [Heading(level, "Glossary"),
            Table(("term", "meaning"), tuple((t, d) for t, d in GLOSSARY))]
