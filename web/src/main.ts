import './styles.css';
import { h, setChildren } from './dom';
import { navigate, onNavigate, parseRoute } from './router';
import { forgetExpiredClasses } from './storage';
import { renderHome } from './views/home';
import { renderInstructor } from './views/instructor';
import { renderJoin } from './views/join';
import { renderParent } from './views/parent';

const root = document.getElementById('app')!;
let dispose: (() => void) | null = null;

function render(): void {
  dispose?.();
  dispose = null;
  const route = parseRoute(location.pathname);
  switch (route.name) {
    case 'home':
      dispose = renderHome(root);
      break;
    case 'join':
      dispose = renderJoin(root, route.joinCode);
      break;
    case 'class':
      dispose = renderParent(root, route.classId);
      break;
    case 'teach':
      dispose = renderInstructor(root, route.classId);
      break;
    default:
      setChildren(root,
        h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '/' }, 'LiveClass')),
        h('main', { class: 'narrow', id: 'main' }, h('section', { class: 'panel' },
          h('h1', {}, 'Page not found'), h('a', { class: 'btn btn-primary', href: '/' }, 'Go to the start page'))));
  }
}

// Same-origin links move within the app instead of reloading it (a reload would drop the connection).
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  if ((anchor.getAttribute('href') ?? '').startsWith('#')) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/hubs/')) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

// Classes ended longer ago than the server keeps them: their keys and tokens are only a risk now.
forgetExpiredClasses(Date.now());
onNavigate(render);
render();
