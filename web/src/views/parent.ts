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
import { cueAnnouncement, mayPlay, stepAnnouncement } from '../announcements';
import { createHandsFree } from '../handsFree';
import { t } from '../i18n';
import { loadFlag, saveFlag } from '../prefs';
import { stepText } from '../routineText';
import { keepScreenOn } from '../wakeLock';
import { areaLabel, checkInOptions, cueForParents, repetitionsText } from '../wording';
import {
  announcer,
  chatPanel,
  connectionBanner,
  copyButton,
  endedNotice,
  peoplePanel,
  statusPill,
  topbar,
} from './common';
import { joinFamily } from './join';

export function renderParent(root: HTMLElement, classId: string): () => void {
  document.title = t('parent.title');

  // A "continue on another device" link carries the token in the fragment, never sent to a server.
  const fragment = fragmentParams();
  const linkToken = fragment.get('token');
  if (linkToken) {
    // Never swap the family this browser already is in the class without asking.
    storage.adoptLinkToken(classId, linkToken, (current) =>
      window.confirm(
        `This browser is already in this class as ${current.displayName ?? 'another family'}. ` +
          'Open the class as the family from this link instead?',
      ),
    );
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

  const cueCard = h('section', { class: 'cue', 'aria-label': t('parent.cue'), 'data-testid': 'cue', hidden: true });
  const cueTitle = h('p', { class: 'cue-title', 'data-testid': 'cue-title' });
  const cueBody = h('p', { class: 'cue-body', 'data-testid': 'cue-text' });
  cueCard.append(cueTitle, cueBody);

  const stateNote = h('p', { class: 'state-note', 'data-testid': 'state-note', hidden: true });

  const stepCounter = h('p', { class: 'step-counter', 'data-testid': 'step-counter' });
  const stepArea = h('p', { class: 'step-area', 'data-testid': 'step-area' });
  const stepName = h('h1', { class: 'step-name', 'data-testid': 'step-name', tabindex: -1 });
  const stepReps = h('p', { class: 'step-reps', 'data-testid': 'step-reps' });
  const stepWords = h('p', { class: 'step-instructions', 'data-testid': 'step-instructions' });
  const dollBox = h('div', { class: 'doll-box' });
  const stepCard = h(
    'section',
    { class: 'step', 'aria-label': t('parent.step'), 'data-testid': 'step' },
    h('div', { class: 'step-head' }, stepCounter, stepArea),
    stepName,
    h('div', { class: 'step-body' }, dollBox, h('div', { class: 'step-words' }, stepWords, stepReps)),
  );

  const handsFree = createHandsFree();
  let handsFreeOn = loadFlag('handsFree');
  let tickOn = loadFlag('tick');
  let status: ClassState['status'] = 'Lobby';
  const soundAllowed = () => handsFreeOn && mayPlay({ hidden: document.visibilityState === 'hidden', status });

  const tempo = createTempoGuide(
    (clientNow) => s.serverNow(clientNow),
    () => {
      if (tickOn && soundAllowed()) handsFree.tick();
    },
  );

  // ---- following from a distance: mat view, hands-free, screen on ----
  let matOn = loadFlag('matView');
  const matToggle = h(
    'button',
    {
      type: 'button',
      class: 'btn toggle-btn',
      'data-testid': 'mat-toggle',
      'aria-pressed': String(matOn),
      onclick: (() => {
        setMat(!matOn);
      }) as EventListener,
    },
    t('parent.matView'),
  );
  const handsFreeToggle = h(
    'button',
    {
      type: 'button',
      class: 'btn toggle-btn',
      'data-testid': 'handsfree-toggle',
      'aria-pressed': String(handsFreeOn),
      'aria-describedby': 'handsfree-hint',
      onclick: (() => {
        setHandsFree(!handsFreeOn);
      }) as EventListener,
    },
    t('parent.handsFree'),
  );
  const tickToggle = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small toggle-btn',
      'data-testid': 'tick-toggle',
      'aria-pressed': String(tickOn),
      hidden: !handsFreeOn,
      onclick: (() => {
        tickOn = !tickOn;
        saveFlag('tick', tickOn);
        tickToggle.setAttribute('aria-pressed', String(tickOn));
        if (tickOn) handsFree.unlock();
      }) as EventListener,
    },
    t('parent.tick'),
  );
  const checkInOpen = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary mat-only',
      'data-testid': 'mat-checkin',
      'aria-expanded': 'false',
      'aria-controls': 'checkin-panel',
      onclick: (() => {
        setSheet(checkPanel.classList.contains('is-open') ? false : true);
      }) as EventListener,
    },
    t('parent.checkIn'),
  );
  const wakeNote = h(
    'p',
    { class: 'note muted small', 'data-testid': 'wake-note', hidden: true },
    t('parent.wakeUnavailable'),
  );
  const speechNote = h('p', { class: 'note muted small', hidden: true }, t('parent.speechUnavailable'));
  const viewBar = h(
    'section',
    { class: 'view-bar', 'aria-label': t('parent.options') },
    h('div', { class: 'view-buttons' }, checkInOpen, matToggle, handsFreeToggle, tickToggle),
    h('p', { class: 'visually-hidden', id: 'handsfree-hint' }, t('parent.handsFreeHint')),
    wakeNote,
    speechNote,
  );

  const screen = keepScreenOn((held) => {
    main.dataset.wakeLock = held ? 'held' : 'released';
  });

  const checkError = h('p', { class: 'form-error', role: 'alert' });
  const checkButtons = checkInOptions().map((o) =>
    h(
      'button',
      {
        type: 'button',
        class: `btn checkin-btn checkin-${o.status}`,
        'data-status': o.status,
        'data-testid': `checkin-${o.status}`,
        'aria-pressed': 'false',
        onclick: (() => {
          void checkIn(o.status);
          if (matOn) setSheet(false);
        }) as EventListener,
      },
      h('span', { class: 'checkin-symbol', 'aria-hidden': 'true' }, o.symbol),
      h('span', {}, o.label),
    ),
  );
  const checkPanel = h(
    'section',
    { class: 'panel checkin', id: 'checkin-panel', 'aria-labelledby': 'checkin-heading' },
    h(
      'div',
      { class: 'checkin-head' },
      h('h2', { id: 'checkin-heading' }, t('parent.checkinHeading')),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-small btn-quiet mat-only',
          'data-testid': 'mat-checkin-close',
          onclick: (() => {
            setSheet(false);
          }) as EventListener,
        },
        t('parent.closeCheckIn'),
      ),
    ),
    h('div', { class: 'checkin-grid' }, checkButtons),
    checkError,
  );

  const chat = chatPanel(s, { canDelete: false, heading: t('chat.heading') });
  const people = peoplePanel(s);

  const deviceLink = h('a', { class: 'break', 'data-testid': 'device-link' });
  const devicePanel = h(
    'details',
    { class: 'panel device' },
    h('summary', {}, t('parent.device')),
    h('p', { class: 'muted' }, t('parent.deviceBody')),
    h(
      'p',
      { class: 'link-row' },
      deviceLink,
      ' ',
      copyButton(t('copy.link'), () => deviceLink.href),
    ),
  );

  const practiceLink = h('a', { class: 'btn btn-primary', 'data-testid': 'practice-from-class' }, t('parent.practice'));
  const practicePanel = h(
    'section',
    { class: 'panel practice-offer', hidden: true, 'aria-labelledby': 'practice-offer-heading' },
    h('h2', { id: 'practice-offer-heading' }, t('parent.practice')),
    h('p', { class: 'muted' }, t('parent.practiceBody')),
    practiceLink,
  );

  const mainCol = h(
    'div',
    { class: 'parent-main' },
    viewBar,
    stateNote,
    practicePanel,
    cueCard,
    stepCard,
    tempo.element,
  );
  const sideCol = h('div', { class: 'parent-side' }, checkPanel, chat.element, people.element, devicePanel);
  const main = h('main', { class: 'parent', id: 'main' }, mainCol, sideCol);

  setChildren(root, topbar(title, pill.element), banner.element, speak.element, main);

  function setMat(on: boolean) {
    matOn = on;
    saveFlag('matView', on);
    main.classList.toggle('is-mat', on);
    matToggle.setAttribute('aria-pressed', String(on));
    if (!on) setSheet(false);
  }

  function setSheet(open: boolean) {
    checkPanel.classList.toggle('is-open', open);
    checkInOpen.setAttribute('aria-expanded', String(open));
    if (open) checkButtons[0]?.focus();
  }

  function setHandsFree(on: boolean) {
    handsFreeOn = on;
    saveFlag('handsFree', on);
    handsFreeToggle.setAttribute('aria-pressed', String(on));
    tickToggle.hidden = !on;
    speechNote.hidden = !on || handsFree.speechSupported;
    if (on) handsFree.unlock();
    else handsFree.hush();
  }

  setMat(matOn);
  checkPanel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && checkPanel.classList.contains('is-open')) {
      setSheet(false);
      checkInOpen.focus();
    }
  });
  speechNote.hidden = !handsFreeOn || handsFree.speechSupported;

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') handsFree.hush();
  };
  document.addEventListener('visibilitychange', onVisibility);
  // A remembered hands-free mode needs one touch after a reload before the browser lets it sound.
  const unlockOnTouch = () => {
    if (handsFreeOn) handsFree.unlock();
  };
  document.addEventListener('pointerdown', unlockOnTouch);

  // ---- behaviour ----
  let lastStepKey = '';
  let lastCueAt: number | null = null;

  // A check-in tapped while the connection is down is sent once the class is back.
  let pendingCheckIn: CheckInStatus | null = null;

  async function checkIn(checked: CheckInStatus) {
    const state = s.state;
    if (!state) return;
    setText(checkError, '');
    for (const b of checkButtons) b.setAttribute('aria-pressed', String(b.dataset.status === checked));
    if (s.status !== 'online') {
      pendingCheckIn = checked;
      setText(checkError, t('parent.offlineCheckin'));
      return;
    }
    try {
      await s.call('CheckIn', checked, state.stepIndex);
      pendingCheckIn = null;
    } catch (e) {
      const parsed = parseHubError(e);
      if (parsed.code === 'offline' || parsed.code === 'not_joined') {
        pendingCheckIn = checked;
        setText(checkError, t('parent.offlineCheckin'));
        return;
      }
      setText(checkError, friendlyError(parsed));
      render(s.state, []);
    }
  }

  function renderStep(state: ClassState, step: Step | null, liveChange: boolean) {
    const total = state.routine.steps.length;
    const key = step ? `${state.stepIndex}|${step.name}|${step.dollPose}|${step.area}` : 'none';
    if (key === lastStepKey) return;
    lastStepKey = key;
    if (!step) {
      setText(stepCounter, '');
      setText(stepName, t('parent.noSteps'));
      return;
    }
    const text = stepText(step);
    setText(stepCounter, t('parent.stepOf', { n: state.stepIndex + 1, total }));
    setText(stepArea, areaLabel(step.area));
    stepCard.dataset.area = step.area;
    setText(stepName, text.name);
    setText(stepWords, text.instructions);
    setText(stepReps, repetitionsText(step.repetitions));
    setChildren(dollBox, drawDoll({ area: step.area, pose: step.dollPose, label: text.name }));
    if (liveChange) {
      flash(stepCard);
      speak.say(t('speech.stepFull', { n: state.stepIndex + 1, total, name: text.name, area: areaLabel(step.area) }));
      if (soundAllowed()) handsFree.say(stepAnnouncement(state.stepIndex + 1, text.name, step.repetitions));
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
      if (soundAllowed()) handsFree.say(cueAnnouncement(cue));
    }
  }

  function renderStateNote(state: ClassState) {
    let note = '';
    if (state.status === 'Lobby') note = t('parent.lobby', { name: state.instructorName });
    else if (state.status === 'Paused') note = t('parent.paused');
    else if (state.status === 'Ended') note = t('parent.ended');
    stateNote.hidden = !note;
    stateNote.dataset.status = state.status;
    setText(stateNote, note);
  }

  function render(state: ClassState, applied: Applied[]) {
    const live = (kind: string) => applied.some((a) => a.live && a.event.kind === kind);
    status = state.status;
    if (status !== 'Live') handsFree.hush();
    screen.setWanted(status === 'Live');
    wakeNote.hidden = screen.supported || status !== 'Live';
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
    const ended = state.status === 'Ended';
    checkPanel.hidden = ended;
    checkInOpen.hidden = ended;
    practicePanel.hidden = !ended;
    if (ended) practiceLink.setAttribute('href', `/practice/${encodeURIComponent(state.routine.id)}`);
    chat.update(state, applied);
    people.update(state);
    if (s.rejoinToken) {
      deviceLink.href = `${location.origin}/class/${encodeURIComponent(state.classId)}#token=${encodeURIComponent(s.rejoinToken)}`;
      setText(deviceLink, t('parent.deviceLink'));
    }
    if (live('ClassStatusChanged')) speak.say(t('speech.status', { status: pill.element.textContent ?? '' }));
  }

  function renderEnded(end: SessionEnd) {
    tempo.dispose();
    screen.setWanted(false);
    handsFree.hush();
    const joinCode = storage.loadJoinCode(classId);
    if (end.reason === 'not_found') {
      setChildren(
        main,
        endedNotice(
          t('parent.notAvailable'),
          t('parent.notAvailableBody'),
          h('a', { class: 'btn btn-primary', href: '/' }, t('app.toStart')),
        ),
      );
      return;
    }
    const heading = end.reason === 'removed' ? t('parent.removed') : t('parent.linkGone');
    const body = end.reason === 'removed' ? t('parent.removedBody') : t('parent.linkGoneBody');
    setChildren(main, endedNotice(heading, body, rejoinForm(joinCode)));
    pill.element.hidden = true;
  }

  s.setHandlers({
    onState: render,
    onConnection: (connection) => {
      banner.update(connection);
      main.dataset.connection = connection;
      if (connection === 'online' && pendingCheckIn) void checkIn(pendingCheckIn);
    },
    onEnded: renderEnded,
    onOutbox: (items) => {
      chat.setOutbox(items);
    },
  });

  const unregister = registerTestHooks({
    session: s,
    tempoPhaseMs: (clientNow?: number) => tempo.phaseMs(clientNow),
  });

  return () => {
    unregister();
    tempo.dispose();
    screen.dispose();
    handsFree.dispose();
    document.removeEventListener('visibilitychange', onVisibility);
    document.removeEventListener('pointerdown', unlockOnTouch);
    sessions.release(s);
  };
}

