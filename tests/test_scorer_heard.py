"""A name listened for again renames the film's voices and faces, so hits the Scorer kept from
before it are read again: long_dev's "dan on screen" found nothing after a request that had
asked for Dan before his name was heard, and Dan's shots after any other (issue #11)."""
from __future__ import annotations

import os
from pathlib import Path

from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from cutbot.indexers.names_heard import HEARD_FILE
from fakes import WordHashEmbedder, sentence_film


def test_hits_kept_from_before_a_name_was_heard_are_read_again(tmp_path, monkeypatch):
    import dataclasses

    index = dataclasses.replace(sentence_film(["hi dan, drive safely", "the plumber came"]), root=str(tmp_path))
    scorer = Scorer(index, text_embedder=WordHashEmbedder())
    reads = []
    real = scorer._score
    monkeypatch.setattr(scorer, "_score", lambda *a, **k: reads.append(a[0].text) or real(*a, **k))
    query = Query(text="plumber", modality="speech")
    first = scorer.score(query)
    assert scorer.score(query) is first and reads == ["plumber"]  # kept while nothing new is heard
    heard = Path(tmp_path) / HEARD_FILE
    heard.write_text('{"names": {"dan": []}}')
    os.utime(heard, ns=(1, 1))  # a stamp unlike "none heard"
    scorer.score(query)
    assert reads == ["plumber", "plumber"]
