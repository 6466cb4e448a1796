// The main process's handle on the core utility process: request/response by sequence number, events fanned out,
// a crash reported rather than silently hanging the UI.
import { utilityProcess, type UtilityProcess } from 'electron';
import type { FromCore, ToCore } from './ipc-channels.js';
import type { WireResult } from '../../shared/contract/api.js';

type Pending = (m: FromCore) => void;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class CoreClient {
  private child: UtilityProcess;
  private seq = 0;
  private pending = new Map<number, Pending>();
  private eventListeners = new Set<(event: string, payload: unknown) => void>();
  readonly ready: Promise<void>;

  constructor(script: string, libraryDir: string, onExit: (code: number) => void) {
    this.child = utilityProcess.fork(script, ['--library', libraryDir], { serviceName: 'Sonoteca core', stdio: 'inherit' });
    this.ready = new Promise((ok, fail) => {
      this.child.on('message', (m: FromCore) => {
        if (m.type === 'ready') ok();
        else if (m.type === 'fatal') fail(new Error(m.message));
        else if (m.type === 'event') for (const l of this.eventListeners) l(m.event, m.payload);
        else {
          const p = this.pending.get(m.seq);
          this.pending.delete(m.seq);
          p?.(m);
        }
      });
    });
    this.child.on('exit', (code) => {
      for (const p of this.pending.values()) p({ type: 'result', seq: -1, result: { ok: false, error: { code: 'internal', message: 'the core process stopped unexpectedly' } } });
      this.pending.clear();
      onExit(code);
    });
  }

  private request(msg: DistributiveOmit<ToCore, 'seq'>): Promise<FromCore> {
    const seq = ++this.seq;
    return new Promise((ok) => {
      this.pending.set(seq, ok);
      this.child.postMessage({ ...msg, seq } as ToCore);
    });
  }

  async call(name: string, payload: unknown): Promise<WireResult<unknown>> {
    const m = await this.request({ type: 'call', name, payload });
    return m.type === 'result' ? m.result : { ok: false, error: { code: 'internal', message: 'unexpected reply from the core' } };
  }

  async audioPath(id: number): Promise<{ ok: true; path: string } | { ok: false; status: number; reason: string }> {
    const m = await this.request({ type: 'audio', id });
    if (m.type !== 'audio') return { ok: false, status: 500, reason: 'unexpected reply from the core' };
    return m.ok ? { ok: true, path: m.path } : { ok: false, status: m.status, reason: m.reason };
  }

  async paths(ids: number[]): Promise<string[]> {
    const m = await this.request({ type: 'paths', ids });
    return m.type === 'paths' ? m.paths : [];
  }

  onEvent(l: (event: string, payload: unknown) => void): () => void {
    this.eventListeners.add(l);
    return () => this.eventListeners.delete(l);
  }

  stop(): void {
    this.child.kill();
  }
}
