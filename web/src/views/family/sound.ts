// Hands-free for a family: steps and cues spoken, a tick on the tempo's beat, only while the
// class is live and the page is in view. The choices are remembered in this browser.
import { mayPlay } from '../../announcements';
import { createHandsFree } from '../../handsFree';
import { loadFlag, saveFlag } from '../../prefs';
import type { ClassStatus } from '../../protocol';

export interface FamilySound {
  readonly speechSupported: boolean;
  isOn(): boolean;
  isTickOn(): boolean;
  setOn(on: boolean): void;
  toggleTick(): boolean;
  setStatus(status: ClassStatus): void;
  say(text: string): void;
  /** Says the class has ended: the one thing spoken once it is no longer live. */
  sayEnd(text: string): void;
  beat(): void;
  hush(): void;
  dispose(): void;
}

export function familySound(): FamilySound {
  const handsFree = createHandsFree();
  let on = loadFlag('handsFree');
  let tickOn = loadFlag('tick');
  let status: ClassStatus = 'Lobby';
  const allowed = () => on && mayPlay({ hidden: document.visibilityState === 'hidden', status });
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') handsFree.hush();
  };
  // A remembered hands-free mode needs one touch after a reload before the browser lets it sound.
  const unlockOnTouch = () => {
    if (on) handsFree.unlock();
  };
  document.addEventListener('visibilitychange', onVisibility);
  document.addEventListener('pointerdown', unlockOnTouch);
  return {
    speechSupported: handsFree.speechSupported,
    isOn: () => on,
    isTickOn: () => tickOn,
    setOn(value) {
      on = value;
      saveFlag('handsFree', value);
      if (value) handsFree.unlock();
      else handsFree.hush();
    },
    toggleTick() {
      tickOn = !tickOn;
      saveFlag('tick', tickOn);
      if (tickOn) handsFree.unlock();
      return tickOn;
    },
    setStatus(value) {
      status = value;
      if (value !== 'Live') handsFree.hush();
    },
    say(text) {
      if (allowed()) handsFree.say(text);
    },
    sayEnd(text) {
      if (on && document.visibilityState !== 'hidden') handsFree.say(text);
    },
    beat() {
      if (tickOn && allowed()) handsFree.tick();
    },
    hush: () => {
      handsFree.hush();
    },
    dispose() {
      handsFree.dispose();
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('pointerdown', unlockOnTouch);
    },
  };
}
