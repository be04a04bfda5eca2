"""`cutbot serve` in a real browser: Playwright drives Debian's headless chromium against a
real uvicorn server over the real indexed sample film. Screenshots of every step go to
``$CUTBOT_ARTIFACTS`` (or the test's temp folder)."""
from __future__ import annotations

import http.client
import os
import shutil
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from procs import probe_duration

REQUEST = "only the cat, under 20 seconds"
TOKEN = "browser-test-token"


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Debian's chromium is needed: apt-get install -y chromium (.ci/run does it)"
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def artifacts(tmp_path) -> Path:
    folder = Path(os.environ.get("CUTBOT_ARTIFACTS") or tmp_path / "artifacts") / "web"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def server(sample_home, sample_film, tmp_path, monkeypatch):
    """A real server on a free port, over a copy of the sample's index (renaming a
    person writes beside the index; the shared one stays as it was)."""
    from cutbot.agent.editor import Editor
    from cutbot.agent.web import create_app
    from cutbot.agent.web.state import WebState

    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    monkeypatch.setenv("CUTBOT_HOME", str(home))
    state = WebState(lambda progress: Editor.open(sample_film, progress=progress), token=TOKEN)
    state.open(background=False)
    assert state.ready, state.indexing
    with _running(create_app(state)) as base:
        yield state, base


