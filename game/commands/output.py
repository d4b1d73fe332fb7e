"""The file-touching shell of `teach` and `packet`: read the scenario (every problem printed as
PATH:LINE:COL: message), and write output files — never over something that is not a file, never
into a folder that does not exist (a typo in --out should not silently create folders)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from game.scenario.models import Scenario


def load_scenario(path: str) -> Scenario | None:
    """The scenario at PATH (or a bundled id), or None after printing every problem."""
    from game.files import resolve

    parsed = resolve(path)
    if parsed.scenario is None:
        for report in parsed.reports:
            print(report, file=sys.stderr)
    return parsed.scenario


def check_target(path: Path, inputs: Sequence[Path] = (), *, force: bool = False) -> str | None:
    """Why `path` cannot be written, or None when it can. Every command's output passes here:
    never over a device, FIFO or folder, never into a folder that does not exist, never over one
    of the command's own inputs, and never over a game's save unless `force`."""
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file"
        return f"{path} is {kind}; give a file name"
    parent = path.parent
    if not parent.is_dir():
        return f"cannot write {path}: the folder {parent} does not exist; create it first"
    if path.is_file():
        for source in inputs:
            try:
                if path.samefile(source):
                    return f"{path} is one of the inputs; writing there would replace it"
            except OSError:
                continue
        if not force and is_save(path):
            return f"{path} is a game's save; pick another name, or add --force to replace it"
    return None


def is_save(path: Path) -> bool:
    """Whether `path` is a Red Lines save (its first bytes name the format)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b'"redlines-save"' in head


def check_folder(folder: Path) -> str | None:
    """Why `folder` cannot take output files, or None when it can."""
    if not folder.exists():
        return f"the folder {folder} does not exist; create it first"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    return None


def write_text(command: str, path: Path, text: str, inputs: Sequence[Path] = (), *,
               force: bool = False, quiet: bool = False) -> bool:
    """Write atomically, or print why not (naming the command and the path) and return False."""
    problem = write_checked(path, text, inputs, force=force)
    if problem is not None:
        print(f"redlines {command}: {problem}", file=sys.stderr)
        return False
    if not quiet:
        print(f"wrote {path}", file=sys.stderr)
    return True


def write_checked(path: Path, text: str, inputs: Sequence[Path] = (), *,
                  force: bool = False) -> str | None:
    """Write `text` to `path` atomically if `check_target` allows it: None once written, else
    why not, in words. The one writer of every output, the CLI's and the TUI's exports alike."""
    from game.saves import atomic_write

    problem = check_target(path, inputs, force=force)
    if problem is not None:
        return problem
    try:
        atomic_write(path, text)
    except OSError as err:
        return f"cannot write {path}: {err.strerror or err}"
    return None


class SafeStream:
    """A text stream that removes control characters from everything written through it.

    Installed on stdout and stderr for every command that prints text (not the TUI, which writes
    its own escape sequences): a scenario or save that slipped past the checks still cannot
    retitle or repaint the user's terminal. Characters the terminal's encoding cannot show become
    '?' instead of a UnicodeEncodeError.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):
                reconfigure(errors="replace")

    def write(self, text: str) -> int:
        from game.scenario.controls import strip

        self._stream.write(strip(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def safe_streams() -> Iterator[None]:
    """stdout and stderr as SafeStreams for the duration of a command."""
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(old[0]), SafeStream(old[1])
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        sys.stdout, sys.stderr = old


def no_terminal(command: str) -> str | None:
    """Why a screen cannot run here, in one line, or None when it can. Textual needs a terminal
    on standard input: closed, it crashed with "internal error"; from /dev/null or a file, the
    screen drew but no key (not even ctrl+q) could reach it. Served in a browser, the web driver
    reads its own stream on that pipe (textual-serve sets TEXTUAL_DRIVER)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return None
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
        os.fstat(fd)
    except (OSError, ValueError):  # no stream, a closed one, or a descriptor that is gone
        fd = -1
    if fd < 0:
        why = "standard input is closed"
    elif os.isatty(fd):
        return None
    else:
        why = "standard input is not a terminal (a file, a pipe or /dev/null)"
    return (f"redlines {command}: the game's screens need a terminal, but {why}; run it in a "
            "terminal window (without one: redlines simulate, or replay --format md)")
