// Pieces the console's cue and tempo controls share.
import { h } from '../../dom';
import { serverLimits } from '../../limits';
import type { ClientLimits } from '../../protocol';
import type { ClassState } from '../../state';
import { disableForm } from '../common';

export interface NumberInputOptions {
  /** The element id, also its test id. */
  id: string;
  min: number;
  value: number;
  step?: number;
  /** The server's maximum, applied once the limits are known. */
  max: (limits: ClientLimits) => number;
}

export function numberInput({ id, min, value, step, max }: NumberInputOptions): HTMLInputElement {
  const input = h('input', { type: 'number', id, class: 'input input-number', min, step, value, 'data-testid': id });
  serverLimits.whenKnown((limits) => {
    input.max = String(max(limits));
  });
  return input;
}

/** Turns the controls off once the class has ended (and on otherwise); returns whether it has. */
export function offWhenEnded(
  state: ClassState,
  ...controls: (HTMLFormElement | HTMLButtonElement | HTMLInputElement)[]
): boolean {
  const ended = state.status === 'Ended';
  for (const control of controls) {
    if (control instanceof HTMLFormElement) disableForm(control, ended);
    else control.disabled = ended;
  }
  return ended;
}

/** One input with a visually hidden label and its submit button; `submit` runs in place of reloading the page. */
export function inlineForm(
  input: HTMLInputElement,
  label: string,
  button: { text: string; testId: string },
  submit: () => Promise<unknown>,
  ...extra: HTMLElement[]
): HTMLFormElement {
  const onsubmit = async (e: Event) => {
    e.preventDefault();
    await submit();
  };
  return h(
    'form',
    { class: 'inline-form', onsubmit },
    h('label', { for: input.id, class: 'visually-hidden' }, label),
    input,
    h('button', { type: 'submit', class: 'btn', 'data-testid': button.testId }, button.text),
    ...extra,
  );
}
