"""Hostile inputs at the I/O edge: bombs of every archive kind, special files, odd names,
encrypted and deeply nested archives. Each is refused with a reason; the rest is read."""

from __future__ import annotations

import bz2
import gzip
import io
import os
import tarfile
import threading
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from eightk.sources import Limits, display_name, iter_inputs

FILING = b"<SUBMISSION>\n<ACCESSION-NUMBER>0000444444-25-000001\n<TYPE>8-K\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nx\n</TEXT>\n</DOCUMENT>\n"
SMALL = Limits(ratio_floor=1 << 20)  # bombs of a few MiB are enough with a 1 MiB floor


def _tar_bytes(members: list[tuple[str, bytes]], mode: str = "w:gz") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return buf.getvalue()


def _read(paths, limits: Limits | None = None) -> dict[str, tuple[bytes | None, str | None]]:
    items = list(iter_inputs(paths, limits) if limits else iter_inputs(paths))
    return {i.name.rsplit("/", 1)[-1]: (i.data, i.error) for i in items}


def test_tar_gz_bomb_with_real_defaults_is_refused_in_bounded_memory(tmp_path):
    """64 MiB of zeros (64 KiB compressed) passes the per-file cap but not the 200:1 ratio."""
    path = tmp_path / "feed.tar.gz"
    path.write_bytes(_tar_bytes([("a.nc", FILING), ("bomb.nc", bytes(64 << 20)), ("z.nc", FILING)]))
    assert path.stat().st_size < 200_000
    tracemalloc.start()
    try:
        got = _read([path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert got["feed.tar.gz!a.nc"] == (FILING, None)
    assert "200 times its compressed size" in got["feed.tar.gz!bomb.nc"][1]
    assert "the rest of the archive was not read" in got["feed.tar.gz"][1]
    assert peak < 40 << 20, peak  # refused at the 16 MiB floor, never held whole


@pytest.mark.parametrize("mode", ["w:bz2", "w:xz", "w"])
def test_tar_of_every_compression_is_budgeted(tmp_path, mode):
    path = tmp_path / "x.tar"  # the suffix does not say the compression: the magic bytes do
    path.write_bytes(_tar_bytes([("a.txt", FILING), ("b.txt", bytes(4 << 20))], mode))
    # an uncompressed tar has no ratio to check: there the per-file cap refuses the member
    got = _read([path], Limits(ratio_floor=1 << 20, max_file_bytes=(1 << 30) if mode != "w" else 1 << 20))
    assert got["x.tar!a.txt"] == (FILING, None)
    assert "refused" in got["x.tar!b.txt"][1]


def test_zip_of_many_members_under_the_floor_has_a_total_ratio(tmp_path):
    """Each member alone is under the ratio floor; together they are a bomb. The good members
    before and after survive, because a refused member's bytes are not counted."""
    members = [("a.txt", FILING)] + [(f"m{i:02d}.txt", bytes(900 << 10)) for i in range(20)] + [("z.txt", FILING)]
    path = tmp_path / "many.zip"
    path.write_bytes(_zip_bytes(members))
    got = _read([path], SMALL)
    assert got["many.zip!a.txt"] == (FILING, None) and got["many.zip!z.txt"] == (FILING, None)
    refused = [n for n, (_d, e) in got.items() if e and "compressed size" in e]
    assert len(refused) >= 15
    kept = sum(len(d) for d, _e in got.values() if d)
    assert kept <= SMALL.ratio_floor + SMALL.max_ratio * path.stat().st_size


def test_total_cap_on_what_an_archive_expands_to(tmp_path):
    path = tmp_path / "t.zip"
    path.write_bytes(_zip_bytes([(f"{i}.txt", FILING + os.urandom(3000)) for i in range(5)]))
    got = _read([path], Limits(max_total_bytes=7000))
    assert [e is None for _d, e in got.values()] == [True, True, False, False, False]
    assert "in all; refused" in got["t.zip!2.txt"][1]


def test_gz_bomb_with_real_defaults_names_the_file_once(tmp_path):
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(bytes(40 << 20), 9))
    (item,) = list(iter_inputs([path]))
    assert item.data is None and "refused" in item.error
    assert "big.txt.gz" in item.name and "big.txt.gz" not in item.error


def test_nested_gz_and_bz2_named_tar(tmp_path):
    (tmp_path / "a.txt.gz.gz").write_bytes(gzip.compress(gzip.compress(FILING)))
    (tmp_path / "b.tar").write_bytes(bz2.compress(_tar_bytes([("in.nc", FILING)], "w")))
    got = _read([tmp_path])
    assert got == {"a.txt.gz.gz": (FILING, None), "b.tar!in.nc": (FILING, None)}


def test_zip_nested_600_deep_is_refused_not_a_recursion_error(tmp_path):
    data = _zip_bytes([("x.txt", FILING)])
    for _ in range(600):
        data = _zip_bytes([("n.zip", data)])
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    items = list(iter_inputs([path, tmp_path / "deep.zip"]))
    assert len(items) == 2
    assert all("nested more than 8 deep" in i.error for i in items)


def test_encrypted_zip_member_is_an_error_and_the_others_are_read(tmp_path):
    raw = bytearray(_zip_bytes([("a.txt", FILING), ("secret.txt", FILING), ("z.txt", FILING)]))
    # set the "encrypted" flag of secret.txt in its local header and its central directory entry
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(sig, raw.find(sig) + 1)
        raw[at + flag_at] |= 1
    path = tmp_path / "enc.zip"
    path.write_bytes(bytes(raw))
    got = _read([path])
    assert got["enc.zip!a.txt"] == (FILING, None) and got["enc.zip!z.txt"] == (FILING, None)
    assert "encrypted" in got["enc.zip!secret.txt"][1]


def _read_with_timeout(paths, seconds: float = 20):
    box: list = []
    t = threading.Thread(target=lambda: box.append(_read(paths)), daemon=True)
    t.start()
    t.join(seconds)
    assert box, "reading the folder hung"
    return box[0]


def test_only_regular_files_are_read(tmp_path):
    (tmp_path / "a.txt").write_bytes(FILING)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "pipe.zip").symlink_to(tmp_path / "pipe.txt")
    got = _read_with_timeout([tmp_path, tmp_path / "pipe.txt"])
    assert got["a.txt"] == (FILING, None)
    assert got["zero.txt"][1] == "not a regular file (a character device); not read"
    assert got["pipe.txt"][1] == "not a regular file (a named pipe); not read"
    assert got["pipe.zip"][1] == "not a regular file (a named pipe); not read"


