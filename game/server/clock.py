"""The round clock of a hosted table: wall time, kept out of the record.

The host sets minutes per round (`redlines host --clock MINUTES`, or `Table.set_clock`). The
clock starts when a round opens (or when the server starts, for the round a restarted table is
in) and only says when the time is up: the server then plays the host's `TimeUp` move through
the core, and that move is what the store keeps. A replay closes the round where the move
stands in the record and never reads a clock, so the same moves give the same game.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_MINUTES = 240.0
"""The longest round clock a host may set (four hours: a class, not a week)."""


def check_minutes(minutes: float) -> str | None:
    """Why `minutes` is not a round clock (None: it is)."""
    if not 0 < minutes <= MAX_MINUTES:
        return f"a round clock is more than 0 and at most {MAX_MINUTES:.0f} minutes, " \
               f"not {minutes:g}"
    return None


@dataclass
class RoundClock:
    """A countdown per round. `track` is told the table's round after every change; the
    countdown restarts whenever the round changes."""

    minutes: float
    round: int = 0
    deadline: float = 0.0
    now: Callable[[], float] = field(default=time.monotonic, repr=False)
    """The time source (monotonic seconds): a test may pass its own."""
    held: float | None = None
    """Seconds left when the instructor paused the table (None: the clock runs)."""

    def _time(self) -> float:
        return self.now()

    def track(self, round_number: int) -> None:
        """The table is in `round_number`: a new round gets the whole time again, also when
        it opens on a paused table (the instructor closed the round): it is held whole."""
        if round_number != self.round:
            self.round = round_number
            self.deadline = self._time() + self.minutes * 60
            if self.held is not None:
                self.held = self.minutes * 60

    def seconds_left(self) -> float:
        if self.held is not None:
            return self.held
        return max(0.0, self.deadline - self._time())

    def due(self) -> bool:
        """The time of the tracked round has run out (never while held)."""
        return self.held is None and self.round > 0 and self._time() >= self.deadline

    def hold(self) -> None:
        """Stop the countdown (a paused table): the round keeps what it had left."""
        if self.held is None:
            self.held = self.seconds_left()

    def release(self) -> None:
        """Go on counting down from where `hold` stopped."""
        if self.held is not None:
            self.deadline, self.held = self._time() + self.held, None

    def as_json(self) -> dict[str, object]:
        """What a seat is sent: the minutes per round, and the seconds left when the state was
        made (a client counts down from there with its own clock)."""
        return {"minutes": self.minutes, "round": self.round,
                "seconds_left": round(self.seconds_left(), 1)}
