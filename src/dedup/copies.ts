/**
 * Copy decisions between two articles: is one a copy of the other, how much of each is
 * reused, was the reuse spun, and which way did the text go.
 *
 * Same story is not a copy. Articles from different publishers about one event share names,
 * numbers and quotes; what a copy has and they do not is reused prose: aligned passages of
 * some length outside quotation marks. The decision counts only those.
 */
import { MIN_PASSAGE_TOKENS, alignPassages, coveredShare, type AlignedPassage } from './align.ts';
import { canonicalise, clearCanonicalCache, type CanonicalText } from './canonical.ts';
import { initSynonyms, registerAliases as registerSynonymAliases } from './synonyms.ts';
import { initSpinModel, substitutionSpinEvidence } from './spin.ts';

export { canonicalise, type CanonicalText } from './canonical.ts';
export { alignPassages, type AlignedPassage } from './align.ts';
export { copyCandidateKeys } from './copies-keys.ts';

/** Loads WordNet synonyms and the spin statistics once; everything after is synchronous. */
export async function initCopyDetection(): Promise<void> {
  initSynonyms();
  initSpinModel();
}

/**
 * Teaches canonicalisation entity aliases learned elsewhere (annotate's canonical names):
 * each alias folds to its canonical name from now on. Index keys of texts containing these
 * names change, so register before indexing, or re-key.
 */
export function registerAliases(aliases: Iterable<{ alias: string; canonical: string }>): void {
  registerSynonymAliases(aliases);
  clearCanonicalCache();
}

export interface CopyDecision {
  isCopy: boolean;
  /** Share of a's tokens inside passages reused from b (0..1). */
  shareOfA: number;
  /** Share of b's tokens inside passages reused from a. */
  shareOfB: number;
  passages: AlignedPassage[];
  /** The reused passages show synonym substitution (one side is a spun rewrite). */
  spun: boolean;
  /** Matched tokens outside quotes in passages long enough to count as evidence. */
  evidenceTokens: number;
  /** Share of matched content tokens that were substituted by a synonym. */
  substitutionShare: number;
}

export interface CopyOptions {
  /** Matched tokens a passage needs to count as evidence. */
  minEvidencePassage: number;
  /** Evidence tokens (summed over passages) needed to call a copy. */
  minEvidenceTokens: number;
  /** Evidence tokens as a share of the shorter text needed to call a copy. */
  minShare: number;
  /** Substituted share of matched content words above which the reuse counts as spun. */
  spunSubstitution: number;
  /**
   * Short texts: evidence needed is this share of the shorter text's tokens when that is
   * less than minEvidenceTokens, but never less than minEvidenceFloor.
   */
  shortTextEvidenceShare: number;
  minEvidenceFloor: number;
}

export const DEFAULT_COPY_OPTIONS: CopyOptions = {
  minEvidencePassage: 12,
  minEvidenceTokens: 30,
  minShare: 0.12,
  spunSubstitution: 0.08,
  shortTextEvidenceShare: 0.2,
  minEvidenceFloor: 12,
};

/**
 * Quoted speech does not count: two reports of one speech share it legitimately. (Counting
 * it at a quarter found a few more copies of quote-heavy articles and ten times as many
 * false links between same-event articles.)
 */
const QUOTED_WEIGHT = 0;
/** Short texts: a passage of 40 % of the shorter text counts, down to MIN_PASSAGE_TOKENS. */
const SHORT_TEXT_PASSAGE_SHARE = 0.4;

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

export function compareForCopy(a: CanonicalText, b: CanonicalText, options: CopyOptions = DEFAULT_COPY_OPTIONS): CopyDecision {
  const passages = alignPassages(a, b);
  // Evidence is reused prose: matched tokens of long-enough passages, quoted speech left out
  // token by token (a reused paragraph often wraps a quote the other side quotes too).
  let evidenceTokens = 0;
  let contentMatched = 0;
  let substituted = 0;
  const shorter = Math.max(1, Math.min(a.hashes.length, b.hashes.length));
  // A short text (one sentence reused) cannot show 30 tokens of evidence; ask for a share of
  // it instead, within bounds.
  const minPassage = clamp(SHORT_TEXT_PASSAGE_SHARE * shorter, MIN_PASSAGE_TOKENS, options.minEvidencePassage);
  const needed = clamp(options.shortTextEvidenceShare * shorter, options.minEvidenceFloor, options.minEvidenceTokens);
  for (const p of passages) {
    if (p.tokens < minPassage || p.contentTokens < 3) continue;
    evidenceTokens += p.tokens - (1 - QUOTED_WEIGHT) * p.quotedTokens;
    contentMatched += p.contentTokens;
    substituted += p.substitutions.length / 2;
  }
  const shareOfA = coveredShare(passages, 'a', a.hashes.length);
  const shareOfB = coveredShare(passages, 'b', b.hashes.length);
  const substitutionShare = contentMatched ? substituted / contentMatched : 0;
  const isCopy = evidenceTokens >= needed && evidenceTokens / shorter >= options.minShare;
  return { isCopy, shareOfA, shareOfB, passages, spun: isCopy && substitutionShare >= options.spunSubstitution, evidenceTokens, substitutionShare };
}

export interface DirectionInput {
  /** Publication time in ms since the epoch, or null when unknown. */
  published: number | null;
  /** The text itself (copyDirection reads only the canonical form). */
  text?: string;
  canonical: CanonicalText;
}

/** Publication times closer than this are a tie (feeds round, clocks differ). */
const SAME_TIME_MS = 60 * 1000;
/** Share difference that says one text contains the other. */
const CONTAINMENT_MARGIN = 0.15;

