"""Asking across a library of films: the budget, order and exclusions hold over the whole
cut, every segment names its film, and plan JSON version 2 round-trips."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from fakes import WordHashEmbedder, make_index

from cutbot.agent.cut import Cut, Segment
from cutbot.agent.errors import NothingMatched
from cutbot.agent.export import cut_from_dict, read_plan_json, write_plan_json
from cutbot.agent.library import Library
from cutbot.agent.library_plan import LibraryFilm
from cutbot.agent.search import Scorer

FILLER = ["kitchen table plates", "beach sand waves", "forest trees", "mountain snow",
          "desert dunes", "office desk", "city night lights", "garden flowers"]


def scenes(*picks: tuple[int, str], n: int = 8, length: float = 10.0):
    """``n`` scenes of filler with the picked ones (position, words) replaced."""
    words = dict(picks)
    return [(i * length, (i + 1) * length, words.get(i, FILLER[(i + len(picks)) % len(FILLER)]))
            for i in range(n)]


FILMS = {
    "a.mp4": scenes((0, "red car chase street"), (2, "red car chase tunnel")),
    "b.mp4": scenes((4, "red car chase bridge")),
    "c.mp4": scenes((0, "red car chase tunnel"), (5, "red car chase harbour")),
}


def toy_film(name: str, scenes, n: int) -> LibraryFilm:
    index = make_index(scenes)
    index.media = dataclasses.replace(index.media, path=f"/films/{name}", fingerprint=f"{n:064d}")
    emb = WordHashEmbedder()
    return LibraryFilm(index, Scorer(index, emb, emb))


@pytest.fixture
def library(tmp_path) -> Library:
    return Library.of([toy_film(name, scenes, i) for i, (name, scenes) in enumerate(FILMS.items())],
                      home=tmp_path)


def films_of(cut: Cut) -> set[str]:
    return {s.source.rsplit("/", 1)[-1] for s in cut.segments}


def test_every_segment_names_its_film_and_source_order_is_library_then_time(library):
    cut = library.ask("only the red car chases")
    assert films_of(cut) == {"a.mp4", "b.mp4", "c.mp4"}
    keys = [(s.source, s.start) for s in cut.segments]
    assert keys == sorted(keys, key=lambda k: (["/films/a.mp4", "/films/b.mp4", "/films/c.mp4"]
                                               .index(k[0]), k[1]))
    assert len(cut.segments) == 5
    assert any("of 3 film(s) in the library" in n for n in cut.notes)


def test_the_budget_holds_over_the_whole_cut(library):
    cut = library.ask("only the red car chases, under 25 seconds")
    assert 0 < cut.duration <= 25 + 1e-6
    assert len(films_of(cut)) >= 2  # the best of the library, not one film's fill
    shorter = library.ask("make it shorter")
    assert shorter.duration < cut.duration


def test_a_target_length_is_filled_across_films(library):
    cut = library.ask("about 30 seconds of the red car chases")
    assert abs(cut.duration - 30) <= 3.0 + 1e-6


def test_exclusions_hold_in_every_film(library):
    cut = library.ask("the red car chases without the tunnel")
    tunnels = {"/films/a.mp4": (20, 30), "/films/c.mp4": (0, 10)}
    assert cut.segments
    for s in cut.segments:
        if s.source in tunnels:
            a, b = tunnels[s.source]
            assert s.end <= a + 1e-6 or s.start >= b - 1e-6, s
    assert films_of(cut) == {"a.mp4", "b.mp4", "c.mp4"}


def test_reverse_order_reverses_the_whole_cut(library):
    forward = library.ask("only the red car chases")
    backward = library.ask("in reverse order")
    assert [(s.source, s.start) for s in backward.segments] == \
        [(s.source, s.start) for s in reversed(forward.segments)]


def test_dropping_a_segment_drops_it_from_its_own_film_only(library):
    before = library.ask("only the red car chases")
    first = before.segments[0]
    after = library.ask("drop segment 1")
    kept = [(s.source, s.start) for s in after.segments]
    assert (first.source, first.start) not in kept
    assert len(after.segments) == len(before.segments) - 1
    same_time = [s for s in before.segments[1:] if s.start == first.start]
    assert same_time and all((s.source, s.start) in kept for s in same_time)


def test_the_second_chase_is_counted_over_the_whole_cut(library):
    before = library.ask("the red car chases and the forest trees")
    chases = [s for s in before.segments if any("chase" in r for r in s.reasons)]
    after = library.ask("drop the second chase")
    assert (chases[1].source, chases[1].start) not in [(s.source, s.start) for s in after.segments]
    assert len(after.segments) == len(before.segments) - 1


def test_a_subject_no_film_has_is_nothing_matches(library):
    with pytest.raises(NothingMatched, match="library"):
        library.ask("only the giraffes")


def test_plan_v2_round_trips_and_v1_still_loads(library, tmp_path):
    cut = library.ask("only the red car chases")
    data = cut.to_dict()
    assert data["version"] == 2 and all("source" in s for s in data["segments"])
    back = read_plan_json(write_plan_json(cut, tmp_path / "plan.json"))
    assert [(s.source, s.start, s.end) for s in back.segments] == \
        [(s.source, round(s.start, 3), round(s.end, 3)) for s in cut.segments]
    single = Cut("film.mp4", "r", (Segment(1.0, 2.0, 0.5),))
    assert single.to_dict()["version"] == 1 and "source" not in single.to_dict()["segments"][0]
    v1 = cut_from_dict({"version": 1, "source": "film.mp4",
                        "segments": [{"start": 1, "end": 2}]})
    assert v1.segments[0].source is None and v1.sources == ("film.mp4",)


def test_faiss_shortlists_a_large_library(tmp_path):
    from cutbot.agent.plan import ConstraintPlan, Query
    from cutbot.indexers.vectors import VectorStore

    films = []
    for i in range(20):
        picks = [(2, "giraffe savanna")] if i in (3, 17) else []
        films.append(toy_film(f"f{i}.mp4", scenes(*picks), i))
    lib = Library.of(films, home=tmp_path)
    assert lib.sync_vectors() == 20 and lib.sync_vectors() == 0  # incremental: once each
    plan = ConstraintPlan(include=(Query(text="giraffe savanna"),))
    cut = lib.plan(plan, "giraffes")
    assert films_of(cut) == {"f3.mp4", "f17.mp4"}
    assert any("closest to the request" in n for n in cut.notes)
    assert VectorStore.open(tmp_path).choice("frames").kind == "flat"
    assert np.isclose(cut.duration, 20.0)


def test_cli_asks_across_the_library_and_writes_plan_v2(library, tmp_path, monkeypatch):
    import json

    from typer.testing import CliRunner

    from cutbot.agent import library as library_module
    from cutbot.agent.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(library_module.Library, "open", classmethod(lambda cls, home=None: library))
    result = CliRunner().invoke(app, ["only the red car chases, under 25 seconds", "--library",
                                      "--dry-run", "--plan-json", "plan.json"], prog_name="cutbot")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "plan.json").read_text())
    assert data["version"] == 2 and data["duration"] <= 25
    assert len({s["source"] for s in data["segments"]}) >= 2
    assert "film" in result.stdout and "b.mp4" in result.stdout
    nothing = CliRunner().invoke(app, ["only the giraffes", "--library", "--dry-run"],
                                 prog_name="cutbot")
    assert nothing.exit_code != 0 and "library" in nothing.stderr
    assert len(nothing.stderr.strip().splitlines()) == 1
    for args in (["chat"], ["only the cat", "--library", "-i", "film.mp4"]):
        wrong = CliRunner().invoke(app, args, prog_name="cutbot")
        assert wrong.exit_code != 0 and len(wrong.stderr.strip().splitlines()) == 1, wrong.output


def test_chat_asks_and_answers_across_the_library(library, tmp_path):
    from rich.console import Console

    from cutbot.agent.chat import ChatLoop

    lines = iter(["only the red car chases, under 25 seconds", "in reverse order", "why 1", "quit"])
    console = Console(record=True, width=160)
    ChatLoop(library.editor, console, read=lambda _: next(lines), autosave=False).run()
    said = console.export_text()
    assert "a.mp4" in said and "b.mp4" in said
    assert library.cut is not None and library.cut.duration <= 25
    assert library.cut.constraints["order"] == "reverse"


def _tiny(out, size: str, seconds: float = 4.0, start: float = 0.0):
    """A small real clip of the sample film: 25 fps H.264 with AAC sound, GOPs of 1 s."""
    import subprocess

    import imageio_ffmpeg

    film = Path(__file__).resolve().parents[1] / "examples" / "sample_film.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                    "-ss", str(start), "-t", str(seconds), "-i", str(film), "-vf", f"scale={size}",
                    "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-c:a", "aac",
                    "-ar", "48000", str(out)], check=True, timeout=120)
    return out


@pytest.mark.parametrize("sizes,joined", [(("320:180", "320:180"), "share codec parameters"),
                                          (("320:180", "256:144"), "re-encoded to a common")])
def test_render_across_films_joins_or_reencodes_and_exports_one_reference_per_film(
        tmp_path, sizes, joined):
    from cutbot.agent.multi_render import export_across, render_across
    from cutbot.agent.timeline import read_timeline

    a = _tiny(tmp_path / "a.mp4", sizes[0], start=0.0)
    b = _tiny(tmp_path / "b.mp4", sizes[1], start=10.0)
    segs = (Segment(0.4, 1.6, 0.9, source=str(a)), Segment(1.0, 2.72, 0.8, source=str(b)),
            Segment(2.0, 3.0, 0.7, source=str(a)))
    cut = Cut(str(a), "test", segs)
    result = render_across(cut, tmp_path / "out.mp4")
    length, width, audio = _probe(result.path)
    assert abs(length - cut.duration) <= 0.1 and width == 320 and audio == 1
    assert joined in result.reason, result.reason
    import av
    with av.open(str(result.path)) as c:  # every picture decodes, across every join
        assert sum(1 for _ in c.decode(video=0)) == round(cut.duration * 25)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no parts left
    timeline = read_timeline(export_across(cut, tmp_path / "cut.otio"))
    clips = list(timeline.find_clips())
    assert [Path(c.media_reference.target_url).name for c in clips][:3] == ["a.mp4", "b.mp4", "a.mp4"]
    assert export_across(cut, tmp_path / "cut.edl").read_text().count("a") > 0
    mpv = export_across(cut, tmp_path / "cut.mpv.edl").read_text()
    assert "a.mp4" in mpv and "b.mp4" in mpv


# -- the real path: three real films, indexed, asked, rendered -------------------------
def _clip(src, out, start: float, length: float, size: str | None = None):
    import subprocess

    import imageio_ffmpeg

    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
           "-ss", str(start), "-t", str(length), "-i", str(src)]
    if size:
        cmd += ["-vf", f"scale={size}"]
    cmd += ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "50",
            "-c:a", "aac", "-ar", "48000", str(out)]
    subprocess.run(cmd, check=True, timeout=120)
    return out


def _index_all(library):
    """On a real local Ray with two workers (the catalogue's ``index_library``)."""
    report = library.index(workers=2)
    assert report.cpus == 2 and not report.failed, report


def _probe(path):
    import av

    with av.open(str(path)) as c:
        v = c.streams.video[0]
        return float(v.duration * v.time_base), v.codec_context.width, len(c.streams.audio)


@pytest.mark.slow
def test_three_real_films_indexed_asked_and_rendered(sample_film, sample_home, tmp_path, monkeypatch):
    import shutil

    from cutbot.indexers.vectors import VectorStore

    home = tmp_path / "home"
    shutil.copytree(sample_home / "indexes", home / "indexes")  # the sample film: indexed once
    monkeypatch.setenv("CUTBOT_HOME", str(home))
    films = tmp_path / "films"
    films.mkdir()
    shutil.copy(sample_film, films / "sample_film.mp4")
    _clip(sample_film, films / "cat_again.mp4", 0.0, 12.0)  # the same cat again
    _clip(sample_film.parent / "dev_film.mp4", films / "dev_part.mp4", 0.0, 8.0, "480:270")
    library = Library.open(home)
    assert len(library.add(films)) == 3
    _index_all(library)
    assert all(r.state == "indexed" for r in library.films())
    assert sorted(VectorStore.open(home).films) == sorted(r.fingerprint for r in library.films())

    cut = library.ask("only the cat, under 20 seconds")
    names = {Path(s.source).name for s in cut.segments}
    assert len(names) >= 2, cut.explain()
    assert cut.duration <= 20 + 1e-6
    plan = cut.to_dict()
    assert plan["version"] == 2
    result = library.render(tmp_path / "out" / "cats.mp4")  # the folder is made
    length, width, audio = _probe(result.path)
    assert abs(length - cut.duration) <= 0.1, (length, cut.duration, result.reason)
    assert audio == 1 and result.reason
    otio_path = library.export(tmp_path / "out" / "cats.otio")
    from cutbot.agent.timeline import read_timeline
    timeline = read_timeline(otio_path)
    urls = {c.media_reference.target_url for c in timeline.find_clips()}
    assert {Path(u).name for u in urls} == names


def test_a_request_is_embedded_once_for_the_whole_library(monkeypatch, tmp_path):
    """Every film's scorer shares the library's query memo: a request across three films
    costs one pass of the text model for each new text, not one per film."""
    asked: list[tuple[str, ...]] = []

    class Counting(WordHashEmbedder):
        def embed(self, texts):
            asked.append(tuple(texts))
            return super().embed(texts)

    pictures = WordHashEmbedder()
    monkeypatch.setattr(Scorer, "text", property(lambda self: self._text or Counting()))
    monkeypatch.setattr(Scorer, "visual", property(lambda self: pictures))
    indexes = []
    for n, (name, scenes_) in enumerate(FILMS.items()):
        # (a line longer than the request: "only the red car chases" is no line typed without quote marks)
        index = make_index(scenes_, sentences=[(a, a + 5, f"look over there, it is the {what} again") for a, _, what in scenes_])
        index.media = dataclasses.replace(index.media, path=f"/films/{name}", fingerprint=f"{n:064d}")
        indexes.append(index)
    cut = Library.of(indexes, home=tmp_path).ask("only the red car chases")
    assert films_of(cut) == {"a.mp4", "b.mp4", "c.mp4"}
    texts = [t for call in asked for t in call]
    assert texts and len(texts) == len(set(texts)), asked  # each text once, though three films ask


def test_refresh_keeps_the_loaded_films_whose_index_did_not_change(monkeypatch, tmp_path):
    """The web page refreshes the library when a picked film is indexed: only that film (or
    one whose index was rebuilt) is read from disk again, not every film."""
    import os

    from cutbot.agent import library as library_mod
    from cutbot.indexers.catalogue import FilmRecord

    records, loads = [], []

    def film(n: int):
        root = tmp_path / f"index{n}"
        root.mkdir(exist_ok=True)
        (root / "manifest.json").write_text("{}")
        path = tmp_path / f"film{n}.mp4"
        path.write_bytes(b"x")
        records.append(FilmRecord(f"{n:064d}", path, path.name, 80.0, "indexed", root, 0, 1.0, None))

    def load_index(path, home=None):
        loads.append(Path(path).name)
        n = int(Path(path).stem[4:])
        index = dataclasses.replace(make_index(scenes()), root=str(tmp_path / f"index{n}"))
        index.media = dataclasses.replace(index.media, path=str(Path(path).resolve()), fingerprint=f"{n:064d}")
        return index

    class Catalogue:
        def films(self, indexed_only=False):
            return list(records)

    monkeypatch.setattr(library_mod, "load_index", load_index)
    film(0), film(1)
    library = Library(tmp_path, Catalogue())
    first = library.loaded()
    assert loads == ["film0.mp4", "film1.mp4"]
    film(2)  # indexed since, e.g. picked on the web page
    library.refresh()
    again = library.loaded()
    assert loads[2:] == ["film2.mp4"] and again[:2] == first and again[0].scorer is first[0].scorer
    manifest = tmp_path / "index1" / "manifest.json"
    os.utime(manifest, ns=(manifest.stat().st_mtime_ns + 10**9,) * 2)  # film1 indexed again
    library.refresh()
    assert [f.name for f in library.loaded()] == ["film0.mp4", "film1.mp4", "film2.mp4"]
    assert loads[3:] == ["film1.mp4"]
