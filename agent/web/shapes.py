"""The JSON the page reads: a tab's plan and cut, the people, the profile.

Plain data built from the typed results (``Cut``, ``Reply``, ``Change``, ``Roster``):
the page draws it and never computes an edit itself.
"""
from __future__ import annotations

from typing import Any, Optional

from cutbot.indexers.intervals import overlap

from ..conversation import Reply
from ..cut import Cut, fmt_time
from ..editor import Editor
from ..people import load_roster, resolve_hero
from ..profile import Profile
from ..views import length_line, short_reason


def cut_json(cut: Cut) -> dict[str, Any]:
    return {
        "duration": round(cut.duration, 3), "request": cut.request,
        "length": length_line(cut), "notes": list(cut.notes),
        "segments": [{"n": i, "start": round(s.start, 3), "end": round(s.end, 3),
                      "duration": round(s.duration, 3), "score": round(s.score, 3),
                      "span": f"{fmt_time(s.start)}-{fmt_time(s.end)}",
                      "reasons": list(s.reasons),
                      "short": [short_reason(r) for r in s.reasons[:2]]}
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
