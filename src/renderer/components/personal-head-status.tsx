// One status line for personal similarity (the head learnt from the user's labels and tags): what it was trained
// on, live progress while it learns, and Reset / Train now. Kept current by the core's 'personal-head' event.
import { useEffect, useState } from 'react';
import type { PersonalHeadView } from '../../shared/contract/views.js';
import { getApi } from '../transport.js';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describe(s: PersonalHeadView): string {
  const trained = s.trained ? `trained on ${plural(s.trained.labels, 'label')} in ${plural(s.trained.classes, 'class', 'classes')}` : null;
  switch (s.state) {
    case 'training':
      return `learning from your labels…${s.progress && s.progress.epochs ? ` pass ${s.progress.epoch}/${s.progress.epochs}` : ''}`;
    case 'waiting':
      return `will learn from your ${plural(s.labels, 'label')} in a moment`;
    case 'trained':
      return trained!;
    case 'outdated':
      return trained ? `${trained} (your labels changed since)` : `not in use — ${s.message ?? 'the model changed'}`;
    case 'error':
      return `training failed — ${s.message ?? 'unknown error'}`;
    default:
      return s.needs ? `off — ${s.needs}` : 'off';
  }
}

export function PersonalHeadStatus(p: { onError(m: string): void }) {
  const [status, setStatus] = useState<PersonalHeadView | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const api = getApi();
    let live = true;
    api.call('personalHead.status', {}).then((s) => live && setStatus(s), (e: Error) => p.onError(e.message));
    const off = api.on('personal-head', (s) => setStatus(s));
    return () => {
      live = false;
      off();
    };
    // p.onError is the app's stable error sink; subscribing once is enough.
  }, []);
  if (!status) return null;
  const act = (call: 'personalHead.reset' | 'personalHead.train') => {
    setBusy(true);
    getApi().call(call, {}).then(setStatus, (e: Error) => p.onError(e.message)).finally(() => setBusy(false));
  };
  const canTrain = !status.needs && (status.state === 'untrained' || status.state === 'outdated' || status.state === 'error');
  const groups = status.trained?.groups.map((g) => `${g.label} (${g.count})`).join(', ');
  return (
    <p className="muted personal-head" data-testid="personal-head" title={groups ? `Learnt from: ${groups}` : 'Label or tag sounds to teach Sonoteca your own distinctions'}>
      Personal similarity: <span data-testid="personal-head-text">{describe(status)}</span>
      {canTrain && <> · <button className="small" disabled={busy} onClick={() => act('personalHead.train')} data-testid="personal-head-train">Train now</button></>}
      {status.trained && status.state !== 'training' && <> · <button className="small" disabled={busy} onClick={() => act('personalHead.reset')} data-testid="personal-head-reset">Reset</button></>}
    </p>
  );
}
