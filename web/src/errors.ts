// Hub errors carry "<code>: <detail>", after SignalR's own words ("…HubException: ", "…error on close: "); the code is the stable part.
import { lang, t } from './i18n';

export const ERROR_CODES = [
  'invalid',
  'forbidden',
  'not_found',
  'rate_limited',
  'class_ended',
  'class_full',
  'not_joined',
  'unavailable',
] as const;
export type HubErrorCode = (typeof ERROR_CODES)[number];

/** `offline` is ours: the call never reached the server. */
export type ErrorCode = HubErrorCode | 'offline' | 'unknown';

export interface ParsedError {
  code: ErrorCode;
  detail: string;
}

// A call's error, or the error the server closed the connection with (as the SignalR client words it).
const CODE_PATTERN = new RegExp(`(?:^|HubException:\\s*|error on close:\\s*)(${ERROR_CODES.join('|')}):\\s*(.*)$`, 's');

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error === null || error === undefined) return '';
  if (typeof error === 'string') return error;
  if (typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint') return String(error);
  // Anything else reads as "[object Object]", as String() would have it.
  return Object.prototype.toString.call(error);
}

/**
 * The code of a failed call. `connected`: whether the connection was up when it failed; a failure
 * with no code while it was down is the connection's (`offline`), not the call's.
 */
export function parseHubError(error: unknown, connected = true): ParsedError {
  // What ClassSession.call rejects with is parsed already: its code stands.
  const parsed = isParsed(error) ? error : parseMessage(messageOf(error));
  return parsed.code === 'unknown' && !connected ? { code: 'offline', detail: parsed.detail } : parsed;
}

function parseMessage(message: string): ParsedError {
  const match = CODE_PATTERN.exec(message);
  if (match) {
    return { code: match[1] as HubErrorCode, detail: match[2].trim() };
  }
  // Invocations made while the transport is down fail locally with these messages (a silent
  // transport ends them with the client's server timeout).
  if (
    /not in the 'Connected' State|connection (was )?(closed|stopped|disconnected)|Invocation canceled|WebSocket|Failed to fetch|Failed to complete negotiation|Server timeout elapsed/i.test(
      message,
    )
  ) {
    return { code: 'offline', detail: message };
  }
  return { code: 'unknown', detail: message };
}

/** `unavailable`: the server could not answer now (a server went away, the class is moving); ask again shortly. */
export function isRetryable(error: ParsedError): boolean {
  return error.code === 'unavailable';
}

/** Quiet retries of `unavailable`: 250 ms, 500 ms, 1 s, then every 2 s, with a little jitter. */
export function unavailableDelayMs(attempt: number): number {
  const base = Math.min(2000, 250 * 2 ** Math.max(0, attempt));
  return base + Math.floor(Math.random() * 100);
}

/**
 * The server's own words about what it refused, for a sentence of the app's: the server writes
 * them in English, so in another language they are left out and the app's own words stand alone.
 */
export function serverDetail(detail: string | undefined): string {
  return lang() === 'en' ? (detail ?? '').trim() : '';
}

/** Words for a person: takes a ParsedError or anything a call threw. */
export function friendlyError(error: unknown): string {
  const parsed = isParsed(error) ? error : parseHubError(error);
  switch (parsed.code) {
    case 'invalid': {
      const detail = serverDetail(parsed.detail);
      return detail ? t('error.invalid', { detail }) : t('error.invalidPlain');
    }
    case 'forbidden':
    case 'not_found':
    case 'rate_limited':
    case 'class_ended':
    case 'class_full':
    case 'not_joined':
    case 'offline':
    case 'unavailable':
      return t(`error.${parsed.code}`);
    default:
      return t('error.unknown');
  }
}

function isParsed(value: unknown): value is ParsedError {
  return (
    typeof value === 'object' && value !== null && 'code' in value && 'detail' in value && !(value instanceof Error)
  );
}
