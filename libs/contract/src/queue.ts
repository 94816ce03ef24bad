import * as z from 'zod';
import { dataEnvelope } from './envelope.js';
import { userId } from './ids.js';
import { defineOperation } from './operation.js';

const queueStatus = z.enum(['WAITING', 'ACTIVE']).meta({ description: 'ACTIVE: past the waiting room; gated routes accept the token.' });
const position = z.number().int().min(0).meta({ description: '0 once active and only then; waiting positions count from 1.' });
const estimatedWaitingTime = z
  .number()
  .int()
  .min(0)
  .meta({ description: 'Seconds until admission, from the position and the admission rate achieved lately.' });

export const queuePlace = z.object({ position, estimatedWaitingTime, status: queueStatus }).meta({ id: 'QueuePlace' });

const eventsOnSale = z.array(z.number().int().positive()).meta({
  description:
    'Ids of the events whose booking window is open and that have a seat on sale (at most a second old), ascending. ' +
    'The line is one for the whole catalog: a buyer waiting for an event not listed can leave (DELETE /api/v1/queue/token) ' +
    'at once; empty means everything is sold out. Seats held by others are not on sale, and come back if their holds lapse unpaid.',
});

/** The status answer: the place, and what is still on sale. */
export const queueStatusAnswer = queuePlace.extend({ eventsOnSale }).meta({ id: 'QueueStatus' });

export const issueQueueTokenOperation = defineOperation({
  operationId: 'issueQueueToken',
  method: 'post',
  path: '/api/v1/queue/token',
  summary: 'Join the waiting room (or get the same place again) and receive a signed queue token',
  tags: ['queue'],
  auth: 'none',
  shedClass: 'entry',
  rateLimit: 'queueToken',
  body: z.strictObject({ userId }),
  response: dataEnvelope(queuePlace.extend({ token: z.string().meta({ description: 'Send it as the User-Token header.' }) })),
  errors: {},
});

export const getQueueStatusOperation = defineOperation({
  operationId: 'getQueueStatus',
  method: 'get',
  path: '/api/v1/queue/status',
  summary: 'Where the token stands in line, and which events are still on sale; polling keeps a waiting place',
  tags: ['queue'],
  auth: 'queueToken',
  shedClass: 'browse',
  queuePlace: 'unread',
  response: dataEnvelope(queueStatusAnswer),
  errors: { 401: 'token_missing, token_invalid, or token_expired (dropped, expired, left, paid)' },
});

export const deleteQueueTokenOperation = defineOperation({
  operationId: 'deleteQueueToken',
  method: 'delete',
  path: '/api/v1/queue/token',
  summary: 'Leave the line or the active set at once',
  tags: ['queue'],
  auth: 'queueToken',
  shedClass: 'purchase',
  queuePlace: 'unread',
  response: dataEnvelope(z.object({ status: z.literal('LEFT') })),
  errors: { 401: 'token_missing or token_invalid' },
});
