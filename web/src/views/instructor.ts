// /teach/{classId}#key=…: the instructor's console, laid out for a laptop.
import type { ClassSession, SessionEnd } from '../connection';
import { clearFragmentFromUrl, fragmentParams, h, setChildren } from '../dom';
import { t } from '../i18n';
import { distinctNames } from '../names';
import * as sessions from '../sessions';
import { parents, type Applied, type ClassState } from '../state';
import * as storage from '../storage';
import { registerTestHooks } from '../testHooks';
import { announcer, connectionBanner, endedNotice } from './common';
import { chatPanel } from './chat';
import { noticePage, refusedNotice, takeOrResume, toStartLink } from './classPage';
import { consoleActions } from './teach/actions';
import { cuePanel } from './teach/cues';
import { familiesPanel } from './teach/families';
import { consoleHeader } from './teach/header';
import { stagePanel } from './teach/stage';
import { stepsPanel } from './teach/steps';

export function renderInstructor(root: HTMLElement, classId: string): () => void {
  document.title = t('teach.title');
  keepLinkSecrets(classId);
  const key = storage.loadInstructorKey(classId);
  const membership = storage.loadMembership(classId, 'Instructor');
  if (!sessions.take(classId, 'Instructor') && !membership && !key) {
    noticePage(root, t('teach.linkNeeded'), t('teach.linkNeededBody'), toStartLink());
    return () => undefined;
  }
  const session = takeOrResume(classId, 'Instructor', membership, key);
  const view = instructorConsole(root, classId, session);
  const unregister = registerTestHooks({ session, tempoPhaseMs: (clientNow) => view.tempoPhaseMs(clientNow) });
  return () => {
    root.classList.remove('is-console');
    unregister();
    view.dispose();
    sessions.release(session);
  };
}

/** The key (and code) arrive in the fragment; keep them in this browser and out of the address bar. */
function keepLinkSecrets(classId: string): void {
  const fragment = fragmentParams();
  const keyFromLink = fragment.get('key');
  const codeFromLink = fragment.get('code');
  if (keyFromLink) storage.saveInstructorKey(classId, keyFromLink);
  if (codeFromLink) storage.saveJoinCode(classId, codeFromLink);
  if (location.hash) clearFragmentFromUrl();
}

function instructorConsole(root: HTMLElement, classId: string, s: ClassSession) {
  const speak = announcer();
  const banner = connectionBanner(speak.say);
  const actions = consoleActions(s);
  const current = () => s.state;
  const header = consoleHeader(actions);
  const steps = stepsPanel(actions);
  const stage = stagePanel(actions, current);
  const cues = cuePanel(actions, (clientNow) => s.serverNow(clientNow));
  const families = familiesPanel(classId, actions, current);
  const chat = chatPanel(s, { canDelete: true, heading: t('chat.heading') });
  const center = centerColumn(stage.element, cues.element);
  const main = h(
    'main',
    { class: 'console', id: 'main' },
    steps.element,
    center.element,
    h('div', { class: 'console-side' }, families.element, chat.element),
  );
  root.classList.add('is-console');
  setChildren(root, header.element, banner.element, speak.element, actions.error, main);

  const render = (state: ClassState, applied: Applied[]) => {
    const focused = document.activeElement;
    const joinCode = state.joinCode ?? storage.loadJoinCode(classId);
    const lostFocus = header.update(state, joinCode);
    steps.update(state);
    stage.update(state);
    cues.update(state);
    families.update(state, joinCode);
    chat.update(state, applied);
    center.update(state);
    // The class has ended under the keyboard: what is left to do is the recap.
    if (lostFocus || (state.status === 'Ended' && focusTakenAway(focused))) families.focusRecap();
    announceHelp(state, applied, speak.say);
  };
  const renderEnded = (end: SessionEnd) => {
    cues.dispose();
    header.closed();
    setChildren(main, sessionEndNotice(classId, end));
  };
  s.setHandlers({
    onState: render,
    onConnection: (status) => {
      banner.update(status, s.closedBy?.code);
      main.dataset.connection = status;
    },
    onEnded: renderEnded,
    onOutbox: (items) => {
      chat.setOutbox(items);
    },
  });
  return { tempoPhaseMs: cues.tempoPhaseMs, dispose: cues.dispose };
}

/** The step and the cues; with its controls off after the end, it is still read and scrolled from the keyboard. */
function centerColumn(...panels: HTMLElement[]): { element: HTMLElement; update(state: ClassState): void } {
  const element = h(
    'div',
    { class: 'console-center', role: 'region', 'aria-label': t('teach.stageAndCues') },
    ...panels,
  );
  return {
    element,
    update(state) {
      if (state.status === 'Ended') element.tabIndex = 0;
      else element.removeAttribute('tabindex');
    },
  };
}

/** Whether the control that had the keyboard is gone, hidden or turned off, leaving it nowhere. */
function focusTakenAway(before: Element | null): boolean {
  if (!(before instanceof HTMLElement) || before === document.body) return false;
  const active = document.activeElement;
  // The browser may move the focus off a hidden or disabled control only later, at its next frame.
  if (active !== before) return active === null || active === document.body;
  const off = (before instanceof HTMLButtonElement || before instanceof HTMLInputElement) && before.disabled;
  return !before.isConnected || !!before.closest('[hidden]') || off;
}

/** Why the console cannot open the class, and what is still there for it. */
function sessionEndNotice(classId: string, end: SessionEnd): HTMLElement {
  switch (end.reason) {
    case 'not_found':
      return endedNotice(t('teach.notFound'), t('teach.notFoundBody'), toStartLink());
    case 'class_ended':
      return endedNotice(t('teach.classOver'), t('teach.classOverBody'), recapLink(classId));
    case 'refused':
      return refusedNotice(end);
    case 'removed':
    case 'forbidden':
      return endedNotice(t('teach.badKey'), t('teach.badKeyBody'), toStartLink());
  }
}

/** The recap needs the key this browser keeps; without it, only the way to the start. */
function recapLink(classId: string): HTMLElement {
  if (!storage.loadInstructorKey(classId)) return toStartLink();
  const href = `/teach/${encodeURIComponent(classId)}/recap`;
  return h('a', { class: 'btn btn-primary', href, 'data-testid': 'recap-link' }, t('teach.recap'));
}

/** A family asking for help is said out loud, by name. */
function announceHelp(state: ClassState, applied: Applied[], say: (text: string) => void): void {
  // Named as the families board names them, worked out once for all the calls for help.
  let names: Map<string, string> | undefined;
  for (const { live, event } of applied) {
    if (!live || event.kind !== 'CheckedIn' || event.checkIn?.status !== 'NeedHelp') continue;
    names ??= distinctNames(parents(state));
    const name = names.get(event.participantId);
    if (name) say(t('speech.needsHelp', { name }));
  }
}
