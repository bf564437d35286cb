"""Time `marsad.fuse.fuse()` on N synthetic events in a fresh process (so peak RSS is its own).

    python bench/fuse_worker.py N [TIMEOUT_S]

Prints one JSON line: n, gen_s, fuse_s (wall), fuse_cpu (CPU seconds), out (events after fusion), rss_in_mb (after generating
the input), peak_mb (VmHWM: peak resident set of the process), timed_out. With a timeout, fuse()
is interrupted by SIGALRM and fuse_s is the time spent until then.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import signal
import sys
import time

from marsad.fuse import fuse
from marsad.model import Event, Location, Participant, Source
from marsad.settings import Settings

ISO3 = ("MAR", "DZA", "TUN", "LBY", "EGY", "SDN", "MRT", "JOR", "LBN", "SYR", "IRQ", "SAU", "ARE",
        "QAT", "KWT", "BHR", "OMN", "YEM", "PSE", "TUR", "IRN", "PAK", "AFG", "IND", "CHN", "JPN",
        "KOR", "RUS", "UKR", "USA", "CAN", "MEX", "BRA", "ARG", "GBR", "FRA", "DEU", "ITA", "ESP",
        "PRT", "BEL", "NLD", "CHE", "AUT", "SWE", "NOR", "DNK", "POL", "ROU", "GRC", "SRB", "NGA",
        "SEN", "MLI", "NER", "TCD", "ETH", "KEN", "ZAF", "GAB")
NAMES = ("عبد اللطيف حموشي", "سلمان الشودري", "أليكس بينفيلد", "فرانسواز بوستين", "محمد الأمين",
         "خالد الحافظ", "أحمد العلي", "يوسف بن علي", "سمير بلقاسم", "علي الشامي", "حسن نصر", "مصطفى كمال",
         "جون سميث", "بيير دوبون", "هانس مولر", "ماريو روسي", "كارلوس غارسيا", "إيفان بتروف", "لي وي",
         "تاكيشي ياماموتو", None)
TITLES = ("وزير الداخلية", "سفير", "المدير العام للأمن الوطني", "وزير الخارجية", "رئيس الأركان", None)
CITIES = ("الرباط", "الجزائر", "تونس", "القاهرة", "عمان", "بغداد", None, None, None)
TOPICS = ("terrorism", "migration", "drugs", "cybercrime", "training", "border")
KINDS = ("meeting", "meeting", "call", "agreement")


def synthetic_events(n: int, seed: int = 1) -> list[Event]:
    """`n` cheap events: a random country pair, a date in 2023-2025, names from a small pool."""
    rnd = random.Random(seed)
    first = dt.date(2023, 1, 1).toordinal()
    dates = [dt.date.fromordinal(first + k).isoformat() for k in range(3 * 365 + 1)]
    out = []
    for i in range(n):
        host, guest = rnd.sample(ISO3, 2)
        out.append(Event(
            kind=rnd.choice(KINDS), date=rnd.choice(dates), location=Location(rnd.choice(CITIES), host),
            participants=[Participant("host", rnd.choice(NAMES), rnd.choice(TITLES), host),
                          Participant("guest", rnd.choice(NAMES), rnd.choice(TITLES), guest)],
            topics=rnd.sample(TOPICS, rnd.randint(0, 2)),
            sources=[Source(f"d{i}", "استقبل الوزير نظيره", 0, rnd.randint(0, 2000), 0)]))
    return out


def _status(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def main(argv: list[str]) -> None:
    n = int(argv[0])
    timeout = int(argv[1]) if len(argv) > 1 else 0
    t0 = time.perf_counter()
    events = synthetic_events(n)
    gen_s = time.perf_counter() - t0
    rss_in = _status("VmRSS")
    settings = Settings(ref_date=dt.date(2026, 11, 22))
    out, timed_out = None, False
    if timeout:
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(timeout)
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        out = fuse(events, settings)
    except _Timeout:
        timed_out = True
    fuse_s, fuse_cpu = time.perf_counter() - t0, time.process_time() - c0
    signal.alarm(0)
    print(json.dumps({"n": n, "gen_s": gen_s, "fuse_s": fuse_s, "fuse_cpu": fuse_cpu, "out": None if out is None else len(out),
                      "rss_in_mb": rss_in, "peak_mb": _status("VmHWM"), "timed_out": timed_out}))


if __name__ == "__main__":
    main(sys.argv[1:])
