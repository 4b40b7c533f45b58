// Setting the stroke tempo the families' guides beat to, and the instructor's own guide.
import { h, setText } from '../../dom';
import { t } from '../../i18n';
import { serverLimits } from '../../limits';
import type { ClassState } from '../../state';
import { createTempoGuide } from '../../tempoGuide';
import type { ConsoleActions } from './actions';
import { inlineForm, numberInput, offWhenEnded } from './controls';

export interface TempoControl {
  element: HTMLElement;
  update(state: ClassState): void;
  phaseMs(clientNow?: number): number | null;
  dispose(): void;
}

export function tempoControl(actions: ConsoleActions, serverNow: (clientNow?: number) => number): TempoControl {
  const input = numberInput({ id: 'tempo-input', min: 0, step: 1, value: 20, max: (limits) => limits.tempoMax });
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
      const ended = offWhenEnded(state, form);
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
  const off = h(
    'button',
    { type: 'button', class: 'btn btn-quiet', 'data-testid': 'tempo-off', onclick: () => setTempo(0) },
    t('teach.off'),
  );
  const set = { text: t('teach.set'), testId: 'tempo-set' };
  return inlineForm(input, t('teach.tempoInput'), set, () => setTempo(Number(input.value)), off);
}
