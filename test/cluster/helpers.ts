/** Builds cluster articles from plain text the way the ingest pipeline prepares them. */
import { tokenize, splitSentences } from '../../src/text/tokens.ts';
import { hasCaseInformation } from '../../src/text/normalise.ts';
import { articleFeatures, DEFAULT_CLUSTER_PARAMS, type ClusterParams } from '../../src/cluster/features.ts';
import type { ClusterArticle } from '../../src/cluster/online.ts';

export function makeArticle(
  id: string,
  title: string | null,
  text: string,
  options: { published?: string | null; source?: string; params?: ClusterParams; entities?: string[] } = {},
): ClusterArticle {
  const bodyTokens = tokenize(text);
  const features = articleFeatures(
    {
      titleTokens: tokenize(title ?? ''),
      bodyTokens,
      bodySentences: splitSentences(text, bodyTokens),
      hasCase: hasCaseInformation(text),
      entities: options.entities,
    },
    options.params ?? DEFAULT_CLUSTER_PARAMS,
  );
  return {
    id,
    title,
    source: options.source ?? null,
    publishedMs: options.published ? Date.parse(options.published) : null,
    features,
  };
}

/** Deterministic pseudo-random words: distinct vocabulary per seed, so stories share nothing. */
export function nonsenseText(seed: number, words = 60): string {
  let a = seed * 2654435761 + 1;
  const next = () => {
    a = (a ^ (a << 13)) >>> 0;
    a = (a ^ (a >>> 17)) >>> 0;
    a = (a ^ (a << 5)) >>> 0;
    return a;
  };
  const out: string[] = [];
  const letters = 'bcdfghjklmnprstvz';
  const vowels = 'aeiou';
  for (let i = 0; i < words; i++) {
    let w = '';
    const len = 3 + (next() % 3);
    for (let j = 0; j < len; j++) w += letters[next() % letters.length] + vowels[next() % vowels.length];
    out.push(w);
  }
  return out.join(' ') + '.';
}
