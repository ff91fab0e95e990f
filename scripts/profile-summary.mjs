// Summarises a V8 CPU profile (node --cpu-prof): self time by file and by function, the
// inclusive time of the functions named after the file (e.g. prepareArticle commitBatch), and
// self time by source line inside functions given by where they start, as the function list
// prints them (e.g. sqlite/index.js:316 for an anonymous closure; lines of the compiled build).
//   node scripts/profile-summary.mjs PROFILE.cpuprofile [functionName | file.js:LINE …]
import fs from 'node:fs';

const [file, ...args] = process.argv.slice(2);
const locations = args.filter((a) => /\.js:\d+$/.test(a));
const names = args.filter((a) => !locations.includes(a));
if (!file) {
  console.error('usage: node scripts/profile-summary.mjs PROFILE.cpuprofile [functionName …]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
const selfTime = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
  total += dt;
});
const where = (n) => (n.callFrame.url || '').replace(/.*\/(src|node_modules|scripts)\//, '$1/');
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${where(n)}:${n.callFrame.lineNumber + 1}`;
const byFile = new Map();
const byFunction = new Map();
const inclusive = new Map();
for (const [id, t] of selfTime) {
  const n = nodes.get(id);
  byFile.set(where(n) || n.callFrame.functionName, (byFile.get(where(n) || n.callFrame.functionName) ?? 0) + t);
  byFunction.set(label(n), (byFunction.get(label(n)) ?? 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const name = nodes.get(cur).callFrame.functionName;
    if (names.includes(name) && !seen.has(name)) {
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + t);
    }
  }
}
const show = (title, map, count) => {
  console.log(`-- ${title}`);
  for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
};
console.log(`total ${(total / 1e6).toFixed(1)} s`);
show('self time by file', byFile, 20);
show('self time by function', byFunction, 30);
if (names.length) show('inclusive time', inclusive, names.length);
// Line ticks: each node records how many samples fell on each of its lines.
const msPerTick = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
for (const location of locations) {
  const lines = new Map();
  for (const n of profile.nodes) {
    if (!`${where(n)}:${n.callFrame.lineNumber + 1}`.endsWith(location)) continue;
    for (const t of n.positionTicks ?? []) lines.set(`line ${t.line}`, (lines.get(`line ${t.line}`) ?? 0) + t.ticks * msPerTick * 1000);
  }
  show(`self time by line in ${location}`, lines, 15);
}
