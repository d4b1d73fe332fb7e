"""The debrief: its facts checked against the session and brute force, and its three renderings."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from game.debrief import Debrief, RenderError, build, render
from game.engine.players import player_bot
from game.engine.scoring import feasible
from game.engine.session import Session
from game.engine.situation import situation_at
from game.files import resolve


def played(scenario_id: str, role: str, seed: int, strategy: str = "linear") -> Session:
    scenario = resolve(scenario_id).scenario
    assert scenario is not None
    mediator = scenario.mediators[0].id if role == "mediator" else None
    session = Session.start(scenario, role, seed=seed, mediator=mediator)
    bot = player_bot(strategy, role, seed)
    while not session.finished:
        session.play(bot.move(session))
    return session


@pytest.fixture(scope="module")
def games() -> list[tuple[Session, Debrief]]:
    out = []
    for scenario, role, seed in [("tutorial", "ukraine", 5), ("tutorial", "mediator", 5),
                                 ("istanbul-2022", "russia", 3), ("tutorial", "russia", 1)]:
        s = played(scenario, role, seed)
        out.append((s, build(s)))
    return out


def test_outcome_and_score_match_the_session(games) -> None:
    for s, d in games:
        assert s.outcome is not None
        assert d.finished and d.agreement == s.outcome.agreement
        assert d.deal == s.outcome.package
        assert d.score == pytest.approx(s.outcome.player.value, abs=1e-4)
        assert d.score_explanation == s.outcome.player.explanation
        for p in d.parties:
            assert p.utility == pytest.approx(s.outcome.utilities[p.id], abs=1e-4)
            assert p.surplus == pytest.approx(p.utility - p.reservation, abs=1e-3)


def test_post_settlement_packages_against_brute_force(games) -> None:
    for s, d in games:
        sit = s.situation
        if not d.deal:
            assert d.better_for_all == [] and d.deal_on_frontier is None
            continue
        deal = sit.package(d.deal)
        mine = {p: sit.parties[p].utility(deal) for p in sit.at_table}
        brute = [
            pkg for pkg in itertools.product(*[range(len(o)) for o in sit.option_ids])
            if feasible(sit, pkg)
            and all(sit.parties[p].utility(pkg) >= mine[p] - 1e-9 for p in mine)
            and any(sit.parties[p].utility(pkg) > mine[p] + 1e-9 for p in mine)
        ]
        assert bool(brute) == bool(d.better_for_all)
        assert d.deal_on_frontier == (not brute)
        for point in d.better_for_all:
            assert sit.package(point.package) in brute


def test_offers_rejections_and_sources(games) -> None:
    for s, d in games:
        offers = [e for e in s.log if e.kind in ("offer", "draft")]
        assert [o.seq for o in d.offers] == [e.seq for e in offers]
        assert {o.label for o in d.offers} <= {
            "opening", "concession", "selfish", "nice", "fortunate", "unfortunate", "silent"}
        rejects = [e for e in s.log if e.kind in ("reject", "objection", "walk_out")]
        assert len(d.rejections) == len(rejects)
        by_id = {o.offer: o for o in d.offers if o.offer is not None}
        for r in d.rejections:
            offer = by_id.get(r.offer)
            if offer is None:
                continue
            sit = situation_at(s.scenario, offer.round, s.state.fired)  # as played
            pkg = sit.package(offer.package)
            for line in r.red_lines:  # the red line named really is broken by that offer
                rules = [x for x in sit.parties[line["party"]].rules if x.id == line["id"]]
                assert rules and rules[0].broken_by(pkg), (r.text, line)
        known = {src.id for src in s.scenario.sources}
        assert d.sources and {x.id for x in d.sources} <= known


def test_markdown_has_every_section(games) -> None:
    s, d = games[0]
    md = render(d, "md")
    for heading in ("## Outcome", "## Your score", "Nash point", "## Offers",
                    "## Rejections and the red lines behind them", "## Turning points",
                    "## Sources cited"):
        assert heading in md
    assert f"{d.score:.3f}" in md
    assert md.count("\n| ") >= len(d.offers) + len(d.parties)


def test_exports_show_who_wrote_each_cited_source_and_how_far_to_rely_on_it(games) -> None:
    """Kind, date, perspective, author and reliability note of every cited source, in the
    Markdown and the HTML debrief alike (not only on the game's sources screen)."""
    from html import escape

    for s, d in games:
        md, page = render(d, "md"), render(d, "html")
        sources = {src.id: src for src in s.scenario.sources}
        for row in d.sources:
            src = sources[row.id]
            assert src.reliability and (row.author, row.reliability) == (
                src.author, src.reliability)
            for text in (src.date, src.kind, src.perspective, f"By: {src.author}",
                         f"Reliability: {src.reliability}"):
                assert text in md, (row.id, text)
                assert escape(text) in page, (row.id, text)
        section = md.split("## Sources cited", 1)[1]
        assert section.count("Reliability: ") == len(d.sources)
        assert "<strong>" in page.split("<h2>Sources cited</h2>", 1)[1]


def test_json_is_the_model(games) -> None:
    _, d = games[2]
    doc = json.loads(render(d, "json"))
    assert Debrief.model_validate(doc) == d
    assert doc["scenario_id"] == "istanbul-2022" and doc["role"] == "russia"


def test_html_is_self_contained_with_two_charts(games) -> None:
    _, d = games[0]
    page = render(d, "html")
    assert page.count("<svg") == 2 and page.count("</svg>") == 2
    assert "<script" not in page and "<link" not in page and " src=" not in page
    urls = set(re.findall(r"https?://[^\"' )]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}
    assert page.count("<polyline") >= len(d.parties)


def test_class_view_compares_sessions_of_one_scenario(games) -> None:
    same = [d for s, d in games if s.scenario.id == "tutorial"]
    assert all(d.finished for d in same)
    md = render(same, "md")
    assert md.count("\n| ") == len(same) + 1
    assert f"{len(same)} sessions: {len(same)} finished" in md
    page = render(same, "html")
    assert page.count("<svg") == 1 and page.count("session ") >= len(same)
    with pytest.raises(RenderError, match="unknown format"):
        render(same, "pdf")


def test_class_view_groups_scenarios_and_keeps_unfinished_games_apart(games) -> None:
    ds = [d for _, d in games]
    unfinished = ds[0].model_copy(update={"finished": False, "score": None,
                                          "student": "Ana"})
    md = render([*ds, unfinished], "md")
    ids = {d.scenario for d in ds}
    assert len(ids) > 1 and all(md.count(f"# Class view: {t}\n") == 1 for t in ids)
    assert "## Unfinished games" in md and "| Ana |" in md.split("## Unfinished games")[1]
    doc = json.loads(render([*ds, unfinished], "json"))
    assert {g["scenario"] for g in doc["scenarios"]} == ids


def test_class_results_csv_has_a_row_per_game(games) -> None:
    import csv
    import io

    ds = [d.model_copy(update={"student": f"Student {k}", "minutes": 12.5 * k})
          for k, (_, d) in enumerate(games, 1)]
    rows = list(csv.DictReader(io.StringIO(render(ds, "csv"))))
    assert len(rows) == len(ds)
    for row, d in zip(rows, ds, strict=True):
        assert row["student"] == d.student and row["seat"] == d.role
        assert row["scenario"] == d.scenario_id and row["moves"] == str(d.moves)
        assert row["agreement"] == ("yes" if d.agreement else "no")
        assert float(row["score"]) == pytest.approx(d.score, abs=1e-4)
        assert float(row["minutes"]) == pytest.approx(d.minutes, abs=0.05)
        for p in d.parties:
            assert float(row[f"utility_{p.id}"]) == pytest.approx(p.utility, abs=1e-4)


def test_every_export_ends_with_the_debrief_questions_and_what_happened(games) -> None:
    for s, d in games:
        kit = s.scenario.teaching
        if kit is None:
            continue
        assert [q.text for q in d.questions] == [q.text for q in kit.debrief]
        md, page = render(d, "md"), render(d, "html")
        tail = md.split("## Questions for the debrief", 1)[1]
        assert "## What happened" in tail and "## Sources cited" in tail
        assert all(q.text in tail for q in kit.debrief)
        assert all(e.text in tail for e in kit.epilogue)
        assert "<h2>Questions for the debrief</h2>" in page
        contested = [e for e in kit.epilogue if e.contested]
        assert tail.count("*(contested)*") == len(contested)


def test_zone_of_agreement_turning_points_match_the_analysis(games) -> None:
    from game.engine.analysis import analyze

    for s, d in games:
        reached = sorted({e.round for e in s.log if e.kind == "round_start"})
        zones = [analyze(situation_at(s.scenario, r, s.state.fired)).zopa for r in reached]
        changes = [r for r, a, b in zip(reached[1:], zones, zones[1:], strict=False) if a != b]
        marked = [t.round for t in d.turning_points if "zone of agreement" in t.text]
        assert marked == changes
