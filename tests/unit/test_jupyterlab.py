"""Opening and saving a notebook in JupyterLab changes nothing: the stored kernelspec is the one
`make` installs, and a save through Jupytext's contents manager (what JupyterLab uses here, with the
paired py:percent scripts) rewrites both files byte for byte."""
from __future__ import annotations

import shutil

import nbformat
import pytest

from analysis.core.paths import NOTEBOOKS_DIR, ROOT
from analysis.report.notebooks import KERNEL_DISPLAY_NAME, KERNEL_NAME, notebook_paths, script_of


def test_every_notebook_names_the_installed_kernel():
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:                                         # pragma: no cover - `make env` installs it
        pytest.fail(f"no Jupyter kernel {KERNEL_NAME!r} installed: run `make env`")
    installed = {"name": KERNEL_NAME, "display_name": spec.display_name, "language": spec.language}
    assert spec.display_name == KERNEL_DISPLAY_NAME, "the kernel `make` installs and the runner's name differ"
    for path in notebook_paths():
        assert dict(nbformat.read(path, as_version=4).metadata["kernelspec"]) == installed, path.name


def test_the_makefile_installs_the_kernel_the_notebooks_name():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f'--name {KERNEL_NAME} --display-name "{KERNEL_DISPLAY_NAME}"' in makefile


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_open_and_save_in_jupyterlab_makes_no_diff(tmp_path, path):
    from jupyter_server.services.contents.largefilemanager import LargeFileManager
    from jupytext.sync_contentsmanager import build_sync_jupytext_contents_manager_class

    folder = tmp_path / NOTEBOOKS_DIR.name
    folder.mkdir()
    for source in (path, script_of(path)):
        shutil.copy(source, folder / source.name)
    shutil.copy(ROOT / "jupytext.toml", tmp_path / "jupytext.toml")
    manager = build_sync_jupytext_contents_manager_class(LargeFileManager)(root_dir=str(tmp_path))
    name = f"{folder.name}/{path.name}"
    manager.save(manager.get(name), name)
    for source in (path, script_of(path)):
        assert (folder / source.name).read_bytes() == source.read_bytes(), f"saving {path.name} changed {source.name}"
