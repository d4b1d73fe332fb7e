"""The instructor's HTTP endpoints, each behind the bearer token (401 without it):

- `GET /api/console`: every table live (`overview`), for `redlines console` to poll;
- `POST /api/console`: one instructor message (`game.server.instructor`), answered `done` or
  `error`;
- `GET /api/console/debrief?format=html|md|json`: the class debrief over every started table;
- `GET /api/console/results.csv`: one row per student and table.
"""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from aiohttp import web

from game.server.app import build_app
from game.server.classroom import ClassHub
from game.server.instructor import Done, parse_command
from game.server.protocol import Error
from game.server.results import class_debrief, games, results_by_student
from game.server.tables import Refused, Table

_FRONTIERS: dict[str, dict[str, Any]] = {}


def _authorised(hub: ClassHub, request: web.Request) -> bool:
    auth = request.headers.get("Authorization", "")
    given = auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else ""
    return bool(given) and secrets.compare_digest(given, hub.instructor_token)


def _refused() -> web.Response:
    return web.json_response(Error(message="the instructor token is needed "
                                   "(Authorization: Bearer TOKEN)").model_dump(), status=401)


def frontier(table: Table) -> dict[str, Any]:
    """The scenario's Pareto frontier on the console's chart: across, what a package gives the
    first party; up, the other parties' mean. Drawn from the last round's numbers, as a
    finished table that set off no event stands (once per scenario)."""
    sid = table.scenario.id
    if sid not in _FRONTIERS:
        from game.engine.analysis import analyze
        from game.server.tables import _scenario_book

        book = _scenario_book(table.row.scenario)[1]
        sit = book.situation(len(table.scenario.rounds))
        parties = list(sit.at_table)
        points = [_xy(dict(p.utilities), parties) for p in analyze(sit).pareto]
        _FRONTIERS[sid] = {"x": parties[0], "y": parties[1:], "points": points}
    return _FRONTIERS[sid]


def _xy(utilities: dict[str, float], parties: list[str]) -> list[float]:
    others = [utilities[p] for p in parties[1:] if p in utilities] or [utilities[parties[0]]]
    return [round(utilities[parties[0]], 4), round(sum(others) / len(others), 4)]


def table_view(hub: ClassHub, table: Table) -> dict[str, Any]:
    """One table as the console shows it: the instructor's list (`Table.summary`) plus who is
    connected, paused, the seats the computer plays, the offers on the table, who the round
    waits for, and at the end every party's utility (for the frontier chart)."""
    view: dict[str, Any] = dict(table.summary())
    handed = hub.control.by_computer(table.code)
    view.update({
        "paused": table.code in hub.control.paused, "computer": sorted(handed),
        "online": sorted({c.seat for c in hub.conns[table.code] if c.seat}),
        "rounds": len(table.scenario.rounds), "offers": [], "ended_round": [],
        "waiting": [s for s in table.row.seats if s not in table.claims and s not in handed],
        "utilities": None, "humans": [],
    })
    s = table.session
    if s is not None:
        state = s.state
        view["humans"] = list(state.humans)
        view["offers"] = [{"id": o.id, "by": o.by, "kind": o.kind, "package": o.package}
                          for o in s.table]
        view["ended_round"] = list(state.ended)
        view["waiting"] = [] if s.finished else [
            h for h in state.humans if h not in state.ended and h not in state.walked]
        if s.finished and s.outcome is not None:
            view["utilities"] = dict(s.outcome.utilities)
            axes = frontier(table)
            view["point"] = _xy(dict(s.outcome.utilities), [axes["x"], *axes["y"]])
    return view


def overview(hub: ClassHub) -> dict[str, Any]:
    tables = list(hub.tables.values())
    return {
        "ended": hub.control.ended,
        "start_when_full": hub.when_full,
        "announcements": hub.control.announcements[-5:],
        "tables": [table_view(hub, t) for t in tables],
        "frontiers": {t.scenario.id: frontier(t) for t in tables},
    }


def add_console_routes(app: web.Application, hub: ClassHub) -> None:
    async def get(request: web.Request) -> web.Response:
        if not _authorised(hub, request):
            return _refused()
        return web.json_response(overview(hub))

    async def post(request: web.Request) -> web.Response:
        if not _authorised(hub, request):
            return _refused()
        cmd = parse_command(await request.read())
        if isinstance(cmd, Error):
            return web.json_response(cmd.model_dump(), status=400)
        try:
            message = await hub.command(cmd)
        except Refused as err:
            return web.json_response(Error(message=str(err)).model_dump(), status=409)
        return web.json_response(Done(message=message).model_dump())

    async def debrief(request: web.Request) -> web.Response:
        if not _authorised(hub, request):
            return _refused()
        fmt = request.query.get("format", "html")
        if fmt not in ("html", "md", "json"):
            return web.json_response(Error(field="format", message="format: html, md or "
                                           "json").model_dump(), status=400)
        played = games(hub.tables.values(), hub.control)
        text = await asyncio.to_thread(class_debrief, played, fmt)
        if text is None:
            return web.json_response(Error(message="no table has started yet").model_dump(),
                                     status=409)
        kind = {"html": "text/html", "md": "text/markdown", "json": "application/json"}[fmt]
        return web.Response(text=text, content_type=kind)

    async def results(request: web.Request) -> web.Response:
        if not _authorised(hub, request):
            return _refused()
        return web.Response(text=results_by_student(hub.tables.values(), hub.control),
                            content_type="text/csv")

    app.router.add_get("/api/console", get)
    app.router.add_post("/api/console", post)
    app.router.add_get("/api/console/debrief", debrief)
    app.router.add_get("/api/console/results.csv", results)


def build_class_app(hub: ClassHub) -> web.Application:
    """The students' server (`game.server.app.build_app`) with the instructor's endpoints."""
    app = build_app(hub)
    add_console_routes(app, hub)
    return app
