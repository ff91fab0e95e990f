/**
 * Background document frequencies (built by scripts/build-idf-prior.ts from CoNLL-2003's
 * Reuters stories). A fresh store has seen too few articles to tell "said" from "missile";
 * the prior counts as a few hundred earlier news documents and fades as real ones accumulate.
 */
import prior from './idf-prior.json' with { type: 'json' };

export interface IdfPrior {
  docs: number;
  df: Map<string, number>;
}

export const IDF_PRIOR: IdfPrior = {
  docs: prior.docs,
  df: new Map(Object.entries(prior.df as Record<string, number>)),
};