/** Substituted share above which the words at substituted positions are worth comparing. */
const SOME_SUBSTITUTION = 0.02;
/** Share of substitutions that must point one way for spin to decide the direction. */
const SPIN_VOTE_MARGIN = 0.2;
/** Tokens of dropped material (net) that say which side condensed the other. */
const DROPPED_MARGIN = 8;

/**
 * Material one side has between two consecutive reused passages and the other does not:
 * > 0 when b has more (a dropped sentences from b), < 0 when a has more.
 */
export function droppedBetweenPassages(passages: AlignedPassage[]): number {
  const ordered = [...passages].sort((x, y) => x.aFrom - y.aFrom);
  let net = 0;
  for (let k = 1; k < ordered.length; k++) {
    const p = ordered[k - 1];
    const q = ordered[k];
    if (q.bFrom < p.bTo) continue; // reordered: gaps say nothing
    const gapA = Math.max(0, q.aFrom - p.aTo);
    const gapB = Math.max(0, q.bFrom - p.bTo);
    // Only gaps of a sentence or so: a long gap is own text, not a dropped sentence.
    if (Math.max(gapA, gapB) > 80) continue;
    net += gapB - gapA;
  }
  return net;
}

/**
 * Which text was copied from which. Publication time first; at a tie or when a time is
 * unknown, the texts' own evidence, strongest first:
 * - the side whose words at substituted positions are the less natural news prose is the
 *   spun copy;
 * - the side mostly made of the other's passages (while the other is not) is the copy;
 * - the side that lacks sentences the other has between two reused passages condensed it;
 * - the shorter text is the copy (copies drop more than they add);
 * - a dated text was seen before an undated one.
 */
export function copyDirection(a: DirectionInput, b: DirectionInput, decision: CopyDecision = compareForCopy(a.canonical, b.canonical)): 'a-from-b' | 'b-from-a' {
  if (a.published !== null && b.published !== null && Math.abs(a.published - b.published) > SAME_TIME_MS) {
    return a.published > b.published ? 'a-from-b' : 'b-from-a';
  }
  if (decision.substitutionShare >= SOME_SUBSTITUTION) {
    // > 0: a's words at the substituted positions are less natural news prose than b's.
    const evidence = substitutionSpinEvidence(a, b, decision.passages);
    if (evidence >= SPIN_VOTE_MARGIN) return 'a-from-b';
    if (evidence <= -SPIN_VOTE_MARGIN) return 'b-from-a';
  }
  if (decision.shareOfA - decision.shareOfB > CONTAINMENT_MARGIN) return 'a-from-b';
  if (decision.shareOfB - decision.shareOfA > CONTAINMENT_MARGIN) return 'b-from-a';
  const dropped = droppedBetweenPassages(decision.passages);
  if (dropped >= DROPPED_MARGIN) return 'a-from-b';
  if (dropped <= -DROPPED_MARGIN) return 'b-from-a';
  if (a.canonical.hashes.length !== b.canonical.hashes.length) return a.canonical.hashes.length < b.canonical.hashes.length ? 'a-from-b' : 'b-from-a';
  if (a.published !== null && b.published === null) return 'b-from-a';
  if (b.published !== null && a.published === null) return 'a-from-b';
  return 'a-from-b';
}

export function parsePublished(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** Canonical form plus parsed time: what copyDirection needs about one article. */
export function directionInput(text: string, published: string | null | undefined, canonical: CanonicalText = canonicalise(text)): DirectionInput {
  return { published: parsePublished(published), text, canonical };
}

export interface CopyLink {
  /** The article that reuses text … */
  copyId: string;
  /** … from this one. */
  sourceId: string;
  /** Share of the copy's text reused from the source (copiedFrom[].share). */
  share: number;
  spun: boolean;
  /** Evidence, oriented copy → source: a* offsets are in the copy, b* in the source. */
  passages: AlignedPassage[];
}

/** Swaps the sides of aligned passages (the alignment was computed source → copy). */
function flipPassages(passages: AlignedPassage[]): AlignedPassage[] {
  return passages.map((p) => {
    const substitutions: number[] = [];
    for (let k = 0; k < p.substitutions.length; k += 2) substitutions.push(p.substitutions[k + 1], p.substitutions[k]);
    return {
      ...p,
      aStart: p.bStart,
      aEnd: p.bEnd,
      bStart: p.aStart,
      bEnd: p.aEnd,
      aFrom: p.bFrom,
      aTo: p.bTo,
      bFrom: p.aFrom,
      bTo: p.aTo,
      substitutions,
    };
  });
}

/**
 * Copy links between a new article and its index candidates, each oriented by copyDirection:
 * the new article may be the copy (a copiedFrom entry for it) or the source (an entry for the
 * older article, e.g. when the original arrives after its copy).
 */
export function findCopyLinks(
  article: DirectionInput & { id: string },
  candidates: Iterable<DirectionInput & { id: string }>,
  options: CopyOptions = DEFAULT_COPY_OPTIONS,
): CopyLink[] {
  const links: CopyLink[] = [];
  for (const candidate of candidates) {
    if (candidate.id === article.id) continue;
    const decision = compareForCopy(article.canonical, candidate.canonical, options);
    if (!decision.isCopy) continue;
    if (copyDirection(article, candidate, decision) === 'a-from-b') {
      links.push({ copyId: article.id, sourceId: candidate.id, share: decision.shareOfA, spun: decision.spun, passages: decision.passages });
    } else {
      links.push({ copyId: candidate.id, sourceId: article.id, share: decision.shareOfB, spun: decision.spun, passages: flipPassages(decision.passages) });
    }
  }
  return links;
}
