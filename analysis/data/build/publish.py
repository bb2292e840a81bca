"""Write a data package so that nothing is lost: one build at a time, staged, validated, moved in.

- :func:`build_lock`: an exclusive lock on ``.<folder>.lock`` beside the output folder
  (``fcntl.flock``, released by the kernel if the build dies); a second build fails at once with a
  :class:`~analysis.core.errors.SetupError` naming the holder.
- :func:`staging`: a temporary folder beside the output folder (so on the same filesystem, where
  ``os.replace`` is atomic), removed whatever happens.
- :func:`publish`: moves every staged file into the output folder with ``os.replace``,
  ``datapackage.json`` last, so a reader sees each file either old or new, never half-written. If
  a move fails, the files already moved are put back: the folder is left as it was.

A failure before :func:`publish` (a source error, a full disk, a validation error) never touches
the output folder.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from analysis.core.errors import SetupError

DESCRIPTOR = "datapackage.json"


def lock_path(out_dir: Path) -> Path:
    """The lock file of an output folder: ``.<name>.lock`` beside it (kept; only its lock matters)."""
    out_dir = Path(out_dir).resolve()
    return out_dir.parent / f".{out_dir.name}.lock"


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[Path]:
    """Hold the exclusive build lock of `out_dir`; SetupError at once if another build holds it
    (or if `out_dir` is a file)."""
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise SetupError(f"output folder {out_dir} is a file, not a folder")
    path = lock_path(out_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # held for the whole build
    except OSError as exc:
        raise SetupError(f"cannot create the build lock {path}: {exc.strerror or exc}") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise SetupError(f"another build is writing to {out_dir} ({holder}); wait for it to finish "
                             f"(lock file {path})") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        try:
            yield path
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A fresh folder beside `out_dir` to write the new files into; removed on exit."""
    out_dir = Path(out_dir).resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.parent))
    except OSError as exc:
        raise SetupError(f"cannot write beside {out_dir}: {exc.strerror or exc}") from exc
    try:
        yield staged
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def _order(names: list[str]) -> list[str]:
    """Files in the order they are moved in: the descriptor last, so it never names a file not yet there."""
    return sorted(n for n in names if n != DESCRIPTOR) + ([DESCRIPTOR] if DESCRIPTOR in names else [])


def publish(staged: Path, out_dir: Path) -> list[Path]:
    """Move every file of `staged` into `out_dir` (``os.replace``, datapackage.json last); on any
    failure put back the files already replaced and remove the ones added. Returns the new paths."""
    staged, out_dir = Path(staged), Path(out_dir)
    names = _order([p.name for p in staged.iterdir() if p.is_file()])
    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    backup = Path(tempfile.mkdtemp(prefix=".previous-", dir=staged))
    done: list[tuple[str, bool]] = []
    try:
        for name in names:
            target = out_dir / name
            existed = target.exists()
            if existed:
                try:
                    os.link(target, backup / name)      # keep the old file (same inode) to put it back
                except OSError:
                    shutil.copy2(target, backup / name)
            os.replace(staged / name, target)
            done.append((name, existed))
    except BaseException:
        for name, existed in reversed(done):
            if existed:
                os.replace(backup / name, out_dir / name)
            else:
                (out_dir / name).unlink(missing_ok=True)
        if created:
            with contextlib.suppress(OSError):
                out_dir.rmdir()
        raise
    return [out_dir / name for name in names]