def test_file_size_cap_default_and_lowered(tmp_path):
    sparse = tmp_path / "huge.txt"
    with sparse.open("wb") as f:
        f.truncate((1 << 30) + 1)  # sparse: nothing is written or read
    (tmp_path / "small.txt").write_bytes(FILING * 20)
    got = _read([sparse])
    assert got["huge.txt"] == (None, "larger than 1 GiB (the limit for one file); not read")
    got = _read([tmp_path / "small.txt"], Limits(max_file_bytes=1000))
    assert "larger than" in got["small.txt"][1]


def test_names_that_are_not_utf8_or_hold_controls_get_one_display_form(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as f:
        f.write(FILING)
    tar = _tar_bytes([("caf\udce9-\x1b[2J.nc", FILING)], "w")
    (tmp_path / "t.tar").write_bytes(tar)
    names = sorted(i.name.rsplit("/", 1)[-1] for i in iter_inputs([tmp_path]))
    assert names == ["caf\\xe9.txt", "t.tar!caf\\xe9-\\x1b[2J.nc"]
    for n in names:
        n.encode("utf-8")  # valid text for JSON, terminals and databases
    assert display_name("plain/name.txt") == "plain/name.txt"
    assert display_name("naïve\u00a0name.txt") == "naïve\u00a0name.txt"  # printable Unicode is kept


def test_missing_non_utf8_path_is_named_readably(tmp_path):
    (item,) = list(iter_inputs([os.path.join(os.fsencode(tmp_path), b"gone\xff.txt").decode("utf-8", "surrogateescape")]))
    assert item.name.endswith("gone\\xff.txt") and item.error == "no such file or folder"


def test_folder_symlinked_path_is_the_display_form(tmp_path):
    (tmp_path / "x.nc").write_bytes(FILING)
    (item,) = list(iter_inputs([Path(tmp_path)]))
    assert item.name == str(tmp_path / "x.nc") and item.data == FILING


def test_ctrl_c_just_after_a_file_is_opened_is_an_interrupt_not_an_unreadable_file(tmp_path, monkeypatch):
    """A Ctrl-C that lands right after the descriptor is wrapped: the file object closes it as
    it goes; it must reach the caller as KeyboardInterrupt (the run stops), not be turned into
    "Bad file descriptor" by a second close (the file logged as unreadable, the Ctrl-C lost)."""
    import os

    import eightk.sources as sources

    path = tmp_path / "a.txt"
    path.write_bytes(b"FORM 8-K")
    real = os.fdopen

    def fdopen_then_interrupt(fd, *args, **kwargs):
        real(fd, *args, **kwargs)  # made, then dropped: its descriptor is closed
        raise KeyboardInterrupt

    monkeypatch.setattr(sources.os, "fdopen", fdopen_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        sources.read_file(str(path))
