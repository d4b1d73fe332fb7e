"""What happens at the table, as typed data: one class per kind of event, each with its numbers.

The rules emit events; `game.narrate` turns them into words for every shell; the debrief reads
their numbers instead of scoring offers again. Every event says who may see it (`visible_to`:
None for everyone, else the seats that may): a seat's view keeps only what it may see, and
`redacted` drops another party's private numbers from what it keeps.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field


class Reason(BaseModel):
    """One reason behind an answer, in the words of the seat that gives it, with its sources."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    red_line: str | None = Field(None, description="id of the red line, if one binds")
    sources: list[str] = Field(default_factory=list)


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seq: int = Field(description="1-based position in the log")
    round: int = Field(description="1-based round number")
    actor: str = Field(description="party, coalition or 'mediator'; 'scenario' for the script")
    visible_to: tuple[str, ...] | None = Field(
        None, description="seats that may see the event; None: every seat"
    )
    offer: int | None = Field(None, description="id of the offer or draft concerned")
    package: dict[str, str] | None = Field(None, description="issue id -> option id")
    reasons: list[Reason] = Field(default_factory=list)

    def seen_by(self, seat: str) -> bool:
        return self.visible_to is None or seat in self.visible_to

    def redacted(self, keep: frozenset[str], worth: frozenset[str] = frozenset()) -> Self:
        """The event as a seat sees it that may know every private number of the parties in
        `keep` (its own), and what a package is worth to those in `worth` (the others, when the
        level reveals their priorities and values): never another party's no-deal value or
        demand unless it is in `keep`."""
        return self


class RoundStarted(_Event):
    """A round opens: its title, date and briefing (as `reasons`, each with its sources)."""

    kind: Literal["round_start"] = "round_start"
    title: str
    date: str


class ScenarioEvent(_Event):
    """A scripted event of the round (its text and sources are its one reason)."""

    kind: Literal["event"] = "event"
    type: str = Field(description="the scenario event's type, e.g. 'drop_red_line'")
    text: str


class SeatTaken(_Event):
    """The player forks into another seat; the computer takes the one left."""

    kind: Literal["seat_taken"] = "seat_taken"
    from_seat: str
    to_seat: str


class _Private(_Event):
    """An event carrying per-party utilities, which only those parties' seats may read."""

    utilities: dict[str, float] = Field(default_factory=dict)

    def redacted(self, keep: frozenset[str], worth: frozenset[str] = frozenset()) -> Self:
        mine = {p: u for p, u in self.utilities.items() if p in keep or p in worth}
        return self if mine == self.utilities else self.model_copy(update={"utilities": mine})


class Offered(_Private):
    """A party or coalition tables a package; `utilities` is its worth to every party at the
    table when tabled; `note`, what a person wrote with it (a hosted table)."""

    kind: Literal["offer"] = "offer"
    note: str | None = None


class Drafted(_Private):
    """The mediator tables (or revises) the single negotiating text."""

    kind: Literal["draft"] = "draft"


class _Answer(_Event):
    """A party's answer, with the worth it found and the least it asked then (private)."""

    utility: float | None = None
    aspiration: float | None = None

    def redacted(self, keep: frozenset[str], worth: frozenset[str] = frozenset()) -> Self:
        if self.actor in keep or (self.utility is None and self.aspiration is None):
            return self
        # the package's worth may be known; the least the party asked is its own to know
        utility = self.utility if self.actor in worth else None
        return self.model_copy(update={"utility": utility, "aspiration": None})


class Accepted(_Answer):
    kind: Literal["accept"] = "accept"


class Rejected(_Answer):
    """A rejection: a computer seat's answer, the player's party naming its own red lines, or
    a coalition member refusing consent to its own seat's move (seen by that seat alone)."""

    kind: Literal["reject"] = "reject"
    why: Literal["answer", "own_red_line", "consent"] = "answer"


class Objected(_Answer):
    """A party's objections to a mediator's draft."""

    kind: Literal["objection"] = "objection"


