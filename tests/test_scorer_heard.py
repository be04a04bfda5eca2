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


def test_words_heard_before_are_known_to_every_scorer(tmp_path):
    """A word listened for again by one request ("the courgettes") is said in its line for every
    later Scorer of the film, without a decode and whatever is asked first."""
    import dataclasses
    import json

    from cutbot.indexers.words_heard import WORDS_FILE

    index = dataclasses.replace(sentence_film(["the forgetty's are the size of my arm", "the plumber came"]),
                                root=str(tmp_path))
    line = [["The", 0.9], ["courgettes", 0.9], ["are", 0.9], ["the", 0.9], ["size", 0.9], ["of", 0.9], ["my", 0.9],
            ["arm", 0.9]]
    (Path(tmp_path) / WORDS_FILE).write_text(json.dumps(
        {"speech": index.models.get("speech"), "words": {"courgettes": {"1.00-5.00": line}}}))
    words = Scorer(index, text_embedder=WordHashEmbedder()).transcript
    assert words.said("courgette").tolist()[0] >= 0.5 and "courgette" in words.again
