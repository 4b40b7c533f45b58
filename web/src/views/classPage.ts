// What both class views do around their panels: find or resume this browser's session, and say
// so plainly when there is none.
import { ClassSession, type SessionEnd } from '../connection';
import { h, setChildren } from '../dom';
import { t } from '../i18n';
import type { Role } from '../protocol';
import * as sessions from '../sessions';
import type * as storage from '../storage';
import { endedNotice, topbar } from './common';

/** The session the previous page handed over, or one that resumes the membership this browser keeps. */
export function takeOrResume(
  classId: string,
  role: Role,
  membership: storage.Membership | null,
  instructorKey: string | null,
): ClassSession {
  const handed = sessions.take(classId, role);
  if (handed) return handed;
  const session = ClassSession.resume(classId, role, membership, instructorKey);
  sessions.handOver(session);
  return session;
}

/** A page with nothing but a notice and the one thing to do next. */
export function noticePage(root: HTMLElement, title: string, body: string, action: HTMLElement): void {
  setChildren(root, topbar(), h('main', { class: 'narrow', id: 'main' }, endedNotice(title, body, action)));
}

export function toStartLink(label: string = t('app.toStart')): HTMLElement {
  return h('a', { class: 'btn btn-primary', href: '/' }, label);
}

/** The server keeps refusing this page back in: say so, and let the person try again when they choose. */
export function refusedNotice(end: Extract<SessionEnd, { reason: 'refused' }>): HTMLElement {
  const body = end.code === 'class_full' ? t('error.class_full') : t('session.refusedBody');
  const again = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      'data-testid': 'try-again',
      onclick: () => {
        location.reload();
      },
    },
    t('session.tryAgain'),
  );
  return endedNotice(t('session.refused'), body, again);
}
