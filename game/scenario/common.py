"""Building blocks every part of the scenario format shares: ids, citations, strict models.

They live apart from `models.py` so that the teaching section (`teaching.py`) can use them
without an import cycle; `models.py` re-exports them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.scenario.controls import check_fields

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=60,
        description="A stable identifier: lower-case letters, digits, '-' and '_'.",
    ),
]
SourceRefs = Annotated[
    list[str],
    Field(
        min_length=1,
        description="Ids of the sources (S0-S4 in the bundled content) that support this item.",
    ),
]


class Strict(BaseModel):
    """Every model refuses unknown fields: an instructor's typo is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: object) -> object:
        """Every model checks its own text fields, so a scenario embedded in a save (never seen
        by `validate`) cannot carry a terminal escape sequence either."""
        return check_fields(data)


class Cited(Strict):
    """A sentence of briefing or public position, in the author's own words, with its sources."""

    text: str = Field(min_length=1, description="Paraphrase; never paste the source's sentences.")
    sources: SourceRefs
