"""The debrief's data: what a class reads after a game, as plain models every renderer walks."""

from __future__ import annotations

from pydantic import BaseModel, Field

from game.engine.events import Event

MOVE_LABELS = {
    "opening": "first offer of this party",
    "concession": "gave ground: worse for itself, not worse for the others",
    "selfish": "took more: better for itself, not better for the others",
    "nice": "a free gift: better for the others at no cost to itself",
    "fortunate": "better for everyone: value had been left on the table",
    "unfortunate": "worse for the others and not better for itself",
    "silent": "nothing changed for anyone",
}
"""What each move label means, for every screen and export that shows one: a label such as
"fortunate" is a term of the negotiation literature, not plain English."""


class Point(BaseModel):
    """A package with its utility for every party at the table."""

    package: dict[str, str]
    utilities: dict[str, float]


class PartyResult(BaseModel):
    id: str
    name: str
    utility: float = Field(description="of the final deal, or the reservation value if none")
    reservation: float
    surplus: float = Field(description="utility minus reservation value")


class OfferRow(BaseModel):
    """One offer or draft, with its true utility for every party and its move label."""

    seq: int
    offer: int | None = Field(description="the offer's id, as answers refer to it")
    round: int
    by: str
    kind: str
    package: dict[str, str]
    utilities: dict[str, float]
    label: str
    own_change: float
    other_change: float
    acceptable_to_all: bool
    feasible: bool = Field(
        True, description="breaks no red line of a party at the table as of its round"
    )
    on_frontier: bool | None = Field(
        None, description="no feasible package of its round is better for some party and worse "
        "for none (the analysis's `improvements`, the test behind `deal_on_frontier`); None "
        "when it broke a red line"
    )


class Rejection(BaseModel):
    seq: int
    round: int
    by: str
    offer: int | None
    text: str
    red_lines: list[dict[str, str]] = Field(description="id, party and text of each red line")
    sources: list[str]


class TurningPoint(BaseModel):
    seq: int
    round: int
    text: str


class SourceRow(BaseModel):
    id: str
    title: str
    date: str
    kind: str
    perspective: str
    author: str = ""
    reliability: str = Field("", description="What the document can and cannot establish, so "
                             "that a class weighs each citation of the debrief by it")


class Prompt(BaseModel):
    """A debrief question of the scenario's teaching kit, with what it is about."""

    text: str
    about: str = Field(description="'Round 2', or the kind of turning point it asks about")
    sources: list[str]


class Account(BaseModel):
    """One item of what happened, as the sources tell it; contested ones carry the others."""

    text: str
    sources: list[str]
    contested: bool = False
    counter_accounts: list[Prompt] = Field(default_factory=list)


class GuessRow(BaseModel):
    """One of the player's guesses set against the truth of that round."""

    round: int
    party: str
    top_guess: str
    top_true: str
    reservation_guess: float
    reservation_true: float


class TradeRow(BaseModel):
    """A conditional offer made in the game ("if you accept X, we accept Y") and its answer."""

    round: int
    number: int
    by: str
    to: str
    ask: str = Field(description="what was asked, in words")
    give: str = Field(description="what was given in return, in words")
    answer: str = Field(description="'accepted', 'declined' or 'no answer'")
    why: str = ""


class StrategyRow(BaseModel):
    """A computer party's strategy: asked as a question, then revealed with its name in the
    literature, two sentences and a citation (and the student's guess when one was made)."""

    party: str
    strategy: str = Field(description="its id in the scenario format, e.g. boulware")
    title: str
    explanation: str
    citation: str
    guess: str | None = Field(None, description="the strategy id the student guessed")


class Debrief(BaseModel):
    """Everything the exports show; `redlines replay --format json` prints this model."""

    scenario: str
    scenario_id: str
    student: str | None = Field(None, description="who played, when the save names them")
    minutes: float | None = Field(None, description="minutes from the start to the last save")
    role: str
    role_parties: list[str] = Field(description="the parties whose utility is the player's")
    difficulty: str | None
    seed: int
    moves: int
    finished: bool
    agreement: bool
    deal: dict[str, str] | None
    walked_out: list[str]
    parties: list[PartyResult]
    score: float | None = Field(description="the player's score, 0-1")
    score_explanation: list[str]
    nash: Point | None
    deal_vs_nash: dict[str, float] = Field(description="deal utility minus Nash utility")
    pareto: list[Point]
    deal_on_frontier: bool | None
    better_for_all: list[Point] = Field(description="frontier packages every party prefers")
    offers: list[OfferRow]
    rejections: list[Rejection]
    turning_points: list[TurningPoint]
    sources: list[SourceRow]
    issue_labels: dict[str, str]
    option_labels: dict[str, dict[str, str]]
    party_names: dict[str, str]
    log: list[Event]
    coached: int = Field(0, description="how many times the player asked the coach")
    guesses: list[GuessRow] = Field(default_factory=list, description="guesses against truth")
    trades: list[TradeRow] = Field(default_factory=list,
                                   description="conditional offers and their answers")
    strategies: list[StrategyRow] = Field(
        default_factory=list, description="each computer party's named strategy, to guess")
    zone_by_round: dict[int, int] = Field(
        default_factory=dict, description="round -> packages in the zone of agreement")
    questions: list[Prompt] = Field(default_factory=list, description="for the class discussion")
    talk: list[TurningPoint] = Field(
        default_factory=list, description="a hosted table's signals, private messages, notes "
        "on offers and the clock, every seat's, in order (shown once the game is over)")
    epilogue: list[Account] = Field(default_factory=list, description="what happened in reality")
