"""Save files: versioned JSON, atomic writes, loading with clear errors, migration.

A thin file-touching shell around the pure core. A save embeds the scenario (so a replay still
works after the YAML changes), the seed, role, difficulty, mediator and every player move; the log
is stored too, for people reading the file, but loading rebuilds the session by replaying the
moves, so the log in the file is never trusted.

Writes are atomic (temporary file in the same folder, flush, fsync, rename): killing the game at
any moment leaves the previous save or the new one, never a broken one.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game import safefile
from game.engine.events import Event
from game.engine.moves import Move, Play
from game.engine.records import IllegalMove
from game.save_migrations import MIGRATIONS
from game.scenario.checks import cross_check
from game.scenario.models import Scenario

if TYPE_CHECKING:
    from game.engine.session import Session

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
MAX_DEPTH: Final = 64
"""JSON nesting a save may have; real saves stay under 10 levels. Deeper is refused before
validation (1,000 levels raised RecursionError)."""
MAX_DIGITS: Final = 1000
"""Digits an integer in a save may have: a seed typed as a long number fits, while Python
refuses 4,301 and more with a ValueError."""

FORMAT: Final = "redlines-save"
VERSION: Final = 3
"""Version 1 (early builds) stored the moves as `events` and had no difficulty or mediator;
version 2 stored the player's moves only, so the computer's answers were decided again on load;
version 3 stores every seat's moves (`plays`), so a game replays to its outcome even after the
computer players change."""


class SaveError(Exception):
    """A save that cannot be read; the message names the file and the problem."""


class SaveFile(BaseModel):
    """The JSON document on disk (current version)."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["redlines-save"] = FORMAT
    version: Literal[3] = VERSION
    scenario: Scenario
    role: str = Field(
        description="party id, coalition id, or 'mediator': the seat the game began in (a "
        "'take_seat' move among the moves hands the player another seat from there on)"
    )
    mediator: str | None = None
    difficulty: str | None = None
    seed: int
    plays: list[Play] = Field(
        description="every seat's moves in order, computer seats included: the authoritative "
        "record"
    )
    moves: list[Move] = Field(
        default_factory=list, description="the player's moves alone, for readers; rebuilt on load"
    )
    humans: list[str] = Field(
        default_factory=list, description="a hosted table's seats held by people (empty: the "
        "one player at 'role'); each of their moves is in 'plays' under its seat"
    )
    finished: bool = False
    student: str | None = Field(None, description="who played, for class results")
    started: str | None = Field(None, description="when the game began (ISO 8601, UTC)")
    saved: str | None = Field(None, description="when this file was written (ISO 8601, UTC)")
    log: list[Event] = Field(default_factory=list, description="for readers; rebuilt on load")


# --- where saves live --------------------------------------------------------------------------


def default_saves_dir(root: Path | None = None) -> Path:
    """saves/ in a source checkout; otherwise the per-user data folder (XDG).

    `root` is the folder above the `game` package (given only by tests).
    """
    root = root or Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "content").is_dir():
        return root / "saves"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "redlines" / "saves"


def new_save_path(session: Session, folder: Path) -> Path:
    """A fresh file name in `folder` that says what was played, claimed atomically.

    Two games started at once (two browsers on `redlines serve`) never get the same file: the
    name is taken with O_CREAT | O_EXCL, and the caller's first save replaces the empty claim.
    """
    seed = str(session.seed)
    if len(seed) > 20:  # a --seed of hundreds of digits made a name the file system refused
        seed = f"{seed[:8]}…{seed[-4:]}"
    stem = f"{session.scenario.id}-{session.role}-seed{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        path = folder / f"{stem}-{n:03d}.json"
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _NOFOLLOW, 0o644))
            return path
        except FileExistsError:
            n += 1


# --- writing ------------------------------------------------------------------------------------


