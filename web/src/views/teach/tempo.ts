// Setting the stroke tempo the families' guides beat to, and the instructor's own guide.
import { h, setText } from '../../dom';
import { t } from '../../i18n';
import { serverLimits } from '../../limits';
import type { ClassState } from '../../state';
import { createTempoGuide } from '../../tempoGuide';
import { disableForm } from '../common';
import type { ConsoleActions } from './actions';

export interface TempoControl {
  element: HTMLElement;
  update(state: ClassState): void;
  phaseMs(clientNow?: number): number | null;
  dispose(): void;
}

export function tempoControl(actions: ConsoleActions, serverNow: (clientNow?: number) => number): TempoControl {
  const input = h('input', {
    type: 'number',
    id: 'tempo-input',
    class: 'input input-number',
    min: 0,
    step: 1,
    value: 20,
    'data-testid': 'tempo-input',
  });
  serverLimits.whenKnown((limits) => {
    input.max = String(limits.tempoMax);
  });
  const now = h('span', { 'data-testid': 'tempo-now' });
  const guide = createTempoGuide((clientNow) => serverNow(clientNow));
  const setTempo = async (n: number) => {
    const limits = serverLimits.current();
    // 0 stops the guide; anything else must be in the server's range, when it is known.
    if (limits && (!Number.isInteger(n) || (n !== 0 && (n < limits.tempoMin || n > limits.tempoMax)))) {
      actions.say(t('teach.tempoRange', { min: limits.tempoMin, max: limits.tempoMax }));
      return;
    }
    await actions.act('SetTempo', n);
  };
  const form = tempoForm(input, setTempo);
  const element = h(
    'div',
    { class: 'tempo-row' },
    h('h2', { class: 'tempo-heading' }, t('teach.tempo'), ' ', now),
    form,
    guide.element,
  );
  return {
    element,
    update(state) {
      const ended = state.status === 'Ended';
      disableForm(form, ended);
      const spm = state.tempo?.strokesPerMinute ?? 0;
      setText(now, spm > 0 ? t('teach.tempoNow', { n: spm }) : t('teach.tempoOff'));
      guide.setTempo(ended ? null : state.tempo);
    },
    phaseMs: (clientNow) => guide.phaseMs(clientNow),
    dispose: () => {
      guide.dispose();
    },
  };
}

function tempoForm(input: HTMLInputElement, setTempo: (n: number) => Promise<void>): HTMLFormElement {
  const onsubmit = (e: Event) => {
    e.preventDefault();
    void setTempo(Number(input.value));
  };
  return h(
    'form',
    { class: 'inline-form', onsubmit },
    h('label', { for: 'tempo-input', class: 'visually-hidden' }, t('teach.tempoInput')),
    input,
    h('button', { type: 'submit', class: 'btn', 'data-testid': 'tempo-set' }, t('teach.set')),
    h(
      'button',
      { type: 'button', class: 'btn btn-quiet', 'data-testid': 'tempo-off', onclick: () => setTempo(0) },
      t('teach.off'),
    ),
  );
}
