"""`cutbot serve [FILM] [--library]`: the web page, local by default, behind a one-time token.

It indexes the film when needed (a bar in the terminal, a bar on the page), prints one
line with the address (and its token) and opens the browser. It only parses options and
starts the server; the page talks to the same ``Editor`` as the chat. With ``--library``
the page lists the library's films first and asks across them (``web/library.py``).
"""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Optional

import typer

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")


def is_local(host: str) -> bool:
    """True for a loopback address or name (the only ones no other machine can reach)."""
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    from cutbot.indexers.errors import CutbotError
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CutbotError(f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                              f"(try --port with another number)") from exc


def serve_command(run, console, errors, index_progress):
    """The typer command, given the CLI's runner (one-line errors), consoles and bars:
    agent/cli.py registers it, and this module never imports the CLI back."""
    def serve(film: Optional[Path] = typer.Argument(None, help="the film (default: the last "
                                                    "one used in this folder)"),
              host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (local"
                                       " by default; anything else is reachable by other machines)"),
              port: int = typer.Option(8765, "--port", min=0, max=65535, help="port to listen on"),
              no_browser: bool = typer.Option(False, "--no-browser", help="do not open a browser"),
              library: bool = typer.Option(False, "--library", help="the library's films first "
                                           "(cutbot library add), and requests across all of them")):
        """A web page to watch the film, ask, refine, play the cut, render and export."""
        run(_serve, film, host, port, no_browser, console, errors, index_progress, library)
    return serve


def _serve(film, host, port, no_browser, console, errors, index_progress, library=False):
    import uvicorn

    from cutbot.indexers.errors import CutbotError
    from cutbot.indexers.media import probe, readable

    from .sessions_store import last_film
    from .web import create_app

    if library and film is not None:
        raise CutbotError("give a film or --library, not both (the library's page opens its films)")
    target = None if library else (film or last_film())
    if target is None and not library:
        raise CutbotError("which film? name one: cutbot serve FILM, or cutbot serve --library")
    if target is not None:
        readable(probe(target))  # a missing or unreadable film: one line, before any server
    if not is_local(host):
        errors.print(f"cutbot: warning: listening on {host}: other machines can reach this "
                     "page (the token still guards it)", markup=False, highlight=False,
                     soft_wrap=True)
    _check_port(host, port)
    if library:
        from .library import Library
        from .web.library import LibraryWebState, create_library_app
        state = LibraryWebState(Library.open())
        state.open(background=True)
        app = create_library_app(state)
    else:
        state = _film_state(target, errors, index_progress)
        app = create_app(state)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/?token={state.token}"
    console.print(f"cutbot: open {url}", markup=False, highlight=False, soft_wrap=True)
    if not no_browser:
        import webbrowser
        try:
            webbrowser.open(url)
        except Exception:  # noqa: BLE001 - no browser here: the printed line is enough
            pass
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def _film_state(target, errors, index_progress):
    """One film's state, opened (indexed when needed) in the background with both bars."""
    from cutbot.indexers.errors import CutbotError

    from .editor import Editor
    from .web.state import WebState

    def opener(progress):  # in the background: the page shows the same progress
        with index_progress() as bar:
            def both(stage, done, total):
                progress(stage, done, total)
                if bar is not None:
                    bar(stage, done, total)
            try:
                return Editor.open(target, progress=both)
            except CutbotError as exc:
                errors.print(f"cutbot: error: {' '.join(str(exc).split())}", markup=False,
                             highlight=False, soft_wrap=True)
                raise
    state = WebState(opener)
    state.open(background=True)
    return state
