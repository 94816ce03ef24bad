/**
 * A catalog read storm: every VU is admitted once, then reads the concert list and a random
 * concert's available events as fast as the API answers (the two reads the seed chose to cache).
 */
import * as api from './api.ts';
import type { IterationContext, LoadClient } from './client.ts';
import { everySeconds } from './polling.ts';
import { seedUserId } from './purchaseFlow.ts';

async function admittedToken(client: LoadClient, context: IterationContext): Promise<string | null> {
  const known = context.vuState['token'];
  if (typeof known === 'string') return known;
  const token = await api.issueToken(client, seedUserId());
  if (token === null || (await api.waitUntilActive(client, token, everySeconds(0.5))) !== 'active') return null;
  context.vuState['token'] = token;
  return token;
}

export async function readCatalog(client: LoadClient, context: IterationContext): Promise<void> {
  const token = await admittedToken(client, context);
  if (token === null) return;
  const concert = api.pickRandom(await api.listConcerts(client, token));
  if (concert === null) return;
  await api.listEvents(client, token, concert.id);
}