class CredibilityLost(_Event):
    """A party doubts the mediator: the draft leans against it, or the mediator presses."""

    kind: Literal["credibility"] = "credibility"
    before: float
    after: float


class Caucused(_Event):
    """A private meeting between the mediator and `party`, and what it revealed."""

    kind: Literal["caucus"] = "caucus"
    party: str
    credibility: float
    red_line_text: str | None = None
    priorities: list[str] | None = Field(None, description="titles of its top issues, if shared")


class Coached(_Event):
    """The coach's advice to one seat (`package`: the suggestion, or None), seen by it alone."""

    kind: Literal["coached"] = "coached"
    asked: dict[str, str] = Field(description="the package the seat asked about")
    gain: float = 0.0


class Guessed(_Event):
    """The player's guess of `party`'s top issue and no-deal value (seen by that seat alone)."""

    kind: Literal["guessed"] = "guessed"
    party: str
    top: str
    guessed_reservation: float


class Signalled(_Event):
    """A seat at a hosted table says it is ready, or would agree (to `offer`, if named)."""

    kind: Literal["signal"] = "signal"
    signal: Literal["ready", "agree"]


class Said(_Event):
    """A private message from `actor` to `to` (seen by those two seats alone)."""

    kind: Literal["message"] = "message"
    to: str
    text: str


class TimeRanOut(_Event):
    """The host's round clock ran out: the round closes for every seat."""

    kind: Literal["time_up"] = "time_up"


class TrustLevel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    a: str
    b: str
    trust: float


class Gestured(_Event):
    """A confidence-building step, and the trust it leaves between the parties it involves."""

    kind: Literal["gesture"] = "gesture"
    step: str
    title: str
    text: str
    trust: list[TrustLevel] = Field(default_factory=list)


class WalkedOut(_Event):
    """A party leaves the talks: the player by choice, a computer party by its deadline or
    because nothing it could accept was left, or because its trust in the player's side
    collapsed."""

    kind: Literal["walk_out"] = "walk_out"
    why: Literal["chose", "deadline", "hopeless", "trust"] = "chose"
    deadline: int | None = None
    expected: float | None = Field(None, description="the best it still expected (private)")

    def redacted(self, keep: frozenset[str], worth: frozenset[str] = frozenset()) -> Self:
        if self.actor in keep or self.expected is None:
            return self
        return self.model_copy(update={"expected": None})


class Ended(_Private):
    """The end of the talks: every party's final utility (deal, or its reservation value) and
    the player's score."""

    score: float = 0.0


class Agreement(Ended):
    kind: Literal["agreement"] = "agreement"
    phased: list[str] = Field(default_factory=list, description="titles of issues left for later")


class NoDeal(Ended):
    kind: Literal["no_deal"] = "no_deal"

    def redacted(self, keep: frozenset[str], worth: frozenset[str] = frozenset()) -> Self:
        # without a deal each party ends on its no-deal value: not a package's worth
        return super().redacted(keep)


class Conditioned(_Event):
    """A conditional offer (number `number`): `actor` accepts `give` if `to` accepts `ask`.
    Only the two seats see it."""

    kind: Literal["conditional"] = "conditional"
    number: int
    to: str
    ask: dict[str, str]
    give: dict[str, str]


class ConditionAnswered(_Event):
    """`actor` accepts or declines conditional offer `number` made by `to` (the two seats
    alone see it); accepted, its options bind both seats' proposals for the rest of the round."""

    kind: Literal["conditional_reply"] = "conditional_reply"
    number: int
    to: str
    accepted: bool
    ask: dict[str, str]
    give: dict[str, str]


Event = Annotated[
    RoundStarted | ScenarioEvent | SeatTaken | Offered | Drafted | Accepted | Rejected | Objected
    | CredibilityLost | Caucused | Gestured | WalkedOut | Agreement | NoDeal | Coached
    | Guessed | Signalled | Said | TimeRanOut | Conditioned | ConditionAnswered,
    Field(discriminator="kind"),
]
"""Any event of the log (pydantic picks the class by `kind`)."""

TABLED = ("offer", "draft")
ANSWERS = ("accept", "reject", "objection")
