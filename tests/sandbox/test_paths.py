"""What the child may read never includes dltutor itself (issue 10 #6): in a
normal, non-editable install the built-in references sit in site-packages
next to numpy and torch, which the child does need."""

from __future__ import annotations

from pathlib import Path

import pytest

from dltutor.sandbox import bwrapcmd, paths


def test_an_installed_dltutor_is_left_out_of_the_childs_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "lib" / "python3.x" / "site-packages"
    for name in (
        "numpy",
        "torch",
        "numpy.libs",
        "dltutor",
        "dltutor-0.3.dist-info",
        "__editable__.dltutor-0.3.pth",
        "typing_extensions.py",
    ):
        (site / name).mkdir(parents=True) if "." not in name or name.endswith(("libs", "info")) else (
            site / name
        ).write_text("")
    (site / "dltutor" / "content").mkdir()
    monkeypatch.setattr(paths, "_site_dirs", lambda: [site])
    monkeypatch.setattr(paths.sys, "prefix", str(tmp_path))
    monkeypatch.setattr(paths.sys, "exec_prefix", str(tmp_path))
    paths.readable.cache_clear()
    try:
        granted = paths.readable()
        binds = bwrapcmd.argv("bwrap", 1 << 20)
    finally:
        paths.readable.cache_clear()
    assert str(site / "numpy") in granted and str(site / "torch") in granted

    def ours(path: str) -> bool:
        return Path(path).name.startswith(("dltutor", "__editable__"))

    assert not [p for p in granted if ours(p)]
    assert str(tmp_path) not in granted and str(site) not in granted  # never whole
    bound = [binds[i + 1] for i, arg in enumerate(binds) if arg == "--ro-bind"]
    assert not [p for p in bound if ours(p)]
