"""Writes the Zarr test stores beside this script and expected.json.

Run with the Debian interpreter (zarr-python 2.13, numcodecs 0.11):

    /usr/bin/python3 make_fixtures.py && node make_v3.mjs

Zarr v2 stores are written by zarr-python. Zarr v3 stores that zarrita cannot write (gzip,
sharding_indexed with the index at the start or the end, crc32c) are written here by the
specification; make_v3.mjs writes the others with zarrita and reads every v3 store back.
expected.json holds the values computed from the in-memory arrays, never read back from disk.
"""
import base64
import json
import os
import shutil
import struct
import zlib
import gzip

import numpy as np
import numcodecs
import zarr
from numcodecs import Blosc, BZ2, GZip, LZ4, Zlib, Zstd

HERE = os.path.dirname(os.path.abspath(__file__))
V2 = os.path.join(HERE, "v2")
V3 = os.path.join(HERE, "v3")
BROKEN = os.path.join(HERE, "broken")
EXPECTED = {}


def value_list(a):
    """A JSON form of a 1-D array: floats as numbers or "NaN"/"Infinity"/"-Infinity"."""
    out = []
    for v in a.tolist():
        if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
            out.append("NaN" if v != v else ("Infinity" if v > 0 else "-Infinity"))
        elif isinstance(v, bytes):
            out.append(v.rstrip(b"\0").decode("ascii"))
        else:
            out.append(v)
    return out


def expect(store, path, data):
    """Records the rows lakemr reads: 1-D as a list, n-D as a list of rows (C order)."""
    a = np.asarray(data)
    if a.ndim == 1:
        EXPECTED.setdefault(store, {})[path] = value_list(a)
    else:
        rows = a.reshape(a.shape[0], -1) if a.ndim == 2 else a.reshape(-1, a.shape[-1])
        EXPECTED.setdefault(store, {})[path] = [value_list(r) for r in rows]


def fresh(path):
    if os.path.exists(path):
        shutil.rmtree(path)
    return path


def types_store():
    """Every dtype, both byte orders, 23 elements in chunks of 5 (an edge chunk of 3)."""
    root = zarr.open_group(fresh(os.path.join(V2, "types.zarr")), mode="w")
    n = 23
    i = np.arange(n)
    arrays = {
        "b1": (i % 3 == 0),
        "i1": (i * 11 - 120).astype("i1"),
        "i2_le": (i * 2999 - 32000).astype("<i2"),
        "i2_be": (i * 2999 - 32000).astype(">i2"),
        "i4": (i * 190000000 - 2100000000).astype("<i4"),
        "i8_be": (i * 400000000000000000 - 4600000000000000000).astype(">i8"),
        "u1": (i * 11).astype("u1"),
        "u2_be": (i * 2999).astype(">u2"),
        "u4": (i * 190000000).astype("<u4"),
        "u8": (i * 400000000000000000).astype("<u8"),
        "f2": (i * 0.5 - 3.25).astype("<f2"),
        "f2_be": (i * 0.5 - 3.25).astype(">f2"),
        "f4_be": (i * 1.25 - 7.5).astype(">f4"),
        "f8": (i * 1e300 / 7 - 1e300).astype("<f8"),
        "s5": np.array([("s%d" % k).encode() * (k % 3) for k in range(n)], dtype="S5"),
        "u3_le": np.array(["\u00e9%d" % k if k % 2 else "\u6f22" for k in range(n)], dtype="<U3"),
        "u3_be": np.array(["z%d" % k for k in range(n)], dtype=">U3"),
    }
    arrays["f8"][3] = np.nan
    arrays["f8"][4] = np.inf
    arrays["f4_be"][5] = -np.inf
    for name, a in arrays.items():
        root.array(name, a, chunks=(5,), compressor=Zlib(level=1))
        expect("v2/types.zarr", name, a)
    big = zarr.open_array(fresh(os.path.join(V2, "u64_big.zarr")), mode="w", shape=(6,),
                          chunks=(4,), dtype="<u8", compressor=None)
    big[:] = np.array([1, 2, 3, 4, 18446744073709551615, 6], dtype="<u8")


