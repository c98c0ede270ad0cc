#!/usr/bin/python3
"""The benchmark's group-by in zarr-python and pandas: reads station, status and value of a
Zarr group a block of whole chunks at a time, aggregates each block by (station, status)
(count, sum, min, max), merges the partial results and derives the mean.

    /usr/bin/python3 bench/pandas_zarr.py .lakemr/bench/sensors-zarr-10000000.zarr

Prints the number of groups and rows; with --csv PATH, writes the result too.
"""

import argparse

import pandas as pd
import zarr


def main():
    p = argparse.ArgumentParser()
    p.add_argument("store")
    p.add_argument("--csv")
    a = p.parse_args()
    g = zarr.open_consolidated(zarr.DirectoryStore(a.store), mode="r")
    station, status, value = g["station"], g["status"], g["value"]
    rows = value.shape[0]
    block = value.chunks[0] * 16
    parts = []
    for first in range(0, rows, block):
        end = min(rows, first + block)
        df = pd.DataFrame({"station": station[first:end], "status": status[first:end], "value": value[first:end]})
        parts.append(df.groupby(["station", "status"])["value"].agg(["count", "sum", "min", "max"]))
    merged = pd.concat(parts).groupby(level=[0, 1]).agg({"count": "sum", "sum": "sum", "min": "min", "max": "max"})
    merged["avg"] = merged["sum"] / merged["count"]
    if a.csv:
        merged.to_csv(a.csv)
    print("pandas: %d groups, %d rows" % (len(merged), merged["count"].sum()))


if __name__ == "__main__":
    main()
