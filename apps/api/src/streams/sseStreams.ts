import type { SSEStreamingApi } from 'hono/streaming';

export type DropReason = 'slow' | 'drain';

export interface SseStreamsOptions {
  maxOpen: number;
  heartbeatMs: number;
  /**
   * Events pushed to a stream are written together once per this period: one socket write per
   * stream and period however many changes came, which is what a stream costs the server.
   */
  flushMs: number;
  /** Writes waiting for one stream before its client counts as too slow and is dropped. */
  maxQueued: number;
  onDrop?: (reason: DropReason) => void;
}

/** One open stream: events are written in order, together once per flush; `closed` resolves when it ends, for whatever reason. */
export interface SseClient {
  push(text: string): void;
  close(): void;
  readonly closed: Promise<void>;
}

/** An SSE comment line: ignored by every client, it keeps proxies and the client's silence detector content. */
const HEARTBEAT = ': heartbeat\n\n';

/**
 * The server-sent-event streams of one process: a cap on how many are open, one heartbeat timer and
 * one flush timer for all (events are written in batches), a bounded queue of writes per stream (a
 * client that stops reading is dropped, never buffered without bound: it reconnects and resumes),
 * and closing them all when the process drains.
 */
export class SseStreams {
  private readonly clients = new Set<QueuedClient>();
  private reserved = 0;
  private draining = false;
  private readonly timers: NodeJS.Timeout[];

  constructor(private readonly options: SseStreamsOptions) {
    this.timers = [
      setInterval(() => {
        for (const client of this.clients) client.beat();
      }, options.heartbeatMs).unref(),
      setInterval(() => {
        for (const client of this.clients) client.flush();
      }, options.flushMs).unref(),
    ];
  }

  get open(): number {
    return this.reserved;
  }

  /** Takes a place for a stream about to open; false when the process serves its maximum or is draining. */
  reserve(): boolean {
    if (this.draining || this.reserved >= this.options.maxOpen) return false;
    this.reserved += 1;
    return true;
  }

  /** Gives back a place taken by `reserve` for a stream that did not open (its request failed). */
  unreserve(): void {
    this.reserved -= 1;
  }

  /** The stream of a reserved place; `cut` ends its connection at once (a dropped slow client). */
  attach(stream: SSEStreamingApi, cut: () => void): SseClient {
    const client = new QueuedClient(stream, this.options.maxQueued, cut, (reason) => {
      this.clients.delete(client);
      this.reserved -= 1;
      if (reason) this.options.onDrop?.(reason);
    });
    this.clients.add(client);
    return client;
  }

  /** Refuses new streams and ends every open one: their clients reconnect to another process. */
  drain(): void {
    this.draining = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const client of [...this.clients]) client.end('drain');
  }
}

class QueuedClient implements SseClient {
  private pending: string[] = [];
  private readonly queue: string[] = [];
  private writing = false;
  private done = false;
  private quiet = true;
  private resolveClosed!: () => void;
  readonly closed = new Promise<void>((resolve) => {
    this.resolveClosed = resolve;
  });

  constructor(
    private readonly stream: SSEStreamingApi,
    private readonly maxQueued: number,
    private readonly cut: () => void,
    private readonly onEnd: (reason: DropReason | undefined) => void,
  ) {
    stream.onAbort(() => this.end());
  }

  push(text: string): void {
    if (this.done) return;
    this.pending.push(text);
    this.quiet = false;
  }

  /** Queues what was pushed since the last flush as one write; a client too many writes behind is dropped. */
  flush(): void {
    if (this.done || this.pending.length === 0) return;
    if (this.queue.length >= this.maxQueued) {
      this.end('slow');
      this.cut();
      return;
    }
    this.queue.push(this.pending.join(''));
    this.pending = [];
    if (!this.writing) void this.pump();
  }

  /** A heartbeat when nothing was sent since the last one. */
  beat(): void {
    if (this.quiet) this.push(HEARTBEAT);
    this.quiet = true;
  }

  close(): void {
    this.end();
  }

  end(reason?: DropReason): void {
    if (this.done) return;
    this.done = true;
    this.queue.length = 0;
    this.pending = [];
    this.onEnd(reason);
    this.resolveClosed();
  }

  /** Writes in order; a write waits while the connection's buffers are full, so the queue grows instead. */
  private async pump(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0 && !this.done) {
      const text = this.queue.shift() as string;
      await this.stream.write(text);
    }
    this.writing = false;
  }
}
