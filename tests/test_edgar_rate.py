"""The shared rate limit: four processes, two threads each, all fetching from the fake EDGAR;
the server's own log never shows more than N requests in any one-second window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eightk.edgar import FileRateLimiter
from tests._edgar_fake import FakeEdgar, Resp, fake_edgar  # noqa: F401  (fixture)

PROCS, THREADS, PER_THREAD = 4, 2, 4
RATE = 10

WORKER = """
import sys, threading
from pathlib import Path
from eightk.edgar import EdgarClient, EdgarSettings
url, cache, proc = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
s = EdgarSettings(user_agent="Rate Test rate@example.com", cache_dir=cache, edgar_url=url, data_url=url,
                  max_rate=float(sys.argv[4]))
errors = []
def work(t):
    with EdgarClient(s) as c:
        for i in range(int(sys.argv[5])):
            try:
                c.get(f"{url}/files/p{proc}-{t}-{i}.json")
            except Exception as e:
                errors.append(e)
threads = [threading.Thread(target=work, args=(t,)) for t in range(int(sys.argv[6]))]
for t in threads: t.start()
for t in threads: t.join()
sys.exit(1 if errors else 0)
"""


def max_in_one_second(times: list[float]) -> int:
    times = sorted(times)
    best, j = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - 1.0:
            j += 1
        best = max(best, i - j + 1)
    return best


def test_four_processes_stay_under_the_rate(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    for p in range(PROCS):
        for t in range(THREADS):
            for i in range(PER_THREAD):
                fake_edgar.set(f"/files/p{p}-{t}-{i}.json", Resp(body=b"{}"))
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, fake_edgar.url, str(tmp_path / "cache"), str(p), str(RATE),
                              str(PER_THREAD), str(THREADS)])
             for p in range(PROCS)]
    codes = [p.wait(120) for p in procs]
    assert codes == [0] * PROCS
    times = [line.at for line in fake_edgar.log]
    assert len(times) == PROCS * THREADS * PER_THREAD
    assert max_in_one_second(times) <= RATE


def test_window_counter() -> None:
    assert max_in_one_second([0.0, 0.5, 0.99, 1.0, 1.5]) == 3
    assert max_in_one_second([0.0] * 11) == 11


def test_limiter_state_file_spaces_slots(tmp_path: Path) -> None:
    waits: list[float] = []
    lim = FileRateLimiter(tmp_path / "state", rate=2, sleep=waits.append)
    for _ in range(3):
        lim.acquire()
    # the first slot is now; the next ones are 1/rate (plus margin) apart
    assert len(waits) == 2 and waits[0] > 0.4 and waits[1] > waits[0] + 0.4
    assert float((tmp_path / "state").read_text()) > 0


def test_limiter_ignores_a_far_future_state(tmp_path: Path) -> None:
    (tmp_path / "state").write_text("99999999999.0")
    waits: list[float] = []
    FileRateLimiter(tmp_path / "state", rate=10, sleep=waits.append).acquire()
    assert waits == []


def test_a_late_waker_takes_a_new_slot(tmp_path: Path) -> None:
    import time

    taken: list[float] = []

    class Counting(FileRateLimiter):
        def _take(self) -> float:
            slot = super()._take()
            taken.append(slot)
            return slot

    def overslept(seconds: float) -> None:   # a busy machine: the process wakes 0.3 s late
        time.sleep(seconds + 0.3)

    lim = Counting(tmp_path / "state", rate=10, sleep=overslept)
    lim.acquire()                  # the first slot is now: no sleep
    lim.acquire()                  # sleeps, wakes late, lets the slot go and takes a fresh one
    assert len(taken) == 3
    assert taken[2] > taken[1]
