// Writes v3/zarrita.zarr with zarrita and reads back every Zarr v3 store under v3/ (including
// the gzip and sharded arrays make_fixtures.py writes by the specification), checking each value
// against expected.json. Writes expected_v3.json from the in-memory arrays.
//
//   npm install && /usr/bin/python3 make_fixtures.py && node make_v3.mjs
import * as zarr from "zarrita";
import { FileSystemStore } from "@zarrita/storage";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "v3", "zarrita.zarr");
fs.rmSync(out, { recursive: true, force: true });
const store = new FileSystemStore(out);
const root = zarr.root(store);
const expected = {};

const bytes = (endian) => ({ name: "bytes", configuration: { endian } });
const zstd = { name: "zstd", configuration: { level: 3, checksum: false } };
const blosc = (typesize, shuffle, cname) => ({
  name: "blosc",
  configuration: { cname, clevel: 5, shuffle, typesize, blocksize: 0 },
});

function json(v) {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" && !Number.isFinite(v)) {
    return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  }
  return v;
}

async function write1d(name, dtype, data, codecs, opts = {}) {
  const a = await zarr.create(root.resolve(name), {
    shape: [data.length], chunkShape: [opts.chunk ?? 5], dtype, codecs,
    fillValue: opts.fill ?? 0, chunkSeparator: opts.separator, attributes: opts.attributes,
  });
  await zarr.set(a, [opts.only ? zarr.slice(...opts.only) : null], opts.only
    ? { data: data.slice(...opts.only), shape: [opts.only[1] - opts.only[0]], stride: [1] }
    : { data, shape: [data.length], stride: [1] });
  const values = Array.from(data, json);
  if (opts.only) {
    for (let i = 0; i < values.length; i++) {
      if (i < opts.only[0] || i >= opts.only[1]) values[i] = json(opts.fill);
    }
  }
  expected[name] = values;
}

await zarr.create(root, { attributes: { written_by: "zarrita 0.7.5" } });
const n = 23;
const seq = (f) => Array.from({ length: n }, (_, i) => f(i));
await write1d("int16_be", "int16", Int16Array.from(seq((i) => i * 1409 - 16000)), [bytes("big")]);
await write1d("uint64_zstd", "uint64", BigUint64Array.from(seq((i) => BigInt(i) * 300000000000000000n)),
  [bytes("little"), zstd]);
await write1d("float32_blosc", "float32", Float32Array.from(seq((i) => i * 0.75 - 4)),
  [bytes("little"), blosc(4, "shuffle", "lz4")]);
await write1d("float64_bitshuffle", "float64", Float64Array.from(seq((i) => Math.sqrt(i) * 10)),
  [bytes("little"), blosc(8, "bitshuffle", "zstd")]);
await write1d("int8_dots", "int8", Int8Array.from(seq((i) => i * 5 - 60)), [bytes("little")],
  { separator: "." });
await write1d("uint32_missing", "uint32", Uint32Array.from(seq((i) => i * 100000000)),
  [bytes("little"), zstd], { fill: 4000000000, only: [5, 15] });
await write1d("float64_nan", "float64", Float64Array.from(seq((i) => i / 8)),
  [bytes("big"), zstd], { fill: NaN, only: [0, 10] });
await write1d("float32_ninf_fill", "float32", Float32Array.from(seq((i) => -i)),
  [bytes("little")], { fill: -Infinity, only: [10, 23] });

// a 2-D array stored transposed (column-major chunks), 7 x 5 in chunks of 3 x 2
const t = await zarr.create(root.resolve("transposed"), {
  shape: [7, 5], chunkShape: [3, 2], dtype: "int32",
  codecs: [{ name: "transpose", configuration: { order: [1, 0] } }, bytes("little"), zstd], fillValue: 0,
});
const tdata = Int32Array.from({ length: 35 }, (_, i) => i * 7 - 50);
await zarr.set(t, null, { data: tdata, shape: [7, 5], stride: [5, 1] });
expected.transposed = Array.from({ length: 7 }, (_, r) => Array.from(tdata.slice(r * 5, r * 5 + 5)));

// chunk key encoding "v2" (keys 0.1): zarrita writes through whatever the metadata says
const v2 = await zarr.create(root.resolve("v2_keys"), {
  shape: [6, 4], chunkShape: [4, 3], dtype: "uint16", codecs: [bytes("little")], fillValue: 0,
});
const meta = JSON.parse(fs.readFileSync(path.join(out, "v2_keys", "zarr.json"), "utf8"));
meta.chunk_key_encoding = { name: "v2", configuration: { separator: "." } };
fs.writeFileSync(path.join(out, "v2_keys", "zarr.json"), JSON.stringify(meta, null, 2));
const v2open = await zarr.open(root.resolve("v2_keys"), { kind: "array" });
const v2data = Uint16Array.from({ length: 24 }, (_, i) => i * 1000);
await zarr.set(v2open, null, { data: v2data, shape: [6, 4], stride: [4, 1] });
expected.v2_keys = Array.from({ length: 6 }, (_, r) => Array.from(v2data.slice(r * 4, r * 4 + 4)));
void v2;

