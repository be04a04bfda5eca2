"""What the browser gets: server-rendered HTML (the film's page, and the page shown while
the film is indexed) and the JSON the page reads (a tab's plan and cut, people, profile).

The JSON is plain data built from the typed results (``Cut``, ``Reply``, ``Change``,
``Roster``): the page draws it and never computes an edit itself. The static files ship
in the package and are served by name from a fixed list, never from a path the browser gives.
"""
from __future__ import annotations

import json
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any, Optional

from cutbot.indexers.intervals import overlap

from ..conversation import Reply
from ..cut import Cut, fmt_time
from ..editor import Editor
from ..people import load_roster, resolve_hero
from ..profile import Profile
from ..views import length_line, short_reasons
from .state import FORMATS, WebState

_STATIC = {"app.js": "text/javascript; charset=utf-8", "wait.js": "text/javascript; charset=utf-8",
           "library.js": "text/javascript; charset=utf-8",
           "common.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
# what a browser's <video> plays in turn without a render: "Play the cut" across films
PLAYABLE_CODECS = frozenset({"h264", "vp8", "vp9", "av1"})
PLAYABLE_TYPES = frozenset({".mp4", ".m4v", ".webm", ".mov"})


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text("utf-8")


def static_file(name: str) -> Optional[tuple[str, str]]:
    """(text, content type) of a packaged static file, or None for any other name."""
    kind = _STATIC.get(name)
    return (_read(name), kind) if kind else None


# -- JSON ---------------------------------------------------------------------------------
def cut_json(cut: Cut, films: Optional[dict[str, tuple[str, str]]] = None) -> dict[str, Any]:
    """The cut as the page draws it; ``films`` (path -> (id, name)) names each segment's
    film in a cut across the library, by id, never by path."""
    films = films or {}
    return {
        "duration": round(cut.duration, 3), "request": cut.request,
        "length": length_line(cut), "notes": list(cut.notes),
        "segments": [{"n": i, "start": round(s.start, 3), "end": round(s.end, 3),
                      **_film_of(s.source, films),
                      "duration": round(s.duration, 3), "score": round(s.score, 3),
                      "span": f"{fmt_time(s.start)}-{fmt_time(s.end)}",
                      "reasons": list(s.reasons),
                      "short": short_reasons(s, most=2)}
                     for i, s in enumerate(cut.segments, 1)],
    }


def _film_of(source: Optional[str], films: dict[str, tuple[str, str]]) -> dict[str, str]:
    if source is None or source not in films:
        return {}
    fid, name = films[source]
    return {"film": fid, "name": name}


def library_films(editor: Editor) -> Optional[dict[str, tuple[str, str]]]:
    """path -> (id, name) of the films an editor across the library plans over (None: one film)."""
    library = getattr(editor, "library", None)
    if library is None:
        return None
    return {f.path: (f.fingerprint[:16], f.name) for f in library.loaded()}


def playable(films: list[Any]) -> bool:
    """Whether the browser can play these films in turn (their container and codec)."""
    return all(Path(m.path).suffix.lower() in PLAYABLE_TYPES and (m.video_codec or "") in PLAYABLE_CODECS
               for m in films)


def kept_sentences(editor: Editor, cut: Optional[Cut]) -> list[int]:
    """Positions of the transcript lines that are at least half inside the cut."""
    if cut is None or getattr(editor, "library", None) is not None:
        return []
    spans = sorted((s.start, s.end) for s in cut.segments)
    out = []
    for i, s in enumerate(editor.index.sentences):
        length = max(s.end - s.start, 1e-6)
        if overlap([(s.start, s.end)], spans) >= 0.5 * length:
            out.append(i)
    return out


def tab_json(editor: Editor, reply: Optional[Reply] = None) -> dict[str, Any]:
    """What one tab shows after a turn: the cut, versions, the change and the reply."""
    session, cut = editor.session, editor.cut
    change = reply.change if reply is not None else None
    films = library_films(editor)
    out: dict[str, Any] = {
        "version": session.version, "can_undo": session.version > 0, "can_redo": session.can_redo,
        "cut": cut_json(cut, films) if cut is not None else None,
        "kept": kept_sentences(editor, cut),
        "plan": list(editor.plan.describe()) if editor.plan is not None else [],
        "change": change.describe() if change is not None else None,
    }
    if films is not None and cut is not None:
        used = {s.source for s in cut.segments}
        out["playable"] = playable([f.index.media for f in editor.library.loaded() if f.path in used])
    if reply is not None:
        lines = list(reply.lines)
        if out.get("playable") is False and reply.kind in ("plan", "undo", "redo", "take"):
            lines.append("the browser cannot play these films in turn: Render the cut to watch it")
        out["reply"] = {"kind": reply.kind, "lines": lines}
    return out


def people_json(index) -> dict[str, Any]:
    roster = load_roster(index)
    hero = resolve_hero(index, roster).person if index.people else None
    return {"people": [{"id": p.id, "name": roster.names.get(p.id, ""), "label": roster.label(p.id),
                        "screen_time": round(p.screen_time, 1), "hero": p.id == hero,
                        "shots": [s + 1 for s in p.shots]} for p in index.people]}


def profile_json(profile: Profile) -> dict[str, Any]:
    return {"lines": profile.describe(),
            "preferences": [{"text": p.text, "stance": p.stance} for p in profile.preferences]}


# -- HTML ---------------------------------------------------------------------------------
def _json_script(data) -> str:
    """JSON safe inside <script>: no "</" can end the element early."""
    return json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _shots(state: WebState, base: str) -> str:
    index, fid = state.base.index, state.film_id
    out = []  # placed by app.js (the page's policy allows no inline styles)
    for i, s in enumerate(index.shots):
        out.append(f'<div class="shot" data-start="{s.start:.3f}" data-end="{s.end:.3f}" '
                   f'title="shot {i + 1}: {fmt_time(s.start)}">'
                   f'<img loading="lazy" alt="shot {i + 1}" src="{base}/thumb/{fid}/{i}.jpg"></div>')
    return "\n".join(out)


def _transcript(state: WebState) -> str:
    lines = []
    for i, s in enumerate(state.base.index.sentences):
        lines.append(f'<li class="line" data-i="{i}" data-start="{s.start:.3f}" data-end="{s.end:.3f}">'
                     f'<span class="t">{fmt_time(s.start)}</span> {escape(s.text.strip())}</li>')
    return "\n".join(lines) or '<li class="empty">no speech found in this film</li>'


def _people(state: WebState, base: str) -> str:
    fid, rows = state.film_id, []
    for p in people_json(state.base.index)["people"]:
        star = ' <span class="hero">hero</span>' if p["hero"] else ""
        rows.append(
            f'<li class="person" data-id="{p["id"]}"><img alt="person {p["id"]}" '
            f'src="{base}/face/{fid}/{p["id"]}.png"><div><b>{p["id"]}.</b> '
            f'<input class="pname" maxlength="80" placeholder="person {p["id"]}" '
            f'value="{escape(p["name"])}" aria-label="name of person {p["id"]}">{star}'
            f'<div class="small">{p["screen_time"]:.1f} s on screen</div></div></li>')
    return "\n".join(rows) or '<li class="empty">no faces found in this film</li>'


def _profile(state: WebState) -> str:
    return "\n".join(f"<li>{escape(line)}</li>" for line in profile_json(state.base.profile)["lines"])


def render_bar() -> str:
    """Render, Export (a format), the streamed progress and the download link: both pages."""
    formats = "".join(f'<option value="{f}">{f}</option>' for f in FORMATS if f != "mp4")
    return f"""  <div id="render">
    <button id="render-mp4" disabled>Render</button>
    <select id="format" aria-label="export format">{formats}</select>
    <button id="export" disabled>Export</button>
    <progress id="job-bar" max="1" value="0" hidden></progress>
    <span id="job-state" class="small"></span>
    <a id="download" hidden download>download</a>
  </div>"""


def main_page(state: WebState, base: str = "") -> str:
    """The film's page; ``base``: the prefix it is served under (a film of the library)."""
    index = state.base.index
    film = {"id": state.film_id, "base": base, "duration": index.media.duration,
            "sentences": [[s.start, s.end] for s in index.sentences],
            "shots": [[s.start, s.end] for s in index.shots]}
    return Template(_read("page.html")).substitute(
        title=escape(Path(index.media.path).name), film_id=state.film_id,
        duration=fmt_time(index.media.duration), shots=_shots(state, base), base=escape(base),
        back='<a id="back" href="/">&larr; library</a> ' if base else "",
        transcript=_transcript(state), people=_people(state, base), profile=_profile(state),
        render=render_bar(), film_json=_json_script(film))


def indexing_page(state: WebState, base: str = "") -> str:
    """Shown until the film is ready; reloads itself when indexing is done."""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cutbot: indexing</title>
<link rel="stylesheet" href="/static/app.css"></head><body class="indexing" data-base="{escape(base)}">
<h1>cutbot</h1><p id="stage">indexing the film...</p><progress id="bar" max="1" value="0"></progress>
<script src="/static/wait.js"></script></body></html>"""
