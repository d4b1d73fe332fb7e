"""Why a party says no, in words a student can reuse: its red lines, or what a package lacks.

Shared by the computer players (their answers) and the rules (a coalition member refusing its
own seat's move, the player's seat naming its red lines), so the table hears one vocabulary.
"""

from __future__ import annotations

from game.engine.events import Reason
from game.engine.scoring import at_least, below, exceeds
from game.engine.situation import Package, PartyState, Rule, Situation


def red_line_reason(rule: Rule) -> Reason:
    """'it breaks our red line ...'; the narrator adds the red line's sources."""
    return Reason(text=f"it breaks our red line '{rule.text}'", red_line=rule.id,
                  sources=list(rule.sources))


def refusal(sit: Situation, party: str, package: Package, floor: float, asp: float
            ) -> list[Reason]:
    """Reasons for `party` to refuse `package` when it asks at least max(floor, asp); an empty
    list means it accepts."""
    own = sit.parties[party]
    broken = [r for r in own.rules if r.broken_by(package)]
    if broken:
        return [red_line_reason(r) for r in broken]
    u = own.utility(package)
    need = max(floor, asp)
    if at_least(u, need):
        return []
    return value_reasons(sit, own, package, u, need, floor)


def value_reasons(
    sit: Situation, own: PartyState, package: Package, u: float, need: float, floor: float
) -> list[Reason]:
    """Why a feasible package is not enough, naming the issue where it costs most."""
    losses = [
        w * (max(vals) - vals[o])
        for w, vals, o in zip(own.weights, own.values, package, strict=True)
    ]
    i = max(range(len(losses)), key=lambda k: (losses[k], -k))
    issue = sit.scenario.issues[i]
    got = issue.options[package[i]]
    vals = own.values[i]
    want = issue.options[max(range(len(vals)), key=lambda k: (vals[k], -k))]
    if below(u, own.reservation):
        head = f"it is worth {u:.2f} to us, less than no deal ({own.reservation:.2f})"
    else:
        shown, asked = _apart(u, need)
        head = f"it is worth {shown} to us and we ask at least {asked} now"
    reasons = [
        Reason(
            text=f"{head}; above all, on '{issue.title}' we want '{want.label}', "
            f"not '{got.label}'",
            sources=sorted(set(issue.sources) | set(got.sources)),
        )
    ]
    if exceeds(floor, own.reservation) and below(u, floor):
        reasons.append(
            Reason(
                text="we do not trust the other side enough to settle for this: without "
                "confidence-building steps we need more guarantees",
                sources=sorted({s for c in sit.scenario.confidence_steps for s in c.sources}),
            )
        )
    return reasons


def _apart(value: float, floor: float) -> tuple[str, str]:
    """Two numbers printed with enough decimals that a student sees the gap (0.748 < 0.750)."""
    for digits in (2, 3, 4):
        a, b = f"{value:.{digits}f}", f"{floor:.{digits}f}"
        if a != b:
            return a, b
    return f"just under {floor:.4f}", f"{floor:.4f}"