@contextmanager
def _running(app):
    """``app`` on a real uvicorn server on a free port, for the length of the block."""
    import uvicorn

    from cutbot.agent.web.state import wait_for

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    assert wait_for(lambda: srv.started, 20)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@contextmanager
def _page():
    """A headless chromium page (Debian's, through Playwright) and the JavaScript errors it raises."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), headless=True,
                                     args=["--autoplay-policy=no-user-gesture-required",
                                           "--no-sandbox", "--mute-audio"])
        try:
            # bypass_csp: Playwright evaluates its wait conditions as strings, which the
            # page's policy (no eval) would refuse; the policy itself is checked in test_web_api
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                    bypass_csp=True)
            js_errors: list[str] = []
            page.on("pageerror", lambda exc: js_errors.append(str(exc)))
            yield page, js_errors
        finally:
            browser.close()


def _render_and_download(page, out: Path, shot: Path | None = None) -> Path:
    """Render on the page, wait for the streamed progress to end, download the file to ``out``."""
    page.click("#render-mp4")
    page.wait_for_selector("#download:not([hidden])", timeout=120000)
    if shot is not None:
        page.screenshot(path=str(shot))
    with page.expect_download() as info:
        page.click("#download")
    info.value.save_as(str(out))
    return out


def _raw_status(base: str, raw_path: str) -> int:
    """GET with the path sent exactly as written (no client-side normalisation)."""
    host, port = base.rsplit("//", 1)[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", raw_path, headers={"X-Cutbot-Token": TOKEN})
    status = conn.getresponse().status
    conn.close()
    return status


@pytest.mark.slow
def test_watch_ask_play_render_and_rename_in_a_browser(server, artifacts, tmp_path):
    from playwright.sync_api import expect

    state, base = server
    for raw in ("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                "/media/%252e%252e%252f"):
        assert _raw_status(base, raw) == 404, raw
    with _page() as (page, js_errors):
        assert page.goto(f"{base}/").status == 401  # no token, no page
        page.goto(f"{base}/?token={TOKEN}")
        page.wait_for_selector("body[data-ready='1']", timeout=20000)
        assert "?token" not in page.url  # the token moved to a cookie
        page.wait_for_function("document.querySelectorAll('#shots img').length > 0 && "
                               "[...document.querySelectorAll('#shots img')].every(i => i.complete)",
                               timeout=30000)
        page.screenshot(path=str(artifacts / "1-opened.png"))

        # ask: plan rows and segments on the timeline
        page.fill("#say", REQUEST)
        page.keyboard.press("Enter")
        page.wait_for_selector("#plan tbody tr", timeout=30000)
        segs = page.evaluate("state.cut.segments")
        assert len(segs) >= 2, segs
        expect(page.locator("#plan tbody tr")).to_have_count(len(segs))
        expect(page.locator("#kept .seg")).to_have_count(len(segs))
        assert page.locator("#transcript .line.kept").count() >= 0
        page.click("#plan tbody tr >> nth=0 >> button.why")
        expect(page.locator("#plan tbody tr.open .reasons li").first).to_be_visible()
        page.screenshot(path=str(artifacts / "2-planned.png"))

        # play the cut: the player jumps from segment 1 into segment 2
        page.click("#playcut")
        page.evaluate("document.getElementById('player').playbackRate = 4")
        second = segs[1]
        page.wait_for_function(
            f"(() => {{ const t = document.getElementById('player').currentTime;"
            f" return t >= {second['start'] - 0.05} && t < {second['end']}; }})()",
            timeout=20000 + int(1000 * segs[0]["duration"]))
        page.screenshot(path=str(artifacts / "3-playing-the-cut.png"))
        page.keyboard.press("k")  # K stops

        # render, with the streamed progress bar, then download the file
        out = _render_and_download(page, tmp_path / "downloaded.mp4", artifacts / "4-rendered.png")
        video, audio = probe_duration(out)
        planned = sum(s["end"] - s["start"] for s in segs)
        assert abs(video - planned) <= 0.1 and abs(audio - planned) <= 0.1, (video, audio, planned)

        # rename a person in place
        first = page.locator(".pname").first
        first.fill("Alice")
        first.press("Enter")
        expect(page.locator("#log")).to_contain_text("is now called Alice", timeout=10000)
        page.screenshot(path=str(artifacts / "5-renamed.png"))
        # the name works in a request at once, and the keys drive the player
        page.fill("#say", "scenes with Alice")
        page.keyboard.press("Enter")
        expect(page.locator("#length")).to_contain_text("v2:", timeout=30000)
        assert page.evaluate("state.cut.segments.length") >= 1
        page.click("h2 >> nth=0")  # focus off the text box: keys go to the player
        page.keyboard.press("l")
        page.wait_for_function("!document.getElementById('player').paused", timeout=10000)
        page.keyboard.press("k")
        page.wait_for_function("document.getElementById('player').paused", timeout=10000)
        page.keyboard.press(" ")
        page.wait_for_function("!document.getElementById('player').paused", timeout=10000)
        page.keyboard.press(" ")
        page.wait_for_function("document.getElementById('player').paused", timeout=10000)
        page.click("#undo")
        expect(page.locator("#length")).to_contain_text("v1:", timeout=30000)
        assert not js_errors, js_errors
    from cutbot.agent.people import load_roster
    assert "Alice" in load_roster(state.base.index).names.values()
    assert len(list(artifacts.glob("*.png"))) == 5


def _serve(*args: str):
    """Start the real `cutbot serve ARGS --no-browser` on a free port; returns the process,
    the address and the token from the one line it prints, once the server answers."""
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    port = _free_port()
    launch = "from cutbot.agent.launch import main; main()"  # this interpreter's cutbot
    proc = subprocess.Popen([sys.executable, "-c", launch, "serve", *args, "--no-browser", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    prefix = f"cutbot: open http://127.0.0.1:{port}/?token="
    assert line.startswith(prefix), (line, proc.stderr.read() if proc.poll() is not None else "")
    token = line[len(prefix):]
    assert len(token) >= 24
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:  # the server is up a moment after the line
        try:
            urllib.request.urlopen(f"{base}/", timeout=5)
            raise AssertionError("the page opened without the token")
        except urllib.error.HTTPError as exc:
            assert exc.code == 401
            return proc, base, token
        except urllib.error.URLError:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.3)


def _open_with_token(base: str, token: str) -> bytes:
    import urllib.request
    from http.cookiejar import CookieJar

    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with browser.open(f"{base}/?token={token}", timeout=30) as page:  # 303 + cookie, then /
        assert page.status == 200 and page.url == f"{base}/"
        return page.read()


@pytest.mark.slow
def test_cutbot_serve_prints_the_address_and_guards_it(indexed_sample, sample_film):
    """The real command: one line with the address and its token, 401 without it."""
    proc, base, token = _serve(str(sample_film))
    try:
        assert b"cutbot" in _open_with_token(base, token)  # the film's page, or the indexing one
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.mark.slow
def test_cutbot_serve_library_lists_the_films_of_the_catalogue(sample_film, cutbot_home_dir):
    """The real command with --library: the catalogue's films listed, not indexed yet."""
    from cutbot.indexers.catalogue import Catalogue

    with Catalogue.open() as cat:
        cat.add(sample_film)
    proc, base, token = _serve("--library")
    try:
        page = _open_with_token(base, token).decode()
        assert "your library" in page and "sample_film.mp4" in page and "not indexed yet" in page
        assert str(sample_film.parent) not in page  # ids, never paths
    finally:
        proc.terminate()
        proc.wait(30)

