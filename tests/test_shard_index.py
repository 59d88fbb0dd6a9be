"""The embedding cache's index (qa.shards.ShardIndex): sorted arrays of 16-byte key ids, not a
dict of Python objects (scripts/bench_shard_index.py measures its memory). What a build relies
on: which keys are missing, each key's vector in the order asked, the first shard to hold a key
wins, shards added mid-build are found, and a damaged shard is ignored."""

from __future__ import annotations

import numpy as np
import pytest

from qa import shards


def _keys(*texts: str) -> list[bytes]:
    return [shards.key("model", t) for t in texts]


def _vec(*values: float) -> np.ndarray:
    return np.array([[v, -v] for v in values], dtype=np.float32)


def test_ids_are_the_keys_first_128_bits():
    key = shards.key("model", "text")
    [one] = shards.ids([key])
    assert one == bytes.fromhex(key[:32].decode()).rstrip(b"\0")
    assert len(set(shards.ids(_keys(*map(str, range(1000)))).tolist())) == 1000


def test_missing_gather_and_the_first_shard_wins(tmp_path):
    a, b, c, d = _keys("a", "b", "c", "d")
    shards.write_shard(tmp_path, np.array([a, b]), _vec(1, 2))
    index = shards.ShardIndex(tmp_path)
    assert index.missing([c, a, c, d, b]) == [c, d]
    # Added after a lookup (as a build adds the shards it writes), with a duplicate of b.
    index.add_shard(shards.write_shard(tmp_path, np.array([c, b]), _vec(3, 9)))
    assert index.missing([a, b, c, d]) == [d]
    got = index.gather(shards.ids([c, a, b, b]), 2)
    assert np.array_equal(got, _vec(3, 1, 2, 2))  # b from the first shard that held it
    with pytest.raises(KeyError):
        index.gather(shards.ids([d]), 2)
    # A fresh index over the same folder agrees, whatever order it lists the shards in.
    again = shards.ShardIndex(tmp_path)
    assert again.missing([a, b, c, d]) == [d]
    assert np.array_equal(again.gather(shards.ids([a, c]), 2), _vec(1, 3))


def test_a_damaged_shard_is_ignored(tmp_path):
    a, b = _keys("a", "b")
    shards.write_shard(tmp_path, np.array([a]), _vec(1))
    (tmp_path / "broken.keys.npy").write_bytes(b"not numpy")
    index = shards.ShardIndex(tmp_path)
    assert index.missing([a, b]) == [b]


def test_many_shards_in_key_order_and_out_of_it(tmp_path):
    texts = [str(i) for i in range(3000)]
    keys = _keys(*texts)
    rng = np.random.default_rng(0)
    order = rng.permutation(len(keys))
    for start in range(0, len(keys), 512):
        part = order[start : start + 512]
        shards.write_shard(tmp_path, np.array([keys[i] for i in part]), _vec(*part))
    index = shards.ShardIndex(tmp_path)
    assert index.missing(keys) == []
    got = index.gather(shards.ids(keys), 2)
    assert np.array_equal(got[:, 0], np.arange(len(keys), dtype=np.float32))


def test_gathering_every_vector_leaves_no_file_pages_held(tmp_path):
    """The build's vector stage reads every cached vector; a shard's map kept open kept its
    pages in the process (1.5 GB at 1M passages). 60 MB of shards here."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    rng = np.random.default_rng(0)
    for start in range(0, 40_960, 512):
        keys = _keys(*(str(i) for i in range(start, start + 512)))
        shards.write_shard(tmp_path, np.array(keys), rng.random((512, 384), dtype=np.float32))
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "import numpy as np\n"
        "from qa import shards\n"
        "def rss():\n"
        "    return int(Path('/proc/self/status').read_text().split('VmRSS:')[1].split()[0])\n"
        "index = shards.ShardIndex(Path(sys.argv[1]))\n"
        "ids = np.concatenate([shards.ids(np.load(p)) for p in index.shards])\n"
        "before = rss()\n"
        "for at in range(0, len(ids), 8192):\n"
        "    index.gather(ids[at : at + 8192], 384)\n"
        "print(json.dumps({'grown_mb': (rss() - before) / 1024}))\n"
    )
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=root
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["grown_mb"] < 20  # 60 MB of vector files were read
