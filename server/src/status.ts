/** Start-up progress, reported by /healthz until the portal is ready. */
export interface StartupStatus {
  ready: boolean;
  phase: string;
  message: string;
  /** 0–1 when known */
  progress: number | null;
  error: string | null;
  startedAt: string;
}

export function newStatus(): StartupStatus {
  return { ready: false, phase: 'starting', message: 'Memulai…', progress: null, error: null, startedAt: new Date().toISOString() };
}
