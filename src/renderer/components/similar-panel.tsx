// "More like this": nearest sounds to the focused sample or to a file dropped from outside the library.
import { useEffect, useState, type DragEvent } from 'react';
import type { AspectWeights } from '../../shared/contract/calls.js';
import type { SimilarResult } from '../../shared/contract/views.js';
import { getApi } from '../transport.js';
import type { AuditionPlayer } from '../audio/player.js';
import { catName } from './sample-table.js';
import { noteNameToMidi } from '../../shared/music/notes.js';

/** Pitch windows a producer picks from: same note, a tone either way, a fifth, an octave. */
const PITCH_WINDOWS = [0, 1, 2, 7, 12];

export function SimilarPanel(p: { focusId: number | null; version: number; player: AuditionPlayer; onSelectId(id: number): void; onError(m: string): void }) {
  const [weights, setWeights] = useState<AspectWeights>({ timbre: 1, envelope: 1, pitch: 1 });
  const [sameKind, setSameKind] = useState(false);
  const [sameCategory, setSameCategory] = useState(false);
  /** Semitones either side of the selected sound's note; null = any pitch. */
  const [pitchWindow, setPitchWindow] = useState<number | null>(null);
  const [result, setResult] = useState<SimilarResult | null>(null);
  const [upload, setUpload] = useState<{ name: string; base64: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const api = getApi();

  useEffect(() => {
    if (!upload && p.focusId == null) return;
    let live = true;
    setBusy(true);
    const base = { k: 25, weights };
    const req = upload ? { ...base, upload } : { ...base, sampleId: p.focusId! };
    const run = async (): Promise<SimilarResult | null> => {
      const filters: { kinds?: Array<'oneshot' | 'loop'>; categories?: string[]; midiMin?: number; midiMax?: number } = {};
      if (!upload && p.focusId != null) {
        const { rows } = await api.call('samples.rows', { ids: [p.focusId] });
        const row = rows[0];
        // Nothing to compare until the sound is analysed; the panel fills in when it is.
        if (row?.status !== 'analysed') return null;
        if (sameKind && row.kind) filters.kinds = [row.kind];
        if (sameCategory && row.category && row.category.name !== 'unknown') filters.categories = [row.category.name];
        const midi = pitchWindow !== null && row.note ? noteNameToMidi(row.note) : null;
        if (pitchWindow !== null && midi !== null) {
          filters.midiMin = Math.max(0, midi - pitchWindow);
          filters.midiMax = Math.min(127, midi + pitchWindow);
        }
      }
      return api.call('similar.query', Object.keys(filters).length ? { ...req, filters } : req);
    };
    run().then(
      (r) => {
        if (!live) return;
        setResult(r);
        setWaiting(r === null);
      },
      (e: Error) => {
        if (!live) return;
        setResult(null);
        if (!/not analysed/.test(e.message)) p.onError(e.message);
      },
    ).finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [p.focusId, upload, weights, sameKind, sameCategory, pitchWindow, p.version]);

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (!file) return;
    if (file.size > 32 * 1024 * 1024) return p.onError(`${file.name} is larger than 32 MB`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    setUpload({ name: file.name, base64: btoa(bin) });
  };

  return (
    <section className="similar" data-testid="similar" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <header>
        <h3>Similar {result ? <span className="muted">to {result.query.name}</span> : null}</h3>
        {upload && <button className="small" onClick={() => setUpload(null)}>Back to selection</button>}
      </header>
      <div className="weights">
        {(['timbre', 'envelope', 'pitch'] as const).map((k) => (
          <label key={k}>{k}<input type="range" min={0} max={1} step={0.05} value={weights[k]} onChange={(e) => setWeights({ ...weights, [k]: Number(e.target.value) })} /></label>
        ))}
        <label className="check"><input type="checkbox" checked={sameKind} onChange={(e) => setSameKind(e.target.checked)} />same kind</label>
        <label className="check"><input type="checkbox" checked={sameCategory} onChange={(e) => setSameCategory(e.target.checked)} data-testid="similar-same-category" />same category</label>
        <label className="check" title="Only sounds whose detected pitch is near the selected sound's note">
          pitch
          <select value={pitchWindow ?? ''} onChange={(e) => setPitchWindow(e.target.value === '' ? null : Number(e.target.value))} data-testid="similar-pitch">
            <option value="">any</option>
            {PITCH_WINDOWS.map((w) => <option key={w} value={w}>{w === 0 ? 'same note' : `±${w} st`}</option>)}
          </select>
        </label>
      </div>
      <div className="drop-hint">Drop an audio file here to find sounds like it</div>
      {busy && <div className="muted">Searching…</div>}
      {waiting && !busy && <div className="muted">Similar sounds appear once this sound is analysed.</div>}
      <ol className="hits">
        {result?.hits.map((h) => (
          <li key={h.row.id} data-testid="similar-hit" onClick={() => { void p.player.play(h.row.id, { loop: h.row.kind === 'loop' }); }} onDoubleClick={() => p.onSelectId(h.row.id)} title="Click to play, double-click to select">
            <span className="hit-name">{h.row.name}</span>
            <span className="cat">{h.row.category ? catName(h.row.category.name) : ''}</span>
            <span className="dist">{h.distance.toFixed(2)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
