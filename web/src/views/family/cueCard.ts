// The instructor's latest cue, in words for parents; a new one is highlighted, read out, and
// spoken when hands-free is on.
import { cueAnnouncement } from '../../announcements';
import { h, setText } from '../../dom';
import { t } from '../../i18n';
import type { Cue } from '../../protocol';
import { cueForParents } from '../../wording';
import { flash } from './flash';

export interface CueCard {
  element: HTMLElement;
  update(cue: Cue | null, liveChange: boolean): void;
}

export function cueCard(announce: (text: string) => void, speak: (text: string) => void): CueCard {
  const title = h('p', { class: 'cue-title', 'data-testid': 'cue-title' });
  const body = h('p', { class: 'cue-body', 'data-testid': 'cue-text' });
  const element = h(
    'section',
    { class: 'cue', 'aria-label': t('parent.cue'), 'data-testid': 'cue', hidden: true },
    title,
    body,
  );
  let lastAt: number | null = null;
  return {
    element,
    update(cue, liveChange) {
      const at = cue?.at ?? null;
      if (at === lastAt && (cue !== null) === !element.hidden) return;
      lastAt = at;
      if (!cue) {
        element.hidden = true;
        return;
      }
      const words = cueForParents(cue);
      element.hidden = false;
      element.dataset.kind = cue.kind;
      setText(title, words.title);
      setText(body, words.body);
      if (liveChange) {
        flash(element);
        announce(`${words.title}. ${words.body}`);
        speak(cueAnnouncement(cue));
      }
    },
  };
}
