"""The documents a scenario is built from, with what a student needs to weigh them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.scenario.common import Strict

SourceKind = Literal["opinion", "news", "explainer", "analysis", "official", "dataset"]


class Source(Strict):
    """A document the scenario is built from, shown in the game's source viewer."""

    id: str = Field(pattern=r"^S[0-9]+$", description="Short id used in citations, e.g. S2.")
    title: str = Field(min_length=1, description="The document's title, or a description of it.")
    date: str = Field(min_length=1, description="When it was published or last updated.")
    kind: SourceKind = Field(
        description="opinion: an argument whose contested claims the game presents as claims; "
        "news: a report; explainer: background; analysis: a study or think-tank assessment; "
        "official: a government's or organisation's own statement, its side's position; "
        "dataset: figures or a chronology."
    )
    perspective: str = Field(
        min_length=1, description="Whose view the document takes, shown next to every citation."
    )
    author: str = Field(
        "", description="Author or outlet as the document names them, or 'unattributed' when "
        "it names none; shown on the sources screen.",
    )
    reliability: str = Field(
        "", description="A reliability note for students: what the document can and cannot "
        "establish (an opinion piece's claims are contested; an undated text's 'currently' "
        "has no date; a garbled passage is not evidence). Shown on the sources screen.",
    )


__all__ = ["Source", "SourceKind"]
