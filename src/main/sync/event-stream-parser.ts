// A text/event-stream (SSE) parser: Node's fetch gives the bytes, not an
// EventSource. Feed it chunks; it calls back once per complete event.

export type StreamEvent = { event: string; data: string; id: string | null };

export type EventStreamParser = {
  push(chunk: string): void;
};

/** Events larger than this are dropped: a stream that never ends one is hostile. */
const MAX_EVENT_CHARS = 1_000_000;

export function createEventStreamParser(
  onEvent: (event: StreamEvent) => void,
): EventStreamParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let dataChars = 0;
  let id: string | null = null;

  const dispatch = () => {
    if (data.length > 0 && dataChars <= MAX_EVENT_CHARS) {
      onEvent({ event: event || 'message', data: data.join('\n'), id });
    }
    event = '';
    data = [];
    dataChars = 0;
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;

    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);

    if (field === 'event') event = value;
    else if (field === 'data') {
      data.push(value);
      dataChars += value.length;
    } else if (field === 'id') id = value;
  };

  return {
    push(chunk) {
      buffer += chunk;
      let at: number;
      while ((at = buffer.search(/\r\n|\r|\n/)) !== -1) {
        // A lone \r at the end may be the first half of \r\n.
        if (buffer[at] === '\r' && at === buffer.length - 1) break;
        const size = buffer.startsWith('\r\n', at) ? 2 : 1;
        line(buffer.slice(0, at));
        buffer = buffer.slice(at + size);
      }
      if (buffer.length > MAX_EVENT_CHARS) buffer = '';
    },
  };
}
