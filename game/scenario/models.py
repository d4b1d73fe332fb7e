"""The scenario format. These models are the instructors' manual: every field says what it means.

A scenario file is YAML; `redlines schema` prints the JSON Schema generated from these models, and
`redlines validate` checks a file against them and against the cross-references in `checks.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from game.scenario.common import Cited, Id, SourceRefs, Strict
from game.scenario.sources import Source
from game.scenario.teaching import Teaching
from game.scenario.triggers import Trigger

Score = Annotated[float, Field(ge=0, le=100, description="A value from 0 (worst) to 100 (best).")]
Unit = Annotated[float, Field(ge=0, le=1, description="A number on the 0-1 utility scale.")]
Delta = Annotated[float, Field(ge=-1, le=1, description="A change on the 0-1 scale.")]


class Option(Strict):
    """One way an issue can be settled."""

    id: Id
    label: str = Field(min_length=1, description="Short name shown in the package builder.")
    description: str = Field("", description="What this option means in practice.")
    sources: SourceRefs
    deferred: bool = Field(
        False, description="True for 'leave it for later' options that make phased deals possible."
    )


class Issue(Strict):
    """A question the package must answer, with its options (a package picks exactly one)."""

    id: Id
    title: str = Field(min_length=1, description="Short name of the issue.")
    description: str = Field("", description="What is at stake, for the briefing.")
    sources: SourceRefs
    options: list[Option] = Field(min_length=2, description="The choices, at least two.")


class Condition(Strict):
    """'Issue takes one of these options' — the atom of the red-line rule language."""

    issue: Id = Field(description="Id of an issue of this scenario.")
    options: list[Id] = Field(min_length=1, description="Ids of options of that issue.")


class RedLine(Strict):
    """A rule a package must obey for the party to accept it. Exactly one form is used.

    - `forbid`: the issue must not take any of the options;
    - `require`: the issue must take one of the options;
    - `when` + `then`: if the `when` condition holds, the `then` condition must hold too;
    - `forbid_all`: the package must not meet all of these conditions at once (over several
      issues: "no ceasefire line AND no guarantees together");
    - `require_any`: the package must meet at least one of these conditions.
    """

    id: Id = Field(description="Stable id, unique in the scenario; saves and events refer to it.")
    text: str = Field(
        min_length=1, description="The red line in plain words, as a student reads it."
    )
    sources: SourceRefs
    forbid: Condition | None = Field(None, description="Options the issue must not take.")
    require: Condition | None = Field(None, description="The issue must take one of these.")
    when: Condition | None = Field(None, description="If this holds ...")
    then: Condition | None = Field(None, description="... this must hold too.")
    forbid_all: list[Condition] | None = Field(
        None, min_length=2,
        description="Conditions, on different issues, that must not all hold at once.",
    )
    require_any: list[Condition] | None = Field(
        None, min_length=2,
        description="Conditions, on different issues, at least one of which must hold.",
    )

    def conditions(self) -> list[Condition]:
        """Every condition the red line names, in its form's order."""
        single = [c for c in (self.forbid, self.require, self.when, self.then) if c is not None]
        return single + list(self.forbid_all or []) + list(self.require_any or [])

    @model_validator(mode="after")
    def _one_form(self) -> RedLine:
        forms = [
            self.forbid is not None,
            self.require is not None,
            self.when is not None or self.then is not None,
            self.forbid_all is not None,
            self.require_any is not None,
        ]
        if sum(forms) != 1:
            raise ValueError("a red line uses exactly one of: forbid, require, when + then, "
                             "forbid_all, or require_any")
        for many in (self.forbid_all, self.require_any):
            issues = [c.issue for c in many or []]
            if len(set(issues)) != len(issues):
                raise ValueError("each condition of forbid_all or require_any names another "
                                 "issue (list the options of one issue in one condition)")
        if (self.when is None) != (self.then is None):
            raise ValueError("'when' and 'then' go together")
        return self


StrategyName = Literal["boulware", "conceder", "linear", "tit_for_tat", "hardliner"]


class Strategy(Strict):
    """How the computer plays this party when no student does."""

    name: StrategyName = Field(
        "linear",
        description=(
            "boulware: holds out until late; conceder: gives ground early; linear: steady; "
            "tit_for_tat: mirrors the concessions it receives; hardliner: barely moves, then "
            "settles or walks out at its deadline."
        ),
    )
    exponent: float = Field(
        1.0,
        gt=0,
        le=20,
        description="Concession curve shape e: below 1 concedes late (boulware), above 1 early.",
    )
    deadline_round: int | None = Field(
        None,
        ge=1,
        description="hardliner: the round (1 to the number of rounds) by which it settles or "
        "walks out.",
    )
    walkout_margin: Unit = Field(
        0.0,
        description="Walk out when the best it expects from the talks falls this far below its "
        "reservation value.",
    )


