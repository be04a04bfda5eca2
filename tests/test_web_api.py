"""`cutbot serve`'s API through FastAPI's TestClient on a toy index: the token, traversal,
size limits, two tabs at once, range requests, and outputs only where the server chose."""
from __future__ import annotations

import asyncio
import json
import socket
import time

import pytest

from fastapi.testclient import TestClient

from cutbot.agent.web import create_app
from cutbot.agent.web.state import WebState
from fakes import fake_editor

TOKEN = "t0ken-for-tests"
BYTES = bytes(range(256)) * 40  # the "film": known bytes for the range checks


@pytest.fixture
def state(tmp_path, cutbot_home_dir):
    film = tmp_path / "film.mp4"
    film.write_bytes(BYTES)
    st = WebState(lambda progress: fake_editor(film), token=TOKEN)
    st.open(background=False)
    assert st.ready, st.indexing
    return st


@pytest.fixture
def client(state):
    c = TestClient(create_app(state), follow_redirects=False)
    assert c.get(f"/?token={TOKEN}").status_code == 303  # sets the cookie once
    return c


@pytest.fixture
def bare(state):
    return TestClient(create_app(state), follow_redirects=False)


def tab(client) -> str:
    r = client.post("/api/sessions", json={})
    assert r.status_code == 200, r.text
    return r.json()["session"]


def test_every_request_needs_the_token(bare, state):
    for url in ("/", "/api/people", "/api/profile", f"/media/{state.film_id}", "/static/app.js",
                "/download/" + "0" * 32, "/api/index/events"):
        r = bare.get(url)
        assert r.status_code == 401, (url, r.status_code)
        assert "token" in r.json()["detail"]
    assert bare.post("/api/sessions", json={}).status_code == 401
    assert bare.get("/api/people", headers={"X-Cutbot-Token": "wrong"}).status_code == 401
    assert bare.get("/?token=wrong").status_code == 401
    assert bare.get("/api/people", headers={"X-Cutbot-Token": TOKEN}).status_code == 200


def test_the_token_in_the_address_becomes_a_cookie(bare):
    r = bare.get(f"/?token={TOKEN}")
    assert r.status_code == 303 and r.headers["location"] == "/"  # dropped from the address bar
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
    page = bare.get("/")
    assert page.status_code == 200 and "Play the cut" in page.text and "/media/" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp  # no inline script runs
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in page.text and " style=" not in page.text


@pytest.mark.parametrize("raw", [
    "/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/%2E%2E%2Fapp.js",
    "/static/%252e%252e%252fetc%252fpasswd", "/media/..%2f..%2fetc%2fpasswd",
    "/thumb/ffff/..%5c..%5cboot.ini", "/download/%2e%2e", "/static/..\\app.js", "/static/app.js%00",
    "/api/s/../../etc/passwd"])
def test_traversal_attempts_are_404(state, raw):
    # straight to the ASGI app: an HTTP client would normalise "../" before sending
    status, body = asyncio.run(_raw_get(create_app(state), raw))
    assert status == 404, (raw, status, body)
    assert b"root:" not in body


async def _raw_get(app, raw: str) -> tuple[int, bytes]:
    from urllib.parse import unquote

    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)
    path, _, query = raw.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": unquote(path), "raw_path": path.encode(),
             "query_string": query.encode(), "root_path": "", "server": ("testserver", 80),
             "client": ("127.0.0.1", 5000), "headers": [(b"x-cutbot-token", TOKEN.encode())]}
    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_unknown_static_names_and_ids_are_404(client, state):
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/page.html").status_code == 404  # a template, not served
    assert client.get("/static/secret.py").status_code == 404
    assert client.get("/media/" + "0" * 16).status_code == 404
    assert client.get(f"/thumb/{state.film_id}/999.jpg").status_code == 404
    assert client.get("/api/s/" + "a" * 32).status_code == 404
    assert client.get("/download/" + "b" * 32).status_code == 404


