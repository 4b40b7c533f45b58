// Setting the stroke tempo the families' guides beat to, and the instructor's own guide.
import { h, setText } from '../../dom';
import { t } from '../../i18n';
import { serverLimits } from '../../limits';
import type { ClassState } from '../../state';
import { readTempoEntry, type TempoEntry } from '../../tempo';
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
  const setTempo = async (entry: TempoEntry) => {
    const limits = serverLimits.current();
    if (!entry.ok) {
      const rangeKnown = entry.problem === 'outOfRange' && limits;
      actions.say(
        rangeKnown ? t('teach.tempoRange', { min: limits.tempoMin, max: limits.tempoMax }) : t('teach.tempoNumber'),
      );
      return;
    }
    await actions.act('SetTempo', entry.strokesPerMinute);
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

function tempoForm(input: HTMLInputElement, setTempo: (entry: TempoEntry) => Promise<void>): HTMLFormElement {
  const off = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-quiet',
      'data-testid': 'tempo-off',
      onclick: () => setTempo({ ok: true, strokesPerMinute: 0 }),
    },
    t('teach.off'),
  );
  const set = { text: t('teach.set'), testId: 'tempo-set' };
  const submit = () => setTempo(readTempoEntry(input.value, serverLimits.current()));
  return inlineForm(input, t('teach.tempoInput'), set, submit, off);
}
