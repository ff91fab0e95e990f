/**
 * Document-level label consistency: one document names one thing the same way throughout,
 * so the same string should get the same type everywhere (Krishnan & Manning 2006 make the
 * same observation). After tagging each sentence on its own:
 * 1. mentions with the same normalised string vote, and minority types take the majority type;
 * 2. where a string tagged as an entity somewhere occurs again untagged or cut short
 *    ("Kim Jong" + "Un" when "Kim Jong-un" was found), that occurrence becomes the entity,
 *    as long as no other entity crosses its boundary.
 *
 * Strings are compared by a hash over the characters of their normalised tokens run
 * together, so "Jong-un" and "Jong Un" agree and the scan costs one probe per token.
 */
import { normaliseKeyToken } from './gazetteer.ts';
import { HASH_SEED, hashStep } from './hash.ts';
import { spansFromBilou, writeSpan, type TokenSpan } from './labels.ts';

/** Longest mention (in tokens) that the second step looks for. */
const MAX_MENTION_TOKENS = 8;

interface Mention extends TokenSpan {
  sequence: number;
  key: number;
}

/** Normalised token text, cached: the same words recur through a document and a corpus. */
const normalised = new Map<string, string>();
function tokenKey(word: string): string {
  let key = normalised.get(word);
  if (key === undefined) {
    key = normaliseKeyToken(word);
    if (normalised.size > 100_000) normalised.clear();
    normalised.set(word, key);
  }
  return key;
}

/** Continue a running hash with the characters of one normalised token. */
function extend(hash: number, key: string): number {
  let h = hash;
  for (let i = 0; i < key.length; i++) h = hashStep(h, key.charCodeAt(i));
  return h;
}

function spanKey(keys: readonly string[], start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = extend(h, keys[i]);
  return h;
}

function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  // ASCII answered without building two one-letter strings (this runs for every word).
  if (code < 128) return code >= 65 && code <= 90;
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/**
 * Make a document's BILOU labels consistent. `labels` are modified in place and returned.
 * Caseless documents only extend multi-token strings: a lone lowercase word ("park",
 * "moon") is too often an ordinary word elsewhere.
 */
export function enforceConsistency(
  sentences: ReadonlyArray<readonly string[]>,
  labels: Int32Array[],
  caseless: boolean,
  normalised?: ReadonlyArray<readonly string[]>,
): Int32Array[] {
  const mentions: Mention[] = [];
  const votes = new Map<number, Map<string, number>>();
  // Normalised tokens: the caller's (the tagger's word cache) or computed here.
  const computed: Array<readonly string[] | undefined> = new Array(sentences.length);
  const keys = (sequence: number): readonly string[] => normalised?.[sequence] ?? (computed[sequence] ??= sentences[sequence].map(tokenKey));
  labels.forEach((sequenceLabels, sequence) => {
    for (const span of spansFromBilou(sequenceLabels)) {
      const key = spanKey(keys(sequence), span.start, span.end);
      if (key === HASH_SEED) continue;
      // A literal, not a spread: this runs for every mention of every article.
      mentions.push({ start: span.start, end: span.end, type: span.type, sequence, key });
      const byType = votes.get(key) ?? new Map<string, number>();
      byType.set(span.type, (byType.get(span.type) ?? 0) + 1);
      votes.set(key, byType);
    }
  });
  if (mentions.length === 0) return labels;

  // The type each string takes: a strict plurality; ties keep what each mention has.
  const typeOf = new Map<number, string>();
  for (const [key, byType] of votes) {
    let best = '';
    let bestCount = 0;
    let tied = false;
    for (const [type, count] of byType) {
      if (count > bestCount) {
        best = type;
        bestCount = count;
        tied = false;
      } else if (count === bestCount) tied = true;
    }
    if (!tied) typeOf.set(key, best);
  }
  for (const mention of mentions) {
    const type = typeOf.get(mention.key);
    if (type && type !== mention.type) writeSpan(labels[mention.sequence], mention.start, mention.end, type);
  }
  if (typeOf.size === 0) return labels;

  // Running hashes of every character prefix of a known string: the scan below extends a
  // candidate only while it is still a prefix of something known.
  const prefixes = new Set<number>();
  const longest = new Map<number, number>(); // key → token count of its longest mention
  for (const m of mentions) {
    if (!typeOf.has(m.key)) continue;
    longest.set(m.key, Math.max(longest.get(m.key) ?? 0, m.end - m.start));
    const k = keys(m.sequence);
    let h = HASH_SEED;
    for (let i = m.start; i < m.end; i++) {
      for (let c = 0; c < k[i].length; c++) {
        h = hashStep(h, k[i].charCodeAt(c));
        prefixes.add(h);
      }
    }
  }

  // Occurrences of known strings that were missed or cut short.
  sentences.forEach((words, sequence) => {
    const sequenceLabels = labels[sequence];
    let spans: TokenSpan[] | null = null;
    let i = 0;
    while (i < words.length) {
      // In cased text every match starts with a capital (see below): skip the rest unhashed.
      if (!caseless && !isCapitalised(words[i])) {
        i++;
        continue;
      }
      let matchEnd = -1;
      let matchKey = 0;
      let h = HASH_SEED;
      const k = keys(sequence);
      for (let end = i + 1; end <= Math.min(words.length, i + MAX_MENTION_TOKENS); end++) {
        h = extend(h, k[end - 1]);
        if (!prefixes.has(h)) break;
        if (!typeOf.has(h)) continue;
        const single = end - i === 1 && (longest.get(h) ?? 0) <= 1;
        if (single && (caseless || !isCapitalised(words[i]))) continue;
        if (!caseless && !(isCapitalised(words[i]) && isCapitalised(words[end - 1]))) continue;
        matchEnd = end;
        matchKey = h;
      }
      if (matchEnd < 0) {
        i++;
        continue;
      }
      const type = typeOf.get(matchKey)!;
      spans ??= spansFromBilou(sequenceLabels);
      const start = i;
      const exact = spans.some((s) => s.start === start && s.end === matchEnd && s.type === type);
      const crossing = spans.some((s) => s.start < matchEnd && s.end > start && (s.start < start || s.end > matchEnd));
      if (!exact && !crossing) {
        writeSpan(sequenceLabels, start, matchEnd, type);
        spans = null;
      }
      i = matchEnd;
    }
  });
  return labels;
}
