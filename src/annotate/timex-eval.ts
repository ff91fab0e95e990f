/**
 * TempEval-3 style scoring of temporal expressions against TimeML (.tml) gold files.
 * Extents: strict (same span) and relaxed (overlap, one-to-one) precision/recall/F1.
 * Value: counted over relaxed-matched pairs with equal values; precision divides by the
 * system's expressions, recall by the gold ones (TempEval-3 "attribute F1").
 * The document creation time (functionInDocument="CREATION_TIME") is the anchor and is
 * never scored.
 */

export interface GoldTimex {
  start: number;
  end: number;
  text: string;
  value: string;
  type: string;
}

export interface TimeMLDocument {
  docId: string;
  /** ISO date of the creation time, or null when the file has none. */
  dct: string | null;
  /** Plain text of the <TEXT> element, tags removed, entities decoded. */
  text: string;
  timexes: GoldTimex[];
}

export interface SystemTimex {
  start: number;
  end: number;
  value: string | null;
}

export interface TimexCounts {
  gold: number;
  system: number;
  strict: number;
  relaxedGold: number;
  relaxedSystem: number;
  valueCorrect: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(tag);
  return match ? decodeEntities(match[1]) : null;
}

/** Parse one TimeML document. Throws with a reason when the file has no <TEXT>. */
export function parseTimeML(xml: string): TimeMLDocument {
  const docId = /<DOCID>([^<]*)<\/DOCID>/.exec(xml)?.[1]?.trim() ?? '';
  let dct: string | null = null;
  for (const tag of xml.match(/<TIMEX3\b[^>]*>/g) ?? []) {
    if (attribute(tag, 'functionInDocument') === 'CREATION_TIME') {
      dct = attribute(tag, 'value');
      break;
    }
  }
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml);
  if (!body) throw new Error('no <TEXT> element');
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: Array<{ start: number; value: string; type: string; creation: boolean }> = [];
  const tagPattern = /<[^>]+>/g;
  let last = 0;
  for (const match of body[1].matchAll(tagPattern)) {
    text += decodeEntities(body[1].slice(last, match.index));
    last = match.index + match[0].length;
    const tag = match[0];
    if (/^<TIMEX3\b/.test(tag)) {
      open.push({
        start: text.length,
        value: attribute(tag, 'value') ?? '',
        type: attribute(tag, 'type') ?? '',
        creation: attribute(tag, 'functionInDocument') === 'CREATION_TIME',
      });
      if (tag.endsWith('/>')) open.pop();
    } else if (/^<\/TIMEX3>/.test(tag)) {
      const started = open.pop();
      if (started && !started.creation && text.length > started.start) {
        timexes.push({
          start: started.start,
          end: text.length,
          text: text.slice(started.start),
          value: started.value,
          type: started.type,
        });
      }
    }
  }
  text += decodeEntities(body[1].slice(last));
  return { docId, dct, text, timexes };
}

/** Compare one document's system expressions with its gold ones. */
export function scoreDocument(gold: GoldTimex[], system: SystemTimex[]): TimexCounts {
  const strict = system.filter((s) => gold.some((g) => g.start === s.start && g.end === s.end)).length;
  // Relaxed: greedy one-to-one on overlap, preferring the pair with the largest overlap.
  const pairs: Array<{ g: number; s: number; overlap: number }> = [];
  gold.forEach((g, gi) =>
    system.forEach((s, si) => {
      const overlap = Math.min(g.end, s.end) - Math.max(g.start, s.start);
      if (overlap > 0) pairs.push({ g: gi, s: si, overlap });
    }),
  );
  pairs.sort((a, b) => b.overlap - a.overlap);
  const usedGold = new Set<number>();
  const usedSystem = new Set<number>();
  let valueCorrect = 0;
  for (const pair of pairs) {
    if (usedGold.has(pair.g) || usedSystem.has(pair.s)) continue;
    usedGold.add(pair.g);
    usedSystem.add(pair.s);
    if (system[pair.s].value !== null && system[pair.s].value === gold[pair.g].value) valueCorrect++;
  }
  return {
    gold: gold.length,
    system: system.length,
    strict,
    relaxedGold: usedGold.size,
    relaxedSystem: usedSystem.size,
    valueCorrect,
  };
}

export function addCounts(a: TimexCounts, b: TimexCounts): TimexCounts {
  return {
    gold: a.gold + b.gold,
    system: a.system + b.system,
    strict: a.strict + b.strict,
    relaxedGold: a.relaxedGold + b.relaxedGold,
    relaxedSystem: a.relaxedSystem + b.relaxedSystem,
    valueCorrect: a.valueCorrect + b.valueCorrect,
  };
}

export const EMPTY_COUNTS: TimexCounts = { gold: 0, system: 0, strict: 0, relaxedGold: 0, relaxedSystem: 0, valueCorrect: 0 };

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

function prf(correctSystem: number, system: number, correctGold: number, gold: number): PRF {
  const precision = system === 0 ? 0 : correctSystem / system;
  const recall = gold === 0 ? 0 : correctGold / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export interface TimexScores {
  strict: PRF;
  relaxed: PRF;
  value: PRF;
  /** Share of relaxed-matched expressions with the right value. */
  valueAccuracy: number;
}

export function timexScores(c: TimexCounts): TimexScores {
  return {
    strict: prf(c.strict, c.system, c.strict, c.gold),
    relaxed: prf(c.relaxedSystem, c.system, c.relaxedGold, c.gold),
    value: prf(c.valueCorrect, c.system, c.valueCorrect, c.gold),
    valueAccuracy: c.relaxedGold === 0 ? 0 : c.valueCorrect / c.relaxedGold,
  };
}