@pytest.fixture
def library_server(sample_home, sample_film, built, film_clip, tmp_path, monkeypatch):
    """A real server over a library of two really indexed films: the sample film and a
    12 s clip ffmpeg cut from it (their indexes copied into this test's CUTBOT_HOME)."""
    from cutbot.agent.library import Library
    from cutbot.agent.web.library import LibraryWebState, create_library_app
    from cutbot.indexers.catalogue import Catalogue

    home = tmp_path / "home"
    for src in (sample_home, built):
        shutil.copytree(Path(src) / "indexes", home / "indexes", dirs_exist_ok=True)
    monkeypatch.setenv("CUTBOT_HOME", str(home))
    with Catalogue.open(home) as cat:
        assert {r.state for r in cat.add(sample_film, film_clip)} == {"indexed"}
    state = LibraryWebState(Library.open(home), token=TOKEN, home=home)
    state.open(background=False)
    assert state.ready, state.indexing
    with _running(create_library_app(state)) as base:
        yield state, base


@pytest.mark.slow
def test_a_library_lists_its_films_asks_across_them_and_opens_one(library_server, artifacts, tmp_path):
    from playwright.sync_api import expect

    state, base = library_server
    ids = {e.name: e.id for e in state.entries()}
    assert set(ids) == {"clip.mp4", "sample_film.mp4"}
    assert _raw_status(base, "/f/%2e%2e/%2e%2e/etc/passwd") == 404
    assert _raw_status(base, f"/f/{'0' * 16}/") == 404
    with _page() as (page, js_errors):
        page.goto(f"{base}/?token={TOKEN}")
        page.wait_for_selector("body[data-ready='1']", timeout=30000)
        expect(page.locator("#films .film")).to_have_count(2)
        expect(page.locator("#films .film.indexed")).to_have_count(2)
        page.wait_for_function("[...document.querySelectorAll('#films img')].every(i => i.complete"
                               " && i.naturalWidth > 0)", timeout=30000)
        page.screenshot(path=str(artifacts / "library-1-films.png"))

        # a request across the library: rows from both films
        page.fill("#say", "the rocket")
        page.keyboard.press("Enter")
        page.wait_for_selector("#plan tbody tr", timeout=30000)
        segs = page.evaluate("state.cut.segments")
        assert {s["name"] for s in segs} == {"clip.mp4", "sample_film.mp4"}, segs
        names = page.locator("#plan tbody tr td:nth-child(2)").all_inner_texts()
        assert set(names) == {"clip.mp4", "sample_film.mp4"}
        page.screenshot(path=str(artifacts / "library-2-asked.png"))

        # Play the cut: the player moves into the first segment of the other film
        other = next(i for i, s in enumerate(segs) if s["film"] != segs[0]["film"])
        page.evaluate("video.defaultPlaybackRate = 4; video.playbackRate = 4")
        page.click("#playcut")
        want = segs[other]
        page.wait_for_function(
            f"(() => {{ const v = document.getElementById('player');"
            f" return v.src.endsWith('/media/{want['film']}') && v.currentTime >= {want['start'] - 0.05}"
            f" && v.currentTime < {want['end']}; }})()",
            timeout=30000 + int(1000 * sum(s["duration"] for s in segs[:other])))
        page.screenshot(path=str(artifacts / "library-3-playing.png"))
        page.click("#playcut")

        # render across the films, then download it
        video, _ = probe_duration(_render_and_download(page, tmp_path / "library.mp4"))
        planned = sum(s["end"] - s["start"] for s in segs)
        assert abs(video - planned) <= 0.15, (video, planned)

        # pick a film: its own page, addressed by id
        page.click(f"#films .film[data-id='{ids['sample_film.mp4']}'] a")
        page.wait_for_selector("body[data-ready='1']", timeout=30000)
        assert page.url.endswith(f"/f/{ids['sample_film.mp4']}/")
        src = page.get_attribute("#player", "src")
        assert src == f"/f/{ids['sample_film.mp4']}/media/{ids['sample_film.mp4']}"
        assert page.locator("#shots img").count() > 1
        page.fill("#say", "only the cat")
        page.keyboard.press("Enter")
        page.wait_for_selector("#plan tbody tr", timeout=30000)
        page.screenshot(path=str(artifacts / "library-4-film-page.png"))
        page.click("#back")
        expect(page.locator("#films .film")).to_have_count(2)
        assert not js_errors, js_errors