def codecs_store():
    """One array per compressor; Blosc with every inner codec and shuffle mode."""
    root = zarr.open_group(fresh(os.path.join(V2, "codecs.zarr")), mode="w")
    n = 1200
    ints = ((np.arange(n) * 7919) % 1000 - 500).astype("<i4")
    floats = np.sin(np.arange(n) / 10.0) * 1000
    rnd = np.random.default_rng(42).integers(0, 2 ** 31, n).astype("<i4")
    plain = {"none": None, "zlib": Zlib(level=5), "gzip": GZip(level=5), "bz2": BZ2(level=5),
             "zstd": Zstd(level=3), "lz4": LZ4(acceleration=1)}
    for name, comp in plain.items():
        root.array("ints_" + name, ints, chunks=(500,), compressor=comp)
        expect("v2/codecs.zarr", "ints_" + name, ints)
    shuffles = {"noshuffle": Blosc.NOSHUFFLE, "shuffle": Blosc.SHUFFLE, "bitshuffle": Blosc.BITSHUFFLE}
    for cname in ["blosclz", "lz4", "lz4hc", "zstd", "zlib"]:
        for sname, shuffle in shuffles.items():
            # blocksize 512: several blocks per chunk and a leftover block
            comp = Blosc(cname=cname, clevel=5, shuffle=shuffle, blocksize=512)
            root.array("ints_blosc_%s_%s" % (cname, sname), ints, chunks=(500,), compressor=comp)
            expect("v2/codecs.zarr", "ints_blosc_%s_%s" % (cname, sname), ints)
            root.array("floats_blosc_%s_%s" % (cname, sname), floats, chunks=(350,),
                       compressor=Blosc(cname=cname, clevel=9, shuffle=shuffle))
            expect("v2/codecs.zarr", "floats_blosc_%s_%s" % (cname, sname), floats)
    # zarr-python's default compressor: Blosc lz4, byte shuffle
    root.array("default_compressor", floats, chunks=(500,))
    expect("v2/codecs.zarr", "default_compressor", floats)
    root.array("blosc_memcpyed", rnd, chunks=(500,), compressor=Blosc(cname="lz4", clevel=0))
    expect("v2/codecs.zarr", "blosc_memcpyed", rnd)
    root.array("blosc_random", rnd, chunks=(500,), compressor=Blosc(cname="blosclz", clevel=9,
                                                                      shuffle=Blosc.SHUFFLE))
    expect("v2/codecs.zarr", "blosc_random", rnd)
    bytes_ = (np.arange(n) % 251).astype("u1")
    root.array("uint8_blosc_bitshuffle", bytes_, chunks=(500,),
               compressor=Blosc(cname="zstd", clevel=3, shuffle=Blosc.BITSHUFFLE))
    expect("v2/codecs.zarr", "uint8_blosc_bitshuffle", bytes_)
    odd = (np.arange(1003) * 3).astype("<i2")
    root.array("blosc_odd_elements", odd, chunks=(1003,),
               compressor=Blosc(cname="blosclz", clevel=5, shuffle=Blosc.BITSHUFFLE, blocksize=262))
    expect("v2/codecs.zarr", "blosc_odd_elements", odd)


