/**
 * Weighted L2-regularised logistic regression by Newton's method: a handful of features and
 * a few thousand examples, so the exact Hessian is tiny and converges in a few steps.
 * Used offline by scripts/train-cluster-model.ts; nothing here runs at ingest time.
 */

export interface LogisticFit {
  weights: number[];
  bias: number;
  iterations: number;
}

/** Solves A x = b for a small dense symmetric positive definite A (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}

/**
 * Fits P(y=1|x) = σ(w·x + b). `l2` penalises the weights (not the bias); `sampleWeights`
 * lets one data set or class count as much as another.
 */
export function fitLogistic(x: number[][], y: number[], options: { l2?: number; sampleWeights?: number[]; maxIterations?: number } = {}): LogisticFit {
  const l2 = options.l2 ?? 1e-2;
  const d = x[0]?.length ?? 0;
  const beta = new Array<number>(d + 1).fill(0);
  const sw = options.sampleWeights ?? y.map(() => 1);
  let iterations = 0;
  for (; iterations < (options.maxIterations ?? 50); iterations++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [...x[i], 1];
      let z = 0;
      for (let j = 0; j <= d; j++) z += beta[j] * row[j];
      const p = 1 / (1 + Math.exp(-z));
      const g = sw[i] * (p - y[i]);
      const h = sw[i] * p * (1 - p);
      for (let j = 0; j <= d; j++) {
        grad[j] += g * row[j];
        for (let k = j; k <= d; k++) hess[j][k] += h * row[j] * row[k];
      }
    }
    for (let j = 0; j <= d; j++) {
      for (let k = 0; k < j; k++) hess[j][k] = hess[k][j];
      if (j < d) {
        grad[j] += l2 * beta[j];
        hess[j][j] += l2;
      } else {
        hess[j][j] += 1e-9;
      }
    }
    const step = solve(hess, grad);
    let change = 0;
    for (let j = 0; j <= d; j++) {
      beta[j] -= step[j];
      change = Math.max(change, Math.abs(step[j]));
    }
    if (change < 1e-8) break;
  }
  return { weights: beta.slice(0, d), bias: beta[d], iterations };
}
