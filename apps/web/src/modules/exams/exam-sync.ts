import type { ExamSession, FocusEventKind, SaveAnswersResult, StudentAnswer } from '@smartedu/contracts';
import { ApiError, api } from '../../lib/api';

/**
 * The exam page's answer store: every answer is kept in localStorage (per attempt) with its seq, and a queue of
 * what the server has not acknowledged yet. Sends at once when online, retries with backoff, syncs the queue
 * when the browser's 'online' event fires; after a reload or on another device it merges with the server's
 * saved answers (the higher seq wins). Focus and network events are queued the same way for the proctor.
 */

type Entry = { answer: StudentAnswer; seq: number; acked: number };
type Stored = { entries: Record<string, Entry>; events: { kind: FocusEventKind; at: string }[] };
export type SyncState = 'synced' | 'online' | 'offline' | 'closed';
export type SyncSnapshot = { state: SyncState; pending: number; lastError: string | null };

const storageKey = (attemptId: string) => `smartedu.exam.${attemptId}`;
const MAX_BACKOFF_MS = 30_000;

export class ExamSync {
  private data: Stored;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private sending = false;
  private backoff = 1000;
  private closed = false;
  private lastError: string | null = null;
  private lastAck = 0;
  private listeners = new Set<(s: SyncSnapshot) => void>();
  private readonly base: string;

  constructor(
    private readonly session: ExamSession,
    private readonly storage: Storage = window.localStorage,
  ) {
    this.base = `/api/schools/${session.attempt.schoolId}/exam-attempts/${session.attempt.id}`;
    this.data = this.load();
    // Merge what the server holds: the higher seq wins; local changes the server has not seen stay queued.
    for (const s of session.answers) {
      const local = this.data.entries[s.questionId];
      if (!local || local.seq <= s.seq)
        this.data.entries[s.questionId] = { answer: s.answer, seq: s.seq, acked: s.seq };
      else local.acked = Math.max(local.acked, s.seq);
    }
    this.closed = session.attempt.status !== 'in_progress';
    this.persist();
  }

