// Hands-free: a soft chime, then the words, spoken by the browser in the page's language; and,
// when asked for, a quiet tick on each beat of the tempo guide. The caller decides when sound
// may play (page in view, class live); this only makes it.
import { locale } from './i18n';

export interface HandsFree {
  readonly speechSupported: boolean;
  /** Call from the tap that turns it on: browsers only start audio after a gesture. */
  unlock(): void;
  say(text: string): void;
  tick(): void;
  /** Stops what is playing, e.g. when the class pauses or the page is hidden. */
  hush(): void;
  dispose(): void;
}

const CHIME_MS = 420;

/** Web Audio where the browser has it (older Safari names it webkitAudioContext). */
function audioContextClass(): typeof AudioContext | undefined {
  if (typeof window === 'undefined') return undefined;
  const w = window as Window & { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext };
  return w.AudioContext ?? w.webkitAudioContext;
}

/** Soft tones, on one audio context made at the first gesture that allows it. */
function softTones() {
  const AudioCtx = audioContextClass();
  let audio: AudioContext | null = null;

  function context(): AudioContext | null {
    if (!AudioCtx) return null;
    try {
      audio ??= new AudioCtx();
      if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
      return audio;
    } catch {
      return null;
    }
  }

  /** A soft sine note that swells and fades, so it never startles a baby. */
  function tone(frequency: number, startIn: number, duration: number, peak: number, type: OscillatorType = 'sine') {
    const ctx = context();
    if (!ctx || ctx.state !== 'running') return;
    const at = ctx.currentTime + startIn;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = type;
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(peak, at + Math.min(0.04, duration / 3));
    gain.gain.exponentialRampToValueAtTime(0.0001, at + duration);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + duration + 0.02);
  }

  function close() {
    void audio?.close().catch(() => undefined);
    audio = null;
  }

  return { context, tone, close };
}

/** Speaks calmly in the page's language, with a voice for it when the browser has one. */
function speak(synth: SpeechSynthesis, text: string): void {
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = locale();
  utterance.rate = 0.92;
  utterance.pitch = 1;
  utterance.volume = 1;
  const language = utterance.lang.slice(0, 2).toLowerCase();
  const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(language));
  if (voice) utterance.voice = voice;
  synth.speak(utterance);
}

export function createHandsFree(): HandsFree {
  const synth = typeof speechSynthesis !== 'undefined' ? speechSynthesis : null;
  const tones = softTones();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const hush = () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    synth?.cancel();
  };

  return {
    speechSupported: !!synth,
    unlock() {
      tones.context();
    },
    say(text) {
      tones.tone(660, 0, 0.35, 0.08);
      tones.tone(880, 0.12, 0.3, 0.05);
      if (!synth) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        speak(synth, text);
      }, CHIME_MS);
      timers.add(timer);
    },
    tick() {
      tones.tone(1200, 0, 0.05, 0.025, 'triangle');
    },
    hush,
    dispose() {
      hush();
      tones.close();
    },
  };
}
