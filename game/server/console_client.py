"""The instructor's side of `game.server.console_api`, over HTTP: what `redlines console` (and
its page in the browser) calls. No Textual here: the app runs these in its workers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ConsoleRefused(Exception):
    """The server turned the request down; `status` 401 means the token is wrong."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class ConsoleClient:
    """One class's server (`url`) and the instructor token."""

    url: str
    token: str
    timeout: float = 20.0

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def _request(self, method: str, path: str, body: dict[str, Any] | None = None
                       ) -> tuple[str, str]:
        """(content type, text) of a 2xx answer; `ConsoleRefused` with the server's words for
        any other, `ConsoleRefused(0, ...)` when the server cannot be reached."""
        import aiohttp

        try:
            timeout = aiohttp.ClientTimeout(total=self.timeout)
            async with aiohttp.ClientSession(timeout=timeout) as http, http.request(
                    method, self.url.rstrip("/") + path, json=body,
                    headers=self._headers()) as answer:
                text = await answer.text()
                if answer.status >= 400:
                    raise ConsoleRefused(answer.status, _message(text, answer.status))
                return answer.content_type, text
        except (aiohttp.ClientError, OSError, TimeoutError) as err:
            raise ConsoleRefused(0, f"cannot reach {self.url}: {err or type(err).__name__}"
                                 ) from None

    async def overview(self) -> dict[str, Any]:
        return self._object((await self._request("GET", "/api/console"))[1], "tables")

    async def command(self, message: dict[str, Any]) -> str:
        """Send one instructor message; the server's account of what it did."""
        answer = await self._request("POST", "/api/console", message)
        return str(self._object(answer[1], "message")["message"])

    def _object(self, text: str, key: str) -> dict[str, Any]:
        """The JSON object of a 2xx answer holding `key`. A URL that is not a class server
        can still answer 2xx (a web page): that is a refusal the screen shows, not a parse
        error that would end the app's worker with a traceback."""
        import json

        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict) or key not in data:
            raise ConsoleRefused(0, f"{self.url} did not answer as a Red Lines class server")
        return data

    async def debrief(self, fmt: str = "html") -> str:
        return (await self._request("GET", f"/api/console/debrief?format={fmt}"))[1]

    async def results_csv(self) -> str:
        return (await self._request("GET", "/api/console/results.csv"))[1]


def _message(text: str, status: int) -> str:
    import json

    try:
        return str(json.loads(text)["message"])
    except (ValueError, KeyError, TypeError):
        return f"the server answered {status}"
