"""The library's hot paths, old way vs new way, interleaved in one run (timings on a shared
machine are noisy: compare the two columns of the same run).

(a) a new request across the dev films: one query cache per film (old: each film's scorer
    embeds the request) vs one memo for the library (``SharedQueries``): model passes, CPU;
(b) a poster's catalogue lookup in a 2,000-film catalogue: every film read and scanned
    (old) vs ``Catalogue.by_id`` (one row);
(c) ``Library.refresh`` then ``loaded()``: every index read again (old) vs the unchanged
    ones kept.

    CUTBOT_HOME=/tmp/q HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 python bench/library_speed.py

CUTBOT_HOME must hold the dev films' indexes (``bench/quality.py --split dev`` builds them);
they are copied to a temp folder first, so the query caches written here stay there.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILMS = [ROOT / "examples" / "sample_film.mp4", ROOT / "examples" / "dev_film.mp4",
         ROOT / "bench" / "films" / "media" / "gallery.mp4"]
WORDS = ["harbour", "violin", "glacier", "lantern", "tortoise", "orchard", "chimney", "saddle",
         "compass", "meadow", "trumpet", "canyon", "kettle", "anchor", "falcon", "quilt"]
ROUNDS = 6


def _median(xs):
    return sorted(xs)[len(xs) // 2]


def shared_queries(home: Path) -> None:
    from cutbot.agent.library import Library
    from cutbot.agent.library_plan import LibraryFilm
    from cutbot.agent.search import Scorer
    from cutbot.indexers import text_cache
    from cutbot.indexers.store import load_index

    films = [load_index(p, home=home) for p in FILMS]
    passes = [0]
    inner = text_cache.CachedTextEmbedder.inner.fget

    class Counting:
        def __init__(self, model):
            self._model = model

        def __getattr__(self, name):
            return getattr(self._model, name)

        def embed(self, texts):
            passes[0] += 1
            return self._model.embed(texts)

    text_cache.CachedTextEmbedder.inner = property(lambda self: Counting(inner(self)))
    Library.of(films).ask("scenes with a cat")  # the models load once, outside the timings
    rows: dict[str, list] = {"old": [], "new": []}
    for i in range(ROUNDS):
        for kind in ("old", "new") if i % 2 == 0 else ("new", "old"):
            library = (Library.of([LibraryFilm(ix, Scorer(ix)) for ix in films]) if kind == "old"
                       else Library.of(films))
            request = f"the parts where they talk about a {WORDS[(2 * i + (kind == 'new')) % len(WORDS)]} {os.getpid()}"
            passes[0] = 0
            cpu = time.process_time()
            try:
                library.ask(request)
            except Exception:  # nothing matches: the embedding was paid all the same
                pass
            rows[kind].append((passes[0], time.process_time() - cpu))
    text_cache.CachedTextEmbedder.inner = property(inner)
    for kind, got in rows.items():
        print(f"(a) {kind}: {len(films)} films, text model passes per new request "
              f"{[p for p, _ in got]}, CPU median {_median([c for _, c in got]):.3f} s")


def poster_lookup(home: Path) -> None:
    from cutbot.indexers.catalogue import Catalogue

    cat = Catalogue.open(home / "big")
    with cat._write() as c:
        for n in range(2000):
            c.execute("INSERT INTO films (fingerprint, path, name, duration, added_at) "
                      "VALUES (?, ?, ?, 10, 0)", (f"{n:064x}", f"/films/f{n}.mp4", f"f{n}.mp4"))
    ids = [f"{n:064x}"[:16] for n in range(0, 2000, 20)]
    for kind in ("old", "new", "old", "new"):
        start = time.perf_counter()
        for fid in ids:
            if kind == "old":
                next(r for r in cat.films() if r.fingerprint[:16] == fid)
            else:
                cat.by_id(fid)
        print(f"(b) {kind}: {(time.perf_counter() - start) / len(ids) * 1000:.2f} ms per poster "
              f"lookup in 2,000 films")
    cat.close()


def refresh(home: Path) -> None:
    from cutbot.agent.library import Library
    from cutbot.indexers.catalogue import Catalogue

    cat = Catalogue.open(home)
    cat.add(*FILMS)
    for r in cat.films():
        cat.mark(r.fingerprint, "indexed")
    library = Library(home, cat)
    library.loaded()
    for kind in ("old", "new") * 3:
        library.refresh()
        if kind == "old":
            library._kept.clear()
        start, cpu = time.perf_counter(), time.process_time()
        library.loaded()
        print(f"(c) {kind}: refresh + loaded() of {len(FILMS)} films "
              f"{time.perf_counter() - start:.3f} s wall, {time.process_time() - cpu:.3f} s CPU")
    cat.close()


def main() -> None:
    from cutbot.indexers.settings import cutbot_home

    with tempfile.TemporaryDirectory(prefix="cutbot-library-speed-") as tmp:
        home = Path(tmp)
        shutil.copytree(cutbot_home() / "indexes", home / "indexes")
        for shared in ("models", "cache"):  # read-only here: linked, not copied
            if (cutbot_home() / shared).is_dir():
                (home / shared).symlink_to(cutbot_home() / shared)
        os.environ["CUTBOT_HOME"] = str(home)
        shared_queries(home)
        poster_lookup(home)
        refresh(home)


if __name__ == "__main__":
    main()