  /** Starts syncing: listeners for the network and focus, a heartbeat, and a first flush. */
  start() {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('blur', this.onBlur);
    window.addEventListener('focus', this.onFocus);
    document.addEventListener('visibilitychange', this.onVisibility);
    // Presence for the proctor: a heartbeat every 30 s unless a save was acknowledged meanwhile.
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastAck > 25_000) this.flush(true);
    }, 30_000);
    this.flush();
  }

  stop() {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('blur', this.onBlur);
    window.removeEventListener('focus', this.onFocus);
    document.removeEventListener('visibilitychange', this.onVisibility);
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  subscribe(fn: (s: SyncSnapshot) => void) {
    this.listeners.add(fn);
    fn(this.snapshot());
    return () => {
      this.listeners.delete(fn);
    };
  }

  answers(): Record<string, StudentAnswer> {
    return Object.fromEntries(Object.entries(this.data.entries).map(([q, e]) => [q, e.answer]));
  }

  /** A change by the student: stored at once with the next seq, then sent. */
  setAnswer(questionId: string, answer: StudentAnswer) {
    if (this.closed) return;
    const prev = this.data.entries[questionId];
    const seq = Math.max(prev?.seq ?? 0, prev?.acked ?? 0) + 1;
    this.data.entries[questionId] = { answer, seq, acked: prev?.acked ?? 0 };
    this.persist();
    this.notify();
    this.schedule(0);
  }

  event(kind: FocusEventKind) {
    if (this.closed) return;
    this.data.events.push({ kind, at: new Date().toISOString() });
    this.persist();
  }

  pending() {
    return Object.entries(this.data.entries).filter(([, e]) => e.seq > e.acked);
  }

  snapshot(): SyncSnapshot {
    const pending = this.pending().length;
    const offline = typeof navigator !== 'undefined' && !navigator.onLine;
    const state: SyncState = this.closed
      ? 'closed'
      : offline || this.lastError?.startsWith('NETWORK')
        ? 'offline'
        : pending > 0
          ? 'online'
          : 'synced';
    return { state, pending, lastError: this.lastError };
  }

  /** Sends everything pending; resolves true when nothing is left. Used before submitting. */
  async flushNow(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.sending) await new Promise((r) => setTimeout(r, 50));
    await this.send(false);
    return this.pending().length === 0;
  }

  markClosed() {
    this.closed = true;
    this.stop();
    this.notify();
  }

  /** Forget the local copy once the attempt is submitted and acknowledged. */
  clear() {
    this.storage.removeItem(storageKey(this.session.attempt.id));
  }

  private onOnline = () => {
    this.event('online');
    this.backoff = 1000;
    this.lastError = null;
    this.notify();
    this.schedule(0);
  };
  private onOffline = () => {
    this.event('offline');
    this.notify();
  };
  private onBlur = () => this.event('blur');
  private onFocus = () => this.event('focus');
  private onVisibility = () => this.event(document.visibilityState === 'hidden' ? 'hidden' : 'visible');

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, ms);
  }

  private flush(heartbeat = false) {
    if (this.sending || this.closed) return;
    void this.send(heartbeat);
  }

  private async send(heartbeat: boolean) {
    if (this.closed) return;
    if (!navigator.onLine) {
      this.notify();
      return;
    }
    this.sending = true;
    try {
      const batch = this.pending()
        .slice(0, 100)
        .map(([questionId, e]) => ({ questionId, answer: e.answer, seq: e.seq }));
      if (batch.length) {
        const res = await this.post<SaveAnswersResult>('answers', { answers: batch });
        for (const s of res.saved) {
          const e = this.data.entries[s.questionId];
          if (e) e.acked = Math.max(e.acked, s.seq);
        }
      }
      const events = this.data.events.slice(0, 200);
      if (events.length || heartbeat) {
        await this.post('events', { events });
        this.data.events.splice(0, events.length);
      }
      this.persist();
      this.lastError = null;
      this.lastAck = Date.now();
      this.backoff = 1000;
      if (this.pending().length) this.schedule(0);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Submitted or past the deadline: nothing more will be accepted.
        this.lastError = err.code;
        this.closed = true;
      } else {
        this.lastError = err instanceof ApiError ? (err.status === 0 ? 'NETWORK' : err.code) : 'NETWORK';
        this.schedule(this.backoff);
        this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      }
    } finally {
      this.sending = false;
      this.notify();
    }
  }

  /**
   * Autosave requests are ordinary API calls with the session cookie and the CSRF token; the server checks the
   * session in the same statement that stores the answers. A lost session (401) sends the student to the login
   * page: the queue stays in localStorage and is sent after signing in again and reopening the exam.
   */
  private post<T>(path: 'answers' | 'events', body: unknown): Promise<T> {
    return api.post<T>(`${this.base}/${path}`, body);
  }

  private load(): Stored {
    try {
      const raw = this.storage.getItem(storageKey(this.session.attempt.id));
      if (raw) {
        const parsed = JSON.parse(raw) as Stored;
        if (parsed && typeof parsed === 'object' && parsed.entries)
          return { entries: parsed.entries, events: parsed.events ?? [] };
      }
    } catch {
      // a damaged copy: start from the server's answers
    }
    return { entries: {}, events: [] };
  }

  private persist() {
    try {
      this.storage.setItem(storageKey(this.session.attempt.id), JSON.stringify(this.data));
    } catch {
      // storage full or disabled: the server copy still holds every acknowledged answer
    }
  }

  private notify() {
    const s = this.snapshot();
    for (const fn of this.listeners) fn(s);
  }
}

/** The server clock as seen from here: deadline countdown in ms from a session's serverTime. */
export function clockOffset(serverTime: string) {
  return Date.parse(serverTime) - Date.now();
}