def fill_store():
    """Missing chunks read as the fill value: every fill value kind."""
    root = zarr.open_group(fresh(os.path.join(V2, "fill.zarr")), mode="w")
    specs = [
        ("nan", "<f8", np.nan), ("inf", "<f4", np.inf), ("ninf", ">f8", -np.inf),
        ("float", "<f8", 1.5), ("int", "<i2", -7), ("uint", "<u4", 4000000000),
        ("bool", "|b1", True), ("bytes", "S3", b"ab"), ("unicode", "<U2", "xy"),
        ("zero", "<i4", 0),
    ]
    for name, dtype, fill in specs:
        a = root.create(name, shape=(10,), chunks=(3,), dtype=dtype, fill_value=fill,
                        compressor=Zlib(level=1))
        full = np.full(10, fill, dtype=dtype)
        # chunks 0 and 2 written, chunks 1 and 3 (the edge chunk) missing
        vals = np.arange(10).astype(dtype) if dtype[1] not in "SU" else np.array(
            [str(k) for k in range(10)], dtype=dtype)
        if dtype == "|b1":
            vals = np.zeros(10, dtype=bool)
        a[0:3] = vals[0:3]
        a[6:9] = vals[6:9]
        full[0:3] = vals[0:3]
        full[6:9] = vals[6:9]
        expect("v2/fill.zarr", name, full)
    rec = np.dtype([("a", "<i4"), ("b", "<f8")])
    r = root.create("record", shape=(4,), chunks=(2,), dtype=rec, fill_value=(9, 2.5), compressor=None)
    r[0:2] = np.array([(1, 0.5), (2, 1.5)], dtype=rec)
    EXPECTED["v2/fill.zarr"]["record"] = {"a": [1, 2, 9, 9], "b": [0.5, 1.5, 2.5, 2.5]}
    none = root.create("no_fill", shape=(6,), chunks=(3,), dtype="<i4", fill_value=None, compressor=None)
    none[0:3] = [1, 2, 3]


def order_store():
    """2-D and 3-D arrays in C and F order, both dimension separators, edge chunks in every
    dimension."""
    root = zarr.open_group(fresh(os.path.join(V2, "order.zarr")), mode="w")
    m = (np.arange(13 * 7).reshape(13, 7) * 3 - 100).astype("<i2")
    cube = (np.arange(5 * 3 * 4).reshape(5, 3, 4) * 0.25).astype("<f4")
    for order in "CF":
        for sep, sname in ((".", "dot"), ("/", "slash")):
            store = zarr.DirectoryStore(os.path.join(V2, "order.zarr"), dimension_separator=sep)
            g = zarr.open_group(store, mode="a")
            name = "m_%s_%s" % (order, sname)
            g.array(name, m, chunks=(4, 3), order=order, compressor=Blosc(cname="lz4", shuffle=Blosc.SHUFFLE))
            expect("v2/order.zarr", name, m)
            cname = "cube_%s_%s" % (order, sname)
            g.array(cname, cube, chunks=(2, 2, 3), order=order, compressor=Zstd(level=1))
            expect("v2/order.zarr", cname, cube)
    cells = EXPECTED["v2/order.zarr"]
    cells["cells_m_F_dot"] = [[i, j, int(m[i, j])] for i in range(13) for j in range(7)]


def nested_store(consolidated):
    name = "nested_consolidated.zarr" if consolidated else "nested.zarr"
    path = fresh(os.path.join(V2, name))
    store = zarr.DirectoryStore(path, dimension_separator="/")
    root = zarr.open_group(store, mode="w")
    root.attrs["title"] = "nested groups"
    root.attrs["version"] = 3
    g = root.create_group("a").create_group("b")
    g.attrs["units"] = {"x": "m"}
    n = 57
    x = np.arange(n, dtype="<i8") * 1000
    y = np.cos(np.arange(n)).astype("<f4")
    z = np.array(["k%d" % (k % 4) for k in range(n)], dtype="<U2")
    for col, data in (("x", x), ("y", y), ("z", z)):
        arr = g.array(col, data, chunks=(10,), compressor=GZip(level=1))
        arr.attrs["column"] = col
        expect("v2/" + name, "a/b/" + col, data)
    g.array("other", np.arange(5), chunks=(5,))
    root.array("top", np.arange(12, dtype="<u2"), chunks=(4,), compressor=None)
    expect("v2/" + name, "top", np.arange(12, dtype="<u2"))
    if consolidated:
        zarr.consolidate_metadata(store)


