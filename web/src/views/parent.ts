// /class/{classId}: the family's follow-along view, readable from a metre away.
import { ClassSession, type SessionEnd } from '../connection';
import { clearFragmentFromUrl, fragmentParams, h, setChildren, setText } from '../dom';
import { drawDoll } from '../doll';
import { friendlyError, parseHubError } from '../errors';
import type { CheckInStatus, Cue, Step } from '../protocol';
import { navigate } from '../router';
import * as sessions from '../sessions';
import { currentStep, type Applied, type ClassState } from '../state';
import * as storage from '../storage';
import { createTempoGuide } from '../tempoGuide';
import { registerTestHooks } from '../testHooks';
import { areaLabel, CHECK_IN_OPTIONS, cueForParents, repetitionsText } from '../wording';
import {
  announcer, chatPanel, connectionBanner, copyButton, endedNotice, peoplePanel, statusPill,
} from './common';
import { joinFamily } from './join';

export function renderParent(root: HTMLElement, classId: string): () => void {
  document.title = 'Class · LiveClass';

  // A "continue on another device" link carries the token in the fragment, never sent to a server.
  const fragment = fragmentParams();
  const linkToken = fragment.get('token');
  if (linkToken) {
    // Never swap the family this browser already is in the class without asking.
    storage.adoptLinkToken(classId, linkToken, (current) => window.confirm(
      `This browser is already in this class as ${current.displayName ?? 'another family'}. ` +
      'Open the class as the family from this link instead?'));
    clearFragmentFromUrl();
  }

  let session = sessions.take(classId, 'Parent');
  if (!session) {
    const membership = storage.loadMembership(classId, 'Parent');
    if (!membership) {
      renderNotJoined(root, classId);
      return () => undefined;
    }
    session = ClassSession.resume(classId, 'Parent', membership, null);
    sessions.handOver(session);
  }
  const s = session;

  // ---- layout ----
  const pill = statusPill();
  const banner = connectionBanner();
  const speak = announcer();
  const title = h('span', { class: 'topbar-title', 'data-testid': 'class-title' }, '');

  const cueCard = h('section', { class: 'cue', 'aria-label': 'Instructor cue', 'data-testid': 'cue', hidden: true });
  const cueTitle = h('p', { class: 'cue-title', 'data-testid': 'cue-title' });
  const cueBody = h('p', { class: 'cue-body', 'data-testid': 'cue-text' });
  cueCard.append(cueTitle, cueBody);

  const stateNote = h('p', { class: 'state-note', 'data-testid': 'state-note', hidden: true });

  const stepCounter = h('p', { class: 'step-counter', 'data-testid': 'step-counter' });
  const stepArea = h('p', { class: 'step-area', 'data-testid': 'step-area' });
  const stepName = h('h1', { class: 'step-name', 'data-testid': 'step-name', tabindex: -1 });
  const stepReps = h('p', { class: 'step-reps', 'data-testid': 'step-reps' });
  const stepText = h('p', { class: 'step-instructions', 'data-testid': 'step-instructions' });
  const dollBox = h('div', { class: 'doll-box' });
  const stepCard = h('section', { class: 'step', 'aria-label': 'Current step', 'data-testid': 'step' },
    h('div', { class: 'step-head' }, stepCounter, stepArea), stepName,
    h('div', { class: 'step-body' }, dollBox, h('div', { class: 'step-words' }, stepText, stepReps)));

  const tempo = createTempoGuide((clientNow) => s.serverNow(clientNow));

  const checkError = h('p', { class: 'form-error', role: 'alert' });
  const checkButtons = CHECK_IN_OPTIONS.map((o) => h('button', {
    type: 'button', class: `btn checkin-btn checkin-${o.status}`, 'data-status': o.status,
    'data-testid': `checkin-${o.status}`, 'aria-pressed': 'false',
    onclick: (() => checkIn(o.status)) as EventListener,
  }, h('span', { class: 'checkin-symbol', 'aria-hidden': 'true' }, o.symbol), h('span', {}, o.label)));
  const checkPanel = h('section', { class: 'panel checkin', 'aria-labelledby': 'checkin-heading' },
    h('h2', { id: 'checkin-heading' }, 'How are you two doing?'),
    h('div', { class: 'checkin-grid' }, checkButtons), checkError);

  const chat = chatPanel(s, { canDelete: false, heading: 'Chat' });
  const people = peoplePanel(s);

  const deviceLink = h('a', { class: 'break', 'data-testid': 'device-link' });
  const devicePanel = h('details', { class: 'panel device' },
    h('summary', {}, 'Continue on another device'),
    h('p', { class: 'muted' }, 'Open this link on your other phone or laptop to carry on as the same family. Keep it private.'),
    h('p', { class: 'link-row' }, deviceLink, ' ', copyButton('Copy link', () => deviceLink.href)));

  const mainCol = h('div', { class: 'parent-main' }, stateNote, cueCard, stepCard, tempo.element);
  const sideCol = h('div', { class: 'parent-side' }, checkPanel, chat.element, people.element, devicePanel);
  const main = h('main', { class: 'parent', id: 'main' }, mainCol, sideCol);

  setChildren(root,
    h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '/', 'aria-label': 'LiveClass home' }, 'LiveClass'), title, pill.element),
    banner.element, speak.element, main);

  // ---- behaviour ----
  let lastStepKey = '';
  let lastCueAt: number | null = null;

  // A check-in tapped while the connection is down is sent once the class is back.
  let pendingCheckIn: CheckInStatus | null = null;

  async function checkIn(status: CheckInStatus) {
    const state = s.state;
    if (!state) return;
    setText(checkError, '');
    for (const b of checkButtons) b.setAttribute('aria-pressed', String(b.dataset.status === status));
    if (s.status !== 'online') {
      pendingCheckIn = status;
      setText(checkError, "You're offline. We'll send this when you're back.");
      return;
    }
    try {
      await s.call('CheckIn', status, state.stepIndex);
      pendingCheckIn = null;
    } catch (e) {
      const parsed = parseHubError(e);
      if (parsed.code === 'offline' || parsed.code === 'not_joined') {
        pendingCheckIn = status;
        setText(checkError, "You're offline. We'll send this when you're back.");
        return;
      }
      setText(checkError, friendlyError(parsed));
      render(s.state!, []);
    }
  }

  function renderStep(state: ClassState, step: Step | null, liveChange: boolean) {
    const total = state.routine.steps.length;
    const key = step ? `${state.stepIndex}|${step.name}|${step.dollPose}|${step.area}` : 'none';
    if (key === lastStepKey) return;
    lastStepKey = key;
    if (!step) {
      setText(stepCounter, '');
      setText(stepName, 'No steps in this routine');
      return;
    }
    setText(stepCounter, `Step ${state.stepIndex + 1} of ${total}`);
    setText(stepArea, areaLabel(step.area));
    stepCard.dataset.area = step.area;
    setText(stepName, step.name);
    setText(stepText, step.instructions);
    setText(stepReps, repetitionsText(step.repetitions));
    setChildren(dollBox, drawDoll({ area: step.area, pose: step.dollPose, label: step.name }));
    if (liveChange) {
      flash(stepCard);
      speak.say(`Step ${state.stepIndex + 1} of ${total}: ${step.name}. ${areaLabel(step.area)}.`);
    }
  }

  function renderCue(cue: Cue | null, liveChange: boolean) {
    const at = cue?.at ?? null;
    if (at === lastCueAt && (cue !== null) === !cueCard.hidden) return;
    lastCueAt = at;
    if (!cue) {
      cueCard.hidden = true;
      return;
    }
    const words = cueForParents(cue);
    cueCard.hidden = false;
    cueCard.dataset.kind = cue.kind;
    setText(cueTitle, words.title);
    setText(cueBody, words.body);
    if (liveChange) {
      flash(cueCard);
      speak.say(`${words.title}. ${words.body}`);
    }
  }

  function renderStateNote(state: ClassState) {
    let note = '';
    if (state.status === 'Lobby') note = `Waiting for ${state.instructorName} to start. Settle in, warm your hands, and check in when you're ready.`;
    else if (state.status === 'Paused') note = 'The class is paused. Cuddle, feed or rest; it will carry on from here.';
    else if (state.status === 'Ended') note = 'The class has ended. Thank you for joining, and enjoy the cuddles.';
    stateNote.hidden = !note;
    stateNote.dataset.status = state.status;
    setText(stateNote, note);
  }

  function render(state: ClassState, applied: Applied[]) {
    const live = (kind: string) => applied.some((a) => a.live && a.event.kind === kind);
    setText(title, state.title);
    document.title = `${state.title} · LiveClass`;
    pill.update(state);
    renderStateNote(state);
    renderStep(state, currentStep(state), live('StepChanged'));
    renderCue(state.cue, live('CueGiven'));
    tempo.setTempo(state.status === 'Ended' ? null : state.tempo);
    const me = state.participants.find((p) => p.participantId === s.participantId);
    const shown = pendingCheckIn ?? me?.checkIn?.status;
    for (const b of checkButtons) {
      b.setAttribute('aria-pressed', String(shown === b.dataset.status));
      b.disabled = state.status === 'Ended';
    }
    checkPanel.hidden = state.status === 'Ended';
    chat.update(state, applied);
    people.update(state);
    if (s.rejoinToken) {
      deviceLink.href = `${location.origin}/class/${encodeURIComponent(state.classId)}#token=${encodeURIComponent(s.rejoinToken)}`;
      setText(deviceLink, 'Link for your other device');
    }
    if (live('ClassStatusChanged')) speak.say(`The class is now ${pill.element.textContent ?? ''}.`);
  }

  function renderEnded(end: SessionEnd) {
    tempo.dispose();
    const joinCode = storage.loadJoinCode(classId);
    if (end.reason === 'not_found') {
      setChildren(main, endedNotice('Class not available',
        'This class is no longer available. It may have ended more than a day ago.',
        h('a', { class: 'btn btn-primary', href: '/' }, 'Go to the start page')));
      return;
    }
    const title = end.reason === 'removed' ? 'You were removed from the class' : 'This link no longer works';
    const body = end.reason === 'removed'
      ? 'The instructor removed your family from this class. If that was a mistake, you can join again with a new name.'
      : 'Your place in this class was removed. You can join again with a new name.';
    setChildren(main, endedNotice(title, body, rejoinForm(joinCode)));
    pill.element.hidden = true;
  }

  s.setHandlers({
    onState: render,
    onConnection: (status) => {
      banner.update(status);
      main.dataset.connection = status;
      if (status === 'online' && pendingCheckIn) void checkIn(pendingCheckIn);
    },
    onEnded: renderEnded,
    onOutbox: (items) => chat.setOutbox(items),
  });

  const unregister = registerTestHooks({
    session: s,
    tempoPhaseMs: (clientNow?: number) => tempo.phaseMs(clientNow),
  });

  return () => {
    unregister();
    tempo.dispose();
    sessions.release(s);
  };
}

