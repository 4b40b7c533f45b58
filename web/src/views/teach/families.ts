// The console's families panel: the link to invite them, the recap once the class ended, the
// practice link, and the board.
import { h, setText } from '../../dom';
import { t } from '../../i18n';
import type { ClassState } from '../../state';
import { copyButton } from '../common';
import type { ConsoleActions } from './actions';
import { familyBoard } from './board';

export function familiesPanel(
  classId: string,
  actions: ConsoleActions,
  current: () => ClassState | null,
): { element: HTMLElement; update(state: ClassState, joinCode: string | null): void; focusRecap(): void } {
  const shareLink = h('a', { class: 'share-link', 'data-testid': 'parent-link', target: '_blank', rel: 'noopener' });
  const invite = h(
    'div',
    { class: 'invite' },
    h('span', { class: 'muted small' }, t('teach.familyLink')),
    shareLink,
    copyButton(t('copy.copy'), () => shareLink.href, 'copy-parent-link'),
  );
  const recapLink = h('a', { class: 'btn btn-primary', 'data-testid': 'recap-link' }, t('teach.recap'));
  const afterClass = h('div', { class: 'after-class stack', hidden: true }, recapLink);
  const practiceLink = h('a', { class: 'break', 'data-testid': 'practice-share-link' });
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
  const board = familyBoard(actions, current);
  const element = h(
    'section',
    { class: 'panel families', 'aria-labelledby': 'families-heading' },
    h('h2', { id: 'families-heading' }, t('teach.families')),
    afterClass,
    invite,
    practiceShare,
    board.summary,
    board.board,
  );
  return {
    element,
    update(state, joinCode) {
      if (joinCode) {
        shareLink.href = `${location.origin}/join/${joinCode.replace('-', '')}`;
        setText(shareLink, shareLink.href);
      } else setText(shareLink, '');
      board.update(state);
      const ended = state.status === 'Ended';
      afterClass.hidden = !ended;
      if (ended) recapLink.href = `/teach/${encodeURIComponent(classId)}/recap`;
      practiceLink.href = `${location.origin}/practice/${encodeURIComponent(state.routine.id)}`;
      setText(practiceLink, practiceLink.href);
    },
    focusRecap() {
      if (!afterClass.hidden) recapLink.focus();
    },
  };
}
