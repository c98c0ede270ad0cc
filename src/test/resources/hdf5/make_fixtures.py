#!/usr/bin/python3
"""Writes the HDF5 test fixtures with libhdf5 (through h5py) and expected.json.

Run with Debian's python (python3-h5py, python3-numpy, python3-hdf5plugin,
hdf5-filter-plugin, bitshuffle):

    /usr/bin/python3 src/test/resources/hdf5/make_fixtures.py

Every aggregate in expected.json is computed here from the numpy arrays that
were written, never from what was read back. The tests only read the files and
expected.json; they never run Python.

expected.json holds a list of cases. A case names a file and a dataset (and,
optionally, the columns and layout to read) and gives the row count, per-column
sum/min/max and, for compound tables, aggregates grouped by a string field. A
case with "error" instead lists words the one-line error must contain.
"""

import json
import math
import os
import shutil

import h5py
import numpy as np

try:
    import hdf5plugin  # registers lz4 and bitshuffle
except ImportError:  # pragma: no cover - the fixtures are committed
    hdf5plugin = None

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20240601)
CASES = []


def path(name):
    return os.path.join(HERE, name)


# ---------------------------------------------------------------- aggregates

def num_stats(values):
    """count/sum/min/max of a numeric numpy array, exact for integers."""
    values = np.asarray(values)
    if values.size == 0:
        return {"sum": 0, "min": None, "max": None}
    if values.dtype.kind in "iub":
        ints = [int(v) for v in values.ravel()]
        return {"sum": sum(ints), "min": min(ints), "max": max(ints)}
    flat = [float(v) for v in values.ravel()]
    return {"sum": math.fsum(flat), "min": min(flat), "max": max(flat)}


def str_stats(values):
    """min/max of strings by their UTF-8 bytes, and the number of distinct values."""
    encoded = sorted(set(v.encode("utf-8") if isinstance(v, str) else v for v in values))
    return {"min": encoded[0].decode("utf-8"), "max": encoded[-1].decode("utf-8"),
            "distinct": len(encoded)}


def add_case(file, dataset, columns, count, layout=None, select=None, group_by=None,
             chunk_index=None, note=None):
    case = {"file": file, "dataset": dataset, "count": int(count), "columns": columns}
    if layout:
        case["layout"] = layout
    if select:
        case["select"] = select
    if group_by:
        case["groupBy"] = group_by
    if chunk_index:
        case["chunkIndex"] = chunk_index
    if note:
        case["note"] = note
    CASES.append(case)


def add_error(file, dataset, words, select=None, note=None):
    case = {"file": file, "dataset": dataset, "error": words}
    if select:
        case["select"] = select
    if note:
        case["note"] = note
    CASES.append(case)


def grouped(keys, fields):
    """{key: {"rows": n, field: {sum,min,max}}} for string keys and numeric fields."""
    out = {}
    keys = list(keys)
    for key in sorted(set(keys)):
        mask = np.array([k == key for k in keys])
        entry = {"rows": int(mask.sum())}
        for name, values in fields.items():
            entry[name] = num_stats(values[mask])
        out[key] = entry
    return out


# ---------------------------------------------------------------- compound table

def str_type(size, pad, cset=h5py.h5t.CSET_ASCII):
    t = h5py.h5t.C_S1.copy()
    t.set_size(size)
    t.set_strpad(pad)
    t.set_cset(cset)
    return t


