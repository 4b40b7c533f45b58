import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../src/connection';
import type { CheckInStatus } from '../src/protocol';
import { checkInSender, type CheckInSession } from '../src/views/family/checkIn';

/** A session whose calls answer from the test's script, and what the panel was told. */
function harness(answer: (args: unknown[]) => Promise<unknown>) {
  const sent: unknown[][] = [];
  const said: string[] = [];
  let refusals = 0;
  const session = {
    status: 'online' as ConnectionStatus,
    resyncs: 0,
    waits: 0,
    // As ClassSession.call: a not_joined answer starts a rejoin by itself.
    call(_method: string, ...args: unknown[]) {
      sent.push(args);
      return answer(args).catch((error: unknown) => {
        if ((error as { code?: string }).code === 'not_joined') this.resyncs++;
        throw error;
      });
    },
    synced() {
      this.waits++;
      return Promise.resolve();
    },
  };
  const sender = checkInSender(session as unknown as CheckInSession, {
    pressed: () => undefined,
    say: (text) => said.push(text),
    refused: () => {
      refusals++;
    },
  });
  return { session, sender, sent, said, refusals: () => refusals };
}

// As ClassSession.call rejects: with the error parsed already, not an Error.
// eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
const coded = (code: string) => Promise.reject({ code, detail: 'for the test' });

describe('checking in', () => {
  it('keeps a tap made while offline with the step it was made at, and sends that once back', async () => {
    const { session, sender, sent } = harness(() => Promise.resolve(7));
    session.status = 'reconnecting';

    expect(await sender.checkIn('Fussy', 2)).toBe(false);
    expect(sender.pending()).toEqual({ status: 'Fussy', stepIndex: 2 });

    // The class moved on to step 4 while the phone was away.
    session.status = 'online';
    expect(await sender.sendPending()).toBe(true);
    expect(sent).toEqual([['Fussy', 2]]);
    expect(sender.pending()).toBeNull();
  });

  it('keeps a tap whose call the connection dropped without a code (a server timeout)', async () => {
    const { session, sender } = harness(() => {
      session.status = 'reconnecting';
      return Promise.reject(new Error('Server timeout elapsed without receiving a message from the server.'));
    });

    expect(await sender.checkIn('NeedHelp', 1)).toBe(false);
    expect(sender.pending()).toEqual({ status: 'NeedHelp', stepIndex: 1 });
  });

  it('joins again after not_joined and then sends the tap, though the status never left online', async () => {
    let first = true;
    const { session, sender, sent } = harness(() => {
      if (first) {
        first = false;
        return coded('not_joined');
      }
      return Promise.resolve(9);
    });

    expect(await sender.checkIn('Ready' satisfies CheckInStatus, 0)).toBe(true);
    // One rejoin, the one the failed call started: the sender waits for it, it asks for none.
    expect(session.resyncs).toBe(1);
    expect(session.waits).toBe(1);
    expect(sent).toEqual([
      ['Ready', 0],
      ['Ready', 0],
    ]);
    expect(sender.pending()).toBeNull();
  });

  it('shows a refusal and does not send that tap again later', async () => {
    const { sender, said, refusals } = harness(() => coded('invalid'));

    expect(await sender.checkIn('Done', 99)).toBe(false);

    expect(sender.pending()).toBeNull();
    expect(refusals()).toBe(1);
    expect(said.at(-1)).not.toBe('');
    expect(await sender.sendPending()).toBe(false);
  });
});
