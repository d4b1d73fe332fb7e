"""The bundled teaching kits: a 90-minute run sheet that plays every round in order, debrief
questions for the rounds, and an epilogue that marks contested accounts and answers them from
another source (content rules: claims stay claims, both sides heard)."""

from __future__ import annotations

import re

import pytest
from test_content import CLAIM_MARKERS, EXPECTED, _load

from game.scenario.models import Scenario
from game.scenario.teaching import Teaching


def _kit(name: str) -> tuple[Scenario, Teaching]:
    s = _load(name)
    assert s.teaching is not None, f"{name} has no teaching section"
    return s, s.teaching


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_run_sheet_lasts_90_minutes_and_plays_every_round_in_order(name: str) -> None:
    s, t = _kit(name)
    assert sum(step.minutes for step in t.run_sheet) == 90
    assert [step.round for step in t.run_sheet if step.round] == [r.id for r in s.rounds]
    assert t.run_sheet[-1].title == "Debrief" and t.run_sheet[-1].minutes >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_debrief_questions_cover_rounds_and_turning_points(name: str) -> None:
    s, t = _kit(name)
    rounds = {q.round for q in t.debrief if q.round}
    assert len(rounds) >= min(3, len(s.rounds))
    assert any(q.turning_point for q in t.debrief)
    assert len(t.objectives) >= 3


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_contested_accounts_are_answered_from_another_source(name: str) -> None:
    s, t = _kit(name)
    opinion = {src.id for src in s.sources if src.kind == "opinion"}
    contested = [item for item in t.epilogue if item.contested]
    assert bool(contested) == bool(opinion)  # opinion pieces in the file: something is contested
    for item in contested:
        others = {ref for c in item.counter_accounts for ref in c.sources} - set(item.sources)
        assert others, f"no counter-account from another source: {item.text[:60]}"


def _teaching_texts(t: Teaching) -> list[tuple[str, list[str]]]:
    out = [(o.text, o.sources) for o in t.objectives]
    out += [(q.text, q.sources) for q in t.debrief]
    for item in t.epilogue:
        out.append((item.text, item.sources))
        out += [(c.text, c.sources) for c in item.counter_accounts]
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_texts_resting_on_opinion_pieces_say_whose_claim_they_are(name: str) -> None:
    s, t = _kit(name)
    opinion = {src.id for src in s.sources if src.kind == "opinion"}
    unmarked = [
        text for text, refs in _teaching_texts(t)
        if set(refs) <= opinion and not any(m in text.lower() for m in CLAIM_MARKERS)
    ]
    assert unmarked == []


def test_the_marker_check_would_catch_a_bare_opinion_claim() -> None:
    s, t = _kit("istanbul-2022")
    item = t.epilogue[1].model_copy(update={"text": "The delegations agreed a text in Istanbul."})
    broken = t.model_copy(update={"epilogue": [item]})
    opinion = {src.id for src in s.sources if src.kind == "opinion"}
    texts = [x for x, refs in _teaching_texts(broken) if set(refs) <= opinion]
    bare = "The delegations agreed a text in Istanbul."
    assert bare in texts and not any(m in bare.lower() for m in CLAIM_MARKERS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inline_citations_in_teaching_texts_name_sources_of_the_file(name: str) -> None:
    s, t = _kit(name)
    known = {src.id for src in s.sources}
    cited = {ref for text, _ in _teaching_texts(t) for ref in re.findall(r"\bS\d\b", text)}
    assert cited <= known
