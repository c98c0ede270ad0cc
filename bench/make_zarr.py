#!/usr/bin/python3
"""Writes the Zarr benchmark store: the sensor table as a Zarr v2 group of 1-D arrays, one per
column, written by zarr-python, compressed with Blosc lz4 and byte shuffle, with consolidated
metadata.

    /usr/bin/python3 bench/make_zarr.py --rows 10000000 --output .lakemr/bench/sensors.zarr

Columns as lakemr's sample table: ts <i8 (epoch ms over 30 days from 2026-01-01),
station |S7 ('st-0001'..'st-1000', NUL-padded), status |S4 ('ok' 90 %, 'warn' 8 %,
'fail' 2 %), value <f8 (normal, mean 50, sd 10), sensor_id <i8 (~rows/10 values).
The rows are written a block of whole chunks at a time, so memory stays small whatever
--rows says.
"""

import argparse
import os
import shutil

import numpy as np
import zarr
from numcodecs import Blosc

START_MS = 1_767_225_600_000
SPAN_MS = 30 * 86_400_000
COLUMNS = [("ts", "<i8"), ("station", "S7"), ("status", "S4"), ("value", "<f8"), ("sensor_id", "<i8")]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=10_000_000)
    p.add_argument("--output", required=True)
    p.add_argument("--chunk", type=int, default=65_536, help="rows per chunk")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    stations = np.array([b"st-%04d" % (i + 1) for i in range(1000)], dtype="S7")
    statuses = np.array([b"ok", b"warn", b"fail"], dtype="S4")
    rng = np.random.default_rng(a.seed)
    sensor_ids = max(1, a.rows // 10)
    tmp = a.output + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    compressor = Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE)
    group = zarr.open_group(zarr.DirectoryStore(tmp), mode="w")
    arrays = {name: group.create_dataset(name, shape=(a.rows,), chunks=(min(a.chunk, a.rows),), dtype=dtype,
                                         compressor=compressor, fill_value=None)
              for name, dtype in COLUMNS}
    block = a.chunk * 16
    for first in range(0, a.rows, block):
        n = min(block, a.rows - first)
        pct = rng.integers(0, 100, n)
        values = {
            "ts": START_MS + rng.integers(0, SPAN_MS, n),
            "station": stations[rng.integers(0, 1000, n)],
            "status": statuses[np.where(pct < 90, 0, np.where(pct < 98, 1, 2))],
            "value": rng.normal(50, 10, n),
            "sensor_id": rng.integers(0, sensor_ids, n),
        }
        for name, _ in COLUMNS:
            arrays[name][first:first + n] = values[name]
    zarr.consolidate_metadata(zarr.DirectoryStore(tmp))
    shutil.rmtree(a.output, ignore_errors=True)
    os.replace(tmp, a.output)
    print("wrote %d rows to %s" % (a.rows, a.output))


if __name__ == "__main__":
    main()
