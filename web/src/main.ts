import './styles.css';
import { h, setChildren } from './dom';
import { applyDocumentLang, onLangChange, t } from './i18n';
import { navigate, onNavigate, parseRoute, type Route } from './router';
import { registerServiceWorker } from './serviceWorker';
import { toStartLink } from './views/classPage';
import { topbar } from './views/common';
import { forgetExpiredClasses } from './storage';
import { serverLimits } from './limits';
import { renderHome } from './views/home';
import { renderInstructor } from './views/instructor';
import { renderJoin } from './views/join';
import { renderParent } from './views/parent';
import { renderPractice } from './views/practice';
import { renderRecap } from './views/recap';

function appRoot(): HTMLElement {
  const element = document.getElementById('app');
  if (!element) throw new Error('index.html has no #app element');
  return element;
}

const root = appRoot();
let dispose: (() => void) | null = null;

/** Draws a route's page; returns what to undo when leaving it. */
function show(route: Route): () => void {
  switch (route.name) {
    case 'home':
      return renderHome(root);
    case 'join':
      return renderJoin(root, route.joinCode);
    case 'class':
      return renderParent(root, route.classId);
    case 'teach':
      return renderInstructor(root, route.classId);
    case 'recap':
      return renderRecap(root, route.classId);
    case 'practice':
      return renderPractice(root, route.routineId);
    case 'notFound':
      setChildren(
        root,
        topbar(),
        h(
          'main',
          { class: 'narrow', id: 'main' },
          h('section', { class: 'panel' }, h('h1', {}, t('app.notFound')), toStartLink()),
        ),
      );
      return () => undefined;
  }
}

function render(): void {
  dispose?.();
  dispose = null;
  // The server's input limits, once; the page works without them.
  void serverLimits.load();
  applyDocumentLang();
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t('app.skip');
  dispose = show(parseRoute(location.pathname));
}

// Same-origin links move within the app instead of reloading it (a reload would drop the connection).
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const anchor = event.target instanceof Element ? event.target.closest('a') : null;
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  if ((anchor.getAttribute('href') ?? '').startsWith('#')) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/hubs/')) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

// The language is picked on pages without a live connection; those are drawn again in it.
onLangChange(() => {
  const route = parseRoute(location.pathname).name;
  if (route !== 'class' && route !== 'teach') render();
});

// Classes ended longer ago than the server keeps them: their keys and tokens are only a risk now.
forgetExpiredClasses(Date.now());
onNavigate(render);
render();
registerServiceWorker();