def make_compound():
    n = 10007  # chunks of 1000 rows: the last chunk is partial
    stations = np.array(["ST%02d" % (i % 7) for i in range(n)])
    statuses = np.array(["ok", "warn", "fail", "ok", "ok"])[RNG.integers(0, 5, n)]
    notes = np.array(["note-%d" % (i % 11) for i in range(n)], dtype=object)
    cities = np.array(["Zürich", "São Paulo", "Kraków", "東京", "Oslo"], dtype=object)[RNG.integers(0, 5, n)]
    value = RNG.normal(20.0, 5.0, n)
    count = RNG.integers(-1000, 1000, n).astype(np.int32)
    vec = RNG.random((n, 3)).astype(np.float32)
    pos_x = RNG.random(n) * 100.0
    pos_y = RNG.integers(-300, 300, n).astype(np.int16)
    flag = RNG.random(n) < 0.3

    inner = h5py.h5t.create(h5py.h5t.COMPOUND, 10)
    inner.insert(b"x", 0, h5py.h5t.IEEE_F64LE)
    inner.insert(b"y", 8, h5py.h5t.STD_I16LE)
    vlen_ascii = h5py.h5t.py_create(h5py.string_dtype("ascii"), logical=True)
    vlen_utf8 = h5py.h5t.py_create(h5py.string_dtype("utf-8"), logical=True)
    arr = h5py.h5t.array_create(h5py.h5t.IEEE_F32LE, (3,))
    booltype = h5py.h5t.py_create(np.dtype(bool))
    members = [
        (b"station", str_type(8, h5py.h5t.STR_NULLPAD)),
        (b"status", str_type(6, h5py.h5t.STR_SPACEPAD)),
        (b"note", vlen_ascii),
        (b"city", vlen_utf8),
        (b"value", h5py.h5t.IEEE_F64LE),
        (b"count", h5py.h5t.STD_I32BE),
        (b"vec", arr),
        (b"pos", inner),
        (b"flag", booltype),
    ]
    size = sum(t.get_size() for _, t in members)
    ftype = h5py.h5t.create(h5py.h5t.COMPOUND, size)
    offset = 0
    for name, t in members:
        ftype.insert(name, offset, t)
        offset += t.get_size()

    mdtype = np.dtype([
        ("station", "S8"), ("status", "S6"), ("note", h5py.string_dtype("ascii")),
        ("city", h5py.string_dtype("utf-8")), ("value", "<f8"), ("count", ">i4"),
        ("vec", "<f4", (3,)), ("pos", [("x", "<f8"), ("y", "<i2")]), ("flag", "?")])
    data = np.empty(n, dtype=mdtype)
    data["station"] = [s.encode() for s in stations]
    data["status"] = [s.encode() for s in statuses]
    data["note"] = notes
    data["city"] = cities
    data["value"] = value
    data["count"] = count
    data["vec"] = vec
    data["pos"]["x"] = pos_x
    data["pos"]["y"] = pos_y
    data["flag"] = flag

    with h5py.File(path("compound.h5"), "w") as f:
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_chunk((1000,))
        dcpl.set_shuffle()
        dcpl.set_deflate(4)
        space = h5py.h5s.create_simple((n,))
        dsid = h5py.h5d.create(f.id, b"table", ftype, space, dcpl=dcpl)
        ds = h5py.Dataset(dsid)
        ds[...] = data

    # What the writer stored, read back with libhdf5 to check the padding round trip.
    with h5py.File(path("compound.h5"), "r") as f:
        back = f["table"][...]
        assert [s.decode() for s in back["status"]] == list(statuses)

    numeric = {"value": value, "count": count, "vec_0": vec[:, 0], "vec_1": vec[:, 1],
               "vec_2": vec[:, 2], "pos_x": pos_x, "pos_y": pos_y, "flag": flag}
    columns = {k: num_stats(v) for k, v in numeric.items()}
    columns["station"] = str_stats(stations)
    columns["status"] = str_stats(statuses)
    columns["note"] = str_stats(notes)
    columns["city"] = str_stats(cities)
    group_fields = {"value": value, "count": count, "pos_y": pos_y}
    add_case("compound.h5", "/table", columns, n,
             group_by={"station": grouped(stations, group_fields),
                       "status": grouped(statuses, group_fields),
                       "city": grouped(cities, group_fields),
                       "note": grouped(notes, {"value": value})},
             chunk_index="v1 B-tree",
             note="compound: NUL- and space-padded fixed strings, vlen ASCII and UTF-8, "
                  "array field, nested compound, bool, big-endian int; shuffle+deflate; partial edge chunk")
    add_case("compound.h5", "/table", {"status": columns["status"], "value": columns["value"]}, n,
             select=["status", "value"], note="column selection")


