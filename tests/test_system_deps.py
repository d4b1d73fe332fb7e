"""scripts/system-deps.sh, which the README's test command runs first, on a pretend machine.

Every program the script calls is a stub on PATH that records its arguments, so each case (all
present, root, sudo, neither, not Debian) is checked without touching the real system.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "scripts" / "system-deps.sh"
STUBS = {
    "id": 'echo "$FAKE_UID"',
    "python3": 'exit "$FAKE_NO_VENV"',
    "apt-get": 'echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND)" >> "$LOG"',
    "sudo": 'echo "sudo" >> "$LOG"; exec "$@"',
    "env": ('while [ $# -gt 0 ]; do case "$1" in *=*) export "$1"; shift;; *) break;; esac; done\n'
            'exec "$@"'),
    "tmux": "exit 0",
    "chromium": "exit 0",
}


def run(tmp_path: Path, *, uid: int = 0, missing: tuple[str, ...] = (), venv: bool = True
        ) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in STUBS.items():
        if name in missing:
            continue
        stub = bin_dir / name
        stub.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        stub.chmod(stub.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "log"
    log.touch()
    env = {"PATH": str(bin_dir), "LOG": str(log), "FAKE_UID": str(uid),
           "FAKE_NO_VENV": "0" if venv else "1", "HOME": os.environ.get("HOME", "/")}
    done = subprocess.run(["/bin/sh", str(SCRIPT)], env=env, capture_output=True, text=True,
                          timeout=30)
    return done, log.read_text(encoding="utf-8").splitlines()


def test_nothing_missing_installs_nothing(tmp_path: Path) -> None:
    done, calls = run(tmp_path)
    assert done.returncode == 0 and calls == [] and done.stdout == done.stderr == ""


def test_as_root_installs_what_is_missing_without_questions(tmp_path: Path) -> None:
    done, calls = run(tmp_path, missing=("tmux", "chromium"), venv=False)
    assert done.returncode == 0, done.stderr
    assert calls == [
        "apt-get update -qq (DEBIAN_FRONTEND=noninteractive)",
        "apt-get install -y -qq --no-install-recommends tmux chromium python3-venv "
        "(DEBIAN_FRONTEND=noninteractive)",
    ]


def test_a_user_installs_through_sudo(tmp_path: Path) -> None:
    done, calls = run(tmp_path, uid=1000, missing=("chromium",))
    assert done.returncode == 0, done.stderr
    assert calls[0] == "sudo" and calls[2] == "sudo"
    assert calls[3].startswith("apt-get install -y -qq --no-install-recommends chromium (")


@pytest.mark.parametrize(
    ("missing", "uid", "why"),
    [(("chromium", "sudo"), 1000, "Not root, and sudo is not installed."),
     (("tmux", "apt-get"), 0, "apt-get is not here (not Debian?).")],
    ids=["no-sudo", "not-debian"],
)
def test_when_it_cannot_install_it_says_what_to_install(
    tmp_path: Path, missing: tuple[str, ...], uid: int, why: str
) -> None:
    done, calls = run(tmp_path, uid=uid, missing=missing)
    package = missing[0]
    assert done.returncode == 1 and calls == []
    assert f"the tests need these Debian packages: {package}\n  {why}" in done.stderr
    assert f"apt-get install {package})" in done.stderr
