"""The routes of `cutbot serve`: a page, a JSON API over ``Editor``, media by id.

The browser never sends a path: the film is ``/media/<film id>``, thumbnails and faces
are numbered, outputs are ``/download/<job id>`` in a folder the server chose under
CUTBOT_HOME. Every line typed goes through ``Editor.respond``, as in the chat; only
"render PATH" / "export PATH" / "save" are answered here, since a path typed in a browser
must not choose where the server writes.
"""
from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Optional

from fastapi import Body, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from cutbot.indexers.errors import CutbotError

from ..conversation import Reply
from ..intent import parse_intent
from .guard import Guard
from .pages import indexing_page, main_page, people_json, profile_json, static_file, tab_json
from .pictures import face_picture, shot_thumbnail
from .state import FORMATS, WebState

MAX_TEXT = 2000  # characters in one chat line: longer is a 422 with the limit named
ID = r"^[0-9a-f]{32}$"
FILM_ID = r"^[0-9a-f]{1,64}$"


class Say(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT)


class NewTab(BaseModel):
    resume: bool = False


class StartJob(BaseModel):
    format: str = Field("mp4", max_length=10)


class Rename(BaseModel):
    name: str = Field(..., min_length=1, max_length=80)


class Forget(BaseModel):
    topic: Optional[str] = Field(None, max_length=200)


def create_app(state: WebState) -> Guard:
    """The ASGI app for ``state``: FastAPI behind the token/size/traversal guard."""
    return Guard(film_api(state), state.token)


def film_api(state: WebState, page=None) -> FastAPI:
    """The routes over ``state`` (one film, or the library's: ``web/library.py``), without
    the guard; ``page(state, base)`` draws ``/`` (default: the film's page). Mounted under
    a prefix, every address it hands out starts with that prefix (``root_path``)."""
    api = FastAPI(title="cutbot", docs_url=None, redoc_url=None, openapi_url=None)

    def need_ready():
        if not state.ready:
            failed = state.indexing.state == "failed" and state.indexing.message
            raise HTTPException(503, failed or state.WAITING)
        return state.base

    def need_tab(sid: str):
        need_ready()
        return there(state.tab(sid), "no such session: reload the page")

    def need_film(film_id: str):
        need_ready()
        return there(state.index_of(film_id))

    @api.exception_handler(RequestValidationError)
    async def _invalid(request, exc: RequestValidationError):
        """A malformed id or name in the address is simply not there (404); a bad body
        says what is wrong in one line (422)."""
        errors = exc.errors()
        if any(e.get("loc", ("",))[0] == "path" for e in errors):
            return JSONResponse({"detail": "not found"}, status_code=404)
        said = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ())[1:]) or 'body'}: {e.get('msg', '')}"
                         for e in errors)
        return JSONResponse({"detail": said}, status_code=422)

    @api.exception_handler(CutbotError)
    async def _cutbot_error(request, exc: CutbotError):
        return JSONResponse({"detail": " ".join(str(exc).split())}, status_code=400)

    @api.get("/", response_class=HTMLResponse)
    def home(request: Request):
        base = request.scope.get("root_path", "")
        if page is not None:
            return HTMLResponse(page(state, base))
        if not state.ready:
            return HTMLResponse(indexing_page(state, base))
        return HTMLResponse(main_page(state, base))

    @api.get("/favicon.ico")
    def favicon():
        return Response(status_code=204)

    @api.get("/static/{name}")
    def static(name: str = PathParam(..., pattern=r"^[a-z]+\.(?:js|css)$")):
        body, kind = there(static_file(name))
        return Response(body, media_type=kind, headers={"cache-control": "no-cache"})

    @api.get("/api/index/events")
    async def index_events():
        return StreamingResponse(_events(lambda: state.indexing.to_dict()),
                                 media_type="text/event-stream", headers={"cache-control": "no-store"})

    @api.post("/api/sessions")
    def new_session(body: NewTab = Body(default_factory=NewTab)):
        need_ready()
        sid = state.new_tab(resume=body.resume)
        return {"session": sid, **tab_json(state.tab(sid))}

    @api.get("/api/s/{sid}")
    def get_session(sid: str = PathParam(..., pattern=ID)):
        return tab_json(need_tab(sid))

    @api.post("/api/s/{sid}/say")
    def say(body: Say, sid: str = PathParam(..., pattern=ID)):
        editor = need_tab(sid)
        with state.lock:
            reply, job = _answer(state, editor, body.text)
            changed = reply.kind in ("plan", "undo", "redo", "reset") or reply.change is not None
            if changed:
                state.save_tab(editor)
        out = tab_json(editor, reply)
        if job is not None:
            out["job"] = {"id": job.id, "format": job.fmt}
        return out

    @api.get("/api/s/{sid}/why/{n}")
    def why(sid: str = PathParam(..., pattern=ID), n: int = PathParam(..., ge=1, le=100000)):
        editor = need_tab(sid)
        return {"lines": editor.why(n)}

    @api.post("/api/s/{sid}/jobs")
    def start_job(body: StartJob, sid: str = PathParam(..., pattern=ID)):
        editor = need_tab(sid)
        job = state.start_job(editor, body.format.lower())
        return {"id": job.id, "format": job.fmt}

    @api.get("/api/jobs/{jid}/events")
    async def job_events(request: Request, jid: str = PathParam(..., pattern=ID)):
        base = request.scope.get("root_path", "")
        job = there(state.job(jid), "no such job")

        def snapshot():
            data = job.progress.to_dict()
            if data["state"] == "done":
                data.update(download=f"{base}/download/{job.id}", name=job.path.name if job.path else "",
                            duration=job.duration)
            return data
        return StreamingResponse(_events(snapshot), media_type="text/event-stream",
                                 headers={"cache-control": "no-store"})

    @api.get("/download/{jid}")
    def download(jid: str = PathParam(..., pattern=ID)):
        job = state.job(jid)
        if job is None or job.path is None or job.progress.state != "done" or not job.path.is_file():
            raise HTTPException(404, "not found")
        return FileResponse(job.path, filename=job.path.name)

    @api.get("/media/{film_id}")
    def media(film_id: str = PathParam(..., pattern=FILM_ID)):
        path = Path(need_film(film_id).media.path)
        if not path.is_file():
            raise HTTPException(404, "the film is no longer where it was indexed")
        return FileResponse(path, media_type=_video_type(path))  # answers Range with 206

    @api.get("/thumb/{film_id}/{shot}.jpg")
    def thumb(film_id: str = PathParam(..., pattern=FILM_ID), shot: int = PathParam(..., ge=0)):
        return picture(shot_thumbnail(need_film(film_id), shot), "image/jpeg", "max-age=86400")

    @api.get("/face/{film_id}/{person}.png")
    def face(film_id: str = PathParam(..., pattern=FILM_ID), person: int = PathParam(..., ge=1)):
        return picture(face_picture(need_film(film_id), person), "image/png", "no-cache")

    @api.get("/api/people")
    def people():
        return people_json(need_film(state.film_id))

    @api.post("/api/people/{person}")
    def rename(body: Rename, person: int = PathParam(..., ge=1, le=100000)):
        from ..naming import Naming, apply_naming
        index = need_film(state.film_id)
        if not any(p.id == person for p in index.people):
            raise HTTPException(404, f"there is no person {person}")
        name = " ".join(body.name.split())
        with state.lock:
            _, message = apply_naming(index, Naming(f"person {person}", name))
        return {"message": message, **people_json(index)}

    @api.get("/api/profile")
    def profile():
        return profile_json(need_ready().profile)

    @api.post("/api/profile/forget")
    def forget(body: Forget = Body(default_factory=Forget)):
        prof = need_ready().profile
        gone = prof.forget(body.topic or None)
        what = f"about '{body.topic}'" if body.topic else "in all"
        return {"message": f"forgot {gone} preference(s) {what}", **profile_json(prof)}

    return api


