/** Restarts the calm highlight a card gets when the instructor changes it. */
export function flash(el: HTMLElement): void {
  el.classList.remove('is-new');
  void el.offsetWidth; // reading the layout restarts the transition
  el.classList.add('is-new');
}
