// The families at a glance: who is here, each one's last check-in, and removing one (confirmed first).
// Each family keeps its row while it is on the board, changed in place, so the keyboard stays put.
import { formatTime, h, setText } from '../../dom';
import { t } from '../../i18n';
import { distinctNames } from '../../names';
import type { Participant } from '../../protocol';
import { checkInCounts, checkInSummary, parents, type ClassState } from '../../state';
import { checkInLabel } from '../../wording';
import { onlineDot } from '../common';
import type { ConsoleActions } from './actions';

export interface FamilyBoard {
  summary: HTMLElement;
  board: HTMLElement;
  update(state: ClassState): void;
}

interface BoardRow {
  element: HTMLLIElement;
  dot: HTMLElement;
  name: HTMLElement;
  chip: HTMLElement;
  seen: HTMLElement;
  presence: HTMLElement;
  remove: HTMLButtonElement;
  confirm: HTMLElement;
  confirmButton: HTMLButtonElement;
}

interface RemovalSteps {
  ask(participantId: string): void;
  cancel(participantId: string): void;
  remove(participantId: string): Promise<void>;
}

export function familyBoard(actions: ConsoleActions, current: () => ClassState | null): FamilyBoard {
  const summary = h('p', { class: 'board-summary', 'data-testid': 'board-summary', 'aria-live': 'polite' });
  // Focusable from script only: where the keyboard goes when the family it was on leaves the board.
  const board = h('ul', { class: 'board', 'data-testid': 'board', tabindex: -1 });
  const empty = h('li', { class: 'muted' }, t('teach.noFamilies'));
  const rows = new Map<string, BoardRow>();
  let pendingRemoval: string | null = null;

  const redraw = () => {
    const state = current();
    if (state) update(state);
  };
  const steps: RemovalSteps = {
    ask(participantId) {
      pendingRemoval = participantId;
      redraw();
      rows.get(participantId)?.confirmButton.focus();
    },
    cancel(participantId) {
      pendingRemoval = null;
      redraw();
      rows.get(participantId)?.remove.focus();
    },
    async remove(participantId) {
      await actions.act('RemoveParticipant', participantId);
      pendingRemoval = null;
      redraw();
      // Refused, or not gone yet: back to its Remove button.
      rows.get(participantId)?.remove.focus();
    },
  };

  function update(state: ClassState) {
    const families = parents(state);
    setText(summary, checkInSummary(checkInCounts(families)));
    const sorted = [...families].sort((a, b) => a.displayName.localeCompare(b.displayName));
    dropGone(board, rows, new Set(sorted.map((p) => p.participantId)));
    if (pendingRemoval && !rows.has(pendingRemoval)) pendingRemoval = null;
    const ended = state.status === 'Ended';
    const names = distinctNames(families);
    sorted.forEach((p, i) => {
      const row = rows.get(p.participantId) ?? newRow(p, steps);
      rows.set(p.participantId, row);
      const name = names.get(p.participantId) ?? p.displayName;
      fillRow(row, { ...p, displayName: name }, ended, pendingRemoval === p.participantId);
      const at = board.children.item(i);
      // Only a row out of place moves: moving the row the keyboard is in would drop its focus.
      if (at !== row.element) board.insertBefore(row.element, at);
    });
    if (sorted.length) empty.remove();
    else board.append(empty);
  }

  return { summary, board, update };
}

/** Takes off the families no longer on the roster; the keyboard moves to a neighbour's Remove. */
function dropGone(board: HTMLElement, rows: Map<string, BoardRow>, present: Set<string>): void {
  for (const [participantId, row] of rows) {
    if (present.has(participantId)) continue;
    if (row.element.contains(document.activeElement)) {
      const near = row.element.nextElementSibling ?? row.element.previousElementSibling;
      const button = near?.querySelector<HTMLButtonElement>('[data-testid="remove"]:not([hidden])');
      (button ?? board).focus();
    }
    row.element.remove();
    rows.delete(participantId);
  }
}

function newRow(p: Participant, steps: RemovalSteps): BoardRow {
  const id = p.participantId;
  const small = (style: string, testId: string | null, onclick: () => unknown, label: string) =>
    h('button', { type: 'button', class: `btn btn-small ${style}`, 'data-testid': testId, onclick }, label);
  const remove = small(
    'btn-quiet',
    'remove',
    () => {
      steps.ask(id);
    },
    t('teach.remove'),
  );
  const confirmButton = small('btn-danger', 'remove-confirm', () => steps.remove(id), '');
  const cancel = small(
    'btn-quiet',
    null,
    () => {
      steps.cancel(id);
    },
    t('teach.cancel'),
  );
  const confirm = h('span', { class: 'confirm', role: 'group' }, confirmButton, cancel);
  confirm.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    steps.cancel(id);
  });
  const row: BoardRow = {
    element: h('li', { 'data-participant-id': id, 'data-testid': 'board-row' }),
    dot: onlineDot(p),
    name: h('span', { class: 'board-name' }),
    chip: h('span', {}),
    seen: h('span', { class: 'muted small' }),
    presence: h('span', { class: 'visually-hidden' }),
    remove,
    confirm,
    confirmButton,
  };
  row.element.append(row.dot, row.name, row.presence, row.chip, row.seen, remove, confirm);
  return row;
}

function fillRow(row: BoardRow, p: Participant, ended: boolean, confirming: boolean): void {
  const status = p.checkIn?.status ?? null;
  row.element.className = `board-row${status ? ` status-${status}` : ''}${p.online ? '' : ' is-offline'}`;
  row.element.dataset.checkin = status ?? 'none';
  row.element.dataset.online = String(p.online);
  if (row.dot.dataset.online !== String(p.online)) {
    const dot = onlineDot(p);
    row.dot.replaceWith(dot);
    row.dot = dot;
  }
  setText(row.name, p.displayName);
  row.chip.className = `chip${status ? ` chip-${status}` : ''}`;
  setText(row.chip, status ? checkInLabel(status) : t('teach.notCheckedIn'));
  const seen = p.online ? t('people.online') : t('people.offline');
  setText(
    row.seen,
    p.checkIn ? t('teach.checkInAt', { n: p.checkIn.stepIndex + 1, time: formatTime(p.checkIn.at) }) : seen,
  );
  // With a check-in shown in its place, the online state is still said once, to assistive tech.
  setText(row.presence, p.checkIn ? seen : '');
  row.remove.setAttribute('aria-label', t('teach.removeLabel', { name: p.displayName }));
  row.confirm.setAttribute('aria-label', t('teach.confirmRemove', { name: p.displayName }));
  setText(row.confirmButton, t('teach.removeName', { name: p.displayName }));
  row.remove.hidden = ended || confirming;
  row.confirm.hidden = ended || !confirming;
}