# ---------------------------------------------------------------- types

def make_types():
    n = 1500
    cases = []
    with h5py.File(path("types.h5"), "w") as f:
        for kind in ("i", "u"):
            for size in (1, 2, 4, 8):
                for order in ("<", ">"):
                    dt = np.dtype("%s%s%d" % (order, kind, size))
                    info = np.iinfo(dt)
                    hi = info.max if not (kind == "u" and size == 8) else np.iinfo(np.int64).max
                    vals = RNG.integers(info.min, hi, n, dtype=dt.newbyteorder("="), endpoint=True)
                    vals[0] = info.min
                    vals[1] = hi
                    vals = vals.astype(dt)
                    name = "%s%d%s" % ("int" if kind == "i" else "uint", size * 8,
                                       "le" if order == "<" else "be")
                    f.create_dataset(name, data=vals, chunks=(256,), compression="gzip")
                    cases.append((name, vals))
        for size in (4, 8):
            for order in ("<", ">"):
                dt = np.dtype("%sf%d" % (order, size))
                vals = (RNG.normal(0, 1e3, n)).astype(dt)
                name = "float%d%s" % (size * 8, "le" if order == "<" else "be")
                f.create_dataset(name, data=vals, chunks=(300,))
                cases.append((name, vals))
        big = np.array([1, 2, 2**63 + 5, 7], dtype="<u8")
        f.create_dataset("uint64_big", data=big, chunks=(2,))
        enum_t = h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 42}, basetype="i2")
        labels = np.array(["RED", "GREEN", "BLUE"])
        codes_idx = RNG.integers(0, 3, n)
        codes = np.array([0, 1, 42], dtype="i2")[codes_idx]
        f.create_dataset("enum", data=codes, dtype=enum_t, chunks=(500,))
        flags = RNG.random(n) < 0.4
        f.create_dataset("bool", data=flags, chunks=(500,))
        fixed = np.array(["a", "bb", "", "dddd"] * 5, dtype="S4")
        f.create_dataset("fixed_strings", data=fixed)
        vlen = np.array(["α", "beta", "", "delta-δ"] * 5, dtype=object)
        f.create_dataset("vlen_strings", data=vlen, dtype=h5py.string_dtype("utf-8"))
    for name, vals in cases:
        add_case("types.h5", "/" + name, {name: num_stats(vals)}, len(vals))
    add_error("types.h5", "/uint64_big", ["types.h5", "/uint64_big", "uint64"],
              note="uint64 above the long range")
    add_case("types.h5", "/enum", {"enum": str_stats(labels[codes_idx])}, n,
             group_by={"enum": {k: {"rows": int((labels[codes_idx] == k).sum())}
                                for k in sorted(set(labels[codes_idx]))}})
    add_case("types.h5", "/bool", {"bool": num_stats(flags)}, n)
    add_case("types.h5", "/fixed_strings", {"fixed_strings": str_stats([s.decode() for s in fixed])},
             len(fixed), group_by={"fixed_strings": {s: {"rows": 5} for s in ["", "a", "bb", "dddd"]}})
    add_case("types.h5", "/vlen_strings", {"vlen_strings": str_stats(list(vlen))}, len(vlen),
             group_by={"vlen_strings": {s: {"rows": 5} for s in ["", "beta", "delta-δ", "α"]}})


# ---------------------------------------------------------------- shapes

