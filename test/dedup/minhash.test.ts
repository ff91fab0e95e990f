import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { hash32, initHashing } from '../../src/dedup/hash.ts';
import { estimateJaccard, lshBandKeys, minhashSignature, shingleHashes, signatureFromBuffer, signatureToBuffer } from '../../src/dedup/minhash.ts';

before(initHashing);

function words(n: number, prefix: string): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

function trueJaccard(a: Uint32Array, b: Uint32Array): number {
  const sa = new Set(a);
  const inter = [...new Set(b)].filter((x) => sa.has(x)).length;
  return inter / (sa.size + new Set(b).size - inter);
}

test('shingles are order-sensitive and deterministic', () => {
  assert.deepEqual(shingleHashes(['a', 'b', 'c'], 2), shingleHashes(['a', 'b', 'c'], 2));
  assert.notDeepEqual([...shingleHashes(['a', 'b'], 2)], [...shingleHashes(['b', 'a'], 2)]);
  assert.equal(shingleHashes(['only', 'two'], 4).length, 1);
  assert.equal(shingleHashes([], 4).length, 0);
});

test('MinHash estimates Jaccard similarity within sampling error', () => {
  const base = words(400, 'w');
  for (const keep of [1, 0.8, 0.5, 0.2]) {
    const other = base.map((w, i) => (i < base.length * keep ? w : `x${i}`));
    const sa = shingleHashes(base, 4);
    const sb = shingleHashes(other, 4);
    const estimate = estimateJaccard(minhashSignature(sa, 256), minhashSignature(sb, 256));
    assert.ok(Math.abs(estimate - trueJaccard(sa, sb)) < 0.08, `keep ${keep}: estimate ${estimate} vs ${trueJaccard(sa, sb)}`);
  }
});

test('LSH bands: identical signatures share all keys, unrelated ones none; storage round-trips', () => {
  const a = minhashSignature(shingleHashes(words(300, 'a'), 4), 64);
  const b = minhashSignature(shingleHashes(words(300, 'b'), 4), 64);
  const keysA = lshBandKeys(a, 16);
  assert.equal(keysA.length, 16);
  assert.deepEqual(lshBandKeys(minhashSignature(shingleHashes(words(300, 'a'), 4), 64), 16), keysA);
  assert.equal(lshBandKeys(b, 16).filter((k) => keysA.includes(k)).length, 0);
  assert.deepEqual(signatureFromBuffer(signatureToBuffer(a)), a);
  assert.throws(() => lshBandKeys(a, 5));
});

test('hash32 equals xxhash-wasm XXH32 on ASCII (JavaScript path) and other strings (WASM path)', async () => {
  const { default: xxhash } = await import('xxhash-wasm');
  const reference = await xxhash();
  await initHashing();
  const encoder = new TextEncoder();
  const strings: string[] = [''];
  let x = 12345;
  for (let length = 1; length <= 70; length++) {
    for (let k = 0; k < 5; k++) {
      let s = '';
      for (let i = 0; i < length; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        s += String.fromCharCode(32 + (x % 95));
      }
      strings.push(s);
    }
  }
  strings.push('kim', 'jong-un', 'Müller', 'naïve café', '北京', 'emoji 😀 token', '\u007f\u0080');
  for (const seed of [0, 7]) {
    for (const s of strings) assert.equal(hash32(s, seed), reference.h32Raw(encoder.encode(s), seed) >>> 0, JSON.stringify(s));
  }
});
