"""The bundled scenarios: they validate, every item cites a source of its own file, opinion
pieces' claims are presented as claims, and each scenario has a path along which the zone of
agreement opens (design notes: the sources describe deadlock, the game must still be winnable).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.cli import main
from game.engine.analysis import analyze
from game.engine.analysis.conditional import conditional_events
from game.engine.situation import Package, Situation, situation_at
from game.files import bundled_paths, content_dir, read_scenario
from game.scenario.checks import cross_check
from game.scenario.models import Scenario

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/scenario.schema.json"
EXPECTED = {"tutorial", "istanbul-2022", "stalemate-2025", "nato-2023"}


def _load(name: str) -> Scenario:
    parsed = read_scenario(content_dir() / f"{name}.yaml")
    assert not parsed.reports, [str(r) for r in parsed.reports]
    assert parsed.scenario is not None
    return parsed.scenario


# -- (c) every bundled file validates ------------------------------------------------------------


def test_the_four_scenarios_are_bundled() -> None:
    assert {p.stem for p in bundled_paths()} >= EXPECTED


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_bundled_file_validates_and_names_its_schema(path: Path) -> None:
    parsed = read_scenario(path)
    assert [str(r) for r in parsed.reports] == []
    assert parsed.scenario is not None and parsed.scenario.id == path.stem
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


def test_bundled_files_draw_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    """No advice either: weights that do not add up to 100 read as percentages they are not
    (Stalemate's United States summed to 84: each weight counted a sixth more than written)."""
    assert main(["validate", *map(str, bundled_paths())]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "0 problem(s)" in text and "warning" not in text


# -- (a) citations -------------------------------------------------------------------------------


def _cited(s: Scenario) -> Iterator[tuple[str, list[str]]]:
    """(where, sources) for every item the content rules say must cite a source."""
    yield "scenario sources", [src.id for src in s.sources]
    for issue in s.issues:
        yield f"issue {issue.id}", issue.sources
        for opt in issue.options:
            yield f"option {issue.id}.{opt.id}", opt.sources
    for p in s.parties:
        yield f"party {p.id}", p.sources
        for k, pos in enumerate(p.public_positions):
            yield f"party {p.id} position {k}", pos.sources
        for r in p.red_lines:
            yield f"red line {r.id}", r.sources
    for c in s.coalitions:
        yield f"coalition {c.id}", c.sources
    for m in s.mediators:
        yield f"mediator {m.id}", m.sources
    for rnd in s.rounds:
        for k, b in enumerate(rnd.briefing):
            yield f"round {rnd.id} briefing {k}", b.sources
        for k, e in enumerate(rnd.events):
            yield f"round {rnd.id} event {k}", e.sources
            if e.type == "add_red_line":
                yield f"red line {e.red_line.id}", e.red_line.sources
    for step in s.confidence_steps:
        yield f"confidence step {step.id}", step.sources


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_item_cites_a_source_of_its_file(name: str) -> None:
    s = _load(name)
    known = {src.id for src in s.sources}
    bad = [(where, refs) for where, refs in _cited(s) if not refs or not set(refs) <= known]
    assert bad == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_listed_source_is_cited_and_parties_have_positions(name: str) -> None:
    s = _load(name)
    used = {ref for where, refs in _cited(s) if where != "scenario sources" for ref in refs}
    assert {src.id for src in s.sources} == used
    assert all(p.public_positions for p in s.parties)


def _claim_texts(s: Scenario) -> Iterator[tuple[str, list[str]]]:
    for p in s.parties:
        for pos in p.public_positions:
            yield pos.text, pos.sources
    for rnd in s.rounds:
        for b in rnd.briefing:
            yield b.text, b.sources
        for e in rnd.events:
            yield e.text, e.sources


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_opinion_pieces_are_presented_as_claims(name: str) -> None:
    """A line resting only on opinion pieces says whose claim it is (content rules)."""
    s = _load(name)
    opinion = {src.id for src in s.sources if src.kind == "opinion"}
    markers = ("according to", "claim", "contested", "reported", "as s0 reports")
    unmarked = [
        text for text, refs in _claim_texts(s)
        if set(refs) <= opinion and not any(m in text.lower() for m in markers)
    ]
    assert unmarked == []


CLAIM_MARKERS = (
    "according to", "claim", "contested", "reported", "reports", "puts it", "opinion piece",
)
"""Words that attribute a sentence to its source (tests below check a marker is present)."""


def _free_texts(node: object, key: str = "") -> Iterator[str]:
    """Every prose string of a scenario dump except source entries, titles and ids."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in {"sources", "title", "id", "label"}:
                yield from _free_texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _free_texts(v, key)
    elif isinstance(node, str):
        yield node


def _opinion_only_sentences(s: Scenario) -> list[str]:
    """Sentences whose inline citations (S0, S1, ...) name only opinion pieces and that do not
    say whose claim they make: briefs and descriptions included, not only cited items."""
    opinion = {src.id for src in s.sources if src.kind == "opinion"}
    found = []
    for text in _free_texts(s.model_dump()):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            cited = set(re.findall(r"\bS\d\b", sentence))
            if cited and cited <= opinion and not any(
                m in sentence.lower() for m in CLAIM_MARKERS
            ):
                found.append(sentence)
    return found


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inline_opinion_citations_are_attributed(name: str) -> None:
    assert _opinion_only_sentences(_load(name)) == []


def test_the_inline_check_catches_an_unattributed_opinion_sentence() -> None:
    s = _load("istanbul-2022")
    brief = "Washington wanted the war to go on (S1). Kyiv seeks guarantees (S3)."
    broken = s.model_copy(update={"summary": brief})
    assert _opinion_only_sentences(broken) == ["Washington wanted the war to go on (S1)."]


def test_multi_party_scenarios_seat_nato_as_a_two_member_coalition() -> None:
    for name in ("istanbul-2022", "stalemate-2025"):
        s = _load(name)
        assert s.roles == ["ukraine", "russia", "nato", "mediator"]
        (nato,) = [c for c in s.coalitions if c.id == "nato"]
        assert nato.members == ["usa", "europe"]
        assert len(s.mediators) >= 3
        assert s.confidence_steps
        assert any(o.deferred for i in s.issues for o in i.options)


# -- (b) the path along which the zone of agreement opens ---------------------------------------


def _zone(sit: Situation) -> list[Package]:
    """Every package acceptable to every party at the table, by depth-first search with pruning
    (an enumeration independent of game.engine.analysis, to check it)."""
    table = sit.table
    n = len(sit.issue_ids)
    best_rest = [[0.0] * (n + 1) for _ in table]
    for k, p in enumerate(table):
        for i in range(n - 1, -1, -1):
            best_rest[k][i] = best_rest[k][i + 1] + p.weights[i] * max(p.values[i])
    checks: dict[int, list] = {}
    for p in table:
        for rule in p.rules:
            checks.setdefault(max(rule.issues), []).append(rule)
    found: list[Package] = []
    pkg = [0] * n

    def walk(i: int, partial: list[float]) -> None:
        if i == n:
            found.append(tuple(pkg))
            return
        for o in range(len(sit.option_ids[i])):
            pkg[i] = o
            nxt = [u + p.weights[i] * p.values[i][o] for u, p in zip(partial, table, strict=True)]
            if any(u + best_rest[k][i + 1] < p.reservation - 1e-12
                   for k, (u, p) in enumerate(zip(nxt, table, strict=True))):
                continue
            head = tuple(pkg[: i + 1]) + (0,) * (n - i - 1)
            if any(rule.broken_by(head) for rule in checks.get(i, [])):
                continue
            walk(i + 1, nxt)

    walk(0, [0.0] * len(table))
    return found


def _played(s: Scenario) -> frozenset[tuple[int, int]]:
    """Every conditional event fired: the path of players who built trust and offered the
    trades the sources report (without them the zone of a responsive scenario may stay shut)."""
    return frozenset(conditional_events(s, len(s.rounds)))


# scenario -> (rounds whose zone is empty, rounds whose zone is open, smallest open zone), with
# every conditional event fired
PATHS = {
    "tutorial": ([], [1, 2, 3], 5),
    "istanbul-2022": ([1, 2], [3, 4], 4),
    "stalemate-2025": ([1, 2], [3, 4], 40),
    "nato-2023": ([1, 2], [3, 4], 16),
}
MIN_GAIN = 0.08
"""In an open round, each party's best package in the zone beats its reservation value by this."""


@pytest.mark.parametrize("name", sorted(PATHS))
def test_zone_of_agreement_opens_along_the_path(name: str) -> None:
    s = _load(name)
    closed, opened, smallest = PATHS[name]
    assert sorted(closed + opened) == list(range(1, len(s.rounds) + 1))
    assert opened and opened[-1] == len(s.rounds)
    for rnd in closed:
        sit = situation_at(s, rnd, _played(s))
        assert _zone(sit) == [], f"round {rnd}"
        assert analyze(sit).zopa == 0 and analyze(sit).conflicts, f"round {rnd}"
    for rnd in opened:
        sit = situation_at(s, rnd, _played(s))
        zone = _zone(sit)
        assert len(zone) >= smallest, f"round {rnd}: {len(zone)} packages"
        assert analyze(sit).zopa == len(zone), f"round {rnd}"
        for p in sit.table:
            gain = max(p.utility(pkg) for pkg in zone) - p.reservation
            assert gain >= MIN_GAIN, f"round {rnd}: {p.id} gains at most {gain:.3f}"


@pytest.mark.parametrize("name", ["istanbul-2022", "stalemate-2025"])
def test_the_last_zone_needs_a_phased_deal(name: str) -> None:
    """The deadlock breaks only through a deferred option: every package in the last round's
    zone leaves some question for later, as the phased approaches of S2 do."""
    s = _load(name)
    sit = situation_at(s, len(s.rounds), _played(s))
    deferred = [
        {k for k, o in enumerate(issue.options) if o.deferred} for issue in s.issues
    ]
    zone = _zone(sit)
    assert zone
    assert all(any(pkg[i] in deferred[i] for i in range(len(pkg))) for pkg in zone)


def test_tutorial_zone_grows_in_its_last_round() -> None:
    s = _load("tutorial")
    sizes = [len(_zone(situation_at(s, r))) for r in range(1, len(s.rounds) + 1)]
    assert sizes[-1] > sizes[0]
    assert 3 <= len(s.issues) <= 4 and len(s.rounds) == 3


def _conditional_of(s: Scenario, round_id: str) -> frozenset[tuple[int, int]]:
    number = [r.id for r in s.rounds].index(round_id) + 1
    return frozenset(k for k in conditional_events(s, number) if k[0] == number)


def test_the_istanbul_window_opens_only_through_play() -> None:
    """Round 3 opens a zone only if the players built trust or offered the neutrality trade
    S1 claims; without that play the opening demands still clash."""
    s = _load("istanbul-2022")
    trade = _conditional_of(s, "istanbul")
    assert len(trade) >= 4
    assert analyze(situation_at(s, 3)).zopa == 0
    assert analyze(situation_at(s, 3, trade)).zopa >= 10
    (when,) = {s.rounds[2].events[k].when.model_dump_json() for _, k in trade}  # type: ignore
    assert '"trust"' in when and '"neutrality"' in when and '"western-briefing"' in when


def test_after_bucha_only_trust_built_before_keeps_a_zone(
        capsys: pytest.CaptureFixture[str]) -> None:
    """S3: after Bucha positions harden and the talks stall. Even with the Istanbul trade made,
    the zone is empty unless the delegations kept trust of 0.3 after the shock."""
    s = _load("istanbul-2022")
    trade, kept = _conditional_of(s, "istanbul"), _conditional_of(s, "bucha")
    assert kept and all(s.rounds[3].events[k].when.trust.at_least == 0.3  # type: ignore
                        for _, k in kept)
    before, after = situation_at(s, 3, trade), situation_at(s, 4, trade)
    assert after.trust_between("ukraine", "russia") < before.trust_between("ukraine", "russia")
    for side in ("ukraine", "russia"):
        assert after.parties[side].reservation > before.parties[side].reservation
        assert len(after.parties[side].rules) > len(before.parties[side].rules)
    assert _zone(after) == []
    trusted = situation_at(s, 4, trade | kept)
    assert 0 < len(_zone(trusted)) < len(_zone(before))
    assert main(["analyze", str(content_dir() / "istanbul-2022.yaml"), "--round", "4",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["zopa"] == 0


def test_the_alliance_splits_on_membership_in_2025() -> None:
    """S4: in March 2025 Washington turns to prefer neutrality over membership; Europe does not."""
    s = _load("stalemate-2025")
    sit = situation_at(s, 2)
    k = sit.issue_ids.index("alignment")
    nato_path, neutral = (sit.option_ids[k].index(o) for o in ("nato_path", "neutrality"))
    usa, europe = sit.parties["usa"].values[k], sit.parties["europe"].values[k]
    assert usa[neutral] > usa[nato_path] and europe[nato_path] > europe[neutral]
    assert sit.trust_between("usa", "europe") < situation_at(s, 1).trust_between("usa", "europe")
    early = situation_at(s, 1).parties["usa"].values[k]
    assert early[nato_path] > early[neutral]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_source_says_who_wrote_it_and_how_far_to_trust_it(name: str) -> None:
    for src in _load(name).sources:
        assert src.author and src.reliability, src.id
        if src.kind == "opinion":
            assert "claim" in src.reliability, src.id


def test_the_sources_screen_shows_author_and_reliability() -> None:
    from game.tui.view import source_line

    s1 = next(x for x in _load("istanbul-2022").sources if x.id == "S1")
    line = source_line(s1)
    assert "By: unattributed" in line and "Reliability: An opinion piece" in line
    assert "⚑ opinion" in line


def test_stalemate_framework_trades_need_both_sides_prepared() -> None:
    """Round 3's trades respond to play: Kyiv's needs guarantees offered (or trust), Moscow's
    needs sanctions relief offered (or trust); either alone leaves the zone shut."""
    s = _load("stalemate-2025")
    kyiv = frozenset(k for k in _conditional_of(s, "framework")
                     if s.rounds[2].events[k[1]].party == "ukraine")
    moscow = _conditional_of(s, "framework") - kyiv
    assert kyiv and moscow
    assert analyze(situation_at(s, 3)).zopa == 0
    assert analyze(situation_at(s, 3, kyiv)).zopa == 0
    assert analyze(situation_at(s, 3, moscow)).zopa == 0
    assert analyze(situation_at(s, 3, kyiv | moscow)).zopa > 0
    problems = [p.message for p in cross_check(s)]
    assert problems == []


def test_stalemate_has_crimea_with_both_red_lines() -> None:
    s = _load("stalemate-2025")
    crimea = next(i for i in s.issues if i.id == "crimea")
    assert any(o.deferred for o in crimea.options)
    rules = {r.id: r for p in s.parties for r in p.red_lines}
    assert rules["ua-crimea"].forbid.options == ["russian"]  # type: ignore[union-attr]
    assert rules["ru-crimea"].forbid.options == ["ukrainian"]  # type: ignore[union-attr]
    for p in s.parties:
        assert p.weights["crimea"] > 0


def test_stalemate_rejects_foreign_contingents_in_every_round_as_s4_records() -> None:
    """S4: Moscow wants no foreign military contingent in Ukraine, whoever sends it; the red line
    holds in every round whatever the play, observers open only later, and a treaty pledge by
    named states, which stations no troops, ranks below arrangements outside NATO for Moscow."""
    s = _load("stalemate-2025")
    ru = next(p for p in s.parties if p.id == "russia")
    line = next(r for r in ru.red_lines if r.id == "ru-no-contingents")
    assert line.sources == ["S4"] and line.forbid is not None
    assert line.forbid.issue == "troops" and line.forbid.options == ["peacekeepers"]
    for rnd in range(1, len(s.rounds) + 1):
        sit = situation_at(s, rnd, _played(s))
        assert "ru-no-contingents" in {r.id for r in sit.parties["russia"].rules}, rnd
    k = situation_at(s, 1).issue_ids.index("troops")
    observers = situation_at(s, 1).option_ids[k].index("observers")
    for rnd, banned in ((1, True), (2, False)):
        rules = situation_at(s, rnd).parties["russia"].rules
        assert any(observers in dict(r.literals).get(k, ()) and len(r.literals) == 1
                   for r in rules) == banned, rnd
    values = ru.values["guarantees"]
    assert values["binding"] < values["arrangements"] < values["none"]
    guarantees = next(i for i in s.issues if i.id == "guarantees")
    assert "S4" in guarantees.sources and "Moscow" in (guarantees.description or "")


def test_stalemate_confidence_steps_bring_the_deal_forward() -> None:
    """A step taken in rounds 1-2 lowers both capitals' no-deal values as round 3 opens (so a
    deal can come before the last round); without it round 3 keeps the opening values."""
    s = _load("stalemate-2025")
    framework = [r.id for r in s.rounds].index("framework") + 1
    events = s.rounds[framework - 1].events
    early = [k for k, e in enumerate(events) if e.type == "shift_reservation"]
    assert {events[k].party for k in early} == {"ukraine", "russia"}  # type: ignore[union-attr]
    for k in early:
        when = events[k].when
        assert when is not None and when.any_of
        assert {t.step_taken for t in when.any_of} <= {c.id for c in s.confidence_steps}
    steps = frozenset((framework, k) for k in early)
    trades = _conditional_of(s, "framework") - steps
    without, played = situation_at(s, framework, trades), situation_at(s, framework, trades | steps)
    for side in ("ukraine", "russia"):
        assert played.parties[side].reservation < without.parties[side].reservation
        assert without.parties[side].reservation == situation_at(s, 1).parties[side].reservation
    assert len(_zone(played)) >= len(_zone(without)) > 0
