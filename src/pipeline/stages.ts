/**
 * The prepare stages run by default, assembled in one place so the CLI, the server, the
 * benchmark and the worker threads all prepare articles the same way.
 */
import { DEFAULT_CLUSTER_PARAMS, type ClusterParams } from '../cluster/features.ts';
import type { PrepareOptions } from './prepare.ts';

/** Canonical tokens, copy-index keys and the text-only spin score (loads WordNet synonyms). */
export async function loadCopyFeatures(): Promise<NonNullable<PrepareOptions['copyFeatures']>> {
  const copies = await import('../dedup/copies.ts');
  const { spinScore } = await import('../dedup/spin.ts');
  await copies.initCopyDetection();
  return (analysis, text, numbered) => {
    const canonical = numbered ?? copies.canonicalise(analysis);
    return { canonical, copyKeys: copies.copyCandidateKeys(canonical), spinAlone: spinScore(text, undefined, { canonical }) };
  };
}

/**
 * `copyFeatures: false` leaves copy features out (prepare workers: the thread that detects
 * copies computes them itself, see prepare-pool.ts).
 */
export async function loadPrepareStages(options: { html?: boolean; clusterParams?: ClusterParams; copyFeatures?: boolean } = {}): Promise<PrepareOptions> {
  const stages: PrepareOptions = { clusterParams: options.clusterParams ?? DEFAULT_CLUSTER_PARAMS };
  if (options.html) stages.extractHtml = (await import('../extract/index.ts')).extractArticle;
  if (options.copyFeatures !== false) stages.copyFeatures = await loadCopyFeatures();
  const boilerplate = await import('../dedup/boilerplate.ts');
  stages.findBoilerplate = (text) => boilerplate.findBoilerplate(text);
  stages.boilerplateLineKeys = boilerplate.boilerplateLineKeys;
  const annotators = await import('../annotate/index.ts');
  await annotators.initAnnotators();
  stages.annotate = (text, published, mask, title) => annotators.annotateText(text, { published, mask, title });
  return stages;
}
