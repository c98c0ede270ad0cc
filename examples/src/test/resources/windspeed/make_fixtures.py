#!/usr/bin/python3
"""Writes wind.h5, the wind-speed example's input, and expected.json.

Run with Debian's python (python3-h5py, python3-numpy):

    /usr/bin/python3 examples/src/test/resources/windspeed/make_fixtures.py

wind.h5 holds a group /wind of four 1-D datasets of equal length, chunked by
4,096 rows with deflate: time (int64, epoch milliseconds, one reading a minute
from 2026-03-01T00:00Z, with a gap), station (fixed-length ASCII), u and v
(float64, the eastward and northward wind components in m/s, some NaN).
expected.json gives, per UTC day, the rows and the count, sum and maximum of
the wind speed sqrt(u^2 + v^2) over rows whose components are both numbers,
computed here from the arrays written, never from the file read back.
"""

import json
import math
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20260301)
START_MS = 1772323200000  # 2026-03-01T00:00:00Z
DAY_MS = 86_400_000


def main():
    minutes = np.concatenate([np.arange(0, 2 * 1440), np.arange(3 * 1440 + 17, 5 * 1440 - 5)])
    rows = minutes.size
    time = START_MS + minutes.astype(np.int64) * 60_000
    station = np.array([b"north", b"south", b"ridge"])[RNG.integers(0, 3, rows)]
    u = RNG.normal(2.0, 6.0, rows)
    v = RNG.normal(-1.0, 5.0, rows)
    u[RNG.integers(0, rows, 25)] = np.nan
    with h5py.File(os.path.join(HERE, "wind.h5"), "w") as f:
        g = f.create_group("wind")
        g.create_dataset("time", data=time, chunks=(4096,), compression="gzip")
        g.create_dataset("station", data=station, dtype="S5", chunks=(4096,), compression="gzip")
        g.create_dataset("u", data=u, chunks=(4096,), compression="gzip")
        g.create_dataset("v", data=v, chunks=(4096,), compression="gzip")
        g["u"].attrs["units"] = "m s-1"
        g["v"].attrs["units"] = "m s-1"
    days = {}
    for t, x, y in zip(time.tolist(), u.tolist(), v.tolist()):
        day = days.setdefault(str(np.datetime64(t // DAY_MS, "D")), {"rows": 0, "speeds": []})
        day["rows"] += 1
        if not (math.isnan(x) or math.isnan(y)):
            day["speeds"].append(math.hypot(x, y))
    expected = {"rows": rows, "days": {
        d: {"rows": s["rows"], "count": len(s["speeds"]), "sum": math.fsum(s["speeds"]), "max": max(s["speeds"])}
        for d, s in sorted(days.items())}}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
