#!/usr/bin/python3
"""Writes the CSV, JSON Lines and Avro test fixtures and expected.json.

Run with Debian's python (python3-pandas, python3-avro) and the gzip, bzip2 and zstd
command-line tools:

    /usr/bin/python3 src/test/resources/text/make_fixtures.py

CSV is written by pandas and by Python's csv module, JSON Lines by Python's json module,
Avro object container files by the avro package. Every number in expected.json is computed
here from the in-memory rows that were written, never from the files read back. The tests
only read the files and expected.json; they never run Python.

expected.json maps a fixture name to what a reader must find: the row count, the number of
bad records, per-column null counts and sum/min/max (timestamps as UTC epoch milliseconds,
dates as days since 1970-01-01), per-station count and value sum, and for fixtures read with
an inferred schema the schema text inference must print.
"""

import bz2
import csv
import datetime as dt
import gzip
import io
import json
import math
import os
import random
import shutil
import subprocess

import pandas as pd

try:
    import avro.datafile
    import avro.io
    import avro.schema
except ImportError:  # pragma: no cover - the fixtures are committed
    avro = None

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(20261128)
EXPECTED = {}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
START = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def path(name):
    return os.path.join(HERE, name)


def millis(t):
    return (t - EPOCH) // dt.timedelta(milliseconds=1)


def days(d):
    return (d - dt.date(1970, 1, 1)).days


def stats(rows, column, kind):
    """null count and sum/min/max of one column of dict rows; kind long, double, string, millis."""
    values = [r[column] for r in rows if r[column] is not None]
    out = {"nulls": len(rows) - len(values)}
    if not values:
        return out
    if kind == "double":
        out.update(sum=math.fsum(values), min=min(values), max=max(values))
    elif kind == "string":
        enc = sorted(v.encode("utf-8") for v in values)
        out.update(min=enc[0].decode("utf-8"), max=enc[-1].decode("utf-8"), distinct=len(set(enc)))
    else:
        out.update(sum=sum(values), min=min(values), max=max(values))
    return out


def by_station(rows):
    groups = {}
    for r in rows:
        g = groups.setdefault(r["station"], {"count": 0, "values": []})
        g["count"] += 1
        if r["value"] is not None:
            g["values"].append(r["value"])
    return {k: {"count": g["count"], "value_sum": math.fsum(g["values"])} for k, g in sorted(groups.items())}


