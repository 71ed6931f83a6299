"""What a sandbox child may read: the Python installation, and nothing of dltutor.

The child needs the interpreter, its standard library, NumPy, torch and
their dependencies. It must not see the installed dltutor package (the
built-in bank's reference solutions live in `dltutor/content`), the code
cache or the progress store. So a site-packages folder is never granted
whole: every entry of it is, except dltutor's own (its package, its
dist-info and an editable install's finder). Both isolating modes use this
list: bwrap binds it read-only, Landlock allows reading beneath it.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import site
import sys
from pathlib import Path

SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime")


def _is_ours(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith(("dltutor", "__editable__.dltutor", "__editable___dltutor"))


def _site_dirs() -> list[Path]:
    dirs = {Path(p) for p in site.getsitepackages() if os.path.isdir(p)}
    for name in ("numpy", "torch"):
        spec = importlib.util.find_spec(name)  # finds, does not import
        if spec is not None and spec.origin:
            dirs.add(Path(spec.origin).resolve().parent.parent)
    return sorted(dirs)


@functools.cache
def readable() -> tuple[str, ...]:
    """Directories and files the child may read (and execute), absolute."""
    sites = _site_dirs()
    found: list[str] = [p for p in (*SYSTEM, *SYSTEM_FILES) if os.path.exists(p)]
    prefixes = {
        sys.prefix,
        sys.exec_prefix,
        sys.base_prefix,
        sys.base_exec_prefix,
        str(Path(os.path.realpath(sys.executable)).parent.parent),
    }
    for prefix in sorted(prefixes):
        # the interpreter's own installation, unless a site folder lies inside it
        # (a python installed in a venv-like prefix): then its parts one by one
        if not any(s.is_relative_to(prefix) for s in sites):
            found.append(prefix)
        else:
            found += _entries_except(Path(prefix), sites)
    for folder in sites:
        found += [str(folder / name) for name in sorted(os.listdir(folder)) if not _is_ours(name)]
    return tuple(dict.fromkeys(found))


def _entries_except(prefix: Path, sites: list[Path]) -> list[str]:
    """`prefix`'s contents, descending only into the folders that hold a site dir."""
    out: list[str] = []
    for name in sorted(os.listdir(prefix)):
        path = prefix / name
        if path in sites:
            continue  # added entry by entry
        holds_site = any(s.is_relative_to(path.resolve()) for s in sites)
        if path.is_symlink() and holds_site:
            continue  # a venv's lib64 -> lib: its real path is walked instead
        if path.is_dir() and holds_site:
            out += _entries_except(path, sites)
        else:
            out.append(str(path))
    return out


@functools.cache
def others_can_read_python() -> bool:
    """Whether a uid with no rights of ours can still load the standard
    library (not so for a Python installed under a private home, e.g.
    /root/.pyenv): every folder above it searchable, it readable."""
    import stat
    import sysconfig

    folder = Path(sysconfig.get_paths()["stdlib"]).resolve()
    try:
        if not folder.stat().st_mode & stat.S_IROTH:
            return False
        return all(parent.stat().st_mode & stat.S_IXOTH for parent in [folder, *folder.parents])
    except OSError:
        return False


def dltutor_roots() -> list[str]:
    """Where dltutor itself lives (its package folder and the source tree)."""
    package = Path(__file__).resolve().parent.parent
    return [str(package), str(package.parent / "content")]
