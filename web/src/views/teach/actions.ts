// The console's calls to the class, with one place to show what went wrong.
import type { ClassSession } from '../../connection';
import { h, setText } from '../../dom';
import { friendlyError } from '../../errors';

export interface ConsoleActions {
  /** The alert under the top bar. */
  error: HTMLElement;
  /** Calls the hub; true when the class took it, else the error is shown. */
  act(method: string, ...args: unknown[]): Promise<boolean>;
  /** Shows a message of the console's own (e.g. a value out of range). */
  say(message: string): void;
}

export function consoleActions(session: ClassSession): ConsoleActions {
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'action-error' });
  const say = (message: string) => {
    setText(error, message);
  };
  return {
    error,
    say,
    async act(method, ...args) {
      say('');
      try {
        await session.call(method, ...args);
        return true;
      } catch (e) {
        say(friendlyError(e));
        return false;
      }
    },
  };
}
