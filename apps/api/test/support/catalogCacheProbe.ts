import type { CacheOutcome } from '@concert/redis';
import type { App } from '../../src/app.js';
import type { AppDeps } from '../../src/deps.js';

/** What the cache answered from, as its metric counts it: the test sees the same numbers an operator would. */
export async function cacheOutcomes(deps: AppDeps): Promise<Partial<Record<CacheOutcome, number>>> {
  const { values } = await deps.metrics.catalogCacheRequests.get();
  return Object.fromEntries(values.map(({ labels, value }) => [labels.result, value]));
}

export async function concertTitles(app: App): Promise<string[]> {
  const response = await app.request('/api/v1/concerts');
  if (response.status !== 200) throw new Error(`GET /concerts answered ${response.status}`);
  const { list } = (await response.json()) as { list: Array<{ title: string }> };
  return list.map((concert) => concert.title);
}

/** Polls until `check` holds or a second has passed (invalidation messages arrive asynchronously). */
export async function withinASecond<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let waited = 0; waited < 1_000 && !check(value); waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}
