"""Seat tokens kept for the browser page: what the page sends is checked before the client
process sees it, and the client reads its token by table code and name (the same code and name
come back to the seat; another name on the same browser joins afresh)."""

from __future__ import annotations

import json

import pytest

from game.commands.serve_seats import seats_from_page
from game.tui.seat_tokens import ENV, SeatTokens, browser_key

TOKEN = "Abc_def-1234567890xyz"


def test_only_well_formed_tokens_from_the_page_reach_the_client() -> None:
    page = json.dumps({"tokens": {"ACDEF|ann": TOKEN, "acdef|bob": TOKEN, "ACDEF|eve": "x;rm",
                                  "ACDEF|\x1b]0;x": TOKEN}, "last": "ACDEF|ann"})
    assert seats_from_page(page) == {"tokens": {"ACDEF|ann": TOKEN}, "last": "ACDEF|ann"}
    for bad in (None, "", "not json", "[1, 2]", '{"tokens": 3}', "{" + " " * 9000 + "}"):
        assert seats_from_page(bad) is None
    many = {f"ACD{chr(65 + i // 26)}{chr(65 + i % 26)}|n": TOKEN for i in range(100)}
    got = seats_from_page(json.dumps({"tokens": many}))
    assert got is not None and len(got["tokens"]) == 40 and got["last"] is None


def test_the_browser_client_finds_its_token_by_code_and_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, json.dumps({"tokens": {browser_key("acdef", " Ann  Lee "): TOKEN},
                                        "last": "ACDEF|ann lee"}))
    tokens = SeatTokens("http://h:1", keep_file=False)
    assert tokens.mode == "browser" and tokens.last() == ("ACDEF", "ann lee")
    assert tokens.get("ACDEF", "ann lee") == TOKEN  # case and spaces do not matter
    assert tokens.get("ACDEF", "Bob") is None  # another student on this browser
    sent: list[dict[str, str]] = []

    class Driver:
        def write_meta(self, data: dict[str, str]) -> None:
            sent.append(data)

    tokens.keep("KTRWX", "Bob", "t" * 20, Driver())
    assert sent == [{"type": "seat_token", "key": "KTRWX|bob", "token": "t" * 20}]
    monkeypatch.delenv(ENV)
    assert SeatTokens("http://h:1", keep_file=False).mode == "none"  # a shared terminal


def test_the_token_file_is_the_users_alone(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A seat token takes the seat, and with it the student's brief and numbers: on a shared
    machine other accounts may not read the file that keeps it, whatever the umask."""
    import os
    import stat

    from game.tui.seat_tokens import keep_token, tokens_file

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    old = os.umask(0o022)
    try:
        keep_token("http://h:1 ACDEF", TOKEN)
        tokens_file().chmod(0o644)  # a file an older client left readable
        keep_token("http://h:1 KTRWX", TOKEN)
    finally:
        os.umask(old)
    assert stat.S_IMODE(tokens_file().stat().st_mode) == 0o600
    assert json.loads(tokens_file().read_text())["http://h:1 ACDEF"] == TOKEN


def test_two_students_of_one_account_keep_their_own_seats(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two terminals of one user at one table (a lab's shared login): each name keeps its own
    token, so the second student does not come back to the first one's seat (measured before:
    both terminals held Ukraine and the table never filled)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    tokens = SeatTokens("http://h:1/", keep_file=True)
    tokens.keep("ACDEF", "Ann", TOKEN, None)
    assert tokens.get("ACDEF", "Bob") is None
    tokens.keep("ACDEF", "Bob", "b" * 21, None)
    assert tokens.get("ACDEF", " ann ") == TOKEN
    assert tokens.get("ACDEF", "Bob") == "b" * 21
    assert tokens.get("KTRWX", "Ann") is None
