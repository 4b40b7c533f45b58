// Links a family takes with it: the class on another device, and practice at home once it ended.
import { h, setText } from '../../dom';
import { t } from '../../i18n';
import type { ClassState } from '../../state';
import { copyButton } from '../common';

/** "Continue on another device": the token travels in the fragment, never to a server. */
export function devicePanel(): { element: HTMLElement; update(state: ClassState, token: string | null): void } {
  const link = h('a', { class: 'break', 'data-testid': 'device-link' });
  const element = h(
    'details',
    { class: 'panel device' },
    h('summary', {}, t('parent.device')),
    h('p', { class: 'muted' }, t('parent.deviceBody')),
    h(
      'p',
      { class: 'link-row' },
      link,
      ' ',
      copyButton(t('copy.link'), () => link.href),
    ),
  );
  return {
    element,
    update(state, token) {
      // Another device has nothing to continue once the class has ended.
      element.hidden = state.status === 'Ended';
      if (!token) return;
      link.href = `${location.origin}/class/${encodeURIComponent(state.classId)}#token=${encodeURIComponent(token)}`;
      setText(link, t('parent.deviceLink'));
    },
  };
}

export function practiceOffer(): { element: HTMLElement; update(state: ClassState): void; focus(): void } {
  const link = h('a', { class: 'btn btn-primary', 'data-testid': 'practice-from-class' }, t('parent.practice'));
  const element = h(
    'section',
    { class: 'panel practice-offer', hidden: true, 'aria-labelledby': 'practice-offer-heading' },
    h('h2', { id: 'practice-offer-heading' }, t('parent.practice')),
    h('p', { class: 'muted' }, t('parent.practiceBody')),
    link,
  );
  return {
    element,
    update(state) {
      const ended = state.status === 'Ended';
      element.hidden = !ended;
      if (ended) link.setAttribute('href', `/practice/${encodeURIComponent(state.routine.id)}`);
    },
    focus() {
      if (!element.hidden) link.focus();
    },
  };
}
