"""Folders -> the files to read, by the rules of find, ripgrep and rsync rather than
pathlib's: a symbolic link is followed only while its target stays inside the folder given (a
web server's `disable_symlinks`/`SymLinksIfOwnerMatch` idea: a link must not publish a private
file from elsewhere), FIFOs, sockets and devices are never opened, and every entry that cannot
be read is named in a warning."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qa.problems import LoadWarning, shown

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
# A data set's own documentation, met while walking a folder, is not an article.
NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|notice)(\.\w+)?$", re.I)


def file_kind(mode: int) -> str:
    """What a non-regular file is, for the warning."""
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a file"


def os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


@dataclass
class _Found:
    """A file met while walking a folder: where, under which name, and what it really is."""

    path: Path
    name: str  # path relative to the folder given, "/"-separated
    key: tuple[int, int]  # (device, inode) of the file itself
    via_link: bool


class _Walk:
    """One folder given to `qa index`: its files, links inside it followed, the rest named.

    Real folders are walked first, without following links (os.scandir, so an unreadable
    folder raises here instead of being passed over as rglob does); links are then resolved
    one by one: a link whose target leaves the folder is refused, a link to a folder not yet
    walked is walked (so a loop ends at a folder walked already), and a link to a file read
    under its own name is not read twice."""

    def __init__(self, root: Path, warnings: list[LoadWarning]) -> None:
        self.root = root
        self.top = Path(os.path.realpath(root))
        self.warnings = warnings
        self.folders: set[tuple[int, int]] = set()
        self.files: list[_Found] = []
        self.links: list[tuple[Path, str]] = []

    def files_in_order(self) -> list[_Found]:
        info = os.stat(self.root)
        self.folders.add((info.st_dev, info.st_ino))
        self._scan(self.root, "")
        while self.links:
            self._follow(*self.links.pop(0))
        return self._unique()

    def _scan(self, folder: Path, prefix: str) -> None:
        """Every entry under `folder` (iteratively: no depth limit to hit); links are queued."""
        stack = [(folder, prefix)]
        while stack:
            folder, prefix = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                self._warn(folder, f"unreadable folder ({os_reason(exc)}), skipped")
                continue
            for entry in entries:
                path, name = Path(entry.path), prefix + entry.name
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError as exc:
                    self._warn(path, f"unreadable ({os_reason(exc)}), skipped")
                    continue
                if stat.S_ISLNK(info.st_mode):
                    self.links.append((path, name))
                elif stat.S_ISDIR(info.st_mode):
                    self.folders.add((info.st_dev, info.st_ino))
                    stack.append((path, name + "/"))
                elif stat.S_ISREG(info.st_mode):
                    if self._wanted(path):
                        self.files.append(_Found(path, name, (info.st_dev, info.st_ino), False))
                else:
                    self._warn(path, f"not a regular file ({file_kind(info.st_mode)}), skipped")

    def _follow(self, link: Path, name: str) -> None:
        try:
            target = Path(os.path.realpath(link, strict=True))
            info = os.stat(target)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self._warn(link, "link loop (too many levels of symbolic links), skipped")
            else:
                shown_target = os.path.realpath(link)
                self._warn(f"{link} -> {shown_target}", f"broken link ({os_reason(exc)}), skipped")
            return
        if not target.is_relative_to(self.top):
            self._warn(
                f"{link} -> {target}",
                f"link points outside {self.root} (pass the target itself to index it), skipped",
            )
            return
        key = (info.st_dev, info.st_ino)
        if stat.S_ISDIR(info.st_mode):
            if key in self.folders:
                self._warn(link, f"link to {target}, a folder read already, not followed")
                return
            self.folders.add(key)
            self._scan(link, name + "/")
        elif stat.S_ISREG(info.st_mode):
            if self._wanted(link):
                self.files.append(_Found(link, name, key, True))
        else:
            self._warn(
                link, f"link to something not a regular file ({file_kind(info.st_mode)}), skipped"
            )

    def _unique(self) -> list[_Found]:
        """All files in name order, each target once: a file reached under its own name and
        through a link is read under its own name; two links to one file, under the first."""
        real = {f.key: f for f in self.files if not f.via_link}
        out, seen = [], set()
        for found in sorted(self.files, key=lambda f: f.name.split("/")):
            first = real.get(found.key)
            if found.via_link and (first is not None or found.key in seen):
                read_as = first.name if first is not None else "another link"
                self._warn(found.path, f"a link to a file read as {shown(read_as)}, not read twice")
                continue
            seen.add(found.key)
            out.append(found)
        return out

    def _wanted(self, file: Path) -> bool:
        """Whether a file is an article by its name (hidden files are passed over quietly)."""
        if file.name.startswith("."):
            return False
        if NOT_ARTICLES.match(file.name):
            self._warn(file, "a README/LICENSE file, skipped")
            return False
        if file.suffix.lower() not in SUFFIXES:
            self._warn(file, "unsupported file type, skipped")
            return False
        return True

    def _warn(self, where: str | os.PathLike, message: str) -> None:
        self.warnings.append(LoadWarning(where, message))


def _source_name(name: str, path: Path, warnings: list[LoadWarning]) -> str:
    """A source name as valid Unicode, the change (bad bytes of a file name) warned about."""
    valid = shown(name)
    if valid != name:
        warnings.append(LoadWarning(path, f'file name is not valid UTF-8, indexed as "{valid}"'))
    return valid


def iter_paths(paths: list[Path], warnings: list[LoadWarning]) -> Iterator[tuple[Path, str]]:
    """Yield (file, source name): a folder's files are named by their path relative to it.

    A path given on the command line is read even when it is a link: the user named it."""
    for root in paths:
        try:
            info = os.stat(root)
        except OSError as exc:
            if root.is_symlink():
                warnings.append(LoadWarning(root, f"broken link ({os_reason(exc)}), skipped"))
            else:
                warnings.append(LoadWarning(root, "no such file or folder"))
            continue
        if stat.S_ISREG(info.st_mode):
            yield root, _source_name(root.name, root, warnings)
            continue
        if not stat.S_ISDIR(info.st_mode):
            warnings.append(
                LoadWarning(root, f"not a regular file ({file_kind(info.st_mode)}), skipped")
            )
            continue
        for found in _Walk(root, warnings).files_in_order():
            yield found.path, _source_name(found.name, found.path, warnings)
