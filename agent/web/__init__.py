"""`cutbot serve`: a local web page over the same ``Editor`` API as the CLI and chat.

``create_app(WebState(...))`` gives the ASGI app (FastAPI behind a token guard); the
modules: ``state`` (tabs, jobs), ``guard`` (token, sizes, traversal), ``app`` (routes),
``pages`` (HTML and JSON), ``pictures`` (thumbnails, faces, posters), ``library``
(``cutbot serve --library``: the film list, a film by id, asks across the library).
"""
from __future__ import annotations


def create_app(state):
    from .app import create_app as make
    return make(state)
