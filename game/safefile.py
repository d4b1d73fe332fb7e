"""Touching files safely: the one place that decides what may be read and what may be replaced.

Every output of the game goes through `atomic_write` (or `write_new`), and every save is read
through `read_regular`. The rules come from an audit of what careless or hostile files do:
- a device, FIFO or socket is never replaced (an atomic rename over `/dev/null` run as root
  replaces the device node) and never read (a FIFO blocks forever, `/dev/zero` never ends);
- a folder that does not exist is an error, not silently created (a typo in --out);
- temporary and new files are created with O_EXCL and O_NOFOLLOW, so a planted symlink cannot
  redirect the write;
- reads are capped, so a huge file cannot fill memory.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

MAX_READ = 32_000_000
"""A save holds a scenario (tens of kB) and a log; a long game stays well under a megabyte."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class NotRegularFile(OSError):
    """The path exists but is a device, FIFO, socket or folder: never read or replaced."""


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def refuse_non_regular(path: Path) -> None:
    """Raise NotRegularFile when `path` (followed through symlinks) exists and is not a file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError:
        return  # the write itself will say what is wrong
    if not stat.S_ISREG(mode):
        raise NotRegularFile(0, f"{path} is {kind_of(mode)}, not a regular file; give a file name")


def read_regular(path: Path, limit: int = MAX_READ) -> bytes:
    """The bytes of a regular file, at most `limit` + 1 of them (so the caller can say "too
    big"). Opened without blocking, then checked: a FIFO or device is refused before any read."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(21, "is a folder")
            raise NotRegularFile(0, f"is {kind_of(mode)}, not a regular file")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _create_new(path: Path, mode: int) -> int:
    return os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _NOFOLLOW, mode)


def atomic_write(path: Path, text: str, *, mode: int = 0o644) -> None:
    """Write through a new temporary file in the same folder (O_EXCL, no symlink followed),
    flushed and fsynced, then renamed over `path`. Refuses a `path` that exists and is not a
    regular file, and a folder that does not exist (FileNotFoundError naming it)."""
    refuse_non_regular(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(2, f"the folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = _create_new(tmp, mode)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_new(folder: Path, stem: str, suffix: str, text: str, *, mode: int = 0o600) -> Path:
    """Write `text` to a new file named after `stem` with a unique tail, never replacing
    anything and never following a planted symlink; private (0600) unless told otherwise."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    while True:
        path = folder / f"{stem}-{secrets.token_hex(4)}{suffix}"
        try:
            fd = _create_new(path, mode)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def state_dir() -> Path:
    """The per-user state folder (XDG_STATE_HOME): crash reports and rescued games."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "redlines"
