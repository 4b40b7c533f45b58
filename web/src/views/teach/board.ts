// The families at a glance: who is here, each one's last check-in, and removing one (confirmed first).
import { formatTime, h, setChildren, setText } from '../../dom';
import { t } from '../../i18n';
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

export function familyBoard(actions: ConsoleActions, current: () => ClassState | null): FamilyBoard {
  const summary = h('p', { class: 'board-summary', 'data-testid': 'board-summary', 'aria-live': 'polite' });
  const board = h('ul', { class: 'board', 'data-testid': 'board' });
  let pendingRemoval: string | null = null;

  const redraw = () => {
    const state = current();
    if (state) update(state);
  };
  const confirmRemoval = (participantId: string | null) => {
    pendingRemoval = participantId;
    redraw();
  };
  const remove = async (participantId: string) => {
    pendingRemoval = null;
    await actions.act('RemoveParticipant', participantId);
    redraw();
  };

  function update(state: ClassState) {
    const families = parents(state);
    setText(summary, checkInSummary(checkInCounts(families)));
    const sorted = [...families].sort((a, b) => a.displayName.localeCompare(b.displayName));
    setChildren(
      board,
      sorted.map((p) => {
        const row = boardRow(p);
        if (state.status !== 'Ended') {
          row.append(removal(p, pendingRemoval === p.participantId, { confirmRemoval, remove }));
        }
        return row;
      }),
    );
    if (!sorted.length) board.appendChild(h('li', { class: 'muted' }, t('teach.noFamilies')));
  }

  return { summary, board, update };
}

function boardRow(p: Participant): HTMLElement {
  const status = p.checkIn?.status ?? null;
  const seen = p.online ? t('people.online') : t('people.offline');
  return h(
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
      p.checkIn ? t('teach.checkInAt', { n: p.checkIn.stepIndex + 1, time: formatTime(p.checkIn.at) }) : seen,
    ),
  );
}

/** Remove, then "Remove {name}" or Cancel. */
function removal(
  p: Participant,
  confirming: boolean,
  { confirmRemoval, remove }: { confirmRemoval: (id: string | null) => void; remove: (id: string) => Promise<void> },
): HTMLElement {
  const small = (style: string, attrs: Record<string, string>, onclick: () => unknown, label: string) =>
    h('button', { type: 'button', class: `btn btn-small ${style}`, ...attrs, onclick }, label);
  if (!confirming) {
    const label = { 'data-testid': 'remove', 'aria-label': t('teach.removeLabel', { name: p.displayName }) };
    return small(
      'btn-quiet',
      label,
      () => {
        confirmRemoval(p.participantId);
      },
      t('teach.remove'),
    );
  }
  return h(
    'span',
    { class: 'confirm', role: 'group', 'aria-label': t('teach.confirmRemove', { name: p.displayName }) },
    small(
      'btn-danger',
      { 'data-testid': 'remove-confirm' },
      () => remove(p.participantId),
      t('teach.removeName', { name: p.displayName }),
    ),
    small(
      'btn-quiet',
      {},
      () => {
        confirmRemoval(null);
      },
      t('teach.cancel'),
    ),
  );
}
