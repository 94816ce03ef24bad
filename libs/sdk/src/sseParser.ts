/** One server-sent event: its `event` name (`message` when unnamed), `data` lines joined, and `id` if it had one. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * Reads the text/event-stream format (the WHATWG rules, without EventSource): text is pushed in
 * chunks as they arrive, cut anywhere; each event is handed on at its blank line. Comment lines (`:`)
 * carry nothing but are reported: they are the stream's heartbeat.
 */
export function sseParser(onEvent: (event: SseEvent) => void, onComment: () => void = () => undefined) {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  const dispatch = () => {
    if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n'), id });
    event = '';
    data = [];
    id = undefined;
  };
  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return onComment();
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  };
  // A line ending in \r may be the first half of \r\n: the \n, even at the start of the next chunk, is skipped.
  let skipNewline = false;
  return {
    push(chunk: string) {
      buffer += chunk;
      if (skipNewline && buffer.startsWith('\n')) buffer = buffer.slice(1);
      skipNewline = false;
      for (let end = buffer.search(/[\r\n]/); end >= 0; end = buffer.search(/[\r\n]/)) {
        line(buffer.slice(0, end));
        if (buffer[end] === '\r' && end === buffer.length - 1) skipNewline = true;
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      }
    },
  };
}
