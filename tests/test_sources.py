"""Reading files, folders and archives: in a stream, without trusting member paths."""

from __future__ import annotations

import gzip
import io
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from eightk import sources
from eightk.sources import iter_inputs

FILING = b"<SUBMISSION>\n<ACCESSION-NUMBER>0000444444-25-000001\n<TYPE>8-K\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nx\n</TEXT>\n</DOCUMENT>\n"


def _tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> None:
    with tarfile.open(path, mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))


def test_folder_walk_is_sorted_and_skips_non_filings(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_bytes(FILING)
    (tmp_path / "1.nc").write_bytes(FILING)
    (tmp_path / "notes.md").write_text("not a filing")
    (tmp_path / ".hidden.txt").write_bytes(FILING)
    names = [Path(i.name).relative_to(tmp_path).as_posix() for i in iter_inputs([tmp_path])]
    assert names == ["1.nc", "b/2.txt"]


def test_daily_feed_tar_gz_is_read_in_a_stream(tmp_path):
    archive = tmp_path / "20250108.nc.tar.gz"
    _tar(archive, {"0001.nc": FILING, "0002.nc": FILING.replace(b"000001", b"000002"), "README": b"skip"})
    items = list(iter_inputs([archive]))
    assert [i.name.split("!")[1] for i in items] == ["0001.nc", "0002.nc"]
    assert all(i.error is None for i in items)
    assert b"0000444444-25-000002" in items[1].data


def test_member_paths_are_never_trusted(tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    archive = target / "evil.tar"
    _tar(archive, {"../../escaped.nc": FILING, "/abs/escaped2.nc": FILING}, mode="w")
    before = set(tmp_path.rglob("*"))
    cwd = os.getcwd()
    os.chdir(target)
    try:
        items = list(iter_inputs([archive]))
    finally:
        os.chdir(cwd)
    assert len(items) == 2 and all(i.data == FILING for i in items)
    assert items[0].name.endswith("!../../escaped.nc")  # shown as a name, never used as a path
    assert set(tmp_path.rglob("*")) == before  # nothing written anywhere
    assert not Path("/abs/escaped2.nc").exists()


def test_zip_bomb_is_refused_and_other_members_survive(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a-good.txt", FILING)
        zf.writestr("b-bomb.txt", b"\0" * (48 << 20))  # ~48 KiB compressed, 1000:1
    items = list(iter_inputs([archive]))
    assert items[0].error is None and items[0].data == FILING
    assert items[1].error and "refused" in items[1].error


def test_gzip_bomb_is_refused(tmp_path):
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(b" " * (16 << 20)))
    (item,) = list(iter_inputs([path], sources.Limits(max_file_bytes=8 << 20)))
    assert item.data is None and "refused" in item.error


def test_nested_and_single_gz(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("x.txt", FILING)
    outer = tmp_path / "outer.tar"
    _tar(outer, {"inner.zip": inner.getvalue(), "one.nc.gz": gzip.compress(FILING)}, mode="w")
    items = list(iter_inputs([outer]))
    assert [i.name.split("!", 1)[1] for i in items] == ["inner.zip!x.txt", "one.nc.gz"]
    assert all(i.data == FILING for i in items)


def test_corrupt_archives_and_missing_files_are_errors_not_crashes(tmp_path):
    bad_tar = tmp_path / "bad.tar.gz"
    bad_tar.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    bad_zip = tmp_path / "bad.zip"
    bad_zip.write_bytes(b"PK\x03\x04 not really")
    good = tmp_path / "good.nc"
    good.write_bytes(FILING)
    items = list(iter_inputs([bad_tar, tmp_path / "missing.txt", bad_zip, good]))
    assert [bool(i.error) for i in items] == [True, True, True, False]
    assert "no such file" in items[1].error


def test_large_files_are_memory_mapped(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MMAP_FROM", 10)
    path = tmp_path / "f.txt"
    path.write_bytes(FILING)
    (item,) = list(iter_inputs([path]))
    import mmap

    assert isinstance(item.data, mmap.mmap) and item.data[:12] == FILING[:12]
    item.close()


@pytest.mark.parametrize("name", ["x.htm", "x.html", "x.txt", "x.nc"])
def test_filing_suffixes(name):
    assert sources.is_filing(name)
