/** mulberry32: a seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number;