function flash(el: HTMLElement) {
  el.classList.remove('is-new');
  void el.offsetWidth; // restart the calm highlight transition
  el.classList.add('is-new');
}

function rejoinForm(joinCode: string | null): HTMLElement {
  const codeInput = h('input', { id: 'again-code', class: 'input', required: true, value: joinCode ?? '', maxlength: 7 });
  const nameInput = h('input', { id: 'again-name', class: 'input', required: true, maxlength: 40, 'data-testid': 'again-name' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  return h('form', {
    class: 'stack',
    onsubmit: (async (e: Event) => {
      e.preventDefault();
      const message = await joinFamily(codeInput.value.replace(/[-\s]/g, '').toUpperCase(), nameInput.value);
      if (message) setText(error, message);
    }) as EventListener,
  },
  joinCode ? null : [h('label', { for: 'again-code' }, 'Join code'), codeInput],
  h('label', { for: 'again-name' }, 'Family name'), nameInput,
  h('button', { type: 'submit', class: 'btn btn-primary btn-large', 'data-testid': 'again-submit' }, 'Join again'), error);
}

function renderNotJoined(root: HTMLElement, classId: string) {
  const joinCode = storage.loadJoinCode(classId);
  setChildren(root,
    h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '/' }, 'LiveClass')),
    h('main', { class: 'narrow', id: 'main' }, endedNotice('Join this class',
      'This browser has not joined this class yet. Use the join code or link from your instructor.',
      joinCode
        ? h('button', { type: 'button', class: 'btn btn-primary', onclick: (() => navigate(`/join/${joinCode}`)) as EventListener }, 'Join with the class code')
        : h('a', { class: 'btn btn-primary', href: '/' }, 'Enter a join code'))));
}