def to_save(session: Session) -> SaveFile:
    return SaveFile(
        scenario=session.scenario,
        role=session.start_role,
        mediator=session.mediator,
        difficulty=session.difficulty,
        seed=session.seed,
        plays=list(session.plays),
        moves=list(session.moves),
        humans=list(session.state.humans),
        finished=bool(session.finished),
        student=session.student,
        started=session.started,
        saved=now_iso(),
        log=list(session.log),
    )


def now_iso() -> str:
    """The time now, UTC, to the second (saves and class results)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def minutes_played(save: SaveFile) -> float | None:
    """Minutes from the game's start to its last save (None when either time is unknown)."""
    if not save.started or not save.saved:
        return None
    try:
        span = datetime.fromisoformat(save.saved) - datetime.fromisoformat(save.started)
    except ValueError:
        return None
    return max(0.0, span.total_seconds() / 60)


def dumps(save: SaveFile) -> str:
    return json.dumps(save.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n"


def atomic_write(path: Path, text: str) -> None:
    """`game.safefile.atomic_write` (never over a device, never into a missing folder, no
    symlink followed), then the temporary files of killed writers of this save are removed."""
    safefile.atomic_write(path, text)
    _remove_stale_temps(path)


def _remove_stale_temps(path: Path) -> None:
    """Temporary files left by killed writers of this save (their process is gone)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        pid = stale.name[len(path.name) + 2:-4].split(".")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            stale.unlink(missing_ok=True)
        except OSError:
            pass


def save_session(session: Session, target: Path | str) -> Path:
    """Save `session` to the file `target`, or to a new file in the folder `target`.

    Returns the file written: call again with it after every move.
    """
    target = Path(target)
    path = new_save_path(session, target) if target.is_dir() else target
    atomic_write(path, dumps(to_save(session)))
    return path


# --- reading ------------------------------------------------------------------------------------


class _TooLong(ValueError):
    pass


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _TooLong(digits)
    return int(text)


def _depth_over(data: Any, limit: int) -> bool:
    """Whether `data` nests deeper than `limit` (iteratively: no recursion to exhaust)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            items = value.values() if isinstance(value, dict) else value
            stack.extend((v, depth + 1) for v in items)
    return False


def parse_save(text: str, name: str) -> SaveFile:
    """JSON text to a current-version SaveFile; every problem becomes a SaveError naming `name`."""
    try:
        data = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as err:
        hint = " (the file looks truncated)" if err.pos >= len(text.rstrip()) else ""
        raise SaveError(
            f"{name}:{err.lineno}:{err.colno}: not valid JSON{hint}: {err.msg}"
        ) from None
    except _TooLong as err:
        raise SaveError(f"{name}: a number of {err.args[0]} digits; a save has none over "
                        f"{MAX_DIGITS} (a damaged or forged file?)") from None
    except RecursionError:
        raise SaveError(f"{name}: nested deeper than {MAX_DEPTH} levels (a damaged or forged "
                        "file?)") from None
    if _depth_over(data, MAX_DEPTH):
        raise SaveError(f"{name}: nested deeper than {MAX_DEPTH} levels (a damaged or forged "
                        "file?)")
    looks_v1 = isinstance(data, dict) and "scenario" in data and "role" in data
    if not isinstance(data, dict) or "version" not in data or (
        data.get("format") != FORMAT and not looks_v1
    ):
        raise SaveError(
            f"{name}: not a Red Lines save (no \"format\": \"{FORMAT}\" and version; "
            "another program's file?)"
        )
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"{name}: the format version must be a whole number >= 1, not {version!r}")
    if version > VERSION:
        raise SaveError(
            f"{name}: written by a newer Red Lines (save format {version}; this version reads "
            f"up to {VERSION}): update the game to open it"
        )
    try:
        while version < VERSION:
            data = MIGRATIONS[version](data)
            version = data["version"]
        return SaveFile.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (and {err.error_count() - 1} more problem(s))" if err.error_count() > 1 else ""
        raise SaveError(f"{name}: field '{where}': {first['msg']}{more}") from None
    except IllegalMove as err:
        raise SaveError(f"{name}: the moves do not replay on its scenario: {err}") from None


