"""The server's front door: the token, traversal attempts, and request sizes.

A pure ASGI middleware, so it sees the raw path (before any decoding) and can stop a
body that grows past the limit even when no Content-Length was sent.

- Paths: any ``..``, backslash, NUL or percent-encoded dot/slash (``%2e``, ``%2f``,
  ``%252e``...) in the raw path is a 404; nothing the server serves needs them.
- Token: ``?token=`` once (then an HttpOnly cookie, and a redirect that drops it from the
  address bar), the cookie, or the ``X-Cutbot-Token`` header for API calls; otherwise 401.
- Bodies over ``MAX_BODY`` bytes are a 413.
"""
from __future__ import annotations

import json
import re
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode

COOKIE = "cutbot_token"
HEADER = b"x-cutbot-token"
MAX_BODY = 64 * 1024  # a chat line is at most MAX_TEXT characters; nothing else is large
# every answer: scripts and media from this server only (no inline script can run), no
# sniffing, and no Referer that could carry the address (and its token) elsewhere
SAFETY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; "
                                 b"img-src 'self'; media-src 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
_BAD_PATH = re.compile(rb"\.\.|\\|%00|%2e|%2f|%5c|%25|\x00", re.I)


async def _send_json(send, status: int, detail: str, headers: list | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """Wraps the FastAPI app; every HTTP request passes here first."""

    def __init__(self, app, token: str, max_body: int = MAX_BODY):
        self.app, self.token, self.max_body = app, token, max_body

    def _token_ok(self, given: str | None) -> bool:
        return bool(given) and secrets.compare_digest(str(given).encode(), self.token.encode())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        raw = scope.get("raw_path") or scope.get("path", "").encode()
        if _BAD_PATH.search(raw) or _BAD_PATH.search(scope.get("path", "").encode()):
            return await _send_json(send, 404, "not found")
        headers = dict(scope.get("headers") or [])
        query = parse_qs((scope.get("query_string") or b"").decode("latin-1"))
        if "token" in query:  # the address printed by `cutbot serve`: set the cookie once
            if not self._token_ok(query["token"][0]):
                return await _send_json(send, 401, "wrong token: use the address cutbot serve printed")
            rest = {k: v for k, v in query.items() if k != "token"}
            target = scope.get("path", "/") + ("?" + urlencode(rest, doseq=True) if rest else "")
            cookie = f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
            await send({"type": "http.response.start", "status": 303,
                        "headers": [(b"location", target.encode()), (b"set-cookie", cookie.encode()),
                                    (b"content-length", b"0")]})
            return await send({"type": "http.response.body", "body": b""})
        given = headers.get(HEADER, b"").decode("latin-1") or None
        if given is None and b"cookie" in headers:
            jar = SimpleCookie()
            try:
                jar.load(headers[b"cookie"].decode("latin-1"))
            except Exception:  # noqa: BLE001 - a garbled cookie is no token
                jar = SimpleCookie()
            given = jar[COOKIE].value if COOKIE in jar else None
        if not self._token_ok(given):
            return await _send_json(send, 401, "this page needs the token: open the address "
                                    "cutbot serve printed")
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                return await _send_json(send, 400, "bad Content-Length")
            if too_big:
                return await _send_json(send, 413, f"request too large: at most {self.max_body} bytes")
        # read the (small) body here, counting, so an oversized one is a clean 413 whether
        # or not it announced its length; the app then gets it replayed
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.max_body:
                return await _send_json(send, 413, f"request too large: at most {self.max_body} bytes")
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        async def send_safe(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SAFETY_HEADERS]}
            await send(message)

        await self.app(scope, replay, send_safe)