def there(found, detail: str = "not found"):
    """``found``, or a 404 when it is None."""
    if found is None:
        raise HTTPException(404, detail)
    return found


def picture(path: Optional[Path], kind: str, cache: str) -> FileResponse:
    """A picture made (or found) on the server; None is simply not there."""
    return FileResponse(there(path), media_type=kind, headers={"cache-control": cache})


def _answer(state: WebState, editor, text: str):
    """``Editor.respond`` for every line, except the file commands: a browser never
    names a path on the server, so "render X" renders into the server's folder."""
    intent = None
    try:
        intent = parse_intent(text)
    except CutbotError:
        pass  # respond() gives the clarifying answer itself
    kind = getattr(intent, "kind", None)
    if kind == "save":
        path = state.save_tab(editor)
        said = (f"saved {editor.session.version} version(s) to {path.name}" if path is not None else
                "a conversation across the library is not saved: Export the plan as json to keep it")
        return Reply("save", editor.cut, lines=(said,)), None
    if kind in ("render", "export"):
        fmt = "mp4" if kind == "render" else _format_of(getattr(intent, "arg", None))
        if editor.cut is None:
            return Reply(kind, None, lines=(f"nothing to {kind} yet: ask for a cut first",)), None
        job = state.start_job(editor, fmt)
        return Reply(kind, editor.cut, lines=(f"{kind}ing the cut as {fmt}: see the progress "
                                              f"bar (files go to the server's own folder)",)), job
    return editor.respond(text), None


def _format_of(arg: Optional[str]) -> str:
    """Only the extension of a typed name counts ("export cut.otio" -> otio)."""
    if arg:
        ext = arg.rsplit(".", 1)[-1].lower()
        if ext in FORMATS:
            return ext
    return "json"


def _video_type(path: Path) -> str:
    return {".mp4": "video/mp4", ".m4v": "video/mp4", ".mov": "video/quicktime",
            ".webm": "video/webm", ".mkv": "video/x-matroska"}.get(path.suffix.lower(), "video/mp4")


async def _events(snapshot, every: float = 0.2, most: float = 3600.0):
    """Server-Sent Events: the snapshot whenever it changes, until done or failed."""
    last, waited = None, 0.0
    while True:
        data = snapshot()
        text = json.dumps(data)
        if text != last:
            yield f"data: {text}\n\n"
            last = text
        if data.get("state") in ("done", "failed") or waited > most:
            return
        await asyncio.sleep(every)
        waited += every