def records_store():
    """A structured dtype (record array): one column per field as HDF5 compounds."""
    rec = np.dtype([("id", "<i4"), ("pos", "<f8", (2,)), ("name", "S4"),
                    ("inner", [("p", ">u2"), ("q", "|b1")])])
    n = 11
    data = np.zeros(n, dtype=rec)
    data["id"] = np.arange(n) - 5
    data["pos"][:, 0] = np.arange(n) * 0.5
    data["pos"][:, 1] = -np.arange(n) * 1.5
    data["name"] = [("n%d" % k).encode() for k in range(n)]
    data["inner"]["p"] = np.arange(n) * 1000
    data["inner"]["q"] = np.arange(n) % 2 == 1
    zarr.array(data, chunks=(4,), store=zarr.DirectoryStore(fresh(os.path.join(V2, "records.zarr"))),
               compressor=Blosc(cname="zstd", shuffle=Blosc.SHUFFLE))
    EXPECTED["v2/records.zarr"] = {"": {
        "id": data["id"].tolist(), "pos_0": data["pos"][:, 0].tolist(), "pos_1": data["pos"][:, 1].tolist(),
        "name": value_list(data["name"]), "inner_p": data["inner"]["p"].tolist(),
        "inner_q": data["inner"]["q"].tolist()}}


def table_store():
    """The store the aggregate job test reads: a group of equal 1-D columns."""
    path = fresh(os.path.join(V2, "sensors.zarr"))
    root = zarr.open_group(zarr.DirectoryStore(path), mode="w")
    n = 3000
    rng = np.random.default_rng(7)
    station = np.array(["st%d" % (k % 5) for k in range(n)], dtype="<U3")
    value = np.round(rng.normal(20, 5, n), 3)
    count = rng.integers(0, 100, n).astype("<i4")
    root.array("station", station, chunks=(100,), compressor=Blosc(cname="zstd", shuffle=Blosc.SHUFFLE))
    root.array("value", value, chunks=(100,), compressor=Blosc(cname="lz4", shuffle=Blosc.BITSHUFFLE))
    root.array("count", count, chunks=(100,), compressor=Zlib(level=1))
    zarr.consolidate_metadata(root.store)
    agg = {}
    for s in sorted(set(station.tolist())):
        sel = station == s
        agg[s] = {"count": int(sel.sum()), "sum_value": float(value[sel].sum()),
                  "max_count": int(count[sel].max()), "min_value": float(value[sel].min())}
    EXPECTED["v2/sensors.zarr"] = {"rows": n, "by_station": agg}