def make_shapes():
    with h5py.File(path("shapes.h5"), "w") as f:
        v = RNG.normal(5, 2, 2000)
        f.create_dataset("vec1d", data=v, chunks=(300,), compression="gzip")
        m = RNG.integers(-10**6, 10**6, (1003, 5)).astype(np.int32)
        f.create_dataset("matrix", data=m, chunks=(64, 3), compression="gzip", shuffle=True)
        c = RNG.random((20, 6, 4)).astype(np.float32)
        f.create_dataset("cube", data=c, chunks=(7, 4, 3), compression="gzip")
        g = f.create_group("nested/deeper")
        g.create_dataset("leaf", data=np.arange(10, dtype=np.int16))
    add_case("shapes.h5", "/vec1d", {"vec1d": num_stats(v)}, len(v))
    add_case("shapes.h5", "/matrix", {"matrix_%d" % k: num_stats(m[:, k]) for k in range(5)}, 1003,
             note="N x K, chunks (64,3) do not span a row: partial edge chunks in both dimensions")
    cols = {"cube_%d" % k: num_stats(c[:, :, k]) for k in range(4)}
    add_case("shapes.h5", "/cube", cols, 20 * 6, note="rank 3: rows over leading dims")
    idx = np.indices(c.shape)
    add_case("shapes.h5", "/cube", {"i0": num_stats(idx[0]), "i1": num_stats(idx[1]),
                                    "i2": num_stats(idx[2]), "cube": num_stats(c)},
             c.size, layout="cells", note="rank 3: one row per cell")
    add_case("shapes.h5", "/matrix", {"i0": num_stats(np.indices(m.shape)[0]),
                                      "matrix": num_stats(m)}, m.size, layout="cells")
    add_case("shapes.h5", "/nested/deeper/leaf", {"leaf": num_stats(np.arange(10))}, 10,
             note="compact-size dataset in a nested group, contiguous")


# ---------------------------------------------------------------- column store

def make_columns():
    n = 4000
    with h5py.File(path("columns.h5"), "w") as f:
        g = f.create_group("cols")
        a = RNG.integers(0, 100, n).astype(np.int64)
        b = RNG.normal(0, 1, n)
        c = RNG.integers(0, 255, n).astype(np.uint8)
        g.create_dataset("a", data=a, chunks=(512,), compression="gzip")
        g.create_dataset("b", data=b, chunks=(1000,))
        g.create_dataset("c", data=c)  # contiguous
        g.create_dataset("odd", data=np.arange(17, dtype=np.int32))
    columns = {"a": num_stats(a), "b": num_stats(b), "c": num_stats(c)}
    add_case("columns.h5", "/cols", columns, n, select=["a", "b", "c"],
             note="group of equal-length 1-D datasets, mixed chunking and contiguous")
    add_error("columns.h5", "/cols", ["columns.h5", "/cols", "odd", "17"],
              note="a dataset of another length in the group")
    add_error("columns.h5", None, ["columns.h5", "/cols/a", "/cols/odd"],
              note="no dataset given and several candidates")
    add_error("columns.h5", "/nope", ["columns.h5", "/nope"], note="missing dataset")


# ---------------------------------------------------------------- layouts and chunk indexes

