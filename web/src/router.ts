// History API routing. The server answers every unknown path with index.html.

export type Route =
  | { name: 'home' }
  | { name: 'join'; joinCode: string }
  | { name: 'class'; classId: string }
  | { name: 'teach'; classId: string }
  | { name: 'recap'; classId: string }
  | { name: 'practice'; routineId: string | null }
  | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts.length === 0) return { name: 'home' };
  if (parts.length === 2 && parts[0] === 'join') return { name: 'join', joinCode: parts[1] };
  if (parts.length === 2 && parts[0] === 'class') return { name: 'class', classId: parts[1] };
  if (parts.length === 2 && parts[0] === 'teach') return { name: 'teach', classId: parts[1] };
  if (parts.length === 3 && parts[0] === 'teach' && parts[2] === 'recap') return { name: 'recap', classId: parts[1] };
  if (parts.length === 1 && parts[0] === 'practice') return { name: 'practice', routineId: null };
  if (parts.length === 2 && parts[0] === 'practice') return { name: 'practice', routineId: parts[1] };
  return { name: 'notFound' };
}

type Listener = () => void;
const listeners: Listener[] = [];

export function onNavigate(listener: Listener): void {
  listeners.push(listener);
}

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    for (const l of listeners) l();
  });
}
