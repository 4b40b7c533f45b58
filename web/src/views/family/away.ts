// When this browser is not (or no longer) a family of the class: join it, or join it again.
import { getClass } from '../../api';
import type { SessionEnd } from '../../connection';
import { h, setChildren, setText } from '../../dom';
import { t } from '../../i18n';
import { normalizeJoinCode } from '../../joincode';
import { limitLength } from '../../limits';
import type { ClassSummary } from '../../protocol';
import { navigate } from '../../router';
import type { ClassState } from '../../state';
import * as storage from '../../storage';
import { endedNotice, topbar } from '../common';
import { noticePage, refusedNotice, toStartLink } from '../classPage';
import { joinFamily } from '../join';

export function renderNotJoined(root: HTMLElement, classId: string): void {
  const joinCode = storage.loadJoinCode(classId);
  noticePage(
    root,
    t('parent.joinThis'),
    t('parent.notJoinedBody'),
    joinCode
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn-primary',
            onclick: () => {
              navigate(`/join/${joinCode}`);
            },
          },
          t('parent.joinWithCode'),
        )
      : toStartLink(t('parent.enterCode')),
  );
}

/** This browser's family was taken off the class before a reload: say why again, with the way back in. */
export function renderRemoved(root: HTMLElement, classId: string, removal: storage.Removal): void {
  const main = h('main', { class: 'narrow', id: 'main' });
  setChildren(root, topbar(), main);
  const end: SessionEnd = removal.reason === 'removed' ? { reason: 'removed' } : { reason: 'forbidden', detail: '' };
  showSessionEnd(main, classId, end, null);
}

/** The class's join code as far as this browser knows it: kept from joining, or seen in the class. */
export function knownJoinCode(classId: string, state: ClassState | null): string | null {
  return storage.loadJoinCode(classId) ?? (state?.joinCode ? normalizeJoinCode(state.joinCode) : null);
}

/**
 * Whether the class a family can no longer get into has ended: as this page last saw it, else as
 * the class's look-up says. Unknown (no code, no answer) counts as not ended.
 */
export async function classHasEnded(
  state: ClassState | null,
  joinCode: string | null,
  lookUp: (joinCode: string) => Promise<Pick<ClassSummary, 'status'>> = getClass,
): Promise<boolean> {
  if (state?.status === 'Ended') return true;
  if (!joinCode) return false;
  try {
    return (await lookUp(joinCode)).status === 'Ended';
  } catch {
    return false;
  }
}

/** Replaces the class with why the family is out of it, and a way back in where there is one. */
export function showSessionEnd(main: HTMLElement, classId: string, end: SessionEnd, state: ClassState | null): void {
  const routineId = state?.routine.id ?? null;
  const joinCode = knownJoinCode(classId, state);
  switch (end.reason) {
    case 'not_found':
      setChildren(main, endedNotice(t('parent.notAvailable'), t('parent.notAvailableBody'), toStartLink()));
      return;
    case 'class_ended':
      setChildren(main, classOverNotice(routineId));
      return;
    case 'refused':
      setChildren(main, refusedNotice(end));
      return;
    case 'removed':
      setChildren(main, endedNotice(t('parent.removed'), t('parent.removedBody'), rejoinForm(joinCode)));
      return;
    case 'forbidden': {
      // A family removed while away learns it only now; if the class has ended since, joining again is no use.
      const looking = h('p', { class: 'muted', role: 'status' }, t('join.lookingUp'));
      setChildren(main, looking);
      void classHasEnded(state, joinCode).then((ended) => {
        if (!looking.isConnected) return;
        looking.replaceWith(
          ended
            ? classOverNotice(routineId)
            : endedNotice(t('parent.linkGone'), t('parent.linkGoneBody'), rejoinForm(joinCode)),
        );
      });
    }
  }
}

function classOverNotice(routineId: string | null): HTMLElement {
  return endedNotice(t('parent.classOver'), t('parent.classOverBody'), practiceLink(routineId));
}

/** The class's routine to practise at home, or the list of routines when this page never saw the class. */
function practiceLink(routineId: string | null): HTMLElement {
  const href = routineId ? `/practice/${encodeURIComponent(routineId)}` : '/practice';
  return h('a', { class: 'btn btn-primary', href, 'data-testid': 'ended-practice' }, t('parent.practice'));
}

function rejoinForm(joinCode: string | null): HTMLElement {
  const codeInput = h('input', {
    id: 'again-code',
    class: 'input',
    required: true,
    value: joinCode ?? '',
    maxlength: 7,
  });
  const nameInput = h('input', { id: 'again-name', class: 'input', required: true, 'data-testid': 'again-name' });
  limitLength(nameInput, (limits) => limits.displayNameMaxLength);
  const error = h('p', { class: 'form-error', role: 'alert' });
  const onsubmit = async (e: Event) => {
    e.preventDefault();
    const message = await joinFamily(codeInput.value.replace(/[-\s]/g, '').toUpperCase(), nameInput.value);
    if (message) setText(error, message);
  };
  return h(
    'form',
    { class: 'stack', onsubmit },
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