def make_layouts():
    with h5py.File(path("layouts.h5"), "w") as f:
        contig = RNG.integers(0, 1000, (777, 3)).astype("<i4")
        f.create_dataset("contig", data=contig)
        compact_vals = np.arange(50, dtype=">f8") * 1.5
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        dsid = h5py.h5d.create(f.id, b"compact", h5py.h5t.IEEE_F64BE,
                               h5py.h5s.create_simple((50,)), dcpl=dcpl)
        h5py.Dataset(dsid)[...] = compact_vals
        btree1 = RNG.integers(-5, 5, 3001).astype(np.int16)
        f.create_dataset("btree1", data=btree1, chunks=(200,), compression="gzip")
        f.create_dataset("unwritten_contig", shape=(10,), dtype="i4", fillvalue=9)
    add_case("layouts.h5", "/contig", {"contig_%d" % k: num_stats(contig[:, k]) for k in range(3)},
             777, note="contiguous")
    add_case("layouts.h5", "/compact", {"compact": num_stats(compact_vals)}, 50, note="compact")
    add_case("layouts.h5", "/btree1", {"btree1": num_stats(btree1)}, 3001, chunk_index="v1 B-tree")
    add_case("layouts.h5", "/unwritten_contig", {"unwritten_contig": num_stats(np.full(10, 9))}, 10,
             note="contiguous, never written: fill value")

    with h5py.File(path("latest.h5"), "w", libver="latest") as f:
        single = RNG.normal(0, 1, 500)
        f.create_dataset("single", data=single, chunks=(500,), compression="gzip")
        implicit = RNG.integers(0, 10**9, 1000).astype(np.int64)
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_chunk((128,))
        dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
        dsid = h5py.h5d.create(f.id, b"implicit", h5py.h5t.STD_I64LE,
                               h5py.h5s.create_simple((1000,)), dcpl=dcpl)
        h5py.Dataset(dsid)[...] = implicit
        farray = RNG.random(5000)
        f.create_dataset("farray", data=farray, chunks=(256,), compression="gzip")
        earray = RNG.integers(-10**12, 10**12, 4999).astype(np.int64)
        f.create_dataset("earray", data=earray, chunks=(300,), maxshape=(None,), compression="gzip")
        btree2 = RNG.random((601, 4)).astype(np.float32)
        f.create_dataset("btree2", data=btree2, chunks=(50, 4), maxshape=(None, None),
                         compression="gzip")
    add_case("latest.h5", "/single", {"single": num_stats(single)}, 500, chunk_index="single chunk")
    add_case("latest.h5", "/implicit", {"implicit": num_stats(implicit)}, 1000, chunk_index="implicit")
    add_case("latest.h5", "/farray", {"farray": num_stats(farray)}, 5000, chunk_index="fixed array")
    add_case("latest.h5", "/earray", {"earray": num_stats(earray)}, 4999, chunk_index="extensible array")
    add_case("latest.h5", "/btree2", {"btree2_%d" % k: num_stats(btree2[:, k]) for k in range(4)},
             601, chunk_index="v2 B-tree")


# ---------------------------------------------------------------- filters

def make_filters():
    n = 6000
    smooth = np.cumsum(RNG.integers(-3, 4, n)).astype(np.int32)
    noise = RNG.integers(-2**62, 2**62, n).astype(np.int64)  # does not compress
    with h5py.File(path("filters.h5"), "w") as f:
        f.create_dataset("deflate", data=smooth, chunks=(1000,), compression="gzip")
        f.create_dataset("shuffle_deflate", data=smooth, chunks=(1000,), compression="gzip", shuffle=True)
        f.create_dataset("lzf", data=smooth, chunks=(1000,), compression="lzf")
        f.create_dataset("lzf_incompressible", data=noise, chunks=(1000,), compression="lzf")
        f.create_dataset("fletcher32", data=smooth, chunks=(1000,), fletcher32=True)
        f.create_dataset("fletcher32_deflate", data=smooth, chunks=(1000,), fletcher32=True,
                         compression="gzip", shuffle=True)
        if hdf5plugin is not None:
            f.create_dataset("lz4", data=smooth, chunks=(1000,), **hdf5plugin.LZ4())
            f.create_dataset("bitshuffle", data=smooth, chunks=(1000,),
                             **hdf5plugin.Bitshuffle(cname="none"))
            f.create_dataset("bitshuffle_lz4", data=smooth, chunks=(1000,),
                             **hdf5plugin.Bitshuffle(cname="lz4"))
    names = ["deflate", "shuffle_deflate", "lzf", "fletcher32", "fletcher32_deflate"]
    if hdf5plugin is not None:
        names += ["lz4", "bitshuffle", "bitshuffle_lz4"]
    for name in names:
        add_case("filters.h5", "/" + name, {name: num_stats(smooth)}, n)
    add_case("filters.h5", "/lzf_incompressible", {"lzf_incompressible": num_stats(noise)}, n,
             note="lzf cannot shrink the chunks: libhdf5 stores them unfiltered (filter mask)")

    # a copy with one byte of one chunk flipped
    shutil.copy(path("filters.h5"), path("fletcher32_corrupt.h5"))
    with h5py.File(path("fletcher32_corrupt.h5"), "r") as f:
        info = f["fletcher32"].id.get_chunk_info(2)
        addr = info.byte_offset
    with open(path("fletcher32_corrupt.h5"), "r+b") as raw:
        raw.seek(addr + 100)
        b = raw.read(1)
        raw.seek(addr + 100)
        raw.write(bytes([b[0] ^ 0x5A]))
    add_error("fletcher32_corrupt.h5", "/fletcher32",
              ["fletcher32_corrupt.h5", "/fletcher32", "checksum", "2000"],
              note="chunk at rows 2000.. fails its fletcher32 check")