class Party(Strict):
    """A side at the table with interests of its own (Ukraine, Russia, a NATO member ...)."""

    id: Id
    name: str = Field(min_length=1, description="Name shown to players.")
    plural: bool = Field(
        False, description="The name takes a plural verb ('European allies accept', not "
        "'accepts'); the game's sentences follow it.",
    )
    brief: str = Field(min_length=1, description="One paragraph: what this party wants and fears.")
    sources: SourceRefs
    public_positions: list[Cited] = Field(
        default_factory=list,
        description="What the party has said in public; all other players may see these.",
    )
    weights: dict[Id, Annotated[float, Field(ge=0, le=100)]] = Field(
        description="Importance of each issue, best as percentages summing to 100 (any scale "
        "works: they are divided by their sum). Every issue needs one, and not all may be zero."
    )
    values: dict[Id, dict[Id, Score]] = Field(
        description="For every issue, the 0-100 value of every option to this party."
    )
    reservation: float = Field(
        ge=-1,
        le=1,
        description="Its reservation value: what no deal is worth to the party, the number it "
        "puts on its BATNA (what it would do if the talks fail), on the 0-1 utility scale. "
        "Below 0 when no deal is worse than any package, so that it accepts every package that "
        "keeps its red lines; events then may move it down to -1, else no lower than 0.",
    )
    red_lines: list[RedLine] = Field(default_factory=list, description="Rules it never breaks.")
    strategy: Strategy = Field(default_factory=Strategy, description="How the computer plays it.")
    trust: dict[Id, Unit] = Field(
        default_factory=dict,
        description="Starting trust toward other parties (0-1); unnamed parties start at 0.5.",
    )
    at_table: bool = Field(True, description="False if it joins later through an event.")


class Coalition(Strict):
    """Parties that act as one seat, and agree only when every member consents (S4: NATO)."""

    id: Id
    name: str = Field(min_length=1, description="Name of the seat, shown to players.")
    brief: str = Field(min_length=1, description="One paragraph for the player of this seat.")
    sources: SourceRefs
    members: list[Id] = Field(
        min_length=2, description="Ids of parties; all must consent. A party sits in one coalition."
    )


class Mediator(Strict):
    """A third party the student may play: it tables a single text, it has no package of its own."""

    id: Id
    name: str = Field(min_length=1, description="Name shown to players.")
    brief: str = Field(min_length=1, description="One paragraph for the player of this seat.")
    sources: SourceRefs
    credibility: dict[Id, Unit] = Field(
        description="Starting credibility with each party (0-1). Every party needs one."
    )


class EventBase(Strict):
    text: str = Field(min_length=1, description="What happened, in plain words, for the briefing.")
    sources: SourceRefs
    when: Trigger | None = Field(
        None, description="Only if the players' moves met this (leave out: always happens).")


class SetWeight(EventBase):
    """A party's priorities shift."""

    type: Literal["set_weight"] = Field(description="The kind of event.")
    party: Id = Field(description="Id of the party whose priorities shift.")
    issue: Id = Field(description="Id of the issue whose weight changes.")
    weight: float = Field(ge=0, le=100, description="The new weight, on the authored scale.")


class SetValue(EventBase):
    """A party comes to value an option differently."""

    type: Literal["set_value"] = Field(description="The kind of event.")
    party: Id = Field(description="Id of the party that values the option differently.")
    issue: Id = Field(description="Id of the issue the option belongs to.")
    option: Id = Field(description="Id of the option, one of that issue's options.")
    value: Score = Field(description="The option's new value to the party, 0 (worst) to 100.")


class ShiftReservation(EventBase):
    """A party's alternative to a deal gets better or worse (battlefield, aid, sanctions)."""

    type: Literal["shift_reservation"] = Field(description="The kind of event.")
    party: Id = Field(description="Id of the party whose walk-away point moves.")
    delta: Delta = Field(
        description="How far its reservation value rises (above 0) or falls (below 0), on the "
        "0-1 scale; the result is kept within the scale."
    )


class AddRedLine(EventBase):
    """A party draws a new red line."""

    type: Literal["add_red_line"] = Field(description="The kind of event.")
    party: Id = Field(description="Id of the party that draws the red line.")
    red_line: RedLine = Field(
        description="The new red line, written as under a party's red_lines; its id must be new."
    )


class DropRedLine(EventBase):
    """A party gives up a red line."""

    type: Literal["drop_red_line"] = Field(description="The kind of event.")
    party: Id = Field(description="Id of the party that gives the red line up.")
    red_line: Id = Field(description="Id of a red line the party holds.")


class ShiftTrust(EventBase):
    """Trust between two parties changes, both ways (S3: Bucha), or one way only."""

    type: Literal["shift_trust"] = Field(description="The kind of event.")
    parties: list[Id] = Field(
        min_length=2, max_length=2, description="Ids of the two parties, two different ones."
    )
    delta: Delta = Field(
        description="How far trust rises (above 0) or falls (below 0) on the 0-1 scale, for both."
    )
    one_way: bool = Field(
        False,
        description="Only the first party's trust in the second changes (the second party's "
        "trust in the first stays as it was).",
    )