@dataclass
class LoadedSave:
    """A save read from disk and checked; `session()` rebuilds the game exactly."""

    path: Path
    data: SaveFile

    def session(self, moves: int | None = None) -> Session:
        """The session after all moves, or after the first `moves` of them (a fork point)."""
        from game.engine.session import IllegalMove, Session

        d = self.data
        try:
            session = Session.from_plays(
                d.scenario, d.role, list(d.plays), seed=d.seed, difficulty=d.difficulty,
                mediator=d.mediator, limit=moves, humans=tuple(d.humans),
            )
            session.student, session.started = d.student, d.started
            return session
        except IllegalMove as err:
            raise SaveError(
                f"{self.path}: the moves do not replay on its scenario: {err}"
            ) from None
        except (KeyError, ValueError) as err:
            raise SaveError(f"{self.path}: cannot rebuild the game: {err}") from None

    def fork(self, moves: int, seat: str) -> Session:
        """A new game from the fork point after the first `moves` moves, with the player in `seat`
        and the computer in the seat it leaves: the moves so far plus a `TakeSeat`, so the fork is
        exact and its own save replays it. Raises SaveError saying why the seat cannot be taken.
        """
        from game.engine.moves import TakeSeat

        session = self.session(moves)
        if seat == session.role:
            return session
        refusal = session.seat_refusal(seat)
        if refusal:
            raise SaveError(f"cannot take the seat of '{seat}' at move {moves}: {refusal}")
        session.play(TakeSeat(party=seat))
        return session


def load_save(path: Path | str, *, check: bool = True) -> LoadedSave:
    """Read and check a save. Never writes to it. Raises SaveError with a clear message."""
    path = Path(path)
    try:
        raw = safefile.read_regular(path)
    except IsADirectoryError:
        raise SaveError(f"{path}: is a folder, not a save file") from None
    except OSError as err:
        raise SaveError(f"{path}: cannot read the file: {err.strerror or err}") from None
    if len(raw) > safefile.MAX_READ:
        raise SaveError(f"{path}: over {safefile.MAX_READ // 1_000_000} MB, too big for a save")
    if not raw.strip():
        raise SaveError(f"{path}: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SaveError(f"{path}: not a text file (byte {err.start} is not UTF-8)") from None
    loaded = LoadedSave(path, parse_save(text, str(path)))
    d = loaded.data
    roles = set(d.scenario.roles)
    if d.role not in roles:
        raise SaveError(f"{path}: field 'role': '{d.role}' is not a role of scenario "
                        f"'{d.scenario.id}' (roles: {', '.join(sorted(roles))})")
    problems = cross_check(d.scenario)
    if problems:
        first = problems[0]
        raise SaveError(f"{path}: its scenario fails the checks of `redlines validate` "
                        f"({'.'.join(map(str, first.path))}: {first.message})")
    if check:
        loaded.session()
    return loaded


@dataclass(frozen=True)
class SaveInfo:
    """One line of the 'continue a game' list; `error` is set for unreadable files."""

    path: Path
    mtime: float
    title: str = ""
    role: str = ""
    moves: int = 0
    finished: bool = False
    error: str | None = None


_TMP = re.compile(r"^\..*\.tmp$")


def list_saves(folder: Path | str) -> list[SaveInfo]:
    """Saves in `folder`, newest first; bad files are listed with their error, not raised."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    out = []
    for path in folder.glob("*.json"):
        if _TMP.match(path.name):
            continue
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        try:
            d = load_save(path, check=False).data
        except SaveError as err:
            out.append(SaveInfo(path, mtime, error=str(err)))
            continue
        except Exception as err:  # one odd file must not hide every other game
            out.append(SaveInfo(path, mtime, error=f"{path}: cannot read: {err}"))
            continue
        out.append(SaveInfo(path, mtime, d.scenario.title, d.role, len(d.moves), d.finished))
    return sorted(out, key=lambda s: (-s.mtime, s.path.name))