def broken_stores():
    """Stores each with one defect, for the error tests."""
    fresh(BROKEN)
    os.makedirs(BROKEN)
    # a group whose array folder lost its .zarray
    g = zarr.open_group(os.path.join(BROKEN, "no_zarray.zarr"), mode="w")
    g.array("data", np.arange(10), chunks=(5,))
    os.remove(os.path.join(BROKEN, "no_zarray.zarr", "data", ".zarray"))
    # malformed JSON
    a = zarr.open_array(os.path.join(BROKEN, "bad_json.zarr"), mode="w", shape=(4,), chunks=(2,), dtype="<i4")
    a[:] = 1
    with open(os.path.join(BROKEN, "bad_json.zarr", ".zarray"), "w") as f:
        f.write('{"zarr_format": 2, "shape": [4], "chunks": [2,')
    # a chunk of the wrong size (no compressor, one element short)
    a = zarr.open_array(os.path.join(BROKEN, "wrong_size.zarr"), mode="w", shape=(8,), chunks=(4,),
                        dtype="<i4", compressor=None)
    a[:] = np.arange(8)
    with open(os.path.join(BROKEN, "wrong_size.zarr", "1"), "wb") as f:
        f.write(np.arange(3, dtype="<i4").tobytes())
    # corrupt compressed chunks: zlib and blosc
    for name, comp in (("corrupt_zlib.zarr", Zlib(level=5)),
                       ("corrupt_blosc.zarr", Blosc(cname="blosclz", clevel=5, shuffle=Blosc.SHUFFLE))):
        a = zarr.open_array(os.path.join(BROKEN, name), mode="w", shape=(2000,), chunks=(1000,),
                            dtype="<i4", compressor=comp)
        a[:] = (np.arange(2000) * 7) % 300
        p = os.path.join(BROKEN, name, "1")
        raw = bytearray(open(p, "rb").read())
        if name.startswith("corrupt_zlib"):
            # zlib's adler32 catches flipped bytes
            for k in range(len(raw) // 2, min(len(raw), len(raw) // 2 + 12)):
                raw[k] ^= 0x5A
        else:
            # Blosc has no checksum: flipped literal bytes would decode to other numbers, as in
            # c-blosc; a frame cut short is caught
            raw = raw[:len(raw) - 20]
        open(p, "wb").write(bytes(raw))
    # an unknown filter
    zarr.open_array(os.path.join(BROKEN, "unknown_filter.zarr"), mode="w", shape=(6,), chunks=(3,),
                    dtype="<i4", filters=[numcodecs.Delta(dtype="<i4")])[:] = np.arange(6)
    # an unsupported dtype (complex)
    zarr.open_array(os.path.join(BROKEN, "complex.zarr"), mode="w", shape=(4,), chunks=(2,),
                    dtype="<c8")[:] = np.arange(4)


# ---------------------------------------------------------------- Zarr v3 by the specification

def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def write_json(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)


def v3_array_meta(shape, chunks, dtype, fill, codecs, encoding="default", attrs=None):
    enc = {"name": encoding, "configuration": {"separator": "/" if encoding == "default" else "."}}
    return {"zarr_format": 3, "node_type": "array", "shape": list(shape), "data_type": dtype,
            "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(chunks)}},
            "chunk_key_encoding": enc, "fill_value": fill, "codecs": codecs,
            "attributes": attrs or {}}


def v3_key(idx, encoding):
    return ("c/" + "/".join(map(str, idx))) if encoding == "default" else ".".join(map(str, idx))


def chunk_slices(shape, chunks):
    grid = [-(-s // c) for s, c in zip(shape, chunks)]
    for idx in np.ndindex(*grid):
        yield idx, tuple(slice(i * c, min((i + 1) * c, s)) for i, c, s in zip(idx, chunks, shape))


def padded(block, chunks, fill, dtype):
    out = np.full(chunks, fill, dtype=dtype)
    out[tuple(slice(0, n) for n in block.shape)] = block
    return out


def write_v3_gzip(root):
    """gzip (zarrita cannot encode it), a big-endian bytes codec and a missing chunk."""
    path = os.path.join(root, "gzip")
    data = (np.arange(17) * 3 - 20).astype(">i4")
    codecs = [{"name": "bytes", "configuration": {"endian": "big"}},
              {"name": "gzip", "configuration": {"level": 5}}]
    write_json(os.path.join(path, "zarr.json"), v3_array_meta((17,), (5,), "int32", -1, codecs))
    full = data.copy()
    for idx, sl in chunk_slices((17,), (5,)):
        if idx == (1,):
            full[sl] = -1
            continue
        raw = padded(data[sl], (5,), -1, ">i4").tobytes()
        os.makedirs(os.path.join(path, "c"), exist_ok=True)
        with open(os.path.join(path, v3_key(idx, "default")), "wb") as f:
            f.write(gzip.compress(raw, 5))
    expect("v3/spec.zarr", "gzip", full)


def shard_bytes(block, inner, fill, dtype, inner_codec, index_at_start, skip):
    """One shard: inner chunks (C order), then or before them the index with its crc32c."""
    grid = [-(-s // c) for s, c in zip(block.shape, inner)]
    n = int(np.prod(grid))
    chunks = []
    index = []
    offset = 16 * n + 4 if index_at_start else 0
    for k, idx in enumerate(np.ndindex(*grid)):
        sl = tuple(slice(i * c, (i + 1) * c) for i, c in zip(idx, inner))
        if k in skip:
            index.append((2 ** 64 - 1, 2 ** 64 - 1))
            continue
        raw = inner_codec(np.ascontiguousarray(block[sl]).astype(dtype).tobytes())
        index.append((offset, len(raw)))
        chunks.append(raw)
        offset += len(raw)
    idx = b"".join(struct.pack("<QQ", o, s) for o, s in index)
    idx += struct.pack("<I", crc32c(idx))
    body = b"".join(chunks)
    return idx + body if index_at_start else body + idx


def write_v3_sharded(root, name, index_location, shape, shard, inner, skip_inner, skip_shards):
    path = os.path.join(root, name)
    dtype = "<f8"
    fill = float("nan") if index_location == "end" else 2.5
    data = np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape) / 4.0
    codecs = [{"name": "sharding_indexed", "configuration": {
        "chunk_shape": list(inner),
        "codecs": [{"name": "bytes", "configuration": {"endian": "little"}},
                   {"name": "zstd", "configuration": {"level": 1, "checksum": False}}],
        "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}],
        "index_location": index_location}}]
    write_json(os.path.join(path, "zarr.json"),
               v3_array_meta(shape, shard, "float64", "NaN" if fill != fill else fill, codecs))
    full = data.copy()
    for idx, sl in chunk_slices(shape, shard):
        if idx in skip_shards:
            full[sl] = fill
            continue
        block = padded(data[sl], shard, fill, dtype)
        grid = [-(-s // c) for s, c in zip(shard, inner)]
        for k, iidx in enumerate(np.ndindex(*grid)):
            if k in skip_inner:
                isl = tuple(slice(i * c, (i + 1) * c) for i, c in zip(iidx, inner))
                block[isl] = fill
        full[sl] = block[tuple(slice(0, s.stop - s.start) for s in sl)]
        raw = shard_bytes(block, inner, fill, dtype, lambda b: numcodecs.Zstd(level=1).encode(b),
                          index_location == "start", skip_inner)
        p = os.path.join(path, v3_key(idx, "default"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(raw)
    expect("v3/spec.zarr", name, full)


def vlen_utf8(values):
    out = struct.pack("<I", len(values))
    for v in values:
        b = v.encode("utf-8")
        out += struct.pack("<I", len(b)) + b
    return out


def write_v3_strings(root, name, shape, chunks, fill, missing, compressor):
    """data_type string with vlen-utf8 (zarrita reads but cannot write it)."""
    path = os.path.join(root, name)
    data = np.array(["s%d-\u00e9" % k * (k % 3) for k in range(int(np.prod(shape)))], dtype=object).reshape(shape)
    codecs = [{"name": "vlen-utf8"}, compressor[0]]
    write_json(os.path.join(path, "zarr.json"), v3_array_meta(shape, chunks, "string", fill, codecs))
    full = data.copy()
    for idx, sl in chunk_slices(shape, chunks):
        if idx in missing:
            full[sl] = fill
            continue
        block = np.full(chunks, fill, dtype=object)
        block[tuple(slice(0, s.stop - s.start) for s in sl)] = data[sl]
        p = os.path.join(path, v3_key(idx, "default"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(compressor[1](vlen_utf8(list(block.reshape(-1)))))
    EXPECTED.setdefault("v3/spec.zarr", {})[name] = full.tolist()


def v3_consolidated_store():
    """A v3 group whose root zarr.json holds every node's metadata inline (zarr-python 3's
    consolidated_metadata), besides each node's own zarr.json."""
    root = fresh(os.path.join(V3, "consolidated.zarr"))
    data = (np.arange(9) * 1.5).astype("<f4")
    meta = v3_array_meta((9,), (4,), "float32", 0.0, [{"name": "bytes", "configuration": {"endian": "little"}}],
                         attrs={"units": "K"})
    group = {"zarr_format": 3, "node_type": "group", "attributes": {"level": 1}}
    write_json(os.path.join(root, "obs", "zarr.json"), group)
    write_json(os.path.join(root, "obs", "t", "zarr.json"), meta)
    for idx, sl in chunk_slices((9,), (4,)):
        p = os.path.join(root, "obs", "t", v3_key(idx, "default"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, "wb").write(padded(data[sl], (4,), 0, "<f4").tobytes())
    write_json(os.path.join(root, "zarr.json"), {
        "zarr_format": 3, "node_type": "group", "attributes": {},
        "consolidated_metadata": {"kind": "inline", "must_understand": False,
                                  "metadata": {"obs": group, "obs/t": meta}}})
    expect("v3/consolidated.zarr", "obs/t", data)


def v3_spec_store():
    root = fresh(os.path.join(V3, "spec.zarr"))
    write_json(os.path.join(root, "zarr.json"),
               {"zarr_format": 3, "node_type": "group", "attributes": {"written_by": "make_fixtures.py"}})
    write_v3_gzip(root)
    write_v3_strings(root, "strings", (11,), (4,), "n/a", {(1,)},
                     ({"name": "zstd", "configuration": {"level": 1, "checksum": False}},
                      lambda b: numcodecs.Zstd(level=1).encode(b)))
    write_v3_strings(root, "strings_2d", (5, 3), (2, 3), "", {(1, 0)},
                     ({"name": "gzip", "configuration": {"level": 1}}, lambda b: gzip.compress(b, 1)))
    # 1-D: 3 shards of 8 (the last an edge shard), inner chunks of 2; inner chunk 1 missing
    write_v3_sharded(root, "sharded_end", "end", (21,), (8,), (2,), {1}, set())
    # 2-D: shards (4, 6) of inner (2, 3); shard (1, 0) missing entirely
    write_v3_sharded(root, "sharded_start", "start", (10, 6), (4, 6), (2, 3), {2}, {(1, 0)})
    # a shard whose index fails its crc32c
    bad = os.path.join(fresh(os.path.join(BROKEN, "bad_crc.zarr")))
    write_v3_sharded(os.path.dirname(bad), "bad_crc.zarr", "end", (8,), (4,), (2,), set(), set())
    p = os.path.join(bad, "c", "1")
    raw = bytearray(open(p, "rb").read())
    raw[-5] ^= 0x01
    open(p, "wb").write(bytes(raw))
    del EXPECTED["v3/spec.zarr"]["bad_crc.zarr"]


def blosc_frames():
    """Raw Blosc frames from the reference library, beside the bytes they decode to."""
    out = fresh(os.path.join(HERE, "blosc"))
    os.makedirs(out)
    data = {
        "i4": ((np.arange(1500) * 7919) % 1000 - 500).astype("<i4").tobytes(),
        "f8": (np.sin(np.arange(700) / 10.0) * 1000).astype("<f8").tobytes(),
        "u1": (np.arange(3001) % 251).astype("u1").tobytes(),
        "i2": (np.arange(1003) * 3).astype("<i2").tobytes(),
        "text": b"lakemr reads zarr " * 300 + b"end",
    }
    for name, raw in data.items():
        open(os.path.join(out, name + ".bin"), "wb").write(raw)
    frames = []
    for cname in ["blosclz", "lz4", "lz4hc", "zstd", "zlib"]:
        for sname, shuffle in (("noshuffle", 0), ("shuffle", 1), ("bitshuffle", 2)):
            for kind, typesize, blocksize in (("i4", 4, 0), ("i4", 4, 1024), ("f8", 8, 0), ("i2", 2, 262)):
                frames.append((cname, sname, shuffle, kind, typesize, blocksize, 5))
    frames += [("blosclz", "noshuffle", 0, "text", 1, 0, 9), ("lz4", "bitshuffle", 2, "u1", 1, 0, 5),
               ("blosclz", "shuffle", 1, "u1", 1, 512, 5), ("zstd", "shuffle", 1, "f8", 8, 0, 0)]
    for cname, sname, shuffle, kind, typesize, blocksize, clevel in frames:
        codec = Blosc(cname=cname, clevel=clevel, shuffle=shuffle, blocksize=blocksize)
        # numcodecs takes the type size from the buffer's item size
        buf = np.frombuffer(data[kind], dtype="u%d" % typesize) if len(data[kind]) % typesize == 0 \
            else np.frombuffer(data[kind], dtype="u1")
        frame = codec.encode(buf)
        name = "%s_%s_%s_%s_b%d_c%d.blosc" % (cname, sname, kind, typesize, blocksize, clevel)
        open(os.path.join(out, name), "wb").write(frame)
        assert codec.decode(frame) == data[kind]


def main():
    os.makedirs(V2, exist_ok=True)
    os.makedirs(V3, exist_ok=True)
    types_store()
    codecs_store()
    fill_store()
    order_store()
    nested_store(False)
    nested_store(True)
    records_store()
    table_store()
    broken_stores()
    v3_spec_store()
    v3_consolidated_store()
    blosc_frames()
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(EXPECTED, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
