import { afterEach, describe, expect, it } from 'vitest';
import { friendlyError, isRetryable, parseHubError, serverDetail, unavailableDelayMs } from '../src/errors';
import { setLang } from '../src/i18n';

describe('hub errors', () => {
  it('reads the code from a HubException message', () => {
    const e = new Error(
      "An unexpected error occurred invoking 'Rejoin' on the server. HubException: forbidden: token revoked",
    );
    expect(parseHubError(e)).toEqual({ code: 'forbidden', detail: 'token revoked' });
  });

  it('reads the code from the error a connection was closed with', () => {
    expect(
      parseHubError(
        new Error('Server returned an error on close: rate_limited: this address already has 1000 connections here'),
      ),
    ).toEqual({ code: 'rate_limited', detail: 'this address already has 1000 connections here' });
    expect(
      parseHubError(
        new Error(
          'Server returned an error on close: Connection closed with an error. HubException: unavailable: draining',
        ),
      ).code,
    ).toBe('unavailable');
  });

  it('keeps the code of an error parsed already, as a session call rejects with', () => {
    const parsed = parseHubError(new Error('HubException: not_joined: join first'));
    expect(parseHubError(parsed)).toEqual({ code: 'not_joined', detail: 'join first' });
  });

  it('reads a dropped connection’s server timeout as offline', () => {
    expect(parseHubError(new Error('Server timeout elapsed without receiving a message from the server.')).code).toBe(
      'offline',
    );
  });

  it('reads a failure with no code as offline when the connection was down, and only then', () => {
    const odd = new Error('something the client never said before');
    expect(parseHubError(odd, false).code).toBe('offline');
    expect(parseHubError(odd, true).code).toBe('unknown');
    expect(parseHubError({ code: 'unknown', detail: 'parsed before' }, false).code).toBe('offline');
    expect(parseHubError(new Error('HubException: invalid: no'), false).code).toBe('invalid');
  });

  it('reads a bare code', () => {
    expect(parseHubError(new Error('rate_limited: too many messages'))).toEqual({
      code: 'rate_limited',
      detail: 'too many messages',
    });
    expect(parseHubError(new Error('class_ended: the class has ended')).code).toBe('class_ended');
  });

  it('recognises calls made while disconnected', () => {
    expect(parseHubError(new Error("Cannot send data if the connection is not in the 'Connected' State.")).code).toBe(
      'offline',
    );
    expect(parseHubError(new Error('Invocation canceled due to the underlying connection being closed.')).code).toBe(
      'offline',
    );
  });

  it('gives friendly words', () => {
    expect(friendlyError({ code: 'class_full', detail: '' })).toMatch(/full/);
    expect(friendlyError(new Error('HubException: invalid: name too long'))).toBe("That didn't work: name too long");
    expect(friendlyError(new Error('weird'))).toMatch(/went wrong/);
  });

  describe("in a language other than the server's", () => {
    afterEach(() => {
      setLang('en');
    });

    it("leaves out the server's English words instead of mixing them in", () => {
      setLang('es');
      expect(serverDetail('displayName must not contain control characters')).toBe('');
      expect(friendlyError(new Error('HubException: invalid: name too long'))).toBe(
        'No funcionó. Revísalo e inténtalo de nuevo.',
      );
      setLang('en');
      expect(serverDetail(' name too long ')).toBe('name too long');
    });
  });
});

describe('unavailable', () => {
  it('is a code of its own, retryable, with calm words', () => {
    const parsed = parseHubError(
      new Error('unavailable: the class is moving to another server; try again in a moment'),
    );
    expect(parsed.code).toBe('unavailable');
    expect(isRetryable(parsed)).toBe(true);
    expect(isRetryable({ code: 'forbidden', detail: '' })).toBe(false);
    expect(isRetryable({ code: 'unknown', detail: '' })).toBe(false);
    expect(friendlyError(parsed)).toMatch(/moving to another server/);
  });

  it('is retried quickly at first, then every 2 s at most', () => {
    const delays = [0, 1, 2, 3, 10].map(unavailableDelayMs);
    expect(delays[0]).toBeGreaterThanOrEqual(250);
    expect(delays[0]).toBeLessThan(400);
    expect(delays[1]).toBeGreaterThanOrEqual(500);
    expect(delays[2]).toBeGreaterThanOrEqual(1000);
    expect(delays[4]).toBeGreaterThanOrEqual(2000);
    expect(delays[4]).toBeLessThan(2100);
  });
});
