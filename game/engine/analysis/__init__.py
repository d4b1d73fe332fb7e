"""The outcome space of a situation: its size, the feasible packages, the zone of possible
agreement, the Pareto frontier, the Nash point, each party's best and worst feasible package,
and why no deal exists when none does. Numbers mean exactly what the design notes say.

`analyze` is pure and deterministic. It never lists the outcome space: utilities become exact
integers over one scale (`units`), red lines a small state machine (`plan`), the frontier is
merged issue by issue (`frontier`), counts come from dynamic programming (`counting`), and the
reasons for an empty zone from `no_deal`. Counts that would need too much work are estimated by
sampling, and `Analysis.exact` is then False. Verdicts follow the one policy of `scoring`.
"""

from game.engine.analysis.outcome_space import analyze
from game.engine.analysis.result import Analysis, Conflict, Point, utilities

__all__ = ["Analysis", "Conflict", "Point", "analyze", "utilities"]
