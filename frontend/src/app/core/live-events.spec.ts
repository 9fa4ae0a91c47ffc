import { parseEvents } from './live-events';

describe('parseEvents', () => {
  it('reads named events with JSON data, skipping comments and retry lines', () => {
    const { events, rest } = parseEvents('retry: 5000\n: connected\n\nevent: budget\ndata: {}\n\n: keep-alive\n\nevent: session\ndata: {"reason":"session_replaced"}\n\n');
    expect(events).toEqual([
      { event: 'budget', data: {} },
      { event: 'session', data: { reason: 'session_replaced' } },
    ]);
    expect(rest).toBe('');
  });

  it('keeps an event that has not fully arrived for the next chunk', () => {
    const first = parseEvents('event: budget\ndata: {}\n\nevent: ses');
    expect(first.events).toEqual([{ event: 'budget', data: {} }]);
    const second = parseEvents(first.rest + 'sion\ndata: {"reason":"session_ended"}\n\n');
    expect(second.events).toEqual([{ event: 'session', data: { reason: 'session_ended' } }]);
  });

  it('accepts CRLF line ends and data that is not JSON', () => {
    expect(parseEvents('event: note\r\ndata: hello\r\n\r\n').events).toEqual([{ event: 'note', data: 'hello' }]);
  });
});
