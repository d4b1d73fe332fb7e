"""Conditions on scenario events: what the players must have done for an event to happen.

An event with a `when` (a `Trigger`) is a consequence of play: a red line softens because the
parties built trust, a position hardens because a party walked out. `game.engine.triggers` decides
at each round's opening which of them fire; the analysis reads the fired set as an input.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from game.scenario.common import Id, Strict

Unit = Annotated[float, Field(ge=0, le=1, description="A number on the 0-1 utility scale.")]


class TrustAtLeast(Strict):
    """Trust between two parties has reached a level (confidence steps and events move it)."""

    parties: list[Id] = Field(
        min_length=2, max_length=2, description="Ids of the two parties, two different ones."
    )
    at_least: Unit = Field(description="The level, 0-1, their trust must reach or pass.")


class OptionPlayed(Strict):
    """An option was put on the table (or accepted) by a party."""

    issue: Id = Field(description="Id of the issue.")
    option: Id = Field(description="Id of one of that issue's options.")
    by: Id | None = Field(
        None, description="Id of the party that offered (or accepted) it, or of a coalition it "
        "sits in, or 'mediator' for a mediator's draft; leave out for anyone.",
    )


class RedLineNamed(Strict):
    """A party named one of its red lines: in answer to an offer, or to the mediator."""

    party: Id = Field(description="Id of the party.")
    red_line: Id = Field(description="Id of one of its red lines.")
    in_caucus: bool = Field(
        False, description="Only a naming in a private meeting with the mediator (caucus) counts."
    )


class Trigger(Strict):
    """What must have happened at the table, before the event's round opens, for a conditional
    event to happen. Give one or more fields; all of them must hold. Checked once, as the
    event's round opens: if they do not hold then, the event does not happen in this game."""

    trust: TrustAtLeast | None = Field(
        None, description="Trust between two parties at or above a level as the round opens."
    )
    step_taken: Id | None = Field(
        None, description="Id of a confidence step someone has taken in an earlier round."
    )
    offered: OptionPlayed | None = Field(
        None, description="An option some offer (or mediator's draft) put on the table."
    )
    accepted: OptionPlayed | None = Field(
        None, description="An option in a package that the party (or any party) accepted."
    )
    no_deal_after: int | None = Field(
        None, ge=1, description="Round number the talks got past without a deal (it must come "
        "before the event's round, else the condition can never hold).",
    )
    red_line_named: RedLineNamed | None = Field(
        None, description="A red line a party named (in an answer, or in a caucus)."
    )
    walked_out: Id | None = Field(None, description="Id of a party that walked out of the talks.")
    any_of: list[Trigger] | None = Field(
        None, min_length=2, description="Other triggers, at least one of which must hold (an "
        "event that several kinds of play can bring about).",
    )

    @model_validator(mode="after")
    def _something(self) -> Trigger:
        if all(getattr(self, name) is None for name in type(self).model_fields):
            raise ValueError("a 'when' names at least one of: trust, step_taken, offered, "
                             "accepted, no_deal_after, red_line_named, walked_out, any_of")
        return self
