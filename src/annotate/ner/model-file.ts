/**
 * The model file (models/ner.bin.gz): gzip of
 *   "SLNER" version(u8) | metaLength(u32) meta(JSON) | sections …
 * Sections, each a u32 byte length and its bytes:
 *   gazetteer keys (sorted, delta varints) | gazetteer flags (u32 category bits) |
 *   feature keys (sorted, delta varints) | weights (i8, row-major, rows × labels) |
 *   transitions (f32).
 * Weights are quantised to 8 bits on a square-root scale (quantize.ts); rows that
 * quantise to all zeros are dropped. This makes the file a few MB and loading one
 * gunzip plus a linear pass.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { TRANSITION_SIZE } from './decode.ts';
import { LABEL_COUNT } from './labels.ts';
import type { NerModelData } from './model.ts';
import { quantiseWeight, weightScale } from './quantize.ts';

const MAGIC = 'SLNER';
const VERSION = 2;
const L = LABEL_COUNT;

class ByteWriter {
  private chunks: Buffer[] = [];
  bytes(data: Uint8Array): void {
    this.chunks.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  u32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value >>> 0);
    this.chunks.push(b);
  }
  section(data: Uint8Array): void {
    this.u32(data.byteLength);
    this.bytes(data);
  }
  result(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Sorted unsigned 32-bit keys as LEB128 deltas (sorted hashes are ~2 bytes apart, not 4). */
function encodeSortedKeys(keys: Uint32Array): Uint8Array {
  const out = new Uint8Array(keys.length * 5);
  let length = 0;
  let previous = 0;
  for (let i = 0; i < keys.length; i++) {
    let delta = keys[i] - previous;
    previous = keys[i];
    while (delta >= 0x80) {
      out[length++] = (delta & 0x7f) | 0x80;
      delta = Math.floor(delta / 128);
    }
    out[length++] = delta;
  }
  return out.slice(0, length);
}

function decodeSortedKeys(bytes: Uint8Array, count: number): Uint32Array {
  const keys = new Uint32Array(count);
  let pos = 0;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    let delta = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[pos++];
      delta += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 128;
    }
    previous += delta;
    keys[i] = previous;
  }
  return keys;
}

/** Quantise weights; returns kept row indices (rows not all zero) and their int8 values. */
function quantise(weights: Float32Array, rows: number, scale: number): { kept: number[]; values: Int8Array } {
  const kept: number[] = [];
  const values = new Int8Array(rows * L);
  let out = 0;
  for (let r = 0; r < rows; r++) {
    let any = false;
    for (let y = 0; y < L; y++) {
      const q = quantiseWeight(weights[r * L + y], scale);
      values[out * L + y] = q;
      if (q !== 0) any = true;
    }
    if (any) {
      kept.push(r);
      out++;
    }
  }
  return { kept, values: values.slice(0, out * L) };
}

export function serialiseModel(data: NerModelData): Buffer {
  const rows = data.featureKeys.length;
  if (data.weights.length !== rows * L) throw new Error('only a freshly trained model (float weights) can be serialised');
  const scale = weightScale(data.weights);
  const { kept, values } = quantise(data.weights, rows, scale);
  // Rows sorted by key so keys delta-encode; weights follow the same order.
  kept.sort((a, b) => data.featureKeys[a] - data.featureKeys[b]);
  const keys = Uint32Array.from(kept, (r) => data.featureKeys[r]);
  const ordered = new Int8Array(kept.length * L);
  const sourceRow = new Map<number, number>();
  {
    // values are in original row order of kept rows; find each kept row's position there.
    const byOriginal = [...kept].sort((a, b) => a - b);
    byOriginal.forEach((r, position) => sourceRow.set(r, position));
  }
  kept.forEach((r, k) => ordered.set(values.subarray(sourceRow.get(r)! * L, sourceRow.get(r)! * L + L), k * L));

  const gazOrder = Array.from(data.gazetteerKeys.keys()).sort((a, b) => data.gazetteerKeys[a] - data.gazetteerKeys[b]);
  const gazKeys = Uint32Array.from(gazOrder, (i) => data.gazetteerKeys[i]);
  const gazFlags = Uint32Array.from(gazOrder, (i) => data.gazetteerFlags[i]);

  const meta = {
    ...data.meta,
    labels: L,
    features: keys.length,
    gazetteer: gazKeys.length,
    weightScale: scale,
  };
  const writer = new ByteWriter();
  writer.bytes(Buffer.from(MAGIC, 'ascii'));
  writer.bytes(Uint8Array.of(VERSION));
  writer.section(Buffer.from(JSON.stringify(meta), 'utf8'));
  writer.section(encodeSortedKeys(gazKeys));
  writer.section(new Uint8Array(gazFlags.buffer, gazFlags.byteOffset, gazFlags.byteLength));
  writer.section(encodeSortedKeys(keys));
  writer.section(new Uint8Array(ordered.buffer, ordered.byteOffset, ordered.byteLength));
  const transitions = Float32Array.from(data.transitions);
  writer.section(new Uint8Array(transitions.buffer));
  return gzipSync(writer.result(), { level: 9 });
}

export function parseModel(file: Uint8Array): NerModelData {
  const raw = gunzipSync(file);
  if (raw.subarray(0, 5).toString('ascii') !== MAGIC) throw new Error('not a Storyline NER model file');
  if (raw[5] !== VERSION) throw new Error(`NER model version ${raw[5]} is not supported (expected ${VERSION})`);
  let pos = 6;
  const section = (): Buffer => {
    const length = raw.readUInt32LE(pos);
    const bytes = raw.subarray(pos + 4, pos + 4 + length);
    pos += 4 + length;
    return bytes;
  };
  const meta = JSON.parse(section().toString('utf8')) as Record<string, unknown> & {
    labels: number;
    features: number;
    gazetteer: number;
    weightScale: number;
  };
  if (meta.labels !== L) throw new Error(`NER model has ${meta.labels} labels, this code expects ${L}`);
  const gazetteerKeys = decodeSortedKeys(section(), meta.gazetteer);
  const gazFlagBytes = section();
  const gazetteerFlags = new Uint32Array(Uint8Array.from(gazFlagBytes).buffer);
  const featureKeys = decodeSortedKeys(section(), meta.features);
  const quantisedBytes = section();
  const quantised = new Int8Array(quantisedBytes.buffer.slice(quantisedBytes.byteOffset, quantisedBytes.byteOffset + quantisedBytes.byteLength));
  const transitionBytes = section();
  const transitions = new Float32Array(Uint8Array.from(transitionBytes).buffer);
  if (transitions.length !== TRANSITION_SIZE) throw new Error('NER model transitions are damaged');
  return { featureKeys, weights: new Float32Array(0), quantised, transitions, gazetteerKeys, gazetteerFlags, meta };
}
