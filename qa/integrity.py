"""Is a folder byte for byte what its writer recorded? Checksums, made cheap to repeat.

A build's manifest (and an ONNX export's record) holds each file's SHA-256. Hashing every file
again costs seconds at a million passages (about 4 GB; SHA-256 runs near 1.7 GB/s here), and
every worker would pay it at every boot and reload. So a stamp beside the files records, per
file, the checksum and the file's identity when that checksum was last confirmed: size,
mtime, ctime, inode and device. Any write to a file, however it is made, sets its ctime to
the kernel's clock (no system call sets it back), so a file whose identity still matches the
stamp has not been written since it was hashed and is not hashed again. What this does not
catch: a change made behind the file system's back (a disk's bit rot, a raw write to the
block device) or with the system clock set back; a file system with checksums (ZFS, btrfs)
covers the first.

The writer stamps what it just hashed; a reader that finds no stamp, or a stale one, hashes
the files and writes a fresh stamp if it may (a read-only index is simply hashed every time).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

STAMP = "verified.json"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


class ChecksumMismatch(Exception):
    """A file's content is not what was recorded (carries the file's path)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def _read_stamp(folder: Path) -> dict:
    try:
        stamp = json.loads((folder / STAMP).read_text())
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def write_stamp(folder: Path, checksums: dict[str, str]) -> None:
    """Record that these files have these checksums now (best effort: a read-only folder is
    re-hashed by every reader instead)."""
    stamp = {
        name: {"sha256": sha, "id": identity(folder / name)} for name, sha in checksums.items()
    }
    tmp = folder / f".{STAMP}.{os.getpid()}"
    try:
        tmp.write_text(json.dumps(stamp))
        os.replace(tmp, folder / STAMP)
    except OSError:
        tmp.unlink(missing_ok=True)


def is_stamped(folder: Path, checksums: dict[str, str]) -> bool:
    """True when the stamp vouches for every file, so verify() will hash nothing."""
    stamp = _read_stamp(folder)
    try:
        return all(
            isinstance(stamp.get(name), dict)
            and stamp[name].get("sha256") == expected
            and stamp[name].get("id") == identity(folder / name)
            for name, expected in checksums.items()
        )
    except OSError:
        return False


def verify(folder: Path, checksums: dict[str, str]) -> int:
    """Raise ChecksumMismatch for the first file (relative name -> SHA-256) whose content
    differs; return how many files had to be hashed (0 when the stamp vouched for all)."""
    stamp = _read_stamp(folder)
    hashed = 0
    for name, expected in checksums.items():
        path = folder / name
        known = stamp.get(name)
        if (
            isinstance(known, dict)
            and known.get("sha256") == expected
            and known.get("id") == identity(path)
        ):
            continue
        hashed += 1
        if sha256(path) != expected:
            raise ChecksumMismatch(path)
    if hashed:
        write_stamp(folder, checksums)
    return hashed
