"""GENIUS/ANAC negotiation domains read into the numbers our computer parties use.

A GENIUS domain is a folder of XML files: one template naming the issues and their values, and
one utility profile per side (linear additive: a weight per issue, an evaluation per value, a
reservation value and a discount factor). We read them with the standard library only, so the
adapter is testable without NegMAS, and normalise as GENIUS does: each evaluation is divided by
the best evaluation of its issue, and the weights by their sum, so a profile's best package is
worth 1. The bench (bench_agents.py) builds NegMAS utility functions from the same numbers, so
every negotiator, ours and theirs, is scored on one scale.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from game.engine.situation import PartyState


class DomainError(ValueError):
    """A folder that is not a two-sided discrete GENIUS domain; the message names the file."""


@dataclass(frozen=True)
class Profile:
    """One side's preferences, normalised (weights sum to 1; each issue's best value is 1)."""

    name: str
    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    reservation: float
    discount: float

    def utility(self, package: tuple[int, ...]) -> float:
        return sum(w * v[o] for w, v, o in zip(self.weights, self.values, package, strict=True))


@dataclass(frozen=True)
class Domain:
    """Issues (name, value labels in the template's order) and the two sides' profiles."""

    name: str
    issues: tuple[tuple[str, tuple[str, ...]], ...]
    profiles: tuple[Profile, Profile]

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(len(v) for _, v in self.issues)

    @property
    def outcomes(self) -> int:
        n = 1
        for k in self.sizes:
            n *= k
        return n

    def package(self, labels: tuple[object, ...]) -> tuple[int, ...]:
        """An outcome given by value labels (as NegMAS passes them) to option indices."""
        return tuple(vals.index(str(x)) for (_, vals), x in zip(self.issues, labels, strict=True))

    def labels(self, package: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(vals[o] for (_, vals), o in zip(self.issues, package, strict=True))


def _issues(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter("issue")]


def _read_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as err:
        raise DomainError(f"{path}: not well-formed XML ({err})") from None


def _template(root: ET.Element, path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for issue in _issues(root):
        kind = issue.get("type") or issue.get("etype") or "discrete"
        if kind != "discrete":
            raise DomainError(f"{path}: issue '{issue.get('name')}' is {kind}; only discrete "
                              "issues are supported")
        values = tuple(str(item.get("value")) for item in issue.iter("item"))
        if len(values) < 2:
            raise DomainError(f"{path}: issue '{issue.get('name')}' has fewer than two values")
        out.append((str(issue.get("name")), values))
    if not out:
        raise DomainError(f"{path}: no issues")
    return tuple(out)


def _profile(root: ET.Element, path: Path,
             issues: tuple[tuple[str, tuple[str, ...]], ...]) -> Profile:
    weights_by_index = {w.get("index"): float(w.get("value", "0")) for w in root.iter("weight")}
    names = [name for name, _ in issues]
    raw_w: list[float] = [0.0] * len(issues)
    raw_v: list[tuple[float, ...]] = [()] * len(issues)
    for issue in _issues(root):
        name = str(issue.get("name"))
        if name not in names:
            raise DomainError(f"{path}: issue '{name}' is not in the domain template")
        i = names.index(name)
        evals = {str(item.get("value")): float(item.get("evaluation", "0"))
                 for item in issue.iter("item")}
        missing = [v for v in issues[i][1] if v not in evals]
        if missing:
            raise DomainError(f"{path}: issue '{name}' gives no evaluation for "
                              + ", ".join(repr(m) for m in missing))
        top = max(evals[v] for v in issues[i][1])
        if top <= 0:
            raise DomainError(f"{path}: issue '{name}' has no positive evaluation")
        raw_v[i] = tuple(evals[v] / top for v in issues[i][1])
        raw_w[i] = weights_by_index.get(issue.get("index"), 0.0)
    if any(not v for v in raw_v):
        raise DomainError(f"{path}: the profile leaves out some of the domain's issues")
    total = sum(raw_w)
    if total <= 0:
        raise DomainError(f"{path}: the weights sum to zero")
    res = root.find(".//reservation")
    disc = root.find(".//discount_factor")
    reservation = float(res.get("value", "0")) if res is not None else 0.0
    discount = float(disc.get("value", "1")) if disc is not None else 1.0
    return Profile(path.stem, tuple(w / total for w in raw_w), tuple(raw_v), reservation,
                   discount)


def read_domain(folder: Path) -> Domain:
    """The folder's template and its two profiles (sorted by file name). The template is the
    file that gives no weights; the profiles are the files that do."""
    files = sorted(folder.glob("*.xml"))
    roots = [(p, _read_xml(p)) for p in files]
    templates = [(p, r) for p, r in roots if r.find(".//weight") is None]
    profiles = [(p, r) for p, r in roots if r.find(".//weight") is not None]
    if len(templates) != 1 or len(profiles) != 2:
        raise DomainError(f"{folder}: expected one domain template and two profiles, found "
                          f"{len(templates)} template(s) and {len(profiles)} profile(s)")
    issues = _template(templates[0][1], templates[0][0])
    a, b = (_profile(r, p, issues) for p, r in profiles)
    return Domain(folder.name, issues, (a, b))


def domains_in(folder: Path) -> list[Domain]:
    """Every domain folder directly under `folder`, by name."""
    if not folder.is_dir():
        raise DomainError(f"{folder}: not a folder")
    out = [read_domain(d) for d in sorted(folder.iterdir()) if d.is_dir()]
    if not out:
        raise DomainError(f"{folder}: holds no domain folders")
    return out


def party_state(profile: Profile, party: str = "us") -> PartyState:
    """A profile as the engine's party state: no red lines, reservation as no-deal value."""
    return PartyState(party, profile.name, profile.weights, profile.values, profile.reservation,
                      ())
