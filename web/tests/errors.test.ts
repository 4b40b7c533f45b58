import { describe, expect, it } from 'vitest';
import { friendlyError, parseHubError } from '../src/errors';

describe('hub errors', () => {
  it('reads the code from a HubException message', () => {
    const e = new Error("An unexpected error occurred invoking 'Rejoin' on the server. HubException: forbidden: token revoked");
    expect(parseHubError(e)).toEqual({ code: 'forbidden', detail: 'token revoked' });
  });

  it('reads a bare code', () => {
    expect(parseHubError(new Error('rate_limited: too many messages'))).toEqual({ code: 'rate_limited', detail: 'too many messages' });
    expect(parseHubError(new Error('class_ended: the class has ended')).code).toBe('class_ended');
  });

  it('recognises calls made while disconnected', () => {
    expect(parseHubError(new Error("Cannot send data if the connection is not in the 'Connected' State.")).code).toBe('offline');
    expect(parseHubError(new Error('Invocation canceled due to the underlying connection being closed.')).code).toBe('offline');
  });

  it('gives friendly words', () => {
    expect(friendlyError({ code: 'class_full', detail: '' })).toMatch(/full/);
    expect(friendlyError(new Error('HubException: invalid: name too long'))).toBe("That didn't work: name too long");
    expect(friendlyError(new Error('weird'))).toMatch(/went wrong/);
  });
});
