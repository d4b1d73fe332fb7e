"""The bench's GENIUS adapter (bench/genius.py, bench/counterpart.py), without NegMAS: domains
are read and normalised as GENIUS does, bad folders are refused with the file named, and our
counterpart on a bilateral table keeps to its floor and decides from its own utility only."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


genius = _load("genius")
counterpart = _load("counterpart")

TEMPLATE = """<negotiation_template><utility_space number_of_issues="2">
<objective index="0" name="root" type="objective">
<issue index="1" name="Colour" type="discrete" etype="discrete">
 <item index="1" value="red"/><item index="2" value="blue"/><item index="3" value="green"/>
</issue>
<issue index="2" name="Size" type="discrete" etype="discrete">
 <item index="1" value="S"/><item index="2" value="L"/>
</issue></objective></utility_space></negotiation_template>"""

# issues listed in the other order than the template's, weights not summing to 1
PROFILE_A = """<utility_space><objective index="0" name="x" type="objective">
<issue index="2" name="Size" type="discrete" etype="discrete">
 <item index="1" value="S" evaluation="5"/><item index="2" value="L" evaluation="10"/>
</issue>
<issue index="1" name="Colour" type="discrete" etype="discrete">
 <item index="1" value="red" evaluation="4"/><item index="2" value="blue" evaluation="2"/>
 <item index="3" value="green" evaluation="1"/>
</issue>
<weight index="1" value="3"/><weight index="2" value="1"/>
</objective><reservation value="0.25"/><discount_factor value="0.8"/></utility_space>"""

PROFILE_B = """<utility_space><objective index="0" name="x" type="objective">
<issue index="1" name="Colour" type="discrete" etype="discrete">
 <item index="1" value="red" evaluation="1"/><item index="2" value="blue" evaluation="2"/>
 <item index="3" value="green" evaluation="8"/>
</issue>
<issue index="2" name="Size" type="discrete" etype="discrete">
 <item index="1" value="S" evaluation="3"/><item index="2" value="L" evaluation="1"/>
</issue>
<weight index="1" value="0.5"/><weight index="2" value="0.5"/>
</objective></utility_space>"""


def _domain(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "Toy"
    folder.mkdir(exist_ok=True)
    contents = {"toy_domain.xml": TEMPLATE, "toy_a.xml": PROFILE_A, "toy_b.xml": PROFILE_B}
    contents.update(files)
    for name, text in contents.items():
        if text:
            (folder / name).write_text(text)
    return folder


def test_domain_is_normalised_as_genius_does(tmp_path: Path) -> None:
    d = genius.read_domain(_domain(tmp_path))
    assert d.issues == (("Colour", ("red", "blue", "green")), ("Size", ("S", "L")))
    a, b = d.profiles
    assert a.name == "toy_a"
    assert a.weights == pytest.approx((0.75, 0.25))
    assert a.values == (pytest.approx((1.0, 0.5, 0.25)), pytest.approx((0.5, 1.0)))
    assert (a.reservation, a.discount) == (0.25, 0.8)
    assert (b.reservation, b.discount) == (0.0, 1.0)  # GENIUS's defaults when left out
    assert a.utility((0, 1)) == pytest.approx(1.0)
    assert d.package(("green", "S")) == (2, 0) and d.labels((2, 0)) == ("green", "S")
    state = genius.party_state(a)
    assert state.utility((1, 0)) == pytest.approx(0.75 * 0.5 + 0.25 * 0.5)
    assert state.reservation == 0.25 and state.rules == ()


@pytest.mark.parametrize(("files", "words"), [
    ({"toy_b.xml": ""}, "expected one domain template and two profiles"),
    ({"toy_b.xml": PROFILE_B.replace('value="green"', 'value="teal"')},
     "toy_b.xml: issue 'Colour' gives no evaluation for 'green'"),
    ({"toy_a.xml": PROFILE_A.replace('name="Size"', 'name="Weight"')}, "toy_a.xml: issue 'Weight'"),
    ({"toy_domain.xml": TEMPLATE.replace('name="Size" type="discrete"', 'name="Size" type="real"')},
     "toy_domain.xml: issue 'Size' is real"),
    ({"toy_a.xml": "<utility_space><weight"}, "toy_a.xml: not well-formed XML"),
])
def test_bad_domains_are_refused_naming_the_file(tmp_path: Path, files: dict[str, str],
                                                 words: str) -> None:
    with pytest.raises(genius.DomainError, match=words):
        genius.read_domain(_domain(tmp_path, **files))


def test_a_folder_without_domains_is_refused(tmp_path: Path) -> None:
    with pytest.raises(genius.DomainError, match="holds no domain folders"):
        genius.domains_in(tmp_path)


def _side(tmp_path: Path, **kw: object) -> object:
    d = genius.read_domain(_domain(tmp_path))
    return counterpart.Counterpart(genius.party_state(d.profiles[0]), d.sizes, **kw)


def test_counterpart_opens_high_and_never_accepts_below_its_floor(tmp_path: Path) -> None:
    cp = _side(tmp_path, strategy="boulware", level=1.0, endgame=True, late_best=True)
    first = cp.offer(0.0)
    assert cp.own.utility(first) == pytest.approx(1.0)  # its best package
    worst = (2, 0)  # green, S: 0.75 * 0.25 + 0.25 * 0.5 = 0.3125
    cp.observe(worst)
    assert not cp.accepts(worst, 0.0)
    # below its reservation value (0.25) it refuses even at the deadline, end game or not
    below = genius.Profile("low", (1.0, 0.0), ((0.2, 0.2, 0.2), (1.0, 1.0)), 0.25, 1.0)
    low = counterpart.Counterpart(genius.party_state(below), (3, 2), endgame=True)
    low.observe((0, 0))
    assert not low.accepts((0, 0), 1.0)


def test_end_game_takes_the_best_offer_seen_that_beats_no_deal(tmp_path: Path) -> None:
    late = _side(tmp_path, strategy="boulware", level=1.0, endgame=True, late_best=True)
    late.observe((2, 1))  # worth 0.4375 to it
    late.observe((2, 0))  # worth 0.3125
    assert not late.accepts((2, 1), 0.9)  # a hard boulware party holds out before the end
    assert late.accepts((2, 1), 0.99)
    assert not late.accepts((2, 0), 0.99)  # only the best offer seen, not any above no deal
    assert late.offer(0.99) == (2, 1)  # tables the other side's best offer so far


def test_counterpart_is_deterministic_per_seed(tmp_path: Path) -> None:
    d = genius.read_domain(_domain(tmp_path))

    def run(seed: int) -> list[tuple[int, ...]]:
        cp = counterpart.Counterpart(genius.party_state(d.profiles[0]), d.sizes,
                                     "tit_for_tat", 1.0, seed)
        out = []
        for step in range(10):
            out.append(cp.offer(step / 10))
            cp.observe((2, step % 2))
        return out

    assert run(1) == run(1)


def test_the_benchs_clock_reaches_the_deadline_on_the_last_step_as_the_games_does() -> None:
    """NegMAS's relative time at the last of 100 steps is 100/101; the game's clock is 1 on its
    last turn, where a hard party's hold is gone."""
    clock = counterpart.game_clock
    assert clock(99, 100, 100 / 101) == 1.0
    assert clock(0, 100, 1 / 101) == pytest.approx(0.01)
    assert clock(49, 100, 50 / 101) == pytest.approx(0.5)
    assert clock(7, None, 0.3) == 0.3  # no step limit: NegMAS's own figure
