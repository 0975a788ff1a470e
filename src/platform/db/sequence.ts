/**
 * Runs queries one after another and returns their results in order, as `Promise.all` would.
 * For queries inside a transaction: a transaction is one connection, and node-postgres deprecates
 * overlapping queries on one connection (refused from pg 9). Each step is a function so nothing
 * starts before the previous one has finished (Drizzle's queries run when awaited).
 */
export async function inSequence<const T extends readonly (() => PromiseLike<unknown> | unknown)[]>(
  ...steps: T
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
