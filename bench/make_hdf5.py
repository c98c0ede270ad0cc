#!/usr/bin/python3
"""Writes the HDF5 benchmark file: the sensor table as one chunked, shuffled and deflated
compound dataset /sensors, written by libhdf5 through h5py.

    /usr/bin/python3 bench/make_hdf5.py --rows 10000000 --output .lakemr/bench/sensors.h5

Columns as lakemr's sample table: ts int64 (epoch ms over 30 days from 2026-01-01),
station S7 ('st-0001'..'st-1000', NUL-padded), status S4 ('ok' 90 %, 'warn' 8 %,
'fail' 2 %), value float64 (normal, mean 50, sd 10), sensor_id int64 (~rows/10 values).
The rows are written a block at a time, so memory stays small whatever --rows says.
"""

import argparse
import os

import h5py
import numpy as np

START_MS = 1_767_225_600_000
SPAN_MS = 30 * 86_400_000
BLOCK = 1 << 20


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=10_000_000)
    p.add_argument("--output", required=True)
    p.add_argument("--chunk", type=int, default=65_536, help="rows per chunk")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    dtype = np.dtype([("ts", "<i8"), ("station", "S7"), ("status", "S4"), ("value", "<f8"),
                      ("sensor_id", "<i8")])
    stations = np.array([b"st-%04d" % (i + 1) for i in range(1000)], dtype="S7")
    statuses = np.array([b"ok", b"warn", b"fail"], dtype="S4")
    rng = np.random.default_rng(a.seed)
    sensor_ids = max(1, a.rows // 10)
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    tmp = a.output + ".tmp"
    with h5py.File(tmp, "w") as f:
        d = f.create_dataset("sensors", shape=(a.rows,), dtype=dtype, chunks=(min(a.chunk, a.rows),),
                             shuffle=True, compression="gzip", compression_opts=4)
        for first in range(0, a.rows, BLOCK):
            n = min(BLOCK, a.rows - first)
            block = np.empty(n, dtype=dtype)
            block["ts"] = START_MS + rng.integers(0, SPAN_MS, n)
            block["station"] = stations[rng.integers(0, 1000, n)]
            pct = rng.integers(0, 100, n)
            block["status"] = statuses[np.where(pct < 90, 0, np.where(pct < 98, 1, 2))]
            block["value"] = rng.normal(50, 10, n)
            block["sensor_id"] = rng.integers(0, sensor_ids, n)
            d[first:first + n] = block
    os.replace(tmp, a.output)
    print("wrote %d rows to %s (%d bytes)" % (a.rows, a.output, os.path.getsize(a.output)))


if __name__ == "__main__":
    main()
