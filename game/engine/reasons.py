"""Why a party says no, in words a student can reuse: its red lines, or what a package lacks.

Shared by the computer players (their answers) and the rules (a coalition member refusing its
own seat's move, the player's seat naming its red lines), so the table hears one vocabulary.

Delegations do not read out their utilities: with `numbers=False` (every level above the easiest)
a refusal says how far off a package is in graded words, and names the clause that stands in the
way; on the hardest level (`hints=False`) it names the clause but not the option it wants. A hint
never points at an option that breaks a red line the others have stated (`stated`).
"""

from __future__ import annotations

from game.engine.events import Reason
from game.engine.scoring import at_least, below, exceeds
from game.engine.situation import Package, PartyState, Rule, Situation

FAR = 0.2
"""A package this far below what a party asks is 'far from what we can sign'."""
NEAR = 0.07
"""Within this, a party says the gap is narrowing and points at one clause."""


def red_line_reason(rule: Rule) -> Reason:
    """'it breaks our red line ...'; the narrator adds the red line's sources."""
    return Reason(text=f"it breaks our red line '{rule.text}'", red_line=rule.id,
                  sources=list(rule.sources))


def refusal(sit: Situation, party: str, package: Package, floor: float, asp: float,
            numbers: bool = True, hints: bool = True, stated: tuple[Rule, ...] = ()
            ) -> list[Reason]:
    """Reasons for `party` to refuse `package` when it asks at least max(floor, asp); an empty
    list means it accepts. `numbers`, `hints` and `stated`: see the module docstring."""
    own = sit.parties[party]
    broken = [r for r in own.rules if r.broken_by(package)]
    if broken:
        return [red_line_reason(r) for r in broken]
    u = own.utility(package)
    need = max(floor, asp)
    if at_least(u, need):
        return []
    return value_reasons(sit, own, package, u, need, floor, numbers, hints, stated)


def wanted(own: PartyState, package: Package, i: int, stated: tuple[Rule, ...]) -> int | None:
    """The option on issue `i` the party likes best among those that, put in `package`, break
    none of the `stated` red lines (None: every better option is ruled out)."""
    vals = own.values[i]
    ok = [k for k in range(len(vals)) if not any(
        r.broken_by(package[:i] + (k,) + package[i + 1:]) for r in stated)]
    if not ok:
        return None
    return max(ok, key=lambda k: (vals[k], -k))


def value_reasons(
    sit: Situation, own: PartyState, package: Package, u: float, need: float, floor: float,
    numbers: bool = True, hints: bool = True, stated: tuple[Rule, ...] = (),
) -> list[Reason]:
    """Why a feasible package is not enough, naming the issue where it costs most among those
    where a better option is still open (not ruled out by a stated red line)."""
    losses = []
    for i, (w, vals, o) in enumerate(zip(own.weights, own.values, package, strict=True)):
        k = wanted(own, package, i, stated)
        losses.append(w * (vals[k] - vals[o]) if k is not None else -1.0)
    i = max(range(len(losses)), key=lambda k: (losses[k], -k))
    issue = sit.scenario.issues[i]
    got = issue.options[package[i]]
    k = wanted(own, package, i, stated)
    want = issue.options[k if k is not None else package[i]]
    if numbers:
        if below(u, own.reservation):
            head = f"it is worth {u:.2f} to us, less than no deal ({own.reservation:.2f})"
        else:
            shown, asked = _apart(u, need)
            head = f"it is worth {shown} to us and we ask at least {asked} now"
        text = head if losses[i] <= 0 else (  # no better option left open: no hint
            f"{head}; above all, on '{issue.title}' we want '{want.label}', not '{got.label}'")
    else:
        text = _graded(u, need, own.reservation, issue.title, want.label, got.label, hints,
                       losses[i] > 0)
    reasons = [Reason(text=text, sources=sorted(set(issue.sources) | set(got.sources)))]
    if exceeds(floor, own.reservation) and below(u, floor):
        reasons.append(
            Reason(
                text="we do not trust the other side enough to settle for this: without "
                "confidence-building steps we need more guarantees",
                sources=sorted({s for c in sit.scenario.confidence_steps for s in c.sources}),
            )
        )
    return reasons


def _graded(u: float, need: float, reservation: float, title: str, want: str, got: str,
            hints: bool, movable: bool) -> str:
    """A refusal in words: how far off, and which clause is in the way."""
    if below(u, reservation):
        head = "this is worse for us than no agreement at all"
    elif need - u > FAR:
        head = "this is far from what we can sign"
    elif need - u > NEAR:
        head = "this is still well short of what we need"
    else:
        head = "this is close, but not enough yet"
    if not movable:
        return head
    if not hints:
        return f"{head}; the '{title}' clause is the obstacle"
    if need - u <= NEAR:
        return f"{head}: move on '{title}' ('{want}' rather than '{got}')"
    return f"{head}; the '{title}' clause is the obstacle: we need '{want}', not '{got}'"


def _apart(value: float, floor: float) -> tuple[str, str]:
    """Two numbers printed with enough decimals that a student sees the gap (0.748 < 0.750)."""
    for digits in (2, 3, 4):
        a, b = f"{value:.{digits}f}", f"{floor:.{digits}f}"
        if a != b:
            return a, b
    return f"just under {floor:.4f}", f"{floor:.4f}"