def compress_copies(name):
    with open(path(name), "rb") as f:
        data = f.read()
    with open(path(name + ".gz"), "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(data)
    with bz2.open(path(name + ".bz2"), "wb", compresslevel=1) as f:
        f.write(data)
    if shutil.which("zstd"):
        subprocess.run(["zstd", "-q", "-f", "-19", path(name), "-o", path(name + ".zst")], check=True)


# ---------------------------------------------------------------- sensor table (pandas)

def sensor_rows(n):
    rows = []
    for i in range(n):
        ts = START + dt.timedelta(milliseconds=RNG.randrange(30 * 86_400_000))
        value = None if i % 97 == 5 else round(RNG.gauss(50, 10), RNG.choice([2, 6, 12]))
        rows.append({
            "ts": ts,
            "station": "st-%04d" % RNG.randrange(1, 41),
            "status": RNG.choices(["ok", "warn", "fail"], [90, 8, 2])[0],
            "value": value,
            "sensor_id": RNG.randrange(0, 500),
        })
    return rows


def write_sensors():
    rows = sensor_rows(20_000)
    frame = pd.DataFrame({
        "ts": [r["ts"].strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (r["ts"].microsecond // 1000) for r in rows],
        "station": [r["station"] for r in rows],
        "status": [r["status"] for r in rows],
        "value": pd.array([r["value"] for r in rows], dtype="Float64"),
        "sensor_id": [r["sensor_id"] for r in rows],
    })
    frame.to_csv(path("sensors.csv"), index=False, na_rep="", lineterminator="\n")
    compress_copies("sensors.csv")
    flat = [dict(r, ts=millis(r["ts"])) for r in rows]
    EXPECTED["sensors.csv"] = {
        "rows": len(rows), "bad": 0,
        "schema": "ts:timestamp,station:string,status:string,value:double,sensor_id:long",
        "columns": {"ts": stats(flat, "ts", "long"), "value": stats(flat, "value", "double"),
                    "sensor_id": stats(flat, "sensor_id", "long"), "station": stats(flat, "station", "string")},
        "by_station": by_station(flat),
    }
    return rows


# ---------------------------------------------------------------- quoting (csv module)

NOTES = ["plain", "comma, inside", 'say "hi"', "two\nlines", "crlf\r\ninside", "ünïcödé ✓", "", None,
         "  padded  ", "日本語のテキスト", "emoji 🎉"]


def write_quoting():
    rows = []
    for i in range(300):
        note = NOTES[i % len(NOTES)]
        rows.append({
            "id": i,
            "name": "name-%d" % i if i % 13 else "Zoë, \"the\" %d" % i,
            "note": note,
            "amount": None if i % 17 == 3 else round(RNG.uniform(-1000, 1000), 3),
            "day": dt.date(2025, 1, 1) + dt.timedelta(days=RNG.randrange(400)),
            "flag": i % 3 == 0,
        })
    with open(path("quoting.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(["id", "name", "note", "amount", "day", "flag"])
        for r in rows:
            # the csv module writes None as an unquoted empty field and "" as a quoted one
            note = '""' if r["note"] == "" else r["note"]
            w.writerow([r["id"], r["name"], note, "" if r["amount"] is None else repr(r["amount"]),
                        r["day"].isoformat(), "true" if r["flag"] else "false"])
    # the writer doubles quotes in '""'; write the empty-string fields by hand instead
    with open(path("quoting.csv"), "r", encoding="utf-8-sig", newline="") as f:
        text = f.read().replace('""""""', '""')
    with open(path("quoting.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(text)
    flat = [dict(r, day=days(r["day"]), flag=int(r["flag"])) for r in rows]
    EXPECTED["quoting.csv"] = {
        "rows": len(rows), "bad": 0, "multiline": True,
        "schema": "id:long,name:string,note:string,amount:double,day:date,flag:boolean",
        "columns": {"id": stats(flat, "id", "long"), "amount": stats(flat, "amount", "double"),
                    "day": stats(flat, "day", "long"), "flag": stats(flat, "flag", "long"),
                    "note": stats(flat, "note", "string"), "name": stats(flat, "name", "string")},
        "empty_notes": sum(1 for r in rows if r["note"] == ""),
    }


# ---------------------------------------------------------------- bad records (csv module + raw bytes)

def write_bad_csv():
    good = []
    lines = [b"id,station,value\n"]
    bad = 0
    for i in range(200):
        kind = i % 25
        if kind == 7:
            lines.append(b"%d,st-0001\n" % i)  # too few fields
            bad += 1
        elif kind == 11:
            lines.append(b"%d,\"st-0002,12.5\n" % i)  # unclosed quote
            bad += 1
        elif kind == 15:
            lines.append(b"%d,st-0003,twelve\n" % i)  # not a double
            bad += 1
        elif kind == 19:
            lines.append(b"%d,st-\xff\xfe03,1.5\n" % i)  # invalid UTF-8
            bad += 1
        else:
            v = round(RNG.uniform(0, 100), 2)
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerow([i, "st-%04d" % (i % 5), repr(v)])
            lines.append(buf.getvalue().encode("utf-8"))
            good.append({"id": i, "station": "st-%04d" % (i % 5), "value": v})
    with open(path("bad.csv"), "wb") as f:
        f.write(b"".join(lines))
    EXPECTED["bad.csv"] = {
        "rows": len(good), "bad": bad, "schema_text": "id:long,station:string,value:double",
        "columns": {"id": stats(good, "id", "long"), "value": stats(good, "value", "double")},
        "by_station": by_station(good),
    }


# ---------------------------------------------------------------- JSON Lines (json module)

def write_jsonl():
    rows = []
    with open(path("events.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for i in range(1500):
            t = START + dt.timedelta(seconds=RNG.randrange(86_400 * 10), milliseconds=RNG.randrange(1000))
            offset_h = RNG.choice([0, 2, -5])
            local = t.astimezone(dt.timezone(dt.timedelta(hours=offset_h)))
            stamp = local.isoformat(timespec="milliseconds")
            if offset_h == 0:
                stamp = stamp.replace("+00:00", "Z")
            score = None if i % 11 == 4 else (RNG.randrange(100) if i % 2 else round(RNG.uniform(0, 100), 4))
            obj = {"id": i, "ts": stamp, "user": {"name": "user-%d" % (i % 37), "age": 18 + i % 50},
                   "station": "st-%04d" % (i % 8), "value": score, "ok": i % 4 != 0}
            if i % 9 == 0:
                del obj["ok"]  # a missing field is null
            f.write(json.dumps(obj, ensure_ascii=(i % 2 == 0)) + "\n")
            rows.append({"id": i, "ts": millis(t), "user_name": obj["user"]["name"], "user_age": obj["user"]["age"],
                         "station": obj["station"], "value": None if score is None else float(score),
                         "ok": None if "ok" not in obj else int(obj["ok"])})
    compress_copies("events.jsonl")
    EXPECTED["events.jsonl"] = {
        "rows": len(rows), "bad": 0,
        "schema": "id:long,ts:timestamp,user_name:string,user_age:long,station:string,value:double,ok:boolean",
        "columns": {"id": stats(rows, "id", "long"), "ts": stats(rows, "ts", "long"),
                    "user_age": stats(rows, "user_age", "long"), "value": stats(rows, "value", "double"),
                    "ok": stats(rows, "ok", "long"), "user_name": stats(rows, "user_name", "string")},
        "by_station": by_station(rows),
    }


def write_bad_jsonl():
    good = []
    bad = 0
    with open(path("bad.jsonl"), "w", encoding="utf-8") as f:
        for i in range(120):
            kind = i % 20
            if kind == 3:
                f.write('{"id": %d, "station": "st-0001", "value": \n' % i)  # malformed
                bad += 1
            elif kind == 8:
                f.write(json.dumps({"id": i, "station": "st-0001", "value": "high"}) + "\n")  # not a double
                bad += 1
            elif kind == 13:
                f.write(json.dumps({"id": i, "station": "st-0002", "value": [1, 2]}) + "\n")  # array
                bad += 1
            else:
                v = round(RNG.uniform(0, 10), 3)
                # a station given as a number or an object is kept as its JSON text
                station = {"code": i % 3} if kind == 17 else "st-%04d" % (i % 4)
                f.write(json.dumps({"id": i, "station": station, "value": v}) + "\n")
                text = station if isinstance(station, str) else json.dumps(station, separators=(",", ":"))
                good.append({"id": i, "station": text, "value": v})
    EXPECTED["bad.jsonl"] = {
        "rows": len(good), "bad": bad, "schema_text": "id:long,station:string,value:double",
        "columns": {"id": stats(good, "id", "long"), "value": stats(good, "value", "double")},
        "by_station": by_station(good),
    }


# ---------------------------------------------------------------- Avro (avro package)

AVRO_SCHEMA = {
    "type": "record", "name": "Reading", "namespace": "fixtures",
    "fields": [
        {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "ts_micros", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}]},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "station", "type": "string"},
        {"name": "value", "type": ["null", "double"]},
        {"name": "sensor_id", "type": "long"},
        {"name": "ok", "type": "boolean"},
        {"name": "location", "type": ["null", {"type": "record", "name": "Location", "fields": [
            {"name": "lat", "type": "double"}, {"name": "lon", "type": "float"},
            {"name": "site", "type": {"type": "record", "name": "Site",
                                      "fields": [{"name": "code", "type": "string"}]}}]}]},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
    ],
}


def write_avro():
    if avro is None:
        raise SystemExit("python3-avro is needed to write the Avro fixtures")
    schema = avro.schema.parse(json.dumps(AVRO_SCHEMA))
    rows = []
    with open(path("readings.avro"), "wb") as out:
        writer = avro.datafile.DataFileWriter(out, avro.io.DatumWriter(), schema, codec="deflate")
        for i in range(3000):
            t = START + dt.timedelta(milliseconds=RNG.randrange(30 * 86_400_000))
            micros = (t - EPOCH) // dt.timedelta(microseconds=1) + RNG.randrange(1000)
            loc = None if i % 7 == 0 else {"lat": RNG.uniform(-90, 90), "lon": float(RNG.randrange(-180, 180)) + 0.5,
                                           "site": {"code": "site-%d" % (i % 6)}}
            rec = {"ts": millis(t), "ts_micros": None if i % 10 == 0 else micros,
                   "day": days(t.date()), "station": "st-%04d" % (i % 12),
                   "value": None if i % 13 == 0 else RNG.gauss(20, 5), "sensor_id": i % 97, "ok": i % 5 != 0,
                   "location": loc, "tags": ["a"] * (i % 3)}
            # the avro package takes logical-type values as Python objects
            datum = dict(rec, ts=t, day=t.date(),
                         ts_micros=None if rec["ts_micros"] is None else EPOCH + dt.timedelta(microseconds=micros))
            writer.append(datum)
            if i % 50 == 49:
                writer.sync()  # many blocks, so byte ranges split at sync markers
            rows.append({"ts": rec["ts"], "ts_micros": None if rec["ts_micros"] is None else micros // 1000,
                         "day": rec["day"], "station": rec["station"], "value": rec["value"],
                         "sensor_id": rec["sensor_id"], "ok": int(rec["ok"]),
                         "location_lat": None if loc is None else loc["lat"],
                         "location_lon": None if loc is None else loc["lon"],
                         "location_site_code": None if loc is None else loc["site"]["code"]})
        writer.close()
    with open(path("readings.avsc"), "w") as f:
        json.dump(AVRO_SCHEMA, f, indent=2)
    EXPECTED["readings.avro"] = {
        "rows": len(rows), "bad": 0,
        "schema": "ts:timestamp,ts_micros:timestamp,day:date,station:string,value:double,sensor_id:long,"
                  "ok:boolean,location_lat:double,location_lon:float,location_site_code:string",
        "unreadable": ["tags"],
        "columns": {c: stats(rows, c, k) for c, k in [
            ("ts", "long"), ("ts_micros", "long"), ("day", "long"), ("value", "double"), ("sensor_id", "long"),
            ("ok", "long"), ("location_lat", "double"), ("location_lon", "double"),
            ("location_site_code", "string")]},
        "by_station": by_station(rows),
    }


def main():
    write_sensors()
    write_quoting()
    write_bad_csv()
    write_jsonl()
    write_bad_jsonl()
    write_avro()
    with open(path("expected.json"), "w") as f:
        json.dump(EXPECTED, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
