"""Content paraphrases its sources: no run of seven words is taken from any source document."""

from __future__ import annotations

from pathlib import Path

import pytest
from source_fingerprints import runs

from game.files import bundled_paths, read_scenario

FINGERPRINTS = set((Path(__file__).parent / "fixtures" / "source_ngrams.txt").read_text().split())


def _texts(node: object, path: str = "") -> list[tuple[str, str]]:
    """Every string in the scenario, except source titles (quoting a title is citing it)."""
    if isinstance(node, dict):
        return [
            t
            for k, v in node.items()
            if not (path.startswith("sources[") and k == "title")
            for t in _texts(v, f"{path}.{k}" if path else k)
        ]
    if isinstance(node, list):
        return [t for i, v in enumerate(node) for t in _texts(v, f"{path}[{i}]")]
    return [(path, node)] if isinstance(node, str) else []


def test_fingerprints_cover_the_five_sources() -> None:
    assert len(FINGERPRINTS) > 2000


def test_source_text_is_caught_and_own_words_are_not() -> None:
    # S0's title is the one source text a scenario may repeat (as a citation): it must be caught.
    assert set(runs("Peace Negotiations Are Crucial for Ukraine, Russia, NATO")) & FINGERPRINTS
    assert not set(runs("Both delegations agreed to meet again after the prisoner exchange.")) & (
        FINGERPRINTS
    )


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_no_sentence_is_copied_from_a_source(path: Path) -> None:
    scenario = read_scenario(path).scenario
    assert scenario is not None
    copied = [
        where for where, text in _texts(scenario.model_dump()) if set(runs(text)) & FINGERPRINTS
    ]
    assert copied == [], f"{path.name}: text copied from a source at {copied}"