def test_request_text_and_body_are_limited(client):
    sid = tab(client)
    r = client.post(f"/api/s/{sid}/say", json={"text": "only the beach " * 7000})  # ~100 kB
    assert r.status_code == 413 and "too large" in r.json()["detail"]
    r = client.post(f"/api/s/{sid}/say", json={"text": "x" * 3000})  # under the body limit
    assert r.status_code == 422 and "2000" in json.dumps(r.json())
    # a body streamed without a Content-Length is stopped as it grows
    r = client.post(f"/api/s/{sid}/say", content=iter([b'{"text": "', b"y" * 70000, b'"}']),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_two_tabs_keep_their_own_sessions(client, state, cutbot_home_dir):
    from cutbot.agent.sessions_store import load_session

    a, b = tab(client), tab(client)
    ra = client.post(f"/api/s/{a}/say", json={"text": "only the red car chases"}).json()
    rb = client.post(f"/api/s/{b}/say", json={"text": "only the beach"}).json()
    assert ra["cut"]["segments"] and rb["cut"]["segments"]
    assert {s["start"] for s in ra["cut"]["segments"]} != {s["start"] for s in rb["cut"]["segments"]}
    client.post(f"/api/s/{a}/say", json={"text": "undo"})
    sa, sb = client.get(f"/api/s/{a}").json(), client.get(f"/api/s/{b}").json()
    assert sa["version"] == 0 and sa["cut"] is None and sa["can_redo"]
    assert sb["version"] == 1 and sb["cut"]["request"] == "only the beach"
    client.post(f"/api/s/{b}/say", json={"text": "under 15 seconds"})
    client.post(f"/api/s/{a}/say", json={"text": "redo"})
    # the saved session is one tab's whole history, never a mix of both
    saved = load_session(state.base.index.media.fingerprint)
    requests = [t.request for t in saved.session.history]
    assert requests == ["only the red car chases"], requests
    assert client.get(f"/api/s/{b}").json()["version"] == 2  # tab b untouched by a's save
    c = client.post("/api/sessions", json={"resume": True}).json()  # "Resume saved": a copy
    assert c["version"] == 1 and c["cut"]["request"] == "only the red car chases"
    client.post(f"/api/s/{c['session']}/say", json={"text": "undo"})
    assert client.get(f"/api/s/{a}").json()["version"] == 1  # the copy is the new tab's own


def test_range_requests_give_206_and_the_right_bytes(client, state):
    url = f"/media/{state.film_id}"
    whole = client.get(url)
    assert whole.status_code == 200 and whole.content == BYTES
    assert whole.headers.get("accept-ranges") == "bytes"
    r = client.get(url, headers={"Range": "bytes=100-299"})
    assert r.status_code == 206 and r.content == BYTES[100:300]
    assert r.headers["content-range"] == f"bytes 100-299/{len(BYTES)}"
    tail = client.get(url, headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == BYTES[-10:]
    assert client.get(url, headers={"Range": f"bytes={len(BYTES) + 5}-"}).status_code == 416


def _wait_job(client, jid: str) -> dict:
    events = [json.loads(line[5:]) for line in
              client.get(f"/api/jobs/{jid}/events").text.splitlines() if line.startswith("data:")]
    assert events and events[-1]["state"] in ("done", "failed"), events
    return events[-1]


def test_outputs_go_where_the_server_chose(client, state, cutbot_home_dir, tmp_path):
    sid = tab(client)
    assert client.post(f"/api/s/{sid}/jobs", json={"format": "json"}).status_code == 400  # no cut yet
    client.post(f"/api/s/{sid}/say", json={"text": "only the red car chases"})
    evil = tmp_path / "evil.json"
    r = client.post(f"/api/s/{sid}/say", json={"text": f"export {evil}"}).json()
    assert "job" in r, r
    last = _wait_job(client, r["job"]["id"])
    assert last["state"] == "done", last
    assert not evil.exists()  # a typed path never chooses where the server writes
    got = client.get(last["download"])
    assert got.status_code == 200 and json.loads(got.content)["segments"]
    written = list((cutbot_home_dir / "web" / "outputs").rglob("*.json"))
    assert len(written) == 1 and written[0].name == "film.cut.json"
    bad = client.post(f"/api/s/{sid}/jobs", json={"format": "exe"})
    assert bad.status_code == 400 and "unknown format" in bad.json()["detail"]


def test_chat_why_undo_and_profile(client):
    sid = tab(client)
    r = client.post(f"/api/s/{sid}/say", json={"text": "only the red car chases"}).json()
    assert r["reply"]["kind"] == "plan" and r["change"].startswith("v1:")
    n = len(r["cut"]["segments"])
    assert n >= 2 and all(s["reasons"] for s in r["cut"]["segments"])
    why = client.get(f"/api/s/{sid}/why/1").json()["lines"]
    assert why[0].startswith("segment 1:")
    r = client.post(f"/api/s/{sid}/say", json={"text": "dislike 2"}).json()
    assert len(r["cut"]["segments"]) == n - 1 and r["version"] == 2
    prof = client.get("/api/profile").json()
    assert prof["preferences"] and prof["preferences"][0]["stance"] == "dislike"
    client.post(f"/api/s/{sid}/say", json={"text": "I don't like the beach"})
    one = client.post("/api/profile/forget", json={"topic": "beach"}).json()
    assert "forgot 1" in one["message"] and "beach" not in [p["text"] for p in one["preferences"]]
    gone = client.post("/api/profile/forget", json={}).json()
    assert gone["preferences"] == [] and "forgot" in gone["message"]
    r = client.post(f"/api/s/{sid}/say", json={"text": "only the zebra stampede"}).json()
    assert r["reply"]["kind"] == "clarify" and r["version"] == 2  # nothing matches: no new version


def test_the_page_waits_while_the_film_is_indexed(tmp_path):
    import threading

    gate = threading.Event()
    film = tmp_path / "film.mp4"
    film.write_bytes(BYTES)

    def opener(progress):
        progress("shots", 1, 4)
        gate.wait(10)
        return fake_editor(film)
    st = WebState(opener, token=TOKEN)
    st.open()
    c = TestClient(create_app(st), headers={"X-Cutbot-Token": TOKEN})
    time.sleep(0.1)
    assert "indexing" in c.get("/").text
    assert c.post("/api/sessions", json={}).status_code == 503
    gate.set()
    first = c.get("/api/index/events").text
    assert '"state": "done"' in first
    assert "Play the cut" in c.get("/").text


def test_serve_refuses_in_one_line(tmp_path, sample_film):
    from typer.testing import CliRunner

    from cutbot.agent import cli
    from cutbot.agent.cli_serve import is_local
    from fakes import assert_one_line_error

    assert is_local("127.0.0.1") and is_local("localhost") and is_local("::1") and is_local("127.0.0.2")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.4") and not is_local("example.org")
    assert "serve" in cli.COMMANDS
    runner = CliRunner()
    assert_one_line_error(runner.invoke(cli.app, ["serve", str(tmp_path / "missing.mp4"), "--no-browser"]))
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"no film here")
    assert_one_line_error(runner.invoke(cli.app, ["serve", str(junk), "--no-browser"]))
    with socket.socket() as busy:  # the port is taken: one line, before any indexing
        busy.bind(("0.0.0.0", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(cli.app, ["serve", str(sample_film), "--no-browser", "--host", "0.0.0.0",
                                         "--port", str(port)])
    assert result.exit_code != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines[0].startswith("cutbot: warning: listening on 0.0.0.0") and len(lines) == 2, lines
    assert lines[1].startswith("cutbot: error: cannot listen on 0.0.0.0:") and "Traceback" not in result.output
    assert_one_line_error(runner.invoke(cli.app, ["serve", str(sample_film), "--library", "--no-browser"]),
                          "not both")


# -- cutbot serve --library: the films first, a film by id, requests across the library ----------
LIB_FILMS = {"alpha.mp4": [(0, 10, "red car chase street"), (10, 20, "beach sand waves"),
                           (20, 30, "tabby cat"), (30, 40, "forest trees"), (40, 50, "tabby cat")],
             "bravo.mp4": [(0, 10, "mountain snow"), (10, 20, "red car chase bridge"),
                           (20, 30, "Egyptian Mau"), (30, 40, "desert dunes"), (40, 50, "tabby cat")]}


def _library_state(tmp_path, codec: str = "h264"):
    import dataclasses

    from cutbot.agent.library import Library
    from cutbot.agent.library_plan import LibraryFilm
    from cutbot.agent.search import Scorer
    from cutbot.agent.web.library import LibraryWebState
    from fakes import WordHashEmbedder, make_index

    films = []
    for n, (name, scenes) in enumerate(LIB_FILMS.items(), 1):
        path = tmp_path / name
        path.write_bytes(BYTES)
        index = make_index(scenes)
        index.media = dataclasses.replace(index.media, path=str(path), fingerprint=str(n) * 64,
                                          video_codec=codec if n == 2 else "h264")
        emb = WordHashEmbedder()
        films.append(LibraryFilm(index, Scorer(index, emb, emb)))
    st = LibraryWebState(Library.of(films), token=TOKEN)
    st.open(background=False)
    assert st.ready, st.indexing
    return st


@pytest.fixture
def library_client(tmp_path, cutbot_home_dir):
    from cutbot.agent.web.library import create_library_app

    st = _library_state(tmp_path)
    return TestClient(create_library_app(st), headers={"X-Cutbot-Token": TOKEN}, follow_redirects=False)


A, B = "1" * 16, "2" * 16


def test_the_library_lists_its_films_and_opens_one_by_id(library_client):
    from cutbot.agent.web.state import wait_for

    page = library_client.get("/")
    assert page.status_code == 200 and "alpha.mp4" in page.text and "bravo.mp4" in page.text
    assert f'href="/f/{A}/"' in page.text
    assert "<script>" not in page.text and " style=" not in page.text and "/tmp" not in page.text
    listed = library_client.get("/api/library").json()
    assert [(f["id"], f["name"], f["indexed"]) for f in listed["films"]] == \
        [(A, "alpha.mp4", True), (B, "bravo.mp4", True)]
    assert all("path" not in f for f in listed["films"])  # the browser never sees a path
    assert wait_for(lambda: "Play the cut" in library_client.get(f"/f/{A}/").text, 10)
    film = library_client.get(f"/f/{A}/").text
    assert f'src="/f/{A}/media/{A}"' in film and '"base": "/f/' in film and "alpha.mp4" in film
    assert library_client.get(f"/f/{A}/media/{A}").content == BYTES
    assert library_client.get(f"/f/{A}/media/{B}").status_code == 404  # its own film only
    sid = library_client.post(f"/f/{A}/api/sessions", json={}).json()["session"]
    r = library_client.post(f"/f/{A}/api/s/{sid}/say", json={"text": "only the red car chases"}).json()
    assert [(s["start"], s["end"]) for s in r["cut"]["segments"]] == [(0.0, 10.0)]
    assert "film" not in r["cut"]["segments"][0]  # one film: no film column
    assert library_client.get(f"/api/s/{sid}").status_code == 404  # a film's tab is not the library's


@pytest.mark.parametrize("url", [f"/f/{'0' * 16}/", f"/f/{'0' * 16}/media/{'0' * 16}", "/f/zz/",
                                 f"/f/{A}0/", "/poster/" + "0" * 16 + ".jpg", "/poster/..%2fetc.jpg",
                                 f"/f/{A}/..%2f..%2fetc%2fpasswd", "/media/" + "3" * 16])
def test_a_film_the_library_does_not_hold_is_404(library_client, url):
    assert library_client.get(url).status_code == 404


def test_a_request_across_the_library_names_each_segments_film(library_client, cutbot_home_dir):
    sid = library_client.post("/api/sessions", json={}).json()["session"]
    r = library_client.post(f"/api/s/{sid}/say", json={"text": "only the red car chases"}).json()
    segs = r["cut"]["segments"]
    assert [(s["film"], s["name"], s["start"]) for s in segs] == [(A, "alpha.mp4", 0.0), (B, "bravo.mp4", 10.0)]
    assert r["playable"] is True and r["kept"] == []
    for fid in (A, B):  # Play the cut switches the player between the films, by id
        assert library_client.get(f"/media/{fid}", headers={"Range": "bytes=0-9"}).content == BYTES[:10]
    assert library_client.get("/api/people").status_code == 404  # no single film here
    said = library_client.post(f"/api/s/{sid}/say", json={"text": "save"}).json()
    assert "not saved" in said["reply"]["lines"][0]
    job = library_client.post(f"/api/s/{sid}/jobs", json={"format": "json"}).json()
    last = _wait_job(library_client, job["id"])
    assert last["state"] == "done" and last["download"] == f"/download/{job['id']}", last
    plan = json.loads(library_client.get(last["download"]).content)
    assert {s["source"].rsplit("/", 1)[-1] for s in plan["segments"]} == {"alpha.mp4", "bravo.mp4"}
    written = list((cutbot_home_dir / "web" / "outputs").rglob("*.json"))
    assert [w.name for w in written] == ["library.cut.json"]
    undone = library_client.post(f"/api/s/{sid}/say", json={"text": "undo"}).json()
    assert undone["version"] == 0 and undone["cut"] is None


def test_films_the_browser_cannot_play_in_turn_say_render(tmp_path, cutbot_home_dir):
    from cutbot.agent.web.library import create_library_app

    c = TestClient(create_library_app(_library_state(tmp_path, codec="mpeg2video")),
                   headers={"X-Cutbot-Token": TOKEN})
    sid = c.post("/api/sessions", json={}).json()["session"]
    r = c.post(f"/api/s/{sid}/say", json={"text": "only the red car chases"}).json()
    assert r["playable"] is False and "Render" in r["reply"]["lines"][-1]
    one = c.post(f"/api/s/{sid}/say", json={"text": "only the forest trees"}).json()  # alpha alone
    assert {s["film"] for s in one["cut"]["segments"]} == {A}, one["cut"]
    assert one["playable"] is True and "Render" not in " ".join(one["reply"]["lines"])


def test_a_film_not_indexed_yet_is_indexed_when_picked(tmp_path, cutbot_home_dir, monkeypatch):
    from cutbot.agent.library import Library
    from cutbot.agent.web import library as weblib
    from cutbot.agent.web.state import wait_for
    from cutbot.indexers.catalogue import FilmRecord

    film = tmp_path / "new.mp4"
    film.write_bytes(BYTES)
    marked = []

    class Catalogue:  # what the page reads of the catalogue: one film, not indexed yet
        def films(self, indexed_only=False):
            state = "indexed" if marked else "new"
            return [FilmRecord("9" * 64, film, film.name, 100.0, state, None, 0, None, None)]

        def by_id(self, film_id):
            return next((r for r in self.films() if r.fingerprint.startswith(film_id)), None)

        def mark(self, fingerprint, state, **facts):
            marked.append((fingerprint, state))

    opened = []
    monkeypatch.setattr(weblib.Editor, "open", classmethod(
        lambda cls, path, progress=None, home=None: opened.append(path) or fake_editor(path)))
    st = weblib.LibraryWebState(Library(None, Catalogue(), indexes=[]), token=TOKEN)
    st.open(background=False)
    assert st.indexing.state == "failed" and "no indexed film" in st.indexing.message
    c = TestClient(weblib.create_library_app(st), headers={"X-Cutbot-Token": TOKEN})
    page = c.get("/").text
    assert "new.mp4" in page and "not indexed yet" in page
    nothing = c.post("/api/sessions", json={})  # nothing to ask across yet, and it says why
    assert nothing.status_code == 503 and "no indexed film" in nothing.json()["detail"]
    fid = "9" * 16
    c.get(f"/f/{fid}/")  # picking it opens (indexes) it
    assert wait_for(lambda: "Play the cut" in c.get(f"/f/{fid}/").text, 10)
    assert opened == [film] and marked == [("9" * 64, "indexed")]
    assert c.get("/api/library").json()["films"][0]["indexed"] is True


def test_suggest_in_the_library_box_offers_cuts_across_films_and_takes_one(library_client):
    sid = library_client.post("/api/sessions", json={}).json()["session"]
    r = library_client.post(f"/api/s/{sid}/say", json={"text": "what do you suggest?"}).json()
    lines = r["reply"]["lines"]
    assert r["reply"]["kind"] == "suggest" and "across the library" in lines[0]
    across = next(i for i, line in enumerate(lines[1:], 1) if "across 2 films" in line)
    own = next(i for i, line in enumerate(lines[1:], 1) if "[alpha.mp4]" in line)
    took = library_client.post(f"/api/s/{sid}/say", json={"text": f"take {across}"}).json()
    assert took["reply"]["kind"] == "take" and took["version"] == 1
    assert {s["film"] for s in took["cut"]["segments"]} == {A, B}
    there = library_client.post(f"/api/s/{sid}/say", json={"text": f"take {own}"}).json()
    assert "alpha.mp4's own" in there["reply"]["lines"][0] and there["version"] == 1
    assert library_client.post(f"/api/s/{sid}/say", json={"text": "take 40"}).json()["reply"]["kind"] == "clarify"
    what = library_client.post(f"/api/s/{sid}/say", json={"text": "what's in here?"}).json()["reply"]
    assert what["kind"] == "overview" and what["lines"][0].startswith("the library: 2 indexed film(s)")
    assert what["lines"][1].startswith("- alpha.mp4") and what["lines"][2].startswith("- bravo.mp4")


def test_each_poster_reads_one_catalogue_row_not_the_whole_catalogue(tmp_path, cutbot_home_dir):
    from cutbot.agent.library import Library
    from cutbot.agent.web import library as weblib
    from cutbot.indexers.catalogue import Catalogue

    films = []
    for n in range(3):
        film = tmp_path / f"film{n}.mp4"
        film.write_bytes(BYTES)
        films.append(film)
    real = Catalogue.open(tmp_path / "home")
    calls = []

    class Counting:  # the real catalogue, counting whole-catalogue reads
        def films(self, indexed_only=False):
            calls.append("films")
            return real.films(indexed_only)

        def by_id(self, film_id):
            calls.append("by_id")
            return real.by_id(film_id)

    added = []
    for n, film in enumerate(films):  # not real videos: recorded by hand, as `library add` would
        with real._write() as c:
            c.execute("INSERT INTO films (fingerprint, path, name, duration, added_at) VALUES (?, ?, ?, ?, 0)",
                      (f"{n + 1:x}" * 64, str(film), film.name, 10.0))
        added.append(f"{n + 1:x}" * 16)
    assert real.by_id(added[0]).name == "film0.mp4" and real.by_id("f" * 16) is None
    st = weblib.LibraryWebState(Library(None, Counting(), indexes=[]), token=TOKEN)
    c = TestClient(weblib.create_library_app(st), headers={"X-Cutbot-Token": TOKEN})
    page = c.get("/").text
    assert all(f"/poster/{fid}.jpg" in page for fid in added)
    calls.clear()
    for fid in added:
        c.get(f"/poster/{fid}.jpg")
    assert calls == ["by_id"] * 3
    assert c.get(f"/poster/{'e' * 16}.jpg").status_code == 404 and calls[-1] == "by_id"
    real.close()
