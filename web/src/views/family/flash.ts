/** Restarts the calm highlight a card gets when the instructor changes it. */
export function flash(el: HTMLElement): void {
  el.classList.remove('is-new');
  // Reading the layout between the two restarts the transition.
  el.getBoundingClientRect();
  el.classList.add('is-new');
}
