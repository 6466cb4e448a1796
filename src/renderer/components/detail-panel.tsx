// The inspector: waveform, label with its "why", correction, tags, rating, groups — for one sample or in bulk.
import { useEffect, useState } from 'react';
import type { CategoryOption, GroupView, SampleDetailView } from '../../shared/contract/views.js';
import { getApi } from '../transport.js';
import type { AuditionPlayer } from '../audio/player.js';
import { Waveform } from './waveform.js';
import { fmtDuration, pct, sourceLabel } from '../format.js';

interface Props {
  ids: number[];
  focusId: number | null;
  categories: CategoryOption[];
  groups: GroupView[];
  player: AuditionPlayer;
  version: number;
  onError(msg: string): void;
  onSelectId(id: number): void;
}

export function DetailPanel(p: Props) {
  const [detail, setDetail] = useState<SampleDetailView | null>(null);
  const [tagText, setTagText] = useState('');
  const api = getApi();

  useEffect(() => {
    if (p.focusId == null) return setDetail(null);
    let live = true;
    api.call('samples.detail', { id: p.focusId }).then((d) => live && setDetail(d), (e: Error) => live && p.onError(e.message));
    return () => {
      live = false;
    };
  }, [p.focusId, p.version]);

  const targets = p.ids.length ? p.ids : p.focusId != null ? [p.focusId] : [];
  const run = (f: () => Promise<unknown>) => f().catch((e: Error) => p.onError(e.message));
  const setCategory = (category: string) => run(() => api.call('labels.set', { ids: targets, category }));
  const addTags = () => {
    const names = tagText.split(',').map((s) => s.trim()).filter(Boolean);
    if (!names.length) return;
    setTagText('');
    run(() => api.call('tags.add', { ids: targets, names }));
  };

  if (!targets.length) return <aside className="detail empty-detail"><p className="muted">Select a sample to see its waveform, label and tags.</p></aside>;
  const bulk = targets.length > 1;
  const s = detail?.sample;
  const label = detail?.label;

  return (
    <aside className="detail" data-testid="detail">
      {bulk ? <h2>{targets.length} samples selected</h2> : <h2 title={s?.path}>{s?.name ?? '…'}</h2>}
      {!bulk && s && (
        <>
          <div className="meta-line">{metaLine(s)}</div>
          {s.error && <div className="error-box" role="alert">{s.error.code}: {s.error.message}</div>}
          <Waveform sampleId={s.id} peaks={detail?.peaks ?? null} url={api.audioUrl(s.id)} player={p.player} onSeek={(t) => void p.player.play(s.id, { offset: t, loop: s.kind === 'loop' })} />
        </>
      )}

      <section className="label-section">
        <h3>Category</h3>
        {!bulk && (label ? (
          <div className="label-line" data-testid="label">
            <span className={`cat big src-${label.source}`} data-category={label.name}>{p.categories.find((c) => c.id === label.name)?.name ?? label.name}</span>
            <span className="muted"> by {sourceLabel(label.source)}{label.source !== 'user' ? ` · ${pct(label.confidence)}` : ''}</span>
            {label.source !== 'user' && <button className="small" onClick={() => run(() => api.call('labels.accept', { ids: targets }))} title="Accept this label (A)">Accept</button>}
          </div>
        ) : <div className="muted">Unlabelled</div>)}
        <label className="row-label">
          {bulk ? 'Set category for all' : 'Correct'}
          <select data-testid="category-select" value={!bulk && label ? label.name : ''} onChange={(e) => e.target.value && setCategory(e.target.value)}>
            <option value="">Choose…</option>
            {groupBy(p.categories).map(([group, cats]) => (
              <optgroup key={group} label={group}>
                {cats.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </optgroup>
            ))}
            <option value="unknown">Unknown</option>
          </select>
        </label>
        {!bulk && label && (label.neighbours.length > 0 || label.tokens.length > 0) && (
          <div className="why">
            <h4>Why</h4>
            {label.tokens.length > 0 && <div data-testid="why-tokens">{label.source === 'metadata' ? 'Embedded in the file: ' : 'Name mentions: '}{label.tokens.map((t) => <code key={t}>{t}</code>)}</div>}
            {label.source === 'metadata' && label.neighbours.length > 0 && <div className="muted" data-testid="why-agrees">The sound model agrees; nearest sounds:</div>}
            {label.firstVote && <div className="muted" data-testid="why-second-vote">Voted again with timbre and envelope descriptors: the sound model alone said {label.firstVote}. Nearest sounds in that vote:</div>}
            {label.neighbours.length > 0 && (
              <ul className="neighbours">
                {label.neighbours.slice(0, 8).map((n, i) => (
                  // Built-in references (negative ids) are shipped examples, not sounds in this library: not clickable.
                  <li key={`${n.id}:${i}`} className={n.id < 0 ? 'builtin' : undefined} onClick={n.id >= 0 ? () => p.onSelectId(n.id) : undefined}><span className="cat">{n.category}</span> {n.name} <small className="muted">{Number.isFinite(n.distance) ? n.distance.toFixed(2) : ''}</small></li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      <section>
        <h3>Tags</h3>
        {!bulk && s && (
          <div className="chips">
            {s.tags.map((t) => (
              <span key={t.name} className={`chip src-${t.source}`} title={`${sourceLabel(t.source)} · ${pct(t.confidence)}`}>
                {t.name}<button aria-label={`remove tag ${t.name}`} onClick={() => run(() => api.call('tags.remove', { ids: targets, names: [t.name] }))}>×</button>
              </span>
            ))}
          </div>
        )}
        <div className="tag-add">
          <input data-testid="tag-input" placeholder={bulk ? 'Add tags to all (comma separated)' : 'Add tag…'} value={tagText} onChange={(e) => setTagText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && addTags()} />
          <button onClick={addTags}>Add</button>
          {bulk && <button onClick={() => { const names = tagText.split(',').map((x) => x.trim()).filter(Boolean); if (names.length) run(() => api.call('tags.remove', { ids: targets, names })); }}>Remove</button>}
        </div>
      </section>

      <section>
        <h3>Rating</h3>
        <div className="rating">
          {[1, 2, 3, 4, 5].map((n) => (
            <button key={n} className={!bulk && s && s.rating >= n ? 'on' : ''} onClick={() => run(() => api.call('samples.setRating', { ids: targets, rating: !bulk && s?.rating === n ? 0 : n }))}>★</button>
          ))}
          <button className={!bulk && s?.favourite ? 'on fav' : ''} onClick={() => run(() => api.call('samples.setFavourite', { ids: targets, favourite: bulk ? true : !s?.favourite }))} title="Favourite (F)">♥</button>
        </div>
      </section>

      {p.groups.length > 0 && (
        <section>
          <h3>Groups</h3>
          {!bulk && detail && detail.groups.length > 0 && <div className="chips">{detail.groups.map((g) => <span key={g.id} className="chip">{g.name}<button onClick={() => run(() => api.call('groups.removeMembers', { id: g.id, sampleIds: targets }))}>×</button></span>)}</div>}
          <select value="" onChange={(e) => e.target.value && run(() => api.call('groups.addMembers', { id: Number(e.target.value), sampleIds: targets }))}>
            <option value="">Add to group…</option>
            {p.groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        </section>
      )}

      {!bulk && detail && (
        <section className="descriptors">
          <h3>Sound</h3>
          <dl>
            {detail.descriptors.attackSec != null && <><dt>Attack</dt><dd>{(detail.descriptors.attackSec * 1000).toFixed(1)} ms</dd></>}
            {detail.descriptors.centroidHz != null && <><dt>Brightness</dt><dd>{Math.round(detail.descriptors.centroidHz)} Hz</dd></>}
            {detail.descriptors.tonality != null && <><dt>Tonality</dt><dd>{pct(detail.descriptors.tonality)}</dd></>}
            {detail.descriptors.f0Hz != null && <><dt>Pitch</dt><dd>{detail.descriptors.f0Hz.toFixed(1)} Hz {s?.note ?? ''}</dd></>}
            {s?.loudnessLufs != null && <><dt>Loudness</dt><dd>{s.loudnessLufs.toFixed(1)} LUFS · peak {s.peakDb?.toFixed(1)} dB</dd></>}
            {detail.descriptors.kindReason && <><dt>Kind</dt><dd>{s?.kind} ({detail.descriptors.kindReason})</dd></>}
          </dl>
          <div className="path-line" title={s?.path}>{s?.path}</div>
        </section>
      )}
    </aside>
  );
}

function groupBy(cats: CategoryOption[]): Array<[string, CategoryOption[]]> {
  const m = new Map<string, CategoryOption[]>();
  for (const c of cats) m.set(c.group, [...(m.get(c.group) ?? []), c]);
  return [...m];
}

function metaLine(s: SampleDetailView['sample']): string {
  const parts = [
    s.format ?? s.name.split('.').pop()?.toLowerCase(),
    s.sampleRate ? `${s.sampleRate / 1000} kHz` : null,
    s.bitDepth ? `${s.bitDepth}-bit` : null,
    s.channels === 1 ? 'mono' : s.channels === 2 ? 'stereo' : s.channels ? `${s.channels} ch` : null,
    s.durationSec != null ? fmtDuration(s.durationSec) : null,
    s.bpm ? `${s.bpm} BPM` : null,
    s.key ?? s.note,
    s.status === 'pending' ? 'analysing…' : null,
  ];
  return parts.filter(Boolean).join(' · ');
}
