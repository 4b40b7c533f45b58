// The tempo guide: a softly pulsing shape in the same phase on every screen. With reduced
// motion it does not scale; a gentle colour change and a beat counter carry the rhythm.
import { h, setText } from './dom';
import { t } from './i18n';
import type { Tempo } from './protocol';
import { beatNumber, beatPeriodMs, isTempoOn, pulseAmount, tempoPhaseMs } from './tempo';

export interface TempoGuide {
  element: HTMLElement;
  setTempo(tempo: Tempo | null): void;
  /** The phase now (or at a given local time), null when off. */
  phaseMs(clientNow?: number): number | null;
  dispose(): void;
}

function tempoElements() {
  const pulse = h('div', { class: 'tempo-pulse', 'aria-hidden': 'true' });
  const count = h('span', { class: 'tempo-count', 'aria-hidden': 'true' });
  const label = h('p', { class: 'tempo-label' });
  const element = h(
    'section',
    {
      class: 'tempo',
      'aria-label': t('tempo.label'),
      'data-testid': 'tempo',
      'data-tempo': 'off',
      hidden: true,
    },
    h('div', { class: 'tempo-visual' }, pulse, count),
    label,
  );
  return { element, pulse, count, label };
}

/** The pulse swells with the beat; with reduced motion it only brightens. */
function drawPulse(element: HTMLElement, pulse: HTMLElement, amount: number, reducedMotion: boolean): void {
  if (reducedMotion) {
    pulse.style.transform = '';
    pulse.style.opacity = String(0.55 + 0.45 * amount);
    element.classList.add('tempo--reduced');
  } else {
    element.classList.remove('tempo--reduced');
    pulse.style.opacity = '';
    pulse.style.transform = `scale(${(0.72 + 0.28 * amount).toFixed(3)})`;
  }
}

/** onBeat is called once per beat while the guide is running and the page is drawn. */
export function createTempoGuide(serverNow: (clientNow?: number) => number, onBeat?: () => void): TempoGuide {
  const { element, pulse, count, label } = tempoElements();

  const motionQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  let tempo: Tempo | null = null;
  let frame = 0;
  let lastBeat: number | null = null;

  const phaseMs = (clientNow?: number) => tempoPhaseMs(tempo, serverNow(clientNow));

  const tick = () => {
    frame = 0;
    if (!isTempoOn(tempo)) return;
    const now = serverNow();
    const phase = tempoPhaseMs(tempo, now) ?? 0;
    const period = beatPeriodMs(tempo.strokesPerMinute);
    const amount = pulseAmount(phase, period);
    element.dataset.phaseMs = String(Math.round(phase));
    drawPulse(element, pulse, amount, motionQuery?.matches ?? false);
    const beat = beatNumber(tempo, now);
    if (lastBeat !== null && beat !== lastBeat) onBeat?.();
    lastBeat = beat;
    setText(count, String((((beat % 4) + 4) % 4) + 1));
    frame = requestAnimationFrame(tick);
  };

  return {
    element,
    setTempo(next) {
      const changed = next?.strokesPerMinute !== tempo?.strokesPerMinute || next?.startsAt !== tempo?.startsAt;
      tempo = next;
      if (!changed) return;
      if (isTempoOn(tempo)) {
        element.hidden = false;
        element.dataset.tempo = String(tempo.strokesPerMinute);
        setText(label, t('tempo.with', { n: tempo.strokesPerMinute }));
        if (!frame) frame = requestAnimationFrame(tick);
      } else {
        element.hidden = true;
        element.dataset.tempo = 'off';
        delete element.dataset.phaseMs;
        if (frame) cancelAnimationFrame(frame);
        frame = 0;
        lastBeat = null;
      }
    },
    phaseMs,
    dispose() {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}
