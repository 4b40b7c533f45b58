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
import { areaLabel, checkInLabel, CUE_BUTTONS, cueShort, repetitionsText } from '../wording';
import {
  announcer, chatPanel, connectionBanner, copyButton, endedNotice, onlineDot, statusPill,
} from './common';

export function renderInstructor(root: HTMLElement, classId: string): () => void {
  document.title = 'Instructor console · LiveClass';

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
      setChildren(root,
        h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '/' }, 'LiveClass')),
        h('main', { class: 'narrow', id: 'main' }, endedNotice('Instructor link needed',
          'Open the console with the instructor link you got when you created the class.',
          h('a', { class: 'btn btn-primary', href: '/' }, 'Go to the start page'))));
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
  const share = h('div', { class: 'share' }, h('span', { class: 'muted' }, 'Join code'), codeText);
  const invite = h('div', { class: 'invite' },
    h('span', { class: 'muted small' }, 'Family link'), shareLink,
    copyButton('Copy', () => shareLink.href, 'copy-parent-link'));

  const actionError = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'action-error' });
  const showError = (e: unknown) => setText(actionError, e ? friendlyError(e) : '');

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

  const startBtn = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'start', onclick: (() => act('StartClass')) as EventListener }, 'Start class');
  const pauseBtn = h('button', { type: 'button', class: 'btn', 'data-testid': 'pause', onclick: (() => act('PauseClass')) as EventListener }, 'Pause');
  const resumeBtn = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'resume', onclick: (() => act('ResumeClass')) as EventListener }, 'Resume');
  const endBtn = h('button', { type: 'button', class: 'btn btn-danger-quiet', 'data-testid': 'end', onclick: (() => confirmEnd(true)) as EventListener }, 'End class');
  const endConfirm = h('span', { class: 'confirm', hidden: true, role: 'group', 'aria-label': 'Confirm ending the class' },
    h('span', {}, 'End for everyone?'),
    h('button', { type: 'button', class: 'btn btn-danger', 'data-testid': 'end-confirm', onclick: (async () => { confirmEnd(false); await act('EndClass'); }) as EventListener }, 'End now'),
    h('button', { type: 'button', class: 'btn btn-quiet', onclick: (() => confirmEnd(false)) as EventListener }, 'Keep going'));
  function confirmEnd(show: boolean) {
    endConfirm.hidden = !show;
    endBtn.hidden = show;
  }
  const controls = h('div', { class: 'controls', role: 'group', 'aria-label': 'Class controls' }, startBtn, pauseBtn, resumeBtn, endBtn, endConfirm);

  // ---- steps ----
  const stepList = h('ol', { class: 'step-list', 'data-testid': 'step-list' });
  const stepsPanel = h('nav', { class: 'panel steps', 'aria-label': 'Routine steps' }, h('h2', {}, 'Routine'), stepList);

  // ---- stage ----
  const stageCounter = h('p', { class: 'step-counter', 'data-testid': 'step-counter' });
  const stageArea = h('p', { class: 'step-area' });
  const stageName = h('h1', { class: 'stage-name', 'data-testid': 'step-name' });
  const stageText = h('p', { class: 'stage-instructions' });
  const stageReps = h('p', { class: 'step-reps' });
  const stageCues = h('ul', { class: 'stage-cues', 'aria-label': 'Teaching notes for this step', 'data-testid': 'step-cues' });
  const dollBox = h('div', { class: 'doll-box doll-box--small' });
  const prevBtn = h('button', { type: 'button', class: 'btn', 'data-testid': 'prev-step', onclick: (() => go(-1)) as EventListener }, '← Previous');
  const nextBtn = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'next-step', onclick: (() => go(1)) as EventListener }, 'Next →');
  const nextName = h('p', { class: 'muted small', 'data-testid': 'next-name' });

  const repeatInput = h('input', {
    type: 'number', id: 'repeat-count', class: 'input input-number', min: LIMITS.repeatMin, max: LIMITS.repeatMax, value: 3, 'data-testid': 'repeat-count',
  });
  const customInput = h('input', {
    type: 'text', id: 'custom-cue', class: 'input', maxlength: LIMITS.customCue, placeholder: 'e.g. Lovely, keep your hands warm',
    'data-testid': 'custom-cue',
  });
  const lastCue = h('p', { class: 'muted small', 'data-testid': 'last-cue' });
  const cueButtons = CUE_BUTTONS.map((b) => h('button', {
    type: 'button', class: 'btn cue-btn', 'data-testid': `cue-${b.kind}`,
    onclick: (() => sendCue(b.kind, null, null)) as EventListener,
  }, b.label));
  const repeatBtn = h('button', {
    type: 'button', class: 'btn cue-btn', 'data-testid': 'cue-Repeat',
    onclick: (() => {
      const n = Number(repeatInput.value);
      if (!Number.isInteger(n) || n < LIMITS.repeatMin || n > LIMITS.repeatMax) {
        setText(actionError, `Repeat needs a number from ${LIMITS.repeatMin} to ${LIMITS.repeatMax}.`);
        return;
      }
      void sendCue('Repeat', n, null);
    }) as EventListener,
  }, 'Repeat ×');
  const customForm = h('form', {
    class: 'inline-form',
    onsubmit: (async (e: Event) => {
      e.preventDefault();
      const text = customInput.value.trim();
      if (!text) return;
      if (await sendCue('Custom', null, text)) customInput.value = '';
    }) as EventListener,
  }, h('label', { for: 'custom-cue', class: 'visually-hidden' }, 'Custom cue'), customInput,
  h('button', { type: 'submit', class: 'btn', 'data-testid': 'cue-Custom' }, 'Send cue'));

  async function sendCue(kind: CueKind, count: number | null, text: string | null) {
    return act('SendCue', kind, count, text);
  }

  const tempoInput = h('input', {
    type: 'number', id: 'tempo-input', class: 'input input-number', min: 0, max: LIMITS.tempoMax, step: 1, value: 20,
    'data-testid': 'tempo-input',
  });
  const tempoNow = h('span', { 'data-testid': 'tempo-now' });
  const tempoGuide = createTempoGuide((clientNow) => s.serverNow(clientNow));
  async function setTempo(n: number) {
    if (!Number.isInteger(n) || (n !== 0 && (n < LIMITS.tempoMin || n > LIMITS.tempoMax))) {
      setText(actionError, `Tempo is 0 (off) or ${LIMITS.tempoMin}–${LIMITS.tempoMax} strokes a minute.`);
      return;
    }
    await act('SetTempo', n);
  }
  const tempoForm = h('form', {
    class: 'inline-form',
    onsubmit: ((e: Event) => {
      e.preventDefault();
      void setTempo(Number(tempoInput.value));
    }) as EventListener,
  },
  h('label', { for: 'tempo-input', class: 'visually-hidden' }, 'Strokes a minute (0 is off)'), tempoInput,
  h('button', { type: 'submit', class: 'btn', 'data-testid': 'tempo-set' }, 'Set'),
  h('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'tempo-off', onclick: (() => setTempo(0)) as EventListener }, 'Off'));

  const stage = h('section', { class: 'panel stage', 'aria-label': 'Current step' },
    h('div', { class: 'step-head' }, stageCounter, stageArea),
    stageName,
    h('div', { class: 'stage-body' }, dollBox, h('div', {}, stageText, stageReps,
      h('h3', { class: 'small-heading' }, 'Your notes'), stageCues)),
    h('div', { class: 'stage-nav' }, prevBtn, nextBtn, nextName));

  const cuePanel = h('section', { class: 'panel cues', 'aria-labelledby': 'cues-heading' },
    h('h2', { id: 'cues-heading' }, 'Cues'),
    h('div', { class: 'cue-grid' }, cueButtons,
      h('span', { class: 'repeat-group' }, repeatBtn,
        h('label', { for: 'repeat-count', class: 'visually-hidden' }, 'Repeat count'), repeatInput)),
    customForm, lastCue,
    h('div', { class: 'tempo-row' }, h('h2', { class: 'tempo-heading' }, 'Tempo ', tempoNow), tempoForm, tempoGuide.element));

  // ---- families ----
  const summary = h('p', { class: 'board-summary', 'data-testid': 'board-summary', 'aria-live': 'polite' });
  const board = h('ul', { class: 'board', 'data-testid': 'board' });
  const familiesPanel = h('section', { class: 'panel families', 'aria-labelledby': 'families-heading' },
    h('h2', { id: 'families-heading' }, 'Families'), invite, summary, board);
  const chat = chatPanel(s, { canDelete: true, heading: 'Chat' });

  const main = h('main', { class: 'console', id: 'main' },
    stepsPanel,
    h('div', { class: 'console-center' }, stage, cuePanel),
    h('div', { class: 'console-side' }, familiesPanel, chat.element));

  root.classList.add('is-console');
  setChildren(root,
    h('header', { class: 'topbar topbar--console' },
      h('a', { class: 'brand', href: '/', 'aria-label': 'LiveClass home' }, 'LiveClass'),
      title, pill.element, share, controls),
    banner.element, speak.element, actionError, main);

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
      setChildren(stepList, state.routine.steps.map((st, i) => h('li', {},
        h('button', {
          type: 'button', class: 'step-item', 'data-index': i, 'data-testid': `step-${i}`,
          onclick: (() => act('GoToStep', i)) as EventListener,
        },
        h('span', { class: 'step-item-num' }, String(i + 1)),
        h('span', { class: 'step-item-name' }, st.name),
        h('span', { class: 'step-item-area' }, areaLabel(st.area))))));
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
    setText(nextName, next ? `Next: ${next.name}` : 'This is the last step.');
    const key = step ? `${state.stepIndex}|${step.name}|${step.dollPose}` : '';
    if (key === stageKey) return;
    stageKey = key;
    if (!step) return;
    setText(stageCounter, `Step ${state.stepIndex + 1} of ${total}`);
    setText(stageArea, areaLabel(step.area));
    setText(stageName, step.name);
    setText(stageText, step.instructions);
    setText(stageReps, repetitionsText(step.repetitions));
    setChildren(stageCues, (step.cues ?? []).map((c) => h('li', {}, c)));
    setChildren(dollBox, drawDoll({ area: step.area, pose: step.dollPose, label: step.name }));
  }

  function renderBoard(state: ClassState) {
    const families = parents(state);
    setText(summary, checkInSummary(checkInCounts(families)));
    const sorted = [...families].sort((a, b) => a.displayName.localeCompare(b.displayName));
    setChildren(board, sorted.map((p) => boardRow(state, p)));
    if (!sorted.length) board.appendChild(h('li', { class: 'muted' }, 'No families have joined yet. Share the code above.'));
  }

  function boardRow(state: ClassState, p: Participant): HTMLElement {
    const status = p.checkIn?.status ?? null;
    const row = h('li', {
      class: `board-row${status ? ` status-${status}` : ''}${p.online ? '' : ' is-offline'}`,
      'data-participant-id': p.participantId, 'data-testid': 'board-row',
      'data-checkin': status ?? 'none', 'data-online': String(p.online),
    },
    onlineDot(p),
    h('span', { class: 'board-name' }, p.displayName),
    h('span', { class: `chip${status ? ` chip-${status}` : ''}` }, status ? checkInLabel(status) : 'Not checked in'),
    h('span', { class: 'muted small' }, p.checkIn ? `step ${p.checkIn.stepIndex + 1} · ${formatTime(p.checkIn.at)}` : (p.online ? 'online' : 'offline')));
    if (state.status !== 'Ended') {
      if (pendingRemoval === p.participantId) {
        row.append(h('span', { class: 'confirm', role: 'group', 'aria-label': `Confirm removing ${p.displayName}` },
          h('button', {
            type: 'button', class: 'btn btn-small btn-danger', 'data-testid': 'remove-confirm',
            onclick: (async () => {
              pendingRemoval = null;
              await act('RemoveParticipant', p.participantId);
              renderBoard(s.state!);
            }) as EventListener,
          }, `Remove ${p.displayName}`),
          h('button', {
            type: 'button', class: 'btn btn-small btn-quiet',
            onclick: (() => { pendingRemoval = null; renderBoard(s.state!); }) as EventListener,
          }, 'Cancel')));
      } else {
        row.append(h('button', {
          type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'remove',
          'aria-label': `Remove ${p.displayName} from the class`,
          onclick: (() => { pendingRemoval = p.participantId; renderBoard(s.state!); }) as EventListener,
        }, 'Remove'));
      }
    }
    return row;
  }

  function render(state: ClassState, applied: Applied[]) {
    setText(title, state.title);
    document.title = `${state.title} · Console · LiveClass`;
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
    if (state.cue) setText(lastCue, `Last cue: ${cueShort(state.cue)} · ${formatTime(state.cue.at)}`);
    const spm = state.tempo?.strokesPerMinute ?? 0;
    setText(tempoNow, spm > 0 ? `· ${spm} a minute` : '· off');
    tempoGuide.setTempo(ended ? null : state.tempo);
    renderBoard(state);
    chat.update(state, applied);
    const help = applied.filter((a) => a.live && a.event.kind === 'CheckedIn' && a.event.checkIn?.status === 'NeedHelp');
    for (const a of help) {
      const event = a.event;
      if (event.kind !== 'CheckedIn') continue;
      const who = state.participants.find((p) => p.participantId === event.participantId);
      if (who) speak.say(`${who.displayName} needs help.`);
    }
  }

  function renderEnded(end: SessionEnd) {
    tempoGuide.dispose();
    setChildren(main, endedNotice(
      end.reason === 'not_found' ? 'Class not found' : 'This instructor link does not work',
      end.reason === 'not_found'
        ? 'This class no longer exists. It may have ended more than a day ago.'
        : 'The key in this link is not valid for this class. Use the link you got when you created it.',
      h('a', { class: 'btn btn-primary', href: '/' }, 'Go to the start page')));
  }

  s.setHandlers({
    onState: render,
    onConnection: (status) => {
      banner.update(status);
      main.dataset.connection = status;
    },
    onEnded: renderEnded,
    onOutbox: (items) => chat.setOutbox(items),
  });

  const unregister = registerTestHooks({ session: s, tempoPhaseMs: (t) => tempoGuide.phaseMs(t) });

  return () => {
    root.classList.remove('is-console');
    unregister();
    tempoGuide.dispose();
    sessions.release(s);
  };
}
