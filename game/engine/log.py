"""The debrief log: every thing that happens in a session, in order, in words a student can use."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EntryKind = Literal[
    "round_start",  # a round opens: its date and briefing
    "event",  # a scenario event applied at the start of a round
    "offer",  # a party (or the player) tables a package
    "draft",  # the mediator tables a revision of the single text
    "accept",  # a party accepts an offer or draft
    "reject",  # a party rejects, with reasons
    "objection",  # a party's main objections to a mediator's draft
    "caucus",  # a private meeting and what was revealed
    "gesture",  # a confidence-building step
    "walk_out",  # a party leaves the talks
    "agreement",  # every party at the table accepted the same package
    "no_deal",  # the talks ended without agreement
]


class Reason(BaseModel):
    """One reason behind an answer: a red line broken, or a plain comparison of values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    red_line: str | None = Field(None, description="id of the red line, if one binds")
    sources: list[str] = Field(default_factory=list)


class Entry(BaseModel):
    """One line of the log. `data` carries numbers for the debrief (utilities, credibility ...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seq: int
    round: int = Field(description="1-based round number")
    actor: str = Field(description="party, coalition or mediator id; 'scenario' for events")
    kind: EntryKind
    text: str
    offer: int | None = Field(None, description="id of the offer or draft concerned")
    package: dict[str, str] | None = None
    reasons: list[Reason] = Field(default_factory=list)
    data: dict[str, float | str | int | bool | None] = Field(default_factory=dict)
