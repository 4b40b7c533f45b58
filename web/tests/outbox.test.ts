import { describe, expect, it } from 'vitest';
import { ChatOutbox, type OutboxItem } from '../src/outbox';

/** A link whose sends answer from the test's script, connected while `ready` is set. */
function harness(answer: (attempt: number) => Promise<unknown>) {
  const sent: string[] = [];
  const state = { ready: true, rejoins: 0, items: [] as readonly OutboxItem[] };
  const outbox = new ChatOutbox({
    ready: () => state.ready,
    stopped: () => false,
    send: (clientMessageId) => {
      sent.push(clientMessageId);
      return answer(sent.length);
    },
    rejoin: () => {
      state.rejoins++;
    },
    changed: (items) => {
      state.items = items;
    },
  });
  return { outbox, sent, state };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the chat outbox', () => {
  it('keeps a line whose call a dropped connection ended without a code, and posts it once back, under the same id', async () => {
    const { outbox, sent, state } = harness((attempt) => {
      if (attempt === 1) {
        state.ready = false;
        return Promise.reject(new Error('Server timeout elapsed without receiving a message from the server.'));
      }
      return Promise.resolve(12);
    });

    outbox.send('we are here');
    await settle();
    expect(state.items.map((i) => i.state)).toEqual(['waiting']);

    state.ready = true;
    outbox.flush();
    await settle();
    expect(state.items).toEqual([]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
  });

  it('keeps a line that failed for no known reason while the connection was down', async () => {
    const { outbox, state } = harness(() => {
      state.ready = false;
      return Promise.reject(new Error('something the client never said before'));
    });

    outbox.send('hello');
    await settle();

    expect(state.items.map((i) => i.state)).toEqual(['waiting']);
  });

  it('shows a line the server refused as failed, and keeps it for the reader to retry or discard', async () => {
    const { outbox, state } = harness(() => Promise.reject(new Error('HubException: invalid: text must not be empty')));

    outbox.send(' ');
    await settle();

    expect(state.items.map((i) => [i.state, i.error?.code])).toEqual([['failed', 'invalid']]);
  });

  it('joins again after not_joined and waits with the line', async () => {
    const { outbox, state } = harness(() =>
      Promise.reject(new Error('HubException: not_joined: join the class first')),
    );

    outbox.send('hi');
    await settle();

    expect(state.rejoins).toBe(1);
    expect(state.items.map((i) => i.state)).toEqual(['waiting']);
  });
});
