"""How a computer-played party concedes over time: the named strategies of the scenario format.

Each strategy turns "how far the talks have gone" into an aspiration: the lowest utility the party
asks for now, between its floor (reservation value plus the mistrust premium) and the best it can
hope for. `describe()` says the same in words a student can use.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.scenario.models import Strategy

HARDLINER_GIVE = 0.15
"""Share of its range a hard-liner gives up before its deadline."""
TFT_DRIFT = 0.25
"""Share of its range a tit-for-tat party gives up over the whole talks even if nobody moves."""

# How difficulty turns into behaviour (level 0 = the scenario's easiest level, played as authored;
# 1 = its hardest). Game assumptions, tuned with `redlines tournament`, after the concession
# tactics of Faratin, Sierra & Jennings (1998) and the ANAC agents.
PATIENCE = 0.5
"""Time runs slower for a patient party: it concedes as if at t ** (1 + PATIENCE x level)."""
FIRM = 0.1
"""Share of its range a party never gives up at the hardest level (scaled by the level)."""
LEAD = 0.3
"""Reciprocity: a hard party gives at most this much more (share of its range) than it got,
early in the talks; the cap loosens as the deadline nears (t squared of the rest)."""
RETURN = 0.8
"""Reciprocity: above the easiest level a party gives back at least this share of what it has
received (how far the player's side came toward it), whatever the clock says."""
EXPLOIT_GAP = 0.3
"""When the others have come this much further than the clock, a hard party slows down."""
HARDEN_STEP = 0.03
"""Share of its range a party takes back per offer that ignores a red line it stated (or repeats
a refused package word for word), scaled by the level, up to HARDEN_CAP."""
HARDEN_CAP = 0.15
HARDEN_FREE = 3.0
"""Pressure a party shrugs off before it hardens: it hardens after repeated offers, not one."""
EAGER = 2.0
"""At the easiest level (live games; replays of old saves excepted) time runs faster for a party:
it concedes as if at t ** (1 / (1 + EAGER)), so easy counterparts give ground sooner."""
MIDDLE = 0.2
"""At the easiest level (live games) a party opens this share of its range below its best: it
asks for less from the start, closer to the middle, as well as conceding sooner (EAGER)."""
READY = 9.0
"""At the easiest level (live games), weighing an offer of the player's side, time runs faster
still: it concedes as if at t ** (1 / (1 + READY)), so a student's offers are taken sooner."""
OPEN_HAND = 0.9
"""... and measures them from this share of its range below its best (not MIDDLE): an easy party
meets the student more than halfway, while it still bargains as before with fellow computer
delegations (those generous terms among themselves would settle a table before the student
moved). Game assumptions, like READY, tuned with `redlines tournament`."""
LISTEN = 1
"""... from the round after this one, the waived mistrust premium (`computer.WAIVE`) too: an easy
party hears the student out for a round first, so a first offer is not signed before the talks
(and the tutorial's steps) have begun. A game assumption."""
ANCHOR = 0.1
"""Above the easiest level, the others' first offers pull a party's hopes this much toward them."""
HOLD = 1.0
"""Above the easiest level a party asks at least this share (scaled by the level, and by how
much the acceptance gave away: GIVEAWAY) of the way up to what a package the player's side has
accepted gives it: a side that says yes to more than it asks for shows what it would settle
for, and a patient party pockets it instead of conceding further (exploiting a side that gives
too fast)."""
SQUEEZE = 0.5
"""At the hardest level, how strongly a party's counters steer value away from a side that has
accepted more than it asked for (scaled by what it gave away), among packages otherwise equally
good: its consent looks cheap, so it is spent first. (On the middle level too it narrowed the
deals students reach: istanbul-2022 fell from 10 distinct deals to 9, issue 14's floor.)"""
GIVEAWAY = 0.3
"""An acceptance gives a party the full hold when the package accepted is worth this much more
to it than the accepting side's own last offer; less, in proportion (a side that accepts what
it asked for itself gives nothing away)."""

DESCRIPTIONS = {
    "boulware": "holds out for close to its best until late in the talks, then concedes quickly",
    "conceder": "gives ground early, then holds near its bottom line",
    "linear": "concedes at a steady pace from its best toward its bottom line",
    "tit_for_tat": "mirrors the others: it concedes as much as the offers it receives improve "
    "for it, and barely moves if they do not",
    "hardliner": "barely moves until its deadline round, then settles for its bottom line or "
    "walks out",
}

FARATIN = ("Faratin, Sierra & Jennings (1998), 'Negotiation decision functions for autonomous "
           "agents', Robotics and Autonomous Systems 24(3-4)")


@dataclass(frozen=True)
class Named:
    """A strategy as the literature names it: what the debrief reveals after the student's
    guess, in two sentences with its citation."""

    title: str
    explanation: str
    citation: str


NAMED = {
    "boulware": Named(
        "Boulware (time-dependent, concedes late)",
        "It asks for close to its best for most of the talks and gives ground only as the "
        "deadline nears. Against it, patience pays and early concessions are simply pocketed.",
        FARATIN + "; the name recalls Lemuel Boulware's take-it-or-leave-it bargaining at "
        "General Electric"),
    "conceder": Named(
        "Conceder (time-dependent, concedes early)",
        "It gives up much of its range in the first rounds and then holds near its bottom "
        "line. Its early moves look generous, but little is left to win once they are made.",
        FARATIN),
    "linear": Named(
        "Linear (time-dependent, steady)",
        "It lowers what it asks at the same pace every round, whatever the others do. Its "
        "demands are predictable, so a side can plan when the zone of agreement will open.",
        FARATIN),
    "tit_for_tat": Named(
        "Tit-for-tat (behaviour-dependent, reciprocates)",
        "It concedes as much as the offers it receives improve for it, and barely moves "
        "otherwise. Concessions are returned in kind, so the first move decides the pace.",
        "Axelrod (1984), The Evolution of Cooperation; the relative tit-for-tat tactic of "
        + FARATIN),
    "hardliner": Named(
        "Hard-liner (take it or leave it, with a deadline)",
        "It barely moves until its deadline round, then settles for its bottom line or walks "
        "out. Only a package already close to its terms survives, and waiting past its "
        "deadline costs the deal.",
        FARATIN + " (a time-dependent tactic near zero concession with a deadline); cf. "
        "HardHeaded, winner of ANAC 2011 (van Krimpen, Looije & Hajizadeh 2013)"),
}
"""Every strategy of the scenario format, with its name in the literature (game/debrief)."""


@dataclass(frozen=True)
class Curve:
    """A strategy with its parameters, as the scenario sets them for one party."""

    strategy: Strategy
    rounds: int
    temper: float = 1.0
    """Per-game variation of the concession shape (drawn from the seed): 1 = as authored."""

    @property
    def name(self) -> str:
        return self.strategy.name

    @property
    def deadline(self) -> int:
        """Hard-liner's deadline round (1-based); the last round when the scenario names none."""
        d = self.strategy.deadline_round or self.rounds
        return min(d, self.rounds)

    def exponent(self) -> float:
        """Concession shape e: the scenario's value, or the usual one for the strategy's name."""
        e = self.strategy.exponent
        if e == 1.0:
            e = {"boulware": 0.3, "conceder": 3.0}.get(self.name, 1.0)
        return e * self.temper

    def aspiration(self, t: float, top: float, floor: float, received: float, round_: int,
                   level: float = 0.0, pressure: float = 0.0,
                   player: float | None = None, pace: float | None = None,
                   eager: float = 0.0) -> float:
        """Lowest utility asked for at time t in [0, 1] of the talks.

        `received` is how far (0-1 of its range) the others' offers have come toward this party,
        used by tit-for-tat (and, above the easiest level, by every strategy); `round_` is the
        1-based round, used by the hard-liner. `level` (0-1) and `pressure` (offers that ignored
        its stated red lines) shape the concession, with `player` (how far the player's seat has
        come toward it; None when it makes no offers) and `pace` (how fast its offers moved; the
        same when not given): see `tempered`. `eager` > 0 (the easiest level, see EAGER) makes
        time run faster.
        """
        t = min(1.0, max(0.0, t))
        span = max(0.0, top - floor)
        patient = level > 0 and self.name != "hardliner"
        t_base = t ** (1.0 + PATIENCE * level) if patient else t
        if eager > 0 and level <= 0:
            t_base = t ** (1.0 / (1.0 + eager))
        if self.name == "hardliner":
            give = 1.0 if round_ >= self.deadline else HARDLINER_GIVE * t
        elif self.name == "tit_for_tat":
            give = min(1.0, received + TFT_DRIFT * t_base)
        else:
            give = t_base ** (1.0 / self.exponent())
        if level > 0:
            give = tempered(give, t, player, level, pressure,
                            player if pace is None else pace)
        return floor + span * (1.0 - give)

    def describe(self, level: float = 0.0) -> str:
        """The strategy in plain words, with its parameters."""
        text = DESCRIPTIONS[self.name]
        if self.name == "hardliner":
            text += f" (deadline: round {self.deadline})"
        elif self.name in ("boulware", "conceder", "linear") and self.exponent() != 1.0:
            e = self.exponent()
            # in words, not as "concession curve exponent": students read this line
            pace = ("holds out longer than a steady pace" if e < 0.9 else
                    "gives ground sooner than a steady pace" if e > 1.1 else
                    "gives ground at about a steady pace")
            text += f" (it {pace})"
        if self.strategy.walkout_margin > 0:
            text += (
                f"; it walks out when the best it expects falls {self.strategy.walkout_margin:.2f}"
                " below its alternative to a deal"
            )
        if level > 0:
            text += ("; at this level it is patient, returns concessions in kind rather than "
                     "giving them first, hardens when its stated red lines are ignored, and "
                     "holds out for what the other side has already said yes to")
        return text


def tempered(give: float, t: float, received: float | None, level: float,
             pressure: float, pace: float | None = None) -> float:
    """The share of its range a party gives at `level` > 0: no more than it has received plus a
    lead (reciprocity), less when the others concede much faster than the clock (exploiting a
    side that gives too fast), less again for every offer that ignored its stated red lines,
    and never the last FIRM x level of its range."""
    if received is not None:
        # reciprocity both ways: it gives at least RETURN of what it received, never more than
        # it received plus a lead (relative tit-for-tat, Faratin et al. 1998)
        back = max(give, RETURN * received)
        lead = LEAD + (1 - LEAD) * t * t  # the deadline loosens the cap
        give = (1 - level) * give + level * min(back, received + lead)
        fast = received if pace is None else pace
        give -= level * max(0.0, fast - t - EXPLOIT_GAP)
    give -= hardening(level, pressure)
    return max(0.0, min(give, 1.0 - FIRM * level))


def hardening(level: float, pressure: float) -> float:
    """The share of its range a party takes back for `pressure` (offers that ignored its
    stated red lines, or repeated a refused package): see HARDEN_STEP."""
    return level * min(HARDEN_CAP, HARDEN_STEP * max(0.0, pressure - HARDEN_FREE))
