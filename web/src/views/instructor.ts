// /teach/{classId}#key=…: the instructor's console, laid out for a laptop.
import { ClassSession, type SessionEnd } from '../connection';
import { clearFragmentFromUrl, fragmentParams, formatTime, h, setChildren, setText } from '../dom';
import { drawDoll } from '../doll';
import { friendlyError } from '../errors';
import { formatJoinCode } from '../joincode';
import { LIMITS, type CueKind, type Participant } from '../protocol';
import * as sessions from '../sessions';
import { checkInCounts, checkInSummary, currentStep, parents, type Applied, type ClassState } from '../state';
import * as storage from '../storage';
import { createTempoGuide } from '../tempoGuide';
import { registerTestHooks } from '../testHooks';
import { t } from '../i18n';
import { stepText } from '../routineText';
import { areaLabel, checkInLabel, CUE_KINDS, cueButtonLabel, cueShort, repetitionsText } from '../wording';
import {
  announcer,
  chatPanel,
  connectionBanner,
  copyButton,
  endedNotice,
  onlineDot,
  statusPill,
  topbar,
} from './common';

export function renderInstructor(root: HTMLElement, classId: string): () => void {
  document.title = t('teach.title');

  // The key arrives in the fragment; keep it in this browser and take it out of the address bar.
  const fragment = fragmentParams();
  const keyFromLink = fragment.get('key');
  const codeFromLink = fragment.get('code');
  if (keyFromLink) storage.saveInstructorKey(classId, keyFromLink);
  if (codeFromLink) storage.saveJoinCode(classId, codeFromLink);
  if (location.hash) clearFragmentFromUrl();

  const key = storage.loadInstructorKey(classId);
  const membership = storage.loadMembership(classId, 'Instructor');
  let session = sessions.take(classId, 'Instructor');
  if (!session) {
    if (!membership && !key) {
      setChildren(
        root,
        topbar(),
        h(
          'main',
          { class: 'narrow', id: 'main' },
          endedNotice(
            t('teach.linkNeeded'),
            t('teach.linkNeededBody'),
            h('a', { class: 'btn btn-primary', href: '/' }, t('app.toStart')),
          ),
        ),
      );
      return () => undefined;
    }
    session = ClassSession.resume(classId, 'Instructor', membership, key);
    sessions.handOver(session);
  }
  const s = session;

  // ---- header ----
  const pill = statusPill();
  const banner = connectionBanner();
  const speak = announcer();
  const title = h('span', { class: 'topbar-title', 'data-testid': 'class-title' });
  const codeText = h('strong', { class: 'share-code', 'data-testid': 'join-code' });
  const shareLink = h('a', { class: 'share-link', 'data-testid': 'parent-link', target: '_blank', rel: 'noopener' });
  const share = h('div', { class: 'share' }, h('span', { class: 'muted' }, t('teach.joinCode')), codeText);
  const invite = h(
    'div',
    { class: 'invite' },
    h('span', { class: 'muted small' }, t('teach.familyLink')),
    shareLink,
    copyButton(t('copy.copy'), () => shareLink.href, 'copy-parent-link'),
  );

  const actionError = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'action-error' });
  const showError = (e: unknown) => {
    setText(actionError, e ? friendlyError(e) : '');
  };

  async function act(method: string, ...args: unknown[]): Promise<boolean> {
    showError(null);
    try {
      await s.call(method, ...args);
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  }

  const startBtn = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      'data-testid': 'start',
      onclick: (() => act('StartClass')) as EventListener,
    },
    t('teach.start'),
  );
  const pauseBtn = h(
    'button',
    { type: 'button', class: 'btn', 'data-testid': 'pause', onclick: (() => act('PauseClass')) as EventListener },
    t('teach.pause'),
  );
  const resumeBtn = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      'data-testid': 'resume',
      onclick: (() => act('ResumeClass')) as EventListener,
    },
    t('teach.resume'),
  );
  const endBtn = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-danger-quiet',
      'data-testid': 'end',
      onclick: (() => {
        confirmEnd(true);
      }) as EventListener,
    },
    t('teach.end'),
  );
  const endConfirm = h(
    'span',
    { class: 'confirm', hidden: true, role: 'group', 'aria-label': t('teach.confirmEnd') },
    h('span', {}, t('teach.endForAll')),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-danger',
        'data-testid': 'end-confirm',
        onclick: (async () => {
          confirmEnd(false);
          await act('EndClass');
        }) as EventListener,
      },
      t('teach.endNow'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-quiet',
        onclick: (() => {
          confirmEnd(false);
        }) as EventListener,
      },
      t('teach.keepGoing'),
    ),
  );
  function confirmEnd(show: boolean) {
    endConfirm.hidden = !show;
    endBtn.hidden = show;
  }
  const controls = h(
    'div',
    { class: 'controls', role: 'group', 'aria-label': t('teach.controls') },
    startBtn,
    pauseBtn,
    resumeBtn,
    endBtn,
    endConfirm,
  );

  // ---- steps ----
  const stepList = h('ol', { class: 'step-list', 'data-testid': 'step-list' });
  // Focusable so the list can be scrolled from the keyboard even when every step is disabled.
  const stepsPanel = h(
    'nav',
    { class: 'panel steps', 'aria-label': t('teach.routineSteps'), tabindex: 0 },
    h('h2', {}, t('teach.routine')),
    stepList,
  );

  // ---- stage ----
  const stageCounter = h('p', { class: 'step-counter', 'data-testid': 'step-counter' });
  const stageArea = h('p', { class: 'step-area' });
  const stageName = h('h1', { class: 'stage-name', 'data-testid': 'step-name' });
  const stageText = h('p', { class: 'stage-instructions' });
  const stageReps = h('p', { class: 'step-reps' });
  const stageCues = h('ul', { class: 'stage-cues', 'aria-label': t('teach.notes'), 'data-testid': 'step-cues' });
  const dollBox = h('div', { class: 'doll-box doll-box--small' });
  const prevBtn = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      'data-testid': 'prev-step',
      onclick: (() => {
        go(-1);
      }) as EventListener,
    },
    t('teach.previous'),
  );
  const nextBtn = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      'data-testid': 'next-step',
      onclick: (() => {
        go(1);
      }) as EventListener,
    },
    t('teach.next'),
  );
  const nextName = h('p', { class: 'muted small', 'data-testid': 'next-name' });

  const repeatInput = h('input', {
    type: 'number',
    id: 'repeat-count',
    class: 'input input-number',
    min: LIMITS.repeatMin,
    max: LIMITS.repeatMax,
    value: 3,
    'data-testid': 'repeat-count',
  });
  const customInput = h('input', {
    type: 'text',
    id: 'custom-cue',
    class: 'input',
    maxlength: LIMITS.customCue,
    placeholder: t('teach.customPlaceholder'),
    'data-testid': 'custom-cue',
  });
  const lastCue = h('p', { class: 'muted small', 'data-testid': 'last-cue' });
  const cueButtons = CUE_KINDS.map((kind) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn cue-btn',
        'data-testid': `cue-${kind}`,
        onclick: (() => sendCue(kind, null, null)) as EventListener,
      },
      cueButtonLabel(kind),
    ),
  );
  const repeatBtn = h(
    'button',
    {
      type: 'button',
      class: 'btn cue-btn',
      'data-testid': 'cue-Repeat',
      onclick: (() => {
        const n = Number(repeatInput.value);
        if (!Number.isInteger(n) || n < LIMITS.repeatMin || n > LIMITS.repeatMax) {
          setText(actionError, t('teach.repeatRange', { min: LIMITS.repeatMin, max: LIMITS.repeatMax }));
          return;
        }
        void sendCue('Repeat', n, null);
      }) as EventListener,
    },
    t('teach.repeat'),
  );
  const customForm = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (async (e: Event) => {
        e.preventDefault();
        const text = customInput.value.trim();
        if (!text) return;
        if (await sendCue('Custom', null, text)) customInput.value = '';
      }) as EventListener,
    },
    h('label', { for: 'custom-cue', class: 'visually-hidden' }, t('teach.customCue')),
    customInput,
    h('button', { type: 'submit', class: 'btn', 'data-testid': 'cue-Custom' }, t('teach.sendCue')),
  );

  async function sendCue(kind: CueKind, count: number | null, text: string | null) {
    return act('SendCue', kind, count, text);
  }

  const tempoInput = h('input', {
    type: 'number',
    id: 'tempo-input',
    class: 'input input-number',
    min: 0,
    max: LIMITS.tempoMax,
    step: 1,
    value: 20,
    'data-testid': 'tempo-input',
  });
  const tempoNow = h('span', { 'data-testid': 'tempo-now' });
  const tempoGuide = createTempoGuide((clientNow) => s.serverNow(clientNow));
  async function setTempo(n: number) {
    if (!Number.isInteger(n) || (n !== 0 && (n < LIMITS.tempoMin || n > LIMITS.tempoMax))) {
      setText(actionError, t('teach.tempoRange', { min: LIMITS.tempoMin, max: LIMITS.tempoMax }));
      return;
    }
    await act('SetTempo', n);
  }
  const tempoForm = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: ((e: Event) => {
        e.preventDefault();
        void setTempo(Number(tempoInput.value));
      }) as EventListener,
    },
    h('label', { for: 'tempo-input', class: 'visually-hidden' }, t('teach.tempoInput')),
    tempoInput,
    h('button', { type: 'submit', class: 'btn', 'data-testid': 'tempo-set' }, t('teach.set')),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-quiet',
        'data-testid': 'tempo-off',
        onclick: (() => setTempo(0)) as EventListener,
      },
      t('teach.off'),
    ),
  );

  const stage = h(
    'section',
    { class: 'panel stage', 'aria-label': t('parent.step') },
    h('div', { class: 'step-head' }, stageCounter, stageArea),
    stageName,
    h(
      'div',
      { class: 'stage-body' },
      dollBox,
      h('div', {}, stageText, stageReps, h('h2', { class: 'small-heading' }, t('teach.yourNotes')), stageCues),
    ),
    h('div', { class: 'stage-nav' }, prevBtn, nextBtn, nextName),
  );

  const cuePanel = h(
    'section',
    { class: 'panel cues', 'aria-labelledby': 'cues-heading' },
    h('h2', { id: 'cues-heading' }, t('teach.cues')),
    h(
      'div',
      { class: 'cue-grid' },
      cueButtons,
      h(
        'span',
        { class: 'repeat-group' },
        repeatBtn,
        h('label', { for: 'repeat-count', class: 'visually-hidden' }, t('teach.repeatCount')),
        repeatInput,
      ),
    ),
    customForm,
    lastCue,
    h(
      'div',
      { class: 'tempo-row' },
      h('h2', { class: 'tempo-heading' }, t('teach.tempo'), ' ', tempoNow),
      tempoForm,
      tempoGuide.element,
    ),
  );

  // ---- after the class ----
  const recapLink = h('a', { class: 'btn btn-primary', 'data-testid': 'recap-link' }, t('teach.recap'));
  const practiceLink = h('a', { class: 'break', 'data-testid': 'practice-share-link' });
  const afterClass = h('div', { class: 'after-class stack', hidden: true }, recapLink);
  // Families practise between the weekly classes: the link can be shared at any time.
  const practiceShare = h(
    'details',
    { class: 'practice-share' },
    h('summary', {}, t('teach.practiceLink')),
    h(
      'p',
      { class: 'link-row' },
      practiceLink,
      ' ',
      copyButton(t('copy.copy'), () => practiceLink.href),
    ),
  );

  // ---- families ----
  const summary = h('p', { class: 'board-summary', 'data-testid': 'board-summary', 'aria-live': 'polite' });
  const board = h('ul', { class: 'board', 'data-testid': 'board' });
  const familiesPanel = h(
    'section',
    { class: 'panel families', 'aria-labelledby': 'families-heading' },
    h('h2', { id: 'families-heading' }, t('teach.families')),
    afterClass,
    invite,
    practiceShare,
    summary,
    board,
  );
  const chat = chatPanel(s, { canDelete: true, heading: t('chat.heading') });

  const main = h(
    'main',
    { class: 'console', id: 'main' },
    stepsPanel,
    h('div', { class: 'console-center' }, stage, cuePanel),
    h('div', { class: 'console-side' }, familiesPanel, chat.element),
  );

  root.classList.add('is-console');
  setChildren(
    root,
    h(
      'header',
      { class: 'topbar topbar--console' },
      h('a', { class: 'brand', href: '/', 'aria-label': t('app.home') }, t('app.name')),
      title,
      pill.element,
      share,
      controls,
    ),
    banner.element,
    speak.element,
    actionError,
    main,
  );

  // ---- behaviour ----
  function go(delta: number) {
    const state = s.state;
    if (!state) return;
    const target = state.stepIndex + delta;
    if (target < 0 || target >= state.routine.steps.length) return;
    void act('GoToStep', target);
  }

  let renderedSteps = '';
  let pendingRemoval: string | null = null;

  function renderSteps(state: ClassState) {
    const key = state.routine.steps.map((st) => `${st.index}:${st.name}`).join('|');
    if (key !== renderedSteps) {
      renderedSteps = key;
      setChildren(
        stepList,
        state.routine.steps.map((st, i) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'step-item',
                'data-index': i,
                'data-testid': `step-${i}`,
                onclick: (() => act('GoToStep', i)) as EventListener,
              },
              h('span', { class: 'step-item-num' }, String(i + 1)),
              h('span', { class: 'step-item-name' }, stepText(st).name),
              h('span', { class: 'step-item-area' }, areaLabel(st.area)),
            ),
          ),
        ),
      );
    }
    for (const button of stepList.querySelectorAll<HTMLButtonElement>('.step-item')) {
      const i = Number(button.dataset.index);
      if (i === state.stepIndex) {
        if (button.getAttribute('aria-current') !== 'step') {
          button.setAttribute('aria-current', 'step');
          button.scrollIntoView({ block: 'nearest' });
        }
      } else button.removeAttribute('aria-current');
      button.disabled = state.status === 'Ended';
    }
  }

  let stageKey = '';
  function renderStage(state: ClassState) {
    const step = currentStep(state);
    const total = state.routine.steps.length;
    prevBtn.disabled = state.stepIndex <= 0 || state.status === 'Ended';
    nextBtn.disabled = state.stepIndex >= total - 1 || state.status === 'Ended';
    const next = state.routine.steps[state.stepIndex + 1];
    setText(nextName, next ? t('teach.nextName', { name: stepText(next).name }) : t('teach.lastStep'));
    const key = step ? `${state.stepIndex}|${step.name}|${step.dollPose}` : '';
    if (key === stageKey) return;
    stageKey = key;
    if (!step) return;
    const text = stepText(step);
    setText(stageCounter, t('parent.stepOf', { n: state.stepIndex + 1, total }));
    setText(stageArea, areaLabel(step.area));
    setText(stageName, text.name);
    setText(stageText, text.instructions);
    setText(stageReps, repetitionsText(step.repetitions));
    setChildren(
      stageCues,
      text.cues.map((c) => h('li', {}, c)),
    );
    setChildren(dollBox, drawDoll({ area: step.area, pose: step.dollPose, label: text.name }));
  }

  function renderBoard(state: ClassState) {
    const families = parents(state);
    setText(summary, checkInSummary(checkInCounts(families)));
    const sorted = [...families].sort((a, b) => a.displayName.localeCompare(b.displayName));
    setChildren(
      board,
      sorted.map((p) => boardRow(state, p)),
    );
    if (!sorted.length) board.appendChild(h('li', { class: 'muted' }, t('teach.noFamilies')));
  }

  function boardRow(state: ClassState, p: Participant): HTMLElement {
    const status = p.checkIn?.status ?? null;
    const row = h(
      'li',
      {
        class: `board-row${status ? ` status-${status}` : ''}${p.online ? '' : ' is-offline'}`,
        'data-participant-id': p.participantId,
        'data-testid': 'board-row',
        'data-checkin': status ?? 'none',
        'data-online': String(p.online),
      },
      onlineDot(p),
      h('span', { class: 'board-name' }, p.displayName),
      h(
        'span',
        { class: `chip${status ? ` chip-${status}` : ''}` },
        status ? checkInLabel(status) : t('teach.notCheckedIn'),
      ),
      h(
        'span',
        { class: 'muted small' },
        p.checkIn
          ? t('teach.checkInAt', { n: p.checkIn.stepIndex + 1, time: formatTime(p.checkIn.at) })
          : p.online
            ? t('people.online')
            : t('people.offline'),
      ),
    );
    if (state.status !== 'Ended') {
      if (pendingRemoval === p.participantId) {
        row.append(
          h(
            'span',
            { class: 'confirm', role: 'group', 'aria-label': t('teach.confirmRemove', { name: p.displayName }) },
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-small btn-danger',
                'data-testid': 'remove-confirm',
                onclick: (async () => {
                  pendingRemoval = null;
                  await act('RemoveParticipant', p.participantId);
                  renderBoard(s.state!);
                }) as EventListener,
              },
              t('teach.removeName', { name: p.displayName }),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-small btn-quiet',
                onclick: (() => {
                  pendingRemoval = null;
                  renderBoard(s.state!);
                }) as EventListener,
              },
              t('teach.cancel'),
            ),
          ),
        );
      } else {
        row.append(
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-small btn-quiet',
              'data-testid': 'remove',
              'aria-label': t('teach.removeLabel', { name: p.displayName }),
              onclick: (() => {
                pendingRemoval = p.participantId;
                renderBoard(s.state!);
              }) as EventListener,
            },
            t('teach.remove'),
          ),
        );
      }
    }
    return row;
  }

  function render(state: ClassState, applied: Applied[]) {
    setText(title, state.title);
    document.title = t('teach.titleClass', { title: state.title });
    pill.update(state);
    const code = state.joinCode ?? storage.loadJoinCode(classId);
    if (code) {
      setText(codeText, formatJoinCode(code));
      shareLink.href = `${location.origin}/join/${code.replace('-', '')}`;
      setText(shareLink, shareLink.href);
    } else {
      setText(codeText, '—');
      setText(shareLink, '');
    }
    startBtn.hidden = state.status !== 'Lobby';
    pauseBtn.hidden = state.status !== 'Live';
    resumeBtn.hidden = state.status !== 'Paused';
    endBtn.hidden = !(state.status === 'Live' || state.status === 'Paused') || !endConfirm.hidden;
    if (state.status === 'Ended' || state.status === 'Lobby') confirmEnd(false);
    if (state.status === 'Lobby') endBtn.hidden = true;
    const ended = state.status === 'Ended';
    for (const b of [...cueButtons, repeatBtn]) b.disabled = ended;
    for (const el of [...customForm.elements, ...tempoForm.elements]) (el as HTMLInputElement).disabled = ended;
    renderSteps(state);
    renderStage(state);
    lastCue.hidden = !state.cue;
    if (state.cue) setText(lastCue, t('teach.lastCue', { cue: cueShort(state.cue), time: formatTime(state.cue.at) }));
    const spm = state.tempo?.strokesPerMinute ?? 0;
    setText(tempoNow, spm > 0 ? t('teach.tempoNow', { n: spm }) : t('teach.tempoOff'));
    tempoGuide.setTempo(ended ? null : state.tempo);
    renderBoard(state);
    afterClass.hidden = !ended;
    if (ended) recapLink.href = `/teach/${encodeURIComponent(classId)}/recap`;
    practiceLink.href = `${location.origin}/practice/${encodeURIComponent(state.routine.id)}`;
    setText(practiceLink, practiceLink.href);
    chat.update(state, applied);
    const help = applied.filter(
      (a) => a.live && a.event.kind === 'CheckedIn' && a.event.checkIn?.status === 'NeedHelp',
    );
    for (const a of help) {
      const event = a.event;
      if (event.kind !== 'CheckedIn') continue;
      const who = state.participants.find((p) => p.participantId === event.participantId);
      if (who) speak.say(t('speech.needsHelp', { name: who.displayName }));
    }
  }

  function renderEnded(end: SessionEnd) {
    tempoGuide.dispose();
    setChildren(
      main,
      endedNotice(
        end.reason === 'not_found' ? t('teach.notFound') : t('teach.badKey'),
        end.reason === 'not_found' ? t('teach.notFoundBody') : t('teach.badKeyBody'),
        h('a', { class: 'btn btn-primary', href: '/' }, t('app.toStart')),
      ),
    );
  }

  s.setHandlers({
    onState: render,
    onConnection: (status) => {
      banner.update(status);
      main.dataset.connection = status;
    },
    onEnded: renderEnded,
    onOutbox: (items) => {
      chat.setOutbox(items);
    },
  });

  const unregister = registerTestHooks({ session: s, tempoPhaseMs: (t) => tempoGuide.phaseMs(t) });

  return () => {
    root.classList.remove('is-console');
    unregister();
    tempoGuide.dispose();
    sessions.release(s);
  };
}
