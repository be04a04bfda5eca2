"""Cut -> files other tools read, chosen by extension or by name (``export``).

The plan JSON is ``Cut.to_dict()``, so a user's script, the CLI and a later session all
read the same contract (see DESIGN.md, "Plan JSON"). Timelines (OTIO, CMX3600 EDL,
FCPXML, FCP7 XML, mpv EDL) live in ``timeline``, subtitles in ``subtitles``. Writes are
atomic (temp file in the same folder + ``os.replace``) so an interrupted export never
leaves half a file.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Optional, Sequence

from .cut import PLAN_JSON_VERSION, PLAN_JSON_VERSION_SOURCES, Cut, Segment
from .errors import PlanError
from .evidence import Evidence
from .media_io import RenderError
from cutbot.indexers.files import atomic_write_text as _atomic_write_text
from cutbot.indexers.files import clean_stale_parts, guard_output

log = logging.getLogger(__name__)


def write_plan_json(cut: Cut, path: str | Path, source: str | Path | None = None) -> Path:
    """Write ``cut.to_dict()`` as indented JSON, atomically; return the path. Never over
    the film (``source``, default ``cut.source``) nor a film in the library."""
    path = guard_output(path, [source, cut.source], what="plan")
    atomic_write_text(path, plan_text(cut))
    log.info("wrote plan with %d segment(s) to %s", len(cut.segments), path)
    return path


def plan_text(cut: Cut) -> str:
    """The plan JSON as written to a file or to stdout (``--plan-json -``)."""
    return json.dumps(cut.to_dict(), indent=2, ensure_ascii=False) + "\n"


def read_plan_json(path: str | Path) -> Cut:
    """Rebuild a Cut from a plan JSON file; ``PlanError`` if it is not one."""
    path = Path(path).expanduser()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PlanError(f"plan file not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanError(f"cannot read plan file {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise PlanError(f"{path.name} is not valid JSON (line {exc.lineno}): {exc.msg}") from exc
    return cut_from_dict(data, where=path.name)


def cut_from_dict(data: Any, *, where: str = "plan") -> Cut:
    """Inverse of ``Cut.to_dict()``; ``duration`` is derived, so it is not read back."""
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        raise PlanError(f"{where} is not a cutbot plan (no 'segments' list)")
    version = data.get("version", PLAN_JSON_VERSION)
    if not isinstance(version, int) or version > PLAN_JSON_VERSION_SOURCES:
        raise PlanError(f"{where} has plan version {version!r}; this cutbot reads "
                        f"up to {PLAN_JSON_VERSION_SOURCES}")
    segments = tuple(_segment(s, i, where) for i, s in enumerate(data["segments"], 1))
    constraints = data.get("constraints") or {}
    if not isinstance(constraints, dict):
        raise PlanError(f"{where}: 'constraints' must be an object")
    return Cut(source=str(data.get("source", "")), request=str(data.get("request", "")),
               segments=segments, constraints=constraints,
               notes=tuple(str(n) for n in data.get("notes", ()) or ()))


def _segment(raw: Any, i: int, where: str) -> Segment:
    try:
        start, end = float(raw["start"]), float(raw["end"])
        score = float(raw.get("score", 0.0))
        reasons = tuple(str(r) for r in raw.get("reasons", ()) or ())
        shots = tuple(int(s) for s in raw.get("shots", ()) or ())
        source = None if raw.get("source") is None else str(raw["source"])
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise PlanError(f"{where}: segment {i} needs numeric 'start' and 'end'") from exc
    try:
        evidence = tuple(Evidence.from_dict(e) for e in raw.get("evidence", ()) or ())
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise PlanError(f"{where}: segment {i} has unreadable 'evidence' ({exc})") from exc
    if not 0 <= start < end:
        raise PlanError(f"{where}: segment {i} has start {start} and end {end}")
    return Segment(start=start, end=end, score=score, reasons=reasons, shots=shots, source=source,
                   evidence=evidence)


def atomic_write_text(path: Path, text: str, protected: Sequence = ()) -> None:
    """User-facing exports: guarded (never a film, a folder or the index store), stale
    temps of killed runs cleared, and a failed write is one RenderError line."""
    path = guard_output(path, protected)
    clean_stale_parts(path.parent)
    _atomic_write_text(path, text, error=RenderError)


# extension (longest first) -> format name
EXPORT_EXTENSIONS = {".mpv.edl": "mpv", ".mpv": "mpv", ".otio": "otio", ".edl": "edl",
                     ".fcpxml": "fcpxml", ".xml": "fcp7xml", ".srt": "srt", ".json": "json"}
EXPORT_FORMATS = tuple(dict.fromkeys(EXPORT_EXTENSIONS.values()))


def export_format(path: str | Path, fmt: Optional[str] = None) -> str:
    """The format for ``path``: ``fmt`` when given, else from the extension."""
    if fmt:
        fmt = fmt.lower().lstrip(".")
        fmt = {"xml": "fcp7xml", "cmx3600": "edl", "plan": "json"}.get(fmt, fmt)
        if fmt not in EXPORT_FORMATS:
            raise RenderError(f"unknown export format '{fmt}': use one of "
                              f"{', '.join(EXPORT_FORMATS)}")
        return fmt
    name = Path(path).name.lower()
    for ext, found in EXPORT_EXTENSIONS.items():
        if name.endswith(ext):
            return found
    raise RenderError(f"cannot tell the export format of '{Path(path).name}': use an "
                      f"extension ({', '.join(EXPORT_EXTENSIONS)}) or name the format")


def is_export_path(path: str | Path) -> bool:
    """True when ``path`` names an export (timeline, SRT, JSON), not a video."""
    name = Path(path).name.lower()
    return any(name.endswith(ext) for ext in EXPORT_EXTENSIONS)


def export_path(base: str | Path, fmt: str) -> Path:
    """Where ``--export FMT`` writes beside ``base`` (the output or the film)."""
    ext = {"mpv": ".mpv.edl", "fcp7xml": ".xml"}.get(fmt, f".{fmt}")
    base = Path(base)
    return base.with_name(base.stem + ext)


def export(cut: Cut, path: str | Path, fmt: Optional[str] = None, *,
           source: str | Path | None = None, transcript: Sequence = (),
           fps: Any = None) -> Path:
    """Write ``cut`` as ``fmt`` (or the format ``path``'s extension names); return the path.

    Timelines need the source's frame rate: it is probed from ``source`` (default
    ``cut.source``) unless ``fps`` is given. SRT needs the transcript (``index.sentences``).
    """
    fmt = export_format(path, fmt)
    path = guard_output(path, [source, cut.source], what="export")
    if fmt == "json":
        return write_plan_json(cut, path, source)
    if fmt == "srt":
        from . import subtitles, timeline
        pieces = timeline.pieces_for(cut, source=source, fps=fps)
        cues = subtitles.retime(transcript, [subtitles.Placement(p.start, p.end, p.out_start)
                                             for p in pieces])
        return subtitles.write_srt(cues, path)
    from . import timeline
    return timeline.write_timeline(cut, path, fmt, source=source, fps=fps)
