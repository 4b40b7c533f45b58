// The HTTP side of the protocol: creating classes, looking one up by code, routines.
import { t } from './i18n';
import type {
  ClassRecap,
  ClassSummary,
  ClientLimits,
  CreateClassRequest,
  CreateClassResponse,
  Routine,
} from './protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
  ) {
    super(detail || type || `HTTP ${status}`);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        Accept: 'application/json',
        ...(init?.body ? { 'Content-Type': 'application/json' } : {}),
        ...(init?.headers as Record<string, string> | undefined),
      },
    });
  } catch {
    throw new ApiError(0, 'offline', t('error.unreachable'));
  }
  if (!response.ok) {
    let type = '';
    let detail = '';
    try {
      const problem = (await response.json()) as { type?: string; detail?: string; title?: string };
      type = problem.type ?? '';
      detail = problem.detail ?? problem.title ?? '';
    } catch {
      // Not a problem document; the status says enough.
    }
    throw new ApiError(response.status, type, detail);
  }
  return (await response.json()) as T;
}

export function getRoutines(): Promise<Routine[]> {
  return request<Routine[]>('/api/routines');
}

export function createClass(body: CreateClassRequest): Promise<CreateClassResponse> {
  return request<CreateClassResponse>('/api/classes', { method: 'POST', body: JSON.stringify(body) });
}

export function getClass(joinCode: string): Promise<ClassSummary> {
  return request<ClassSummary>(`/api/classes/${encodeURIComponent(joinCode)}`);
}

/** The instructor's recap; the key goes in a header, never in the address. */
export function getRecap(classId: string, instructorKey: string): Promise<ClassRecap> {
  return request<ClassRecap>(`/api/classes/${encodeURIComponent(classId)}/recap`, {
    headers: { 'X-Instructor-Key': instructorKey },
  });
}

/** The server's limits on what people type; the same for everyone. */
export function getLimits(): Promise<ClientLimits> {
  return request<ClientLimits>('/api/limits');
}
