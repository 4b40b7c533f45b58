// Writes what a page announces into its live region so that every message is read: the region is
// cleared first, so a message repeated is read again, and messages that come together (a step and
// the cue given with it) are read together instead of the last one replacing the others.

/** Returns `say(text)`, which writes to the region through `write` after `delayMs`. */
export function liveRegionWriter(write: (text: string) => void, delayMs = 50): (text: string) => void {
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (text) => {
    pending.push(text);
    if (timer !== undefined) return;
    write('');
    timer = setTimeout(() => {
      timer = undefined;
      const together = pending.join(' ');
      pending = [];
      write(together);
    }, delayMs);
  };
}
