// When this browser is not (or no longer) a family of the class: join it, or join it again.
import type { SessionEnd } from '../../connection';
import { h, setChildren, setText } from '../../dom';
import { t } from '../../i18n';
import { limitLength } from '../../limits';
import { navigate } from '../../router';
import * as storage from '../../storage';
import { endedNotice } from '../common';
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

/** Replaces the class with why the family is out of it, and a way back in where there is one. */
export function showSessionEnd(main: HTMLElement, classId: string, end: SessionEnd, routineId: string | null): void {
  setChildren(main, sessionEndNotice(classId, end, routineId));
}

function sessionEndNotice(classId: string, end: SessionEnd, routineId: string | null): HTMLElement {
  switch (end.reason) {
    case 'not_found':
      return endedNotice(t('parent.notAvailable'), t('parent.notAvailableBody'), toStartLink());
    case 'class_ended':
      return endedNotice(t('parent.classOver'), t('parent.classOverBody'), practiceLink(routineId));
    case 'refused':
      return refusedNotice(end);
    case 'removed':
      return endedNotice(t('parent.removed'), t('parent.removedBody'), rejoinForm(storage.loadJoinCode(classId)));
    case 'forbidden':
      return endedNotice(t('parent.linkGone'), t('parent.linkGoneBody'), rejoinForm(storage.loadJoinCode(classId)));
  }
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
