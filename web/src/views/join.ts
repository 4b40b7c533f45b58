// /join/{joinCode}: a family arrives from the shared link.
import { ApiError, getClass } from '../api';
import { ClassSession } from '../connection';
import { h, setChildren, setText } from '../dom';
import { friendlyError, type ParsedError } from '../errors';
import { formatJoinCode, normalizeJoinCode } from '../joincode';
import { serverLimits } from '../limits';
import { nameMessage, nameProblem, nameRefusal, sameName, trimName } from '../names';
import type { ClassSummary } from '../protocol';
import { navigate } from '../router';
import * as sessions from '../sessions';
import * as storage from '../storage';
import { t, tn } from '../i18n';
import { statusLabel } from '../wording';
import { langPicker, topbar } from './common';
import { field, familyNameInput, formError, stackForm, submitButton } from './forms';

/** Joins as a family and moves to the class page; returns a message when it could not. */
export async function joinFamily(joinCode: string, rawName: string): Promise<string | null> {
  const name = trimName(rawName);
  const maxLength = serverLimits.current()?.displayNameMaxLength;
  const problem = nameProblem(name, { maxLength });
  if (problem) return nameMessage(problem);
  try {
    // This browser may already be a family of the class: come back as that family, not a new one.
    const summary = await getClass(joinCode).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) {
        const notFound: ParsedError = { code: 'not_found', detail: '' };
        throw notFound;
      }
      return null;
    });
    if (summary && storage.loadMembership(summary.classId, 'Parent')) {
      navigate(`/class/${encodeURIComponent(summary.classId)}`);
      return null;
    }
    if (summary && sameName(name, summary.instructorName)) return nameMessage({ kind: 'instructor' });
    const session = await ClassSession.joinAsParent(joinCode, name);
    sessions.handOver(session);
    if (session.classId) navigate(`/class/${encodeURIComponent(session.classId)}`);
    return null;
  } catch (error) {
    const parsed = error as ParsedError;
    if (parsed.code === 'invalid') return nameMessage(nameRefusal(parsed.detail));
    return friendlyError(parsed);
  }
}

export function renderJoin(root: HTMLElement, rawCode: string): () => void {
  document.title = t('join.title');
  const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('join.lookingUp')));
  setChildren(
    root,
    topbar(langPicker()),
    h('main', { class: 'narrow', id: 'main' }, h('section', { class: 'panel' }, body)),
  );

  let alive = true;
  const isAlive = () => alive;
  const code = normalizeJoinCode(rawCode);
  if (!code) showNotFound(body);
  else {
    getClass(code)
      .then((summary) => {
        if (!alive) return;
        storage.saveJoinCode(summary.classId, code);
        if (storage.loadMembership(summary.classId, 'Parent')) {
          // This browser is already a family of this class: go straight back in.
          navigate(`/class/${encodeURIComponent(summary.classId)}`, true);
          return;
        }
        showForm(body, summary, code, isAlive);
      })
      .catch((error: unknown) => {
        if (!alive) return;
        if (error instanceof ApiError && error.status === 404) showNotFound(body);
        else showLookupFailed(body, error);
      });
  }

  return () => {
    alive = false;
  };
}

function showLookupFailed(body: HTMLElement, error: unknown): void {
  setChildren(
    body,
    h('p', { class: 'form-error', role: 'alert' }, error instanceof ApiError ? error.message : t('join.lookupFailed')),
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        onclick: () => {
          navigate(location.pathname, true);
        },
      },
      t('join.tryAgain'),
    ),
  );
}

function showForm(body: HTMLElement, summary: ClassSummary, code: string, isAlive: () => boolean): void {
  const nameInput = familyNameInput('family-name', 'input input-large');
  const error = formError('join-error');
  const button = submitButton(t('home.joinButton'), 'join-submit');
  const submit = async () => {
    button.disabled = true;
    setText(error, '');
    const message = await joinFamily(code, nameInput.value);
    if (message && isAlive()) {
      setText(error, message);
      button.disabled = false;
    }
  };
  const form = stackForm(
    undefined,
    submit,
    field(t('join.nameLabel'), nameInput),
    button,
    error,
    h('p', { class: 'muted small' }, t('join.health')),
    h('p', { class: 'muted small', 'data-testid': 'other-device-hint' }, t('join.otherDevice')),
  );
  setChildren(
    body,
    h('h1', {}, summary.title),
    h('p', { class: 'lead' }, t('join.with', { name: summary.instructorName })),
    h(
      'p',
      {},
      h('span', { class: 'status-pill', 'data-status': summary.status }, statusLabel(summary.status)),
      ' ',
      h('span', { class: 'muted' }, tn('join.codeLine', summary.participantCount, { code: formatJoinCode(code) })),
    ),
    summary.status === 'Ended' ? h('p', { role: 'alert' }, t('join.ended')) : form,
  );
  nameInput.focus();
}

function showNotFound(body: HTMLElement): void {
  setChildren(
    body,
    h('h1', {}, t('join.notFound')),
    h('p', {}, t('join.notFoundBody')),
    h('a', { class: 'btn btn-primary', href: '/' }, t('join.enterCode')),
  );
}
