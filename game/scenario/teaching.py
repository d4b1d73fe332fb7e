"""The teaching section of a scenario: what an instructor needs to run a class with it.

A role-play kit (in the manner of the Program on Negotiation's) has learning objectives, a run
sheet, debrief questions and an epilogue of what happened in reality. These models are that kit's
format; `redlines teach` turns them into a teaching note and `redlines packet` into student
packets. The section is optional, so scenarios written before it still validate.

Every text cites its sources like the rest of the scenario, and `redlines validate` checks the
citations exist. What happened is told from the sources; where they disagree the item is marked
contested and carries the counter-accounts the sources themselves give.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from game.scenario.common import Cited, Id, SourceRefs, Strict

TurningPointKind = Literal[
    "zone_opens",
    "zone_closes",
    "red_line_dropped",
    "red_line_added",
    "first_acceptable_offer",
    "biggest_concession",
    "walk_out",
    "caucus",
    "agreement",
    "no_deal",
]
"""The kinds of turning point a game's debrief shows (game/debrief.py finds them in a log)."""


class RunStep(Strict):
    """One block of the class, e.g. 'Round 2: Bennett's mediation, 15 minutes'."""

    title: str = Field(min_length=1, description="Short name of the step, e.g. 'Briefing'.")
    minutes: int = Field(ge=1, le=240, description="How long the step takes, in minutes.")
    text: str = Field(
        min_length=1, description="What the instructor and the students do during the step."
    )
    round: Id | None = Field(
        None, description="Id of the scenario round played in this step, if one is."
    )
    sources: list[str] = Field(
        default_factory=list,
        description="Sources the step's text rests on, if it states anything about the war "
        "(classroom logistics need none).",
    )


class DebriefQuestion(Strict):
    """A question for the debrief, tied to a round or to a kind of turning point."""

    text: str = Field(min_length=1, description="The question, as put to the class.")
    sources: SourceRefs
    round: Id | None = Field(None, description="Id of the round the question is about.")
    turning_point: TurningPointKind | None = Field(
        None,
        description="The kind of turning point the question is about: zone_opens, zone_closes, "
        "red_line_dropped, red_line_added, first_acceptable_offer, biggest_concession, "
        "walk_out, caucus, agreement or no_deal.",
    )
    notes: str = Field(
        "", description="For the instructor: what a good answer touches on (same sources)."
    )

    @model_validator(mode="after")
    def _one_anchor(self) -> DebriefQuestion:
        if (self.round is None) == (self.turning_point is None):
            raise ValueError("a debrief question names exactly one of: round, turning_point")
        return self


class EpilogueItem(Strict):
    """One thing that happened after (or around) the scenario, as the sources tell it."""

    text: str = Field(
        min_length=1, description="What happened, in your own words; attribute claims."
    )
    sources: SourceRefs
    contested: bool = Field(
        False,
        description="True when the account is disputed (for example it rests on an opinion "
        "piece): the note marks it and shows its counter-accounts.",
    )
    counter_accounts: list[Cited] = Field(
        default_factory=list,
        description="For a contested item: other accounts of the same events, from the sources "
        "themselves. A contested item needs at least one.",
    )

    @model_validator(mode="after")
    def _contested_has_counter(self) -> EpilogueItem:
        if self.contested and not self.counter_accounts:
            raise ValueError("a contested item needs at least one counter_accounts entry")
        if self.counter_accounts and not self.contested:
            raise ValueError("counter_accounts belong to contested items: set contested: true")
        return self


class Teaching(Strict):
    """The instructor's kit for this scenario."""

    objectives: list[Cited] = Field(
        min_length=1, description="Learning objectives: what students can do after the class."
    )
    run_sheet: list[RunStep] = Field(
        min_length=1, description="The class step by step, with minutes (90 in the bundled kit)."
    )
    debrief: list[DebriefQuestion] = Field(
        min_length=1, description="Questions for the debrief, each tied to a round or a turning "
        "point."
    )
    epilogue: list[EpilogueItem] = Field(
        min_length=1, description="What happened, from the sources, contested parts marked."
    )
