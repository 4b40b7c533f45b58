// /class/{classId}: the family's follow-along view, readable from a metre away.
import type { ClassSession, ConnectionStatus } from '../connection';
import { clearFragmentFromUrl, fragmentParams, h, setChildren, setText } from '../dom';
import { t } from '../i18n';
import * as sessions from '../sessions';
import { endAnnouncement, returnAnnouncement } from '../announcements';
import { currentStep, type Applied, type ClassState } from '../state';
import * as storage from '../storage';
import { createTempoGuide } from '../tempoGuide';
import { registerTestHooks } from '../testHooks';
import { keepScreenOn, type ScreenKeeper } from '../wakeLock';
import { replaceFamilyQuestion } from '../wording';
import { chatPanel } from './chat';
import { takeOrResume } from './classPage';
import { announcer, connectionBanner, peoplePanel, statusPill, topbar } from './common';
import { renderNotJoined, renderRemoved, showSessionEnd } from './family/away';
import { checkInPanel } from './family/checkIn';
import { cueCard } from './family/cueCard';
import { devicePanel, practiceOffer } from './family/links';
import { familySound } from './family/sound';
import { stepNow } from './family/stepNow';
import { viewOptions } from './family/viewOptions';

export function renderParent(root: HTMLElement, classId: string): () => void {
  document.title = t('parent.title');
  adoptLinkToken(classId);
  const membership = storage.loadMembership(classId, 'Parent');
  if (!sessions.take(classId, 'Parent') && !membership) {
    const removal = storage.loadRemoval(classId);
    if (removal) renderRemoved(root, classId, removal);
    else renderNotJoined(root, classId);
    return () => undefined;
  }
  const session = takeOrResume(classId, 'Parent', membership, null);
  const view = familyView(root, classId, session);
  const unregister = registerTestHooks({ session, tempoPhaseMs: view.tempoPhaseMs });
  return () => {
    unregister();
    view.dispose();
    sessions.release(session);
  };
}

/** A "continue on another device" link carries the token in the fragment, never sent to a server. */
function adoptLinkToken(classId: string): void {
  const linkToken = fragmentParams().get('token');
  if (!linkToken) return;
  // Never swap the family this browser already is in the class without asking.
  storage.adoptLinkToken(classId, linkToken, (current) => window.confirm(replaceFamilyQuestion(current.displayName)));
  clearFragmentFromUrl();
}

/** The status line under the step: waiting, paused, ended. */
function stateNote(): { element: HTMLElement; update(state: ClassState): void } {
  const element = h('p', { class: 'state-note', 'data-testid': 'state-note', hidden: true });
  return {
    element,
    update(state) {
      let note = '';
      if (state.status === 'Lobby') note = t('parent.lobby', { name: state.instructorName });
      else if (state.status === 'Paused') note = t('parent.paused');
      else if (state.status === 'Ended') note = t('parent.ended');
      element.hidden = !note;
      element.dataset.status = state.status;
      setText(element, note);
    },
  };
}

/** Everything on a family's page, built once; `rerender` shows the class again as it is. */
function familyPage(root: HTMLElement, s: ClassSession, rerender: () => void) {
  const speak = announcer();
  const top = { pill: statusPill(), banner: connectionBanner(speak.say), speak };
  const title = h('span', { class: 'topbar-title', 'data-testid': 'class-title' }, '');
  const sound = familySound();
  const say = (text: string) => {
    sound.say(text);
  };
  const closeSheet = () => {
    options.closeSheet();
  };
  const parts = {
    note: stateNote(),
    cue: cueCard(top.speak.say, say),
    step: stepNow(top.speak.say, say),
    tempo: createTempoGuide(
      (clientNow) => s.serverNow(clientNow),
      () => {
        sound.beat();
      },
    ),
    checkIn: checkInPanel(s, {
      tapped: () => {
        if (options.isMat()) closeSheet();
      },
      closeSheet,
      refused: rerender,
    }),
    chat: chatPanel(s, { canDelete: false, heading: t('chat.heading') }),
    people: peoplePanel(s),
    device: devicePanel(),
    practice: practiceOffer(),
  };
  const main = h('main', { class: 'parent', id: 'main' });
  const options = viewOptions(sound, main, parts.checkIn.element);
  const { note, practice, cue, step, tempo, checkIn, chat, people, device } = parts;
  main.append(
    h(
      'div',
      { class: 'parent-main' },
      options.element,
      note.element,
      practice.element,
      cue.element,
      step.element,
      tempo.element,
    ),
    h('div', { class: 'parent-side' }, checkIn.element, chat.element, people.element, device.element),
  );
  setChildren(root, topbar(title, top.pill.element), top.banner.element, top.speak.element, main);
  return { ...top, ...parts, title, sound, main, options };
}

