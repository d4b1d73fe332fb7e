"""A scenario as the events of its first N rounds leave it, compiled to numbers for fast scoring.

Every figure of the design notes is "as of" a round: weights, values, reservation values, red
lines, trust and who sits at the table all change through events. A `Situation` is that state,
immutable, with options as indices so that scoring a package is a few additions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from game.scenario.models import Condition, RedLine, Scenario

Package = tuple[int, ...]
"""One option index per issue, in the scenario's issue order."""

DEFAULT_TRUST = 0.5


@dataclass(frozen=True)
class Rule:
    """A red line compiled to the package combination it forbids.

    The package breaks the rule when, for every (issue, options) literal, the package's option for
    that issue is among the options. `forbid X in A` is one literal; `require X in A` forbids the
    complement of A; `when X in A then Y in B` forbids X in A together with Y outside B.
    """

    id: str
    party: str
    text: str
    sources: tuple[str, ...]
    literals: tuple[tuple[int, frozenset[int]], ...]

    def broken_by(self, package: Package) -> bool:
        return all(package[i] in opts for i, opts in self.literals)

    @property
    def issues(self) -> frozenset[int]:
        return frozenset(i for i, _ in self.literals)


def exact(x: float) -> Fraction:
    """An authored number as an exact fraction: the shortest decimal that reads back as the same
    float, which is the decimal the author wrote (YAML gave us its nearest float)."""
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


@dataclass(frozen=True)
class ExactNumbers:
    """A party's weights, values and reservation value as exact fractions, so that verdicts
    drawn by the analysis never depend on how floats happen to round."""

    weights: tuple[Fraction, ...]
    values: tuple[tuple[Fraction, ...], ...]
    reservation: Fraction


@dataclass(frozen=True)
class PartyState:
    """One party's interests as of a round. Weights sum to 1; values lie in [0, 1].

    The floats serve scoring (fast, and what players see); `exact` keeps the same numbers as
    fractions of the authored decimals for the analysis. States built by hand may leave it out:
    it is then read from the floats."""

    id: str
    name: str
    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    reservation: float
    rules: tuple[Rule, ...]
    exact: ExactNumbers | None = field(default=None, compare=False, repr=False)

    def utility(self, package: Package) -> float:
        return sum(w * v[o] for w, v, o in zip(self.weights, self.values, package, strict=True))

    def exact_numbers(self) -> ExactNumbers:
        """The exact numbers: as authored, or else the floats read as their shortest decimals."""
        if self.exact is not None:
            return self.exact
        return ExactNumbers(tuple(exact(w) for w in self.weights),
                            tuple(tuple(exact(v) for v in row) for row in self.values),
                            exact(self.reservation))


@dataclass(frozen=True)
class Situation:
    """The negotiation as of `round` (0 = before any event; N = after the events of rounds 1..N)."""

    scenario: Scenario
    round: int
    issue_ids: tuple[str, ...]
    option_ids: tuple[tuple[str, ...], ...]
    parties: Mapping[str, PartyState]
    at_table: tuple[str, ...]
    trust: Mapping[frozenset[str], float] = field(default_factory=dict)
    leaning: Mapping[tuple[str, str], float] = field(default_factory=dict)
    """One-way trust shifts: (truster, trusted) -> how far the truster's trust moved."""
    memo: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)
    """Results of pure functions of this situation (its analysis), kept by the object itself so
    that they live and die with it: no module keeps a cache keyed on object ids."""

    @property
    def table(self) -> tuple[PartyState, ...]:
        return tuple(self.parties[p] for p in self.at_table)

    @property
    def outcomes(self) -> int:
        n = 1
        for opts in self.option_ids:
            n *= len(opts)
        return n

    def trust_between(self, a: str, b: str) -> float:
        """How far `a` trusts `b` (symmetric unless a one-way shift moved one side)."""
        base = self.trust.get(frozenset((a, b)), DEFAULT_TRUST)
        return min(1.0, max(0.0, base + self.leaning.get((a, b), 0.0)))

    def package(self, choice: Mapping[str, str]) -> Package:
        """Issue id -> option id, to indices. Raises KeyError naming what is unknown or missing."""
        unknown = set(choice) - set(self.issue_ids)
        if unknown:
            raise KeyError(f"unknown issue(s): {', '.join(sorted(unknown))}")
        out = []
        for i, issue in enumerate(self.issue_ids):
            if issue not in choice:
                raise KeyError(f"no option chosen for issue '{issue}'")
            try:
                out.append(self.option_ids[i].index(choice[issue]))
            except ValueError:
                raise KeyError(
                    f"issue '{issue}' has no option '{choice[issue]}'; it has: "
                    + ", ".join(self.option_ids[i])
                ) from None
        return tuple(out)

    def named(self, package: Package) -> dict[str, str]:
        return {self.issue_ids[i]: self.option_ids[i][o] for i, o in enumerate(package)}