// a group of equal 1-D columns
await zarr.create(root.resolve("table"), { attributes: { kind: "table" } });
const station = Int32Array.from({ length: 40 }, (_, i) => i % 3);
const temp = Float64Array.from({ length: 40 }, (_, i) => 15 + (i % 7) * 0.5);
for (const [name, data, dtype] of [["table/station", station, "int32"], ["table/temp", temp, "float64"]]) {
  const a = await zarr.create(root.resolve(name), {
    shape: [40], chunkShape: [16], dtype, codecs: [bytes("little"), zstd], fillValue: 0,
  });
  await zarr.set(a, null, { data, shape: [40], stride: [1] });
  expected[name] = Array.from(data, json);
}
const bool = await zarr.create(root.resolve("flags"), {
  shape: [9], chunkShape: [4], dtype: "bool", codecs: [bytes("little")], fillValue: false,
});
const flags = Array.from({ length: 9 }, (_, i) => i % 4 === 1);
await zarr.set(bool, null, { data: new zarr.BoolArray(flags), shape: [9], stride: [1] });
expected.flags = flags;
fs.writeFileSync(path.join(here, "expected_v3.json"), JSON.stringify({ "v3/zarrita.zarr": expected }, null, 1));

// zarrita reads a shard index only from the end: check the arrays with the index at the start
// through a temporary copy whose shards have their index moved to the end
function indexAtEndCopy(storeName) {
  const src = path.join(here, storeName);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "zarr-v3-"));
  fs.cpSync(src, copy, { recursive: true });
  for (const dir of fs.readdirSync(copy)) {
    const metaPath = path.join(copy, dir, "zarr.json");
    if (!fs.existsSync(metaPath)) continue;
    const m = JSON.parse(fs.readFileSync(metaPath, "utf8"));
    const sharding = (m.codecs ?? []).find((c) => c.name === "sharding_indexed");
    if (!sharding || sharding.configuration.index_location !== "start") continue;
    sharding.configuration.index_location = "end";
    fs.writeFileSync(metaPath, JSON.stringify(m));
    const inner = sharding.configuration.chunk_shape;
    const perShard = m.chunk_grid.configuration.chunk_shape.reduce((p, s, k) => p * Math.ceil(s / inner[k]), 1);
    const indexBytes = 16 * perShard + 4;
    for (const f of fs.readdirSync(path.join(copy, dir), { recursive: true })) {
      const p = path.join(copy, dir, f);
      if (!f.startsWith("c") || fs.statSync(p).isDirectory()) continue;
      const raw = fs.readFileSync(p);
      const index = Buffer.from(raw.subarray(0, indexBytes - 4));
      for (let k = 0; k < perShard; k++) {
        const off = index.readBigUInt64LE(16 * k);
        if (off !== 0xffffffffffffffffn) index.writeBigUInt64LE(off - BigInt(indexBytes), 16 * k);
      }
      const crc = Buffer.alloc(4);
      crc.writeUInt32LE(crc32c(index));
      fs.writeFileSync(p, Buffer.concat([raw.subarray(indexBytes), index, crc]));
    }
  }
  return copy;
}

function crc32c(buf) {
  let crc = 0xffffffff;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// the values of a zarrita chunk result in C order, whatever its strides
function cOrder(got) {
  const out = [];
  const idx = new Array(got.shape.length).fill(0);
  const total = got.shape.reduce((p, s) => p * s, 1);
  for (let n = 0; n < total; n++) {
    out.push(got.data.get ? got.data.get(idx.reduce((p, v, k) => p + v * got.stride[k], 0))
      : got.data[idx.reduce((p, v, k) => p + v * got.stride[k], 0)]);
    for (let k = idx.length - 1; k >= 0; k--) {
      if (++idx[k] < got.shape[k]) break;
      idx[k] = 0;
    }
  }
  return out;
}

// read everything back with zarrita
const all = { ...JSON.parse(fs.readFileSync(path.join(here, "expected.json"), "utf8")),
  "v3/zarrita.zarr": expected };
let checked = 0;
for (const storeName of ["v3/spec.zarr", "v3/consolidated.zarr", "v3/zarrita.zarr"]) {
  const dir = storeName === "v3/spec.zarr" ? indexAtEndCopy(storeName) : path.join(here, storeName);
  const s = zarr.root(new FileSystemStore(dir));
  for (const [arrayPath, want] of Object.entries(all[storeName])) {
    const a = await zarr.open(s.resolve(arrayPath), { kind: "array" });
    const got = await zarr.get(a);
    const flat = cOrder(got).map(json);
    const wantFlat = want.flat();
    for (let i = 0; i < wantFlat.length; i++) {
      const g = flat[i];
      const w = wantFlat[i];
      if (g !== w) {
        throw new Error(`${storeName}/${arrayPath}[${i}]: zarrita reads ${g}, expected ${w}`);
      }
    }
    if (flat.length !== wantFlat.length) {
      throw new Error(`${storeName}/${arrayPath}: ${flat.length} values, expected ${wantFlat.length}`);
    }
    checked++;
  }
}
console.log(`zarrita read back ${checked} v3 arrays`);
