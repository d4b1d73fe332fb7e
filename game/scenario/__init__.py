"""The scenario format (pydantic models) and its strict loader. Pure: no files, no Textual."""

from game.scenario.models import Scenario
from game.scenario.validate import Parsed, Report, parse_scenario

__all__ = ["Parsed", "Report", "Scenario", "parse_scenario"]
