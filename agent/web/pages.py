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
           "app.css": "text/css; charset=utf-8"}


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text("utf-8")


def static_file(name: str) -> Optional[tuple[str, str]]:
    """(text, content type) of a packaged static file, or None for any other name."""
    kind = _STATIC.get(name)
    return (_read(name), kind) if kind else None


# -- JSON ---------------------------------------------------------------------------------
def cut_json(cut: Cut) -> dict[str, Any]:
    return {
        "duration": round(cut.duration, 3), "request": cut.request,
        "length": length_line(cut), "notes": list(cut.notes),
        "segments": [{"n": i, "start": round(s.start, 3), "end": round(s.end, 3),
                      "duration": round(s.duration, 3), "score": round(s.score, 3),
                      "span": f"{fmt_time(s.start)}-{fmt_time(s.end)}",
                      "reasons": list(s.reasons),
                      "short": short_reasons(s, most=2)}
                     for i, s in enumerate(cut.segments, 1)],
    }


def kept_sentences(editor: Editor, cut: Optional[Cut]) -> list[int]:
    """Positions of the transcript lines that are at least half inside the cut."""
    if cut is None:
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
    out: dict[str, Any] = {
        "version": session.version, "can_undo": session.version > 0, "can_redo": session.can_redo,
        "cut": cut_json(cut) if cut is not None else None,
        "kept": kept_sentences(editor, cut),
        "plan": list(editor.plan.describe()) if editor.plan is not None else [],
        "change": change.describe() if change is not None else None,
    }
    if reply is not None:
        out["reply"] = {"kind": reply.kind, "lines": list(reply.lines)}
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


def _shots(state: WebState) -> str:
    index, fid = state.base.index, state.film_id
    out = []  # placed by app.js (the page's policy allows no inline styles)
    for i, s in enumerate(index.shots):
        out.append(f'<div class="shot" data-start="{s.start:.3f}" data-end="{s.end:.3f}" '
                   f'title="shot {i + 1}: {fmt_time(s.start)}">'
                   f'<img loading="lazy" alt="shot {i + 1}" src="/thumb/{fid}/{i}.jpg"></div>')
    return "\n".join(out)


def _transcript(state: WebState) -> str:
    lines = []
    for i, s in enumerate(state.base.index.sentences):
        lines.append(f'<li class="line" data-i="{i}" data-start="{s.start:.3f}" data-end="{s.end:.3f}">'
                     f'<span class="t">{fmt_time(s.start)}</span> {escape(s.text.strip())}</li>')
    return "\n".join(lines) or '<li class="empty">no speech found in this film</li>'


def _people(state: WebState) -> str:
    fid, rows = state.film_id, []
    for p in people_json(state.base.index)["people"]:
        star = ' <span class="hero">hero</span>' if p["hero"] else ""
        rows.append(
            f'<li class="person" data-id="{p["id"]}"><img alt="person {p["id"]}" '
            f'src="/face/{fid}/{p["id"]}.png"><div><b>{p["id"]}.</b> '
            f'<input class="pname" maxlength="80" placeholder="person {p["id"]}" '
            f'value="{escape(p["name"])}" aria-label="name of person {p["id"]}">{star}'
            f'<div class="small">{p["screen_time"]:.1f} s on screen</div></div></li>')
    return "\n".join(rows) or '<li class="empty">no faces found in this film</li>'


def _profile(state: WebState) -> str:
    return "\n".join(f"<li>{escape(line)}</li>" for line in profile_json(state.base.profile)["lines"])


def main_page(state: WebState) -> str:
    index = state.base.index
    film = {"id": state.film_id, "duration": index.media.duration,
            "sentences": [[s.start, s.end] for s in index.sentences],
            "shots": [[s.start, s.end] for s in index.shots]}
    return Template(_read("page.html")).substitute(
        title=escape(Path(index.media.path).name), film_id=state.film_id,
        duration=fmt_time(index.media.duration), shots=_shots(state),
        transcript=_transcript(state), people=_people(state), profile=_profile(state),
        formats="".join(f'<option value="{f}">{f}</option>' for f in FORMATS if f != "mp4"),
        film_json=_json_script(film))


def indexing_page(state: WebState) -> str:
    """Shown until the film is ready; reloads itself when indexing is done."""
    return """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cutbot: indexing</title>
<link rel="stylesheet" href="/static/app.css"></head><body class="indexing">
<h1>cutbot</h1><p id="stage">indexing the film...</p><progress id="bar" max="1" value="0"></progress>
<script src="/static/wait.js"></script></body></html>"""
