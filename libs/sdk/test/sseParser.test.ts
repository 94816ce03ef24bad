import { describe, expect, it } from 'vitest';
import { sseParser, type SseEvent } from '../src/sseParser.js';

const parse = (chunks: string[]) => {
  const events: SseEvent[] = [];
  let comments = 0;
  const parser = sseParser((event) => events.push(event), () => (comments += 1));
  for (const chunk of chunks) parser.push(chunk);
  return { events, comments };
};

describe('sseParser', () => {
  const text = 'retry: 2000\n\nevent: snapshot\nid: 0\ndata: {"a":1}\n\n: heartbeat\n\nevent: change\nid: 1\ndata: {"b":\ndata: 2}\n\n';
  const expected = [
    { event: 'snapshot', id: '0', data: '{"a":1}' },
    { event: 'change', id: '1', data: '{"b":\n2}' },
  ];

  it('reads named events with their ids and data lines, and reports comments', () => {
    expect(parse([text])).toEqual({ events: expected, comments: 1 });
  });

  it('reads the same events whatever the chunks are cut at, and with CRLF or CR line ends', () => {
    for (const lineEnd of ['\n', '\r\n', '\r']) {
      const variant = text.replaceAll('\n', lineEnd);
      for (let cut = 1; cut < variant.length; cut += 1) {
        expect(parse([variant.slice(0, cut), variant.slice(cut)]).events, `${JSON.stringify(lineEnd)} cut at ${cut}`).toEqual(expected);
      }
    }
  });

  it('hands on nothing for an event without data, and nothing before its blank line', () => {
    expect(parse(['event: change\nid: 4\n\n', 'event: change\ndata: x']).events).toEqual([]);
  });
});
