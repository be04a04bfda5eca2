"""The smart render's parts made in-process (copies remuxed, edges decoded and encoded)
refuse what would not be exact, and a join across films trusts counts its parts' renders
checked instead of reading every part again."""
from __future__ import annotations

from pathlib import Path

import av
import pytest

from cutbot.agent import smart_edges, smart_render as smart
from cutbot.agent.media_io import probe_source
from cutbot.agent.multi_render import _check_join
from test_render import make_clip, stamps


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    return make_clip(tmp_path_factory.mktemp("parts") / "stamped.mp4", seconds=4)


def test_a_copy_starts_on_its_keyframe_or_not_at_all(clip, tmp_path):
    info = probe_source(clip)
    gops = smart.scan(clip, info)
    with smart_edges.open_source(clip, info) as source:
        smart_edges.copy_part(source, info, gops, 25, 30, tmp_path / "ok.ts")
        with pytest.raises(smart.NotSmartable, match="does not start on its keyframe"):
            smart_edges.copy_part(source, info, gops, 26, 10, tmp_path / "bad.ts")
        with pytest.raises(smart.NotSmartable, match="holds 25 of 40 frames"):
            smart_edges.copy_part(source, info, gops, 75, 40, tmp_path / "short.ts")
    assert stamps(tmp_path / "ok.ts") == list(range(25, 55))
    with av.open(str(tmp_path / "ok.ts")) as c:  # parameter sets in band: decodes alone
        assert c.format.name == "mpegts" and c.streams.video[0].codec_context.name == "h264"


def test_edges_of_one_batch_share_an_open_source(clip, tmp_path):
    info = probe_source(clip)
    gops = smart.scan(clip, info)
    edges = [smart.Part("encode", 30, 3, 0), smart.Part("encode", 99, 1, 3)]
    files = [tmp_path / "a.ts", tmp_path / "b.ts"]
    with smart_edges.open_source(clip, info) as source:
        smart_edges.encode_edges(clip, info, gops, edges, files, source)
        smart_edges.encode_edges(clip, info, gops, edges[::-1], files[::-1], source)  # seeks back
    for edge, path in zip(edges, files):
        smart.check_part(path, edge, gops)
        assert stamps(path) == list(range(edge.first, edge.first + edge.frames))


def test_a_join_is_checked_against_the_counts_its_parts_were_checked_with(clip):
    assert _check_join(clip, [], 4.0, counted=100) is None
    assert _check_join(clip, [], 4.0, counted=101) == "the copied join has 100 pictures, not 101"
    assert _check_join(clip, [clip], 4.0) is None  # without counts: the parts are read


def test_an_interrupted_render_stops_its_edges_at_the_next_picture(clip, tmp_path):
    import threading

    info = probe_source(clip)
    stop = threading.Event()
    stop.set()
    with pytest.raises(smart.NotSmartable, match="stopped"):
        smart_edges.encode_edges(clip, info, smart.scan(clip, info),
                                 [smart.Part("encode", 30, 10, 0)], [tmp_path / "e.ts"], None, stop)
