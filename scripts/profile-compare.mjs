// Compares two V8 CPU profiles of the same thread (node --cpu-prof, e.g. the ingest thread of
// two 100k bench runs) function by function, in ms per article. Functions are matched by name
// and file, not line, so builds whose lines moved still compare. The machine's speed differs
// between runs: `--norm` names functions the change did not touch, and B's figures are also
// shown scaled by A/B of their summed time (the "normalised" column).
//   node scripts/profile-compare.mjs A.cpuprofile ARTICLES_A B.cpuprofile ARTICLES_B [--norm fn,fn,…] [--top N]
import fs from 'node:fs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const norm = (option('--norm') ?? '').split(',').filter(Boolean);
const top = Number(option('--top') ?? 30);
const [fileA, countA, fileB, countB] = args;
if (!fileB || !(Number(countA) > 0) || !(Number(countB) > 0)) {
  console.error('usage: node scripts/profile-compare.mjs A.cpuprofile ARTICLES_A B.cpuprofile ARTICLES_B [--norm fn,fn,…] [--top N]');
  process.exit(2);
}

/** Self time (ms per article) by "function file", idle left out. */
function selfTimes(file, articles) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map();
  profile.samples.forEach((id, i) => {
    const { callFrame } = nodes.get(id);
    if (callFrame.functionName === '(idle)') return;
    const key = `${callFrame.functionName || '(anonymous)'} ${(callFrame.url || '').replace(/.*\/(src|node_modules|scripts)\//, '$1/')}`;
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000 / articles);
  });
  return out;
}

const a = selfTimes(fileA, Number(countA));
const b = selfTimes(fileB, Number(countB));
const sum = (map, keep) => [...map].filter(([k]) => keep(k)).reduce((s, [, t]) => s + t, 0);
const isNorm = (key) => norm.includes(key.split(' ')[0]);
const scale = norm.length ? sum(a, isNorm) / sum(b, isNorm) : 1;
const fmt = (t) => t.toFixed(4).padStart(8);
console.log(`total (ms per article, not idle): A ${sum(a, () => true).toFixed(3)}  B ${sum(b, () => true).toFixed(3)}`);
if (norm.length) console.log(`B scaled by ${scale.toFixed(3)} (A/B of ${norm.join(', ')}): B normalised ${(sum(b, () => true) * scale).toFixed(3)}`);
const rows = [...new Set([...a.keys(), ...b.keys()])].map((k) => ({ k, ta: a.get(k) ?? 0, tb: b.get(k) ?? 0 }));
console.log(`${'A'.padStart(8)} ${'B'.padStart(8)} ${'B norm'.padStart(8)} ${'change'.padStart(8)}  function file`);
for (const { k, ta, tb } of rows.sort((x, y) => Math.max(y.ta, y.tb) - Math.max(x.ta, x.tb)).slice(0, top)) {
  console.log(`${fmt(ta)} ${fmt(tb)} ${fmt(tb * scale)} ${fmt(tb * scale - ta)}  ${k}`);
}