def compile_rule(rule: RedLine, party: str, issue_ids: tuple[str, ...],
                 option_ids: tuple[tuple[str, ...], ...]) -> Rule:
    def lit(cond: Condition, negate: bool) -> tuple[int, frozenset[int]]:
        i = issue_ids.index(cond.issue)
        chosen = {option_ids[i].index(o) for o in cond.options}
        if negate:
            chosen = set(range(len(option_ids[i]))) - chosen
        return i, frozenset(chosen)

    literals: tuple[tuple[int, frozenset[int]], ...]
    if rule.forbid_all is not None:  # broken when every condition holds
        literals = tuple(lit(c, False) for c in rule.forbid_all)
    elif rule.require_any is not None:  # broken when none holds
        literals = tuple(lit(c, True) for c in rule.require_any)
    elif rule.forbid is not None:
        literals = (lit(rule.forbid, False),)
    elif rule.require is not None:
        literals = (lit(rule.require, True),)
    else:
        assert rule.when is not None and rule.then is not None
        first, second = lit(rule.when, False), lit(rule.then, True)
        same_issue = first[0] == second[0]
        literals = ((first[0], first[1] & second[1]),) if same_issue else (first, second)
    return Rule(rule.id, party, rule.text, tuple(rule.sources), literals)


EventKey = tuple[int, int]
"""A scenario event by place: (round number from 1, index in that round's events)."""


def situation_at(scenario: Scenario, round_number: int,
                 fired: frozenset[EventKey] = frozenset()) -> Situation:
    """Apply the events of rounds 1..round_number to the scenario's opening state: every event
    without a `when`, and the conditional ones whose place is in `fired` (the table decides which
    fire, `game.engine.triggers`; this stays a pure function of its arguments)."""
    if not 0 <= round_number <= len(scenario.rounds):
        raise ValueError(f"round must be between 0 and {len(scenario.rounds)}, not {round_number}")
    issue_ids = tuple(i.id for i in scenario.issues)
    option_ids = tuple(tuple(o.id for o in i.options) for i in scenario.issues)
    raw_weights = {p.id: dict(p.weights) for p in scenario.parties}
    raw_values = {p.id: {k: dict(v) for k, v in p.values.items()} for p in scenario.parties}
    reservation = {p.id: p.reservation for p in scenario.parties}
    exact_res = {p.id: exact(p.reservation) for p in scenario.parties}
    floor = dict(reservation)
    red_lines = {p.id: list(p.red_lines) for p in scenario.parties}
    at_table = [p.id for p in scenario.parties if p.at_table]
    trust: dict[frozenset[str], float] = {}
    leaning: dict[tuple[str, str], float] = {}
    for p in scenario.parties:
        for other, t in p.trust.items():
            trust[frozenset((p.id, other))] = t
    for number, rnd in enumerate(scenario.rounds[:round_number], start=1):
        for k, e in enumerate(rnd.events):
            if e.when is not None and (number, k) not in fired:
                continue
            match e.type:
                case "set_weight":
                    raw_weights[e.party][e.issue] = e.weight
                case "set_value":
                    raw_values[e.party][e.issue][e.option] = e.value
                case "shift_reservation":
                    low = -1.0 if floor[e.party] < 0 else 0.0  # below 0 only if authored so
                    reservation[e.party] = min(1.0, max(low, reservation[e.party] + e.delta))
                    shifted = exact_res[e.party] + exact(e.delta)
                    exact_res[e.party] = min(Fraction(1), max(Fraction(int(low)), shifted))
                case "add_red_line":
                    red_lines[e.party].append(e.red_line)
                case "drop_red_line":
                    red_lines[e.party] = [r for r in red_lines[e.party] if r.id != e.red_line]
                case "shift_trust" if e.one_way:
                    pair = (e.parties[0], e.parties[1])
                    leaning[pair] = leaning.get(pair, 0.0) + e.delta
                case "shift_trust":
                    key = frozenset(e.parties)
                    trust[key] = min(1.0, max(0.0, trust.get(key, DEFAULT_TRUST) + e.delta))
                case "join":
                    if e.party not in at_table:
                        at_table.append(e.party)
                case "leave":
                    at_table = [p for p in at_table if p != e.party]
    order = [p.id for p in scenario.parties]
    at_table.sort(key=order.index)
    parties = {}
    for p in scenario.parties:
        total = sum(raw_weights[p.id][i] for i in issue_ids)
        weights = tuple(
            (raw_weights[p.id][i] / total) if total else 1 / len(issue_ids) for i in issue_ids
        )
        values = tuple(
            tuple(raw_values[p.id][i][o] / 100 for o in option_ids[k])
            for k, i in enumerate(issue_ids)
        )
        rules = tuple(compile_rule(r, p.id, issue_ids, option_ids) for r in red_lines[p.id])
        parties[p.id] = PartyState(p.id, p.name, weights, values, reservation[p.id], rules,
                                   _exact(raw_weights[p.id], raw_values[p.id], exact_res[p.id],
                                          issue_ids, option_ids))
    return Situation(scenario, round_number, issue_ids, option_ids, parties, tuple(at_table), trust,
                     leaning)


def _exact(raw_weights: Mapping[str, float], raw_values: Mapping[str, Mapping[str, float]],
           reservation: Fraction, issue_ids: tuple[str, ...],
           option_ids: tuple[tuple[str, ...], ...]) -> ExactNumbers:
    """The same normalisation as the floats of `situation_at`, in exact fractions."""
    raw = [exact(raw_weights[i]) for i in issue_ids]
    total = sum(raw, Fraction(0))
    weights = tuple(w / total if total else Fraction(1, len(issue_ids)) for w in raw)
    values = tuple(tuple(exact(raw_values[i][o]) / 100 for o in option_ids[k])
                   for k, i in enumerate(issue_ids))
    return ExactNumbers(weights, values, reservation)


def with_table(situation: Situation, at_table: tuple[str, ...]) -> Situation:
    """The same situation with another set of parties at the table (walk-outs during play)."""
    return replace(situation, at_table=at_table)