function flash(el: HTMLElement) {
  el.classList.remove('is-new');
  el.offsetWidth; // restart the calm highlight transition
  el.classList.add('is-new');
}

function rejoinForm(joinCode: string | null): HTMLElement {
  const codeInput = h('input', {
    id: 'again-code',
    class: 'input',
    required: true,
    value: joinCode ?? '',
    maxlength: 7,
  });
  const nameInput = h('input', {
    id: 'again-name',
    class: 'input',
    required: true,
    maxlength: 40,
    'data-testid': 'again-name',
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  return h(
    'form',
    {
      class: 'stack',
      onsubmit: (async (e: Event) => {
        e.preventDefault();
        const message = await joinFamily(codeInput.value.replace(/[-\s]/g, '').toUpperCase(), nameInput.value);
        if (message) setText(error, message);
      }) as EventListener,
    },
    joinCode ? null : [h('label', { for: 'again-code' }, t('home.joinCode')), codeInput],
    h('label', { for: 'again-name' }, t('parent.familyName')),
    nameInput,
    h(
      'button',
      { type: 'submit', class: 'btn btn-primary btn-large', 'data-testid': 'again-submit' },
      t('parent.joinAgain'),
    ),
    error,
  );
}

function renderNotJoined(root: HTMLElement, classId: string) {
  const joinCode = storage.loadJoinCode(classId);
  setChildren(
    root,
    topbar(),
    h(
      'main',
      { class: 'narrow', id: 'main' },
      endedNotice(
        t('parent.joinThis'),
        t('parent.notJoinedBody'),
        joinCode
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn btn-primary',
                onclick: (() => {
                  navigate(`/join/${joinCode}`);
                }) as EventListener,
              },
              t('parent.joinWithCode'),
            )
          : h('a', { class: 'btn btn-primary', href: '/' }, t('parent.enterCode')),
      ),
    ),
  );
}