/** The screen kept on while wanted; the note says so where this browser cannot keep it on. */
function screenKeeper(main: HTMLElement, note: HTMLElement): Pick<ScreenKeeper, 'setWanted' | 'dispose'> {
  const screen = keepScreenOn((wake) => {
    main.dataset.wakeLock = wake;
    note.hidden = !screen.cannotKeep();
  });
  return {
    setWanted(wanted) {
      screen.setWanted(wanted);
      note.hidden = !screen.cannotKeep();
    },
    dispose() {
      screen.dispose();
    },
  };
}

/** Hands-free says the class has ended (only as it happens); the keyboard on the options that went moves to practice. */
function afterTheEnd(page: ReturnType<typeof familyPage>, applied: Applied[], hadOptionsFocus: boolean): void {
  const words = endAnnouncement(applied);
  if (words) page.sound.sayEnd(words);
  if (hadOptionsFocus) page.practice.focus();
}

/**
 * The page's side of the connection: the banner, pending check-ins once back, and, once back in
 * sync after a drop, hands-free saying where the class is now, as the screen already shows it;
 * what was missed meanwhile is history and stays unsaid.
 */
function connectionWatcher(
  page: ReturnType<typeof familyPage>,
  s: ClassSession,
): (connection: ConnectionStatus) => void {
  let dropped = false;
  return (connection) => {
    page.banner.update(connection, s.closedBy?.code);
    page.main.dataset.connection = connection;
    if (connection === 'reconnecting') dropped = true;
    if (connection !== 'online') return;
    page.checkIn.sendPending();
    if (dropped && s.state) page.sound.say(returnAnnouncement(s.state));
    dropped = false;
  };
}

function familyView(root: HTMLElement, classId: string, s: ClassSession) {
  const page = familyPage(root, s, () => {
    if (s.state) render(s.state, []);
  });
  const { pill, sound, main } = page;
  const screen = screenKeeper(main, page.options.wakeNote);

  function render(state: ClassState, applied: Applied[]) {
    const live = (kind: string) => applied.some((a) => a.live && a.event.kind === kind);
    const ended = state.status === 'Ended';
    const hadOptionsFocus = page.options.element.contains(document.activeElement);
    sound.setStatus(state.status);
    // Waiting, live or on a feeding break: hands are oily all along, so the screen stays on.
    screen.setWanted(!ended);
    setText(page.title, state.title);
    document.title = `${state.title} · LiveClass`;
    pill.update(state);
    page.note.update(state);
    page.step.update(state, currentStep(state), live('StepChanged'));
    // The last cue was for the class as it went on; an ended class shows how it ended, not what to do now.
    page.cue.update(ended ? null : state.cue, live('CueGiven'));
    // On a break the guide rests too; it picks up in step when the class resumes.
    page.tempo.setTempo(ended || state.status === 'Paused' ? null : state.tempo);
    page.checkIn.update(state);
    page.options.setEnded(ended);
    page.practice.update(state);
    page.chat.update(state, applied);
    page.people.update(state);
    page.device.update(state, s.rejoinToken);
    if (live('ClassStatusChanged')) page.speak.say(t('speech.status', { status: pill.element.textContent }));
    if (ended) afterTheEnd(page, applied, hadOptionsFocus);
  }

  s.setHandlers({
    onState: render,
    onConnection: connectionWatcher(page, s),
    onEnded: (end) => {
      page.tempo.dispose();
      screen.setWanted(false);
      sound.hush();
      showSessionEnd(main, classId, end, s.state);
      if (end.reason !== 'not_found') pill.element.hidden = true;
    },
    onOutbox: (items) => {
      page.chat.setOutbox(items);
    },
  });
  return {
    tempoPhaseMs: (clientNow?: number) => page.tempo.phaseMs(clientNow),
    dispose() {
      page.tempo.dispose();
      screen.dispose();
      sound.dispose();
    },
  };
}
