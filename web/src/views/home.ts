// Home: start a class (instructor) or join one with a code (family).
import { ApiError, createClass, getRoutines } from '../api';
import { h, setChildren, setText } from '../dom';
import { formatJoinCode, normalizeJoinCode } from '../joincode';
import { LIMITS, type CreateClassResponse } from '../protocol';
import { navigate } from '../router';
import * as storage from '../storage';
import { copyButton } from './common';
import { joinFamily } from './join';

export function renderHome(root: HTMLElement): () => void {
  document.title = 'LiveClass · infant massage, together';

  // ---- join ----
  const codeInput = h('input', {
    id: 'join-code', name: 'code', class: 'input input-code', required: true, autocomplete: 'off',
    autocapitalize: 'characters', spellcheck: 'false', maxlength: 7, placeholder: 'KQ7-M4P', 'data-testid': 'join-code',
  });
  const nameInput = h('input', {
    id: 'join-name', name: 'name', class: 'input', required: true, maxlength: LIMITS.displayName,
    autocomplete: 'nickname', placeholder: 'e.g. Sam & baby Noor', 'data-testid': 'join-name',
  });
  const joinError = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'join-error' });
  const joinButton = h('button', { type: 'submit', class: 'btn btn-primary btn-large' }, 'Join the class');
  const joinForm = h('form', {
    class: 'stack', 'aria-labelledby': 'join-heading',
    onsubmit: (async (e: Event) => {
      e.preventDefault();
      const code = normalizeJoinCode(codeInput.value);
      if (!code) {
        setText(joinError, 'A join code has 6 letters and numbers, like KQ7-M4P.');
        codeInput.focus();
        return;
      }
      joinButton.disabled = true;
      setText(joinError, '');
      const error = await joinFamily(code, nameInput.value);
      joinButton.disabled = false;
      if (error) setText(joinError, error);
    }) as EventListener,
  },
  h('label', { for: 'join-code' }, 'Join code'), codeInput,
  h('label', { for: 'join-name' }, 'Your family name'), nameInput,
  joinButton, joinError);
  codeInput.addEventListener('blur', () => {
    const code = normalizeJoinCode(codeInput.value);
    if (code) codeInput.value = formatJoinCode(code);
  });

  // ---- create ----
  const titleInput = h('input', {
    id: 'create-title', class: 'input', required: true, maxlength: LIMITS.title, value: 'Baby massage · week 1',
    'data-testid': 'create-title',
  });
  const instructorInput = h('input', {
    id: 'create-instructor', class: 'input', required: true, maxlength: LIMITS.instructorName,
    autocomplete: 'name', 'data-testid': 'create-instructor',
  });
  const routineSelect = h('select', { id: 'create-routine', class: 'input', 'data-testid': 'create-routine' },
    h('option', { value: '' }, 'Full-body routine'));
  const createError = h('p', { class: 'form-error', role: 'alert' });
  const createButton = h('button', { type: 'submit', class: 'btn btn-primary btn-large', 'data-testid': 'create-submit' }, 'Create the class');
  const created = h('div', { class: 'created', 'aria-live': 'polite' });
  const createForm = h('form', {
    class: 'stack', 'aria-labelledby': 'create-heading',
    onsubmit: (async (e: Event) => {
      e.preventDefault();
      createButton.disabled = true;
      setText(createError, '');
      try {
        const result = await createClass({
          title: titleInput.value.trim(),
          instructorName: instructorInput.value.trim(),
          routineId: routineSelect.value || null,
        });
        storage.saveInstructorKey(result.classId, result.instructorKey);
        storage.saveJoinCode(result.classId, result.joinCode);
        showCreated(result);
      } catch (error) {
        setText(createError, error instanceof ApiError && error.detail
          ? `Could not create the class: ${error.detail}` : 'Could not create the class. Please try again.');
      } finally {
        createButton.disabled = false;
      }
    }) as EventListener,
  },
  h('label', { for: 'create-title' }, 'Class title'), titleInput,
  h('label', { for: 'create-instructor' }, 'Your name (instructor)'), instructorInput,
  h('label', { for: 'create-routine' }, 'Routine'), routineSelect,
  createButton, createError);

  function showCreated(result: CreateClassResponse) {
    createForm.hidden = true;
    const teachPath = new URL(result.instructorUrl, location.origin);
    setChildren(created,
      h('h3', {}, 'Your class is ready'),
      h('p', { class: 'muted' }, 'Share the code or the family link with the parents.'),
      h('p', { class: 'join-code-big', 'data-testid': 'created-join-code' }, formatJoinCode(result.joinCode)),
      h('p', { class: 'link-row' },
        h('a', { href: result.parentUrl, 'data-testid': 'created-parent-url' }, result.parentUrl), ' ',
        copyButton('Copy family link', () => result.parentUrl)),
      h('p', { class: 'muted small' }, 'Your own console link works like a key. Keep it to yourself:'),
      h('p', { class: 'link-row' },
        h('a', { href: result.instructorUrl, class: 'break', 'data-testid': 'created-instructor-url' }, result.instructorUrl), ' ',
        copyButton('Copy console link', () => result.instructorUrl)),
      h('button', {
        type: 'button', class: 'btn btn-primary btn-large', 'data-testid': 'open-console',
        onclick: (() => navigate(teachPath.pathname + teachPath.hash)) as EventListener,
      }, 'Open the instructor console'));
  }

  let alive = true;
  getRoutines().then((routines) => {
    if (!alive) return;
    setChildren(routineSelect, routines.map((r) =>
      h('option', { value: r.id }, `${r.name} (${r.steps.length} steps)`)));
  }).catch(() => {
    // The server picks the full-body routine when none is sent.
  });

  setChildren(root,
    h('header', { class: 'topbar' }, h('span', { class: 'brand' }, 'LiveClass')),
    h('main', { class: 'home', id: 'main' },
      h('section', { class: 'hero' },
        h('h1', {}, 'Baby massage, together from home'),
        h('p', { class: 'lead' }, 'Follow your instructor step by step, at your baby’s pace.')),
      h('div', { class: 'home-grid' },
        h('section', { class: 'panel' }, h('h2', { id: 'join-heading' }, 'Join a class'), joinForm),
        h('section', { class: 'panel' }, h('h2', { id: 'create-heading' }, 'Teach a class'), createForm, created))));

  return () => {
    alive = false;
  };
}
