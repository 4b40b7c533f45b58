// Cues to the families: the fixed ones, Repeat with a count, a line of the instructor's own,
// and the tempo guide.
import { formatTime, h, setText } from '../../dom';
import { t } from '../../i18n';
import { limitLength, serverLimits } from '../../limits';
import { REPEAT_MIN, type CueKind } from '../../protocol';
import type { ClassState } from '../../state';
import { CUE_KINDS, cueButtonLabel, cueShort } from '../../wording';
import type { ConsoleActions } from './actions';
import { inlineForm, numberInput, offWhenEnded } from './controls';
import { tempoControl } from './tempo';

export interface CuePanel {
  element: HTMLElement;
  update(state: ClassState): void;
  /** The tempo guide's phase, for the test hooks. */
  tempoPhaseMs: (clientNow?: number) => number | null;
  dispose: () => void;
}

export function cuePanel(actions: ConsoleActions, serverNow: (clientNow?: number) => number): CuePanel {
  const sendCue = (kind: CueKind, count: number | null, text: string | null) =>
    actions.act('SendCue', kind, count, text);
  const cueButtons = CUE_KINDS.map((kind) =>
    h(
      'button',
      { type: 'button', class: 'btn cue-btn', 'data-testid': `cue-${kind}`, onclick: () => sendCue(kind, null, null) },
      cueButtonLabel(kind),
    ),
  );
  const repeat = repeatGroup(actions, (n) => sendCue('Repeat', n, null));
  const custom = customCueForm(actions, (text) => sendCue('Custom', null, text));
  const lastCue = h('p', { class: 'muted small', 'data-testid': 'last-cue' });
  const tempo = tempoControl(actions, serverNow);
  const element = h(
    'section',
    { class: 'panel cues', 'aria-labelledby': 'cues-heading' },
    h('h2', { id: 'cues-heading' }, t('teach.cues')),
    h('div', { class: 'cue-grid' }, cueButtons, repeat.element),
    custom,
    lastCue,
    tempo.element,
  );
  return {
    element,
    update(state) {
      offWhenEnded(state, ...cueButtons, repeat.button, repeat.input, custom);
      lastCue.hidden = !state.cue;
      if (state.cue) setText(lastCue, t('teach.lastCue', { cue: cueShort(state.cue), time: formatTime(state.cue.at) }));
      tempo.update(state);
    },
    tempoPhaseMs: (clientNow) => tempo.phaseMs(clientNow),
    dispose: () => {
      tempo.dispose();
    },
  };
}

/** Repeat ×n: the count is checked against the server's range when it is known. */
function repeatGroup(
  actions: ConsoleActions,
  send: (count: number) => Promise<boolean>,
): { element: HTMLElement; button: HTMLButtonElement; input: HTMLInputElement } {
  const input = numberInput({ id: 'repeat-count', min: REPEAT_MIN, value: 3, max: (limits) => limits.repeatMaxCount });
  const onclick = () => {
    const n = Number(input.value);
    const max = serverLimits.current()?.repeatMaxCount;
    if (max !== undefined && (!Number.isInteger(n) || n < REPEAT_MIN || n > max)) {
      actions.say(t('teach.repeatRange', { min: REPEAT_MIN, max }));
      return;
    }
    void send(n);
  };
  const button = h(
    'button',
    { type: 'button', class: 'btn cue-btn', 'data-testid': 'cue-Repeat', onclick },
    t('teach.repeat'),
  );
  const element = h(
    'span',
    { class: 'repeat-group' },
    button,
    h('label', { for: 'repeat-count', class: 'visually-hidden' }, t('teach.repeatCount')),
    input,
  );
  return { element, button, input };
}

function customCueForm(actions: ConsoleActions, send: (text: string) => Promise<boolean>): HTMLFormElement {
  const input = h('input', {
    type: 'text',
    id: 'custom-cue',
    class: 'input',
    placeholder: t('teach.customPlaceholder'),
    'data-testid': 'custom-cue',
  });
  limitLength(input, (limits) => limits.customCueMaxLength);
  const submit = async () => {
    const text = input.value.trim();
    if (!text) {
      // In place of whatever an earlier cue left on screen.
      actions.say(t('teach.customEmpty'));
      return;
    }
    if (await send(text)) input.value = '';
  };
  return inlineForm(input, t('teach.customCue'), { text: t('teach.sendCue'), testId: 'cue-Custom' }, submit);
}
