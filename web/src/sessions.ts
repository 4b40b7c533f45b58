// Hands a joined session from the join page to the class page without a second connection.
import type { ClassSession } from './connection';
import type { Role } from './protocol';

let current: ClassSession | null = null;

export function handOver(session: ClassSession): void {
  if (current && current !== session) current.dispose();
  current = session;
}

/** The live session for this class and role, if the previous page left one. */
export function take(classId: string, role: Role): ClassSession | null {
  const s = current;
  if (s && s.classId === classId && s.role === role && !s.ended) return s;
  return null;
}

export function active(): ClassSession | null {
  return current;
}

/** Closes the session unless the next page is about to take it. */
export function release(session: ClassSession): void {
  if (current === session) current = null;
  session.dispose();
}
