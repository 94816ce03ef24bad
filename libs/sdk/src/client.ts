import { operations, type Operation, type OperationId, type Operations } from '@concert/contract';
import { Transport, type CallOptions, type InputOf, type OutputOf, type TokenHolder, type TransportOptions } from './transport.js';
import { waitUntilActive, type QueueStatus, type WaitOptions } from './waitUntilActive.js';
import { watchSeats, type WatchSeatsOptions } from './watchSeats.js';

export interface ConcertClientOptions extends TransportOptions {
  /** A token kept from an earlier session (e.g. across a page reload); issueQueueToken sets it otherwise. */
  userToken?: string;
}

/** What a call resolves to: the envelope's `data` object, or its `list` array. */
export type ResultOf<O extends Operation> =
  OutputOf<O> extends { data: infer Data } ? Data : OutputOf<O> extends { list: infer List } ? List : OutputOf<O>;

/** Operations that need no input (or only optional fields) may be called without it. */
export type Method<O extends Operation> = object extends InputOf<O>
  ? (input?: InputOf<O>, options?: CallOptions) => Promise<ResultOf<O>>
  : (input: InputOf<O>, options?: CallOptions) => Promise<ResultOf<O>>;

/** One method per contract operation, named by its operationId. */
export type ConcertMethods = { [Id in OperationId]: Method<Operations[Id]> };

export interface ConcertClient extends ConcertMethods {
  /** The `User-Token` sent on every call. */
  readonly userToken: string | undefined;
  setUserToken(token: string | undefined): void;
  /** Polls the queue status until the token is ACTIVE (see WaitOptions). */
  waitUntilActive(options?: WaitOptions): Promise<QueueStatus>;
  /**
   * Watches an event's seat map live (the API's streamSeats): `onSnapshot` with the whole map, then
   * `onChange` with every change; reconnects by itself (see WatchSeatsOptions). Resolves when
   * `signal` aborts; rejects on a refusal a retry cannot change (an ApiError: 401, 403, 404, 409).
   */
  watchSeats(concertEventId: number, options: WatchSeatsOptions): Promise<void>;
}

function unwrap(answer: unknown): unknown {
  if (typeof answer !== 'object' || answer === null) return answer;
  if ('data' in answer) return answer.data;
  if ('list' in answer) return answer.list;
  return answer;
}

/**
 * The typed client of the concert API, for browsers and Node. Its methods come from the contract's
 * `operations` map, so it has exactly the API's operations with the API's schemas.
 */
export function createConcertClient(options: ConcertClientOptions): ConcertClient {
  const tokens: TokenHolder = { token: options.userToken };
  const transport = new Transport(options, tokens);
  const methods = Object.fromEntries(
    Object.entries(operations).map(([operationId, operation]) => [
      operationId,
      async (input: InputOf<Operation> = {}, callOptions?: CallOptions) =>
        unwrap(await transport.call<Operation>(operation, input, callOptions)),
    ]),
  ) as unknown as ConcertMethods;

  // The token the API issues is the user's identity for every later call: keep it; forget it on leaving.
  const { issueQueueToken, deleteQueueToken } = methods;
  methods.issueQueueToken = async (input, callOptions) => {
    const place = await issueQueueToken(input, callOptions);
    tokens.token = place.token;
    return place;
  };
  methods.deleteQueueToken = async (input, callOptions) => {
    const left = await deleteQueueToken(input, callOptions);
    tokens.token = undefined;
    return left;
  };

  return {
    ...methods,
    get userToken() {
      return tokens.token;
    },
    setUserToken(token) {
      tokens.token = token;
    },
    waitUntilActive: (waitOptions) => waitUntilActive((signal) => methods.getQueueStatus({}, { signal }), waitOptions),
    watchSeats: (concertEventId, watchOptions) => watchSeats(transport, concertEventId, watchOptions),
  };
}
