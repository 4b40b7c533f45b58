// Following from a distance: the mat view (big step, check-in as a sheet), hands-free and its
// tick, and the notes for what this browser cannot do.
import { h } from '../../dom';
import { t } from '../../i18n';
import { loadFlag, saveFlag } from '../../prefs';
import type { FamilySound } from './sound';

export interface ViewOptions {
  element: HTMLElement;
  /** Opens the check-in sheet in the mat view. */
  sheetButton: HTMLButtonElement;
  wakeNote: HTMLElement;
  isMat(): boolean;
  /** Closes the open check-in sheet and puts focus back on the button that opens it. */
  closeSheet(): void;
  /** An ended class has nothing to follow: the options go, and the page leaves the mat view (still remembered). */
  setEnded(ended: boolean): void;
}

function toggle(testId: string, style: string, label: string, pressed: boolean, onclick: () => void) {
  return h(
    'button',
    {
      type: 'button',
      class: `btn ${style}toggle-btn`,
      'data-testid': testId,
      'aria-pressed': String(pressed),
      onclick,
    },
    label,
  );
}

/** `main` gets the mat view's class; `checkPanel` is the panel the sheet button opens. */
export function viewOptions(sound: FamilySound, main: HTMLElement, checkPanel: HTMLElement): ViewOptions {
  let matOn = loadFlag('matView');
  const matToggle = toggle('mat-toggle', '', t('parent.matView'), matOn, () => {
    setMat(!matOn);
  });
  const { handsFreeToggle, tickToggle, speechNote } = handsFreeToggles(sound);
  const sheetButton = sheetOpener(() => {
    setSheet(!checkPanel.classList.contains('is-open'));
  });
  const wakeNote = h(
    'p',
    { class: 'note muted small', 'data-testid': 'wake-note', hidden: true },
    t('parent.wakeUnavailable'),
  );
  const element = h(
    'section',
    { class: 'view-bar', 'aria-label': t('parent.options') },
    h('div', { class: 'view-buttons' }, sheetButton, matToggle, handsFreeToggle, tickToggle),
    h('p', { class: 'visually-hidden', id: 'handsfree-hint' }, t('parent.handsFreeHint')),
    wakeNote,
    speechNote,
  );

  let ended = false;
  // The mat view stays chosen after the end, and shows again only in a class that is still on.
  const matShown = () => matOn && !ended;
  function setMat(on: boolean) {
    matOn = on;
    saveFlag('matView', on);
    main.classList.toggle('is-mat', matShown());
    matToggle.setAttribute('aria-pressed', String(on));
    if (!on) setSheet(false);
  }
  function setSheet(open: boolean) {
    checkPanel.classList.toggle('is-open', open);
    sheetButton.setAttribute('aria-expanded', String(open));
    if (open) checkPanel.querySelector<HTMLButtonElement>('.checkin-btn')?.focus();
  }
  function closeSheet() {
    if (!checkPanel.classList.contains('is-open')) return;
    setSheet(false);
    sheetButton.focus();
  }
  setMat(matOn);
  checkPanel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeSheet();
  });
  function setEnded(value: boolean) {
    if (value === ended) return;
    ended = value;
    element.hidden = ended;
    sheetButton.hidden = ended;
    if (ended) setSheet(false);
    main.classList.toggle('is-mat', matShown());
  }
  return { element, sheetButton, wakeNote, isMat: matShown, closeSheet, setEnded };
}

/** The mat view's button that opens the check-in sheet. */
function sheetOpener(onclick: () => void): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary mat-only',
      'data-testid': 'mat-checkin',
      'aria-expanded': 'false',
      'aria-controls': 'checkin-panel',
      onclick,
    },
    t('parent.checkIn'),
  );
}

/** Hands-free on and off, its tick, and a note where this browser cannot speak. */
function handsFreeToggles(sound: FamilySound) {
  const handsFreeToggle = toggle('handsfree-toggle', '', t('parent.handsFree'), sound.isOn(), () => {
    setHandsFree(!sound.isOn());
  });
  handsFreeToggle.setAttribute('aria-describedby', 'handsfree-hint');
  const tickToggle = toggle('tick-toggle', 'btn-small ', t('parent.tick'), sound.isTickOn(), () => {
    tickToggle.setAttribute('aria-pressed', String(sound.toggleTick()));
  });
  tickToggle.hidden = !sound.isOn();
  const speechNote = h('p', { class: 'note muted small', hidden: true }, t('parent.speechUnavailable'));
  speechNote.hidden = !sound.isOn() || sound.speechSupported;

  function setHandsFree(on: boolean) {
    sound.setOn(on);
    handsFreeToggle.setAttribute('aria-pressed', String(on));
    tickToggle.hidden = !on;
    speechNote.hidden = !on || sound.speechSupported;
  }

  return { handsFreeToggle, tickToggle, speechNote };
}