# ---------------------------------------------------------------- fill values and empty

def make_fill():
    with h5py.File(path("fill.h5"), "w") as f:
        ds = f.create_dataset("sparse", shape=(1050,), dtype="<i4", chunks=(100,), fillvalue=-7)
        ds[200:300] = np.arange(100)
        ds[1000:1050] = 5
        f.create_dataset("empty", shape=(0,), dtype="f8", chunks=(64,), maxshape=(None,))
        f.create_dataset("empty_contig", shape=(0, 3), dtype="i4")
        f2 = f.create_dataset("sparse_f", shape=(300, 2), dtype="f4", chunks=(64, 2), fillvalue=2.5,
                              compression="gzip")
        f2[64:128, :] = 1.0
    sparse = np.full(1050, -7, dtype=np.int64)
    sparse[200:300] = np.arange(100)
    sparse[1000:1050] = 5
    add_case("fill.h5", "/sparse", {"sparse": num_stats(sparse)}, 1050,
             note="unallocated chunks read as the fill value")
    sf = np.full((300, 2), 2.5, dtype=np.float32)
    sf[64:128, :] = 1.0
    add_case("fill.h5", "/sparse_f", {"sparse_f_0": num_stats(sf[:, 0]), "sparse_f_1": num_stats(sf[:, 1])},
             300)
    add_case("fill.h5", "/empty", {"empty": {"sum": 0, "min": None, "max": None}}, 0)
    add_case("fill.h5", "/empty_contig", {"empty_contig_0": {"sum": 0, "min": None, "max": None}}, 0)


# ---------------------------------------------------------------- broken files

def make_broken():
    vals = np.arange(100000, dtype=np.int64)
    with h5py.File(path("truncated_src.h5"), "w") as f:
        f.create_dataset("data", data=vals)
    with open(path("truncated_src.h5"), "rb") as raw:
        head = raw.read()
    os.remove(path("truncated_src.h5"))
    with open(path("truncated.h5"), "wb") as out:
        out.write(head[: len(head) // 2])
    add_error("truncated.h5", "/data", ["truncated.h5", "/data"],
              note="the file ends in the middle of the dataset's data")
    with open(path("not_hdf5.h5"), "w") as out:
        out.write("station,value\nA,1\n" * 20)
    add_error("not_hdf5.h5", "/data", ["not_hdf5.h5", "not an HDF5 file"])


def make_inspect():
    """Attributes, links and a column group, for the inspect command (no aggregate cases)."""
    with h5py.File(path("inspect.h5"), "w") as f:
        f.attrs["title"] = "inspect fixture"
        f.attrs["version"] = np.int32(3)
        f.attrs["scale"] = np.array([0.5, 1.5, 2.5])
        inst = f.create_group("instrument")
        inst.attrs["site"] = "Kraków"
        d = inst.create_dataset("readings", data=np.arange(300, dtype="<f8").reshape(100, 3),
                                chunks=(25, 3), shuffle=True, compression="gzip", fillvalue=-1.0)
        d.attrs["units"] = "K"
        cols = f.create_group("cols")
        cols.create_dataset("t", data=np.arange(40, dtype="<i8"), chunks=(10,))
        cols.create_dataset("v", data=np.linspace(0, 1, 40))
        f["latest"] = h5py.SoftLink("/instrument/readings")
        f["ext"] = h5py.ExternalLink("other.h5", "/data")


def main():
    make_inspect()
    make_compound()
    make_types()
    make_shapes()
    make_columns()
    make_layouts()
    make_filters()
    make_fill()
    make_broken()
    with open(path("expected.json"), "w", encoding="utf-8") as out:
        json.dump({"cases": CASES}, out, indent=1, ensure_ascii=False)
        out.write("\n")


if __name__ == "__main__":
    main()