class ShiftCredibility(EventBase):
    """A party trusts the mediator more or less (a mediator's own move, or news about it)."""

    type: Literal["shift_credibility"] = Field(description="The kind of event.")
    party: Id = Field(description="Id of the party whose trust in the mediator changes.")
    mediator: Id | None = Field(
        None, description="Id of the mediator concerned; leave out for whichever one is played."
    )
    delta: Delta = Field(
        description="How far the mediator's credibility with the party rises or falls (0-1)."
    )


class JoinTable(EventBase):
    """A party comes to the table."""

    type: Literal["join"] = Field(description="The kind of event.")
    party: Id = Field(description="Id of a party away from the table (at_table: false, or left).")


class LeaveTable(EventBase):
    """A party leaves the table."""

    type: Literal["leave"] = Field(description="The kind of event.")
    party: Id = Field(description="Id of a party at the table at this point.")


Event = Annotated[
    SetWeight | SetValue | ShiftReservation | AddRedLine | DropRedLine | ShiftTrust | JoinTable
    | LeaveTable | ShiftCredibility,
    Field(discriminator="type"),
]


class Round(Strict):
    """One stage of the talks on the scenario's timeline."""

    id: Id
    title: str = Field(min_length=1, description="Short name of the round.")
    date: str = Field(min_length=1, description="When it happens, e.g. 'March 2022'.")
    briefing: list[Cited] = Field(min_length=1, description="What the player reads first.")
    events: list[Event] = Field(default_factory=list, description="Applied as the round starts.")


class ConfidenceStep(Strict):
    """A goodwill gesture a party or mediator can offer once per round (S2: prisoner exchanges)."""

    id: Id
    title: str = Field(min_length=1, description="Short name of the gesture.")
    text: str = Field(min_length=1, description="What it involves, in plain words.")
    sources: SourceRefs
    trust: Delta = Field(description="Trust gained between the parties it involves.")
    parties: list[Id] = Field(min_length=2, description="The parties whose trust it builds.")


RevealItem = Literal["positions", "red_lines", "priorities", "values", "reservation"]


class Difficulty(Strict):
    """What a player learns of the other parties at this level."""

    id: Id
    label: str = Field(min_length=1, description="Name shown when choosing a level.")
    reveal: list[RevealItem] = Field(
        description="positions: public statements (always shown); red_lines: their red lines; "
        "priorities: issue weights; values: option values; reservation: their reservation "
        "value."
    )


class Rules(Strict):
    """Numbers that tune the game; the defaults suit most scenarios."""

    turns_per_round: int = Field(3, ge=1, le=20, description="Offers the player may make a round.")
    caucuses_per_round: int = Field(2, ge=0, le=10, description="Mediator's private meetings.")
    mistrust_premium: Unit = Field(
        0.1, description="How much a party raises its demands when trust is 0 (scaled by 1-trust)."
    )
    credibility_loss: Unit = Field(
        0.08, description="Mediator credibility lost with a side per draft that leans against it."
    )


class Scenario(Strict):
    """A negotiation scenario: who sits at the table, over what, and how the talks unfold."""

    id: Id
    title: str = Field(min_length=1, description="Shown when choosing a game.")
    period: str = Field(min_length=1, description="The time the scenario covers.")
    summary: str = Field(min_length=1, description="One paragraph shown when choosing a game.")
    sources: list[Source] = Field(min_length=1, description="The documents it is built from.")
    issues: list[Issue] = Field(min_length=1, description="What a package must settle.")
    parties: list[Party] = Field(min_length=2, description="The sides with interests.")
    coalitions: list[Coalition] = Field(
        default_factory=list, description="Seats held by several parties."
    )
    mediators: list[Mediator] = Field(default_factory=list, description="Third parties.")
    rounds: list[Round] = Field(min_length=1, description="The stages of the talks, in order.")
    confidence_steps: list[ConfidenceStep] = Field(
        default_factory=list, description="Goodwill gestures on offer."
    )
    roles: list[Id] = Field(
        min_length=1,
        description="Seats a student may take: party ids, coalition ids, or 'mediator'.",
    )
    difficulties: list[Difficulty] = Field(
        default_factory=lambda: [
            Difficulty(id="easy", label="Easy",
                       reveal=["positions", "red_lines", "priorities", "values"]),
            Difficulty(id="normal", label="Normal", reveal=["positions", "red_lines"]),
            Difficulty(id="hard", label="Hard", reveal=["positions"]),
        ],
        description="The levels offered, first is the default. Left out: easy (positions, red "
        "lines, priorities and option values, so a seat sees exactly what a package is worth "
        "to each other party), normal (positions, red lines) and hard (positions only).",
    )
    rules: Rules = Field(
        default_factory=Rules, description="Numbers that tune play; leave out for the defaults."
    )
    teaching: Teaching | None = Field(
        None,
        description="The instructor's kit: objectives, run sheet, debrief questions and what "
        "happened. Optional; `redlines teach` and `redlines packet` use it.",
    )
