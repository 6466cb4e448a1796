// Duplicates and the labelling-quality report (confusion matrix drawn as a heat-map picture).
import { useEffect, useRef, useState } from 'react';
import type { DuplicateSetView, ReportView } from '../../shared/contract/views.js';
import { getApi } from '../transport.js';
import type { AuditionPlayer } from '../audio/player.js';
import { pct } from '../format.js';
import { PersonalHeadStatus } from './personal-head-status.js';

export function DuplicatesView(p: { player: AuditionPlayer; version: number; onError(m: string): void }) {
  const [sets, setSets] = useState<DuplicateSetView[] | null>(null);
  useEffect(() => {
    getApi().call('duplicates.list', {}).then((r) => setSets(r.sets), (e: Error) => p.onError(e.message));
  }, [p.version]);
  if (!sets) return <div className="pane muted">Looking for duplicates…</div>;
  if (!sets.length) return <div className="pane"><h2>Duplicates</h2><p className="muted">No duplicates found.</p></div>;
  const wasted = sets.reduce((s, set) => s + set.rows.slice(1).reduce((a, r) => a + r.sizeBytes, 0), 0);
  return (
    <div className="pane" data-testid="duplicates">
      <h2>Duplicates <span className="muted">{sets.length} sets · {(wasted / 1e6).toFixed(1)} MB in extra copies</span></h2>
      {sets.map((s, i) => (
        <div key={i} className="dup-set">
          <div className="muted">{s.kind === 'exact' ? 'Identical audio' : `Near duplicate · ${pct(s.similarity)}`}</div>
          {s.rows.map((r) => <div key={r.id} className="dup-row" onClick={() => void p.player.play(r.id)}>▶ {r.name} <span className="path">{r.path}</span></div>)}
        </div>
      ))}
    </div>
  );
}

export function ReportView(p: { version: number; onError(m: string): void }) {
  const [report, setReport] = useState<ReportView | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    getApi().call('report.get', {}).then(setReport, (e: Error) => p.onError(e.message));
  }, [p.version]);
  useEffect(() => {
    const c = canvas.current;
    if (!c || !report) return;
    const n = report.classes.length;
    const cell = Math.max(14, Math.min(36, Math.floor(520 / Math.max(1, n))));
    const pad = 110;
    c.width = pad + n * cell + 10;
    c.height = pad + n * cell + 10;
    const g = c.getContext('2d')!;
    g.fillStyle = '#12141a';
    g.fillRect(0, 0, c.width, c.height);
    g.font = '11px system-ui, sans-serif';
    g.fillStyle = '#c9d1d9';
    report.classes.forEach((name, i) => {
      g.textAlign = 'right';
      g.fillText(name, pad - 6, pad + i * cell + cell * 0.65);
      g.save();
      g.translate(pad + i * cell + cell * 0.6, pad - 6);
      g.rotate(-Math.PI / 3);
      g.textAlign = 'left';
      g.fillText(name, 0, 0);
      g.restore();
    });
    report.matrix.forEach((row, i) => {
      const total = row.reduce((s, x) => s + x, 0) || 1;
      row.forEach((v, j) => {
        const f = v / total;
        g.fillStyle = i === j ? `rgba(81, 207, 102, ${0.12 + 0.88 * f})` : `rgba(255, 107, 107, ${f ? 0.15 + 0.85 * f : 0.04})`;
        g.fillRect(pad + j * cell + 1, pad + i * cell + 1, cell - 2, cell - 2);
        if (v && cell >= 22) {
          g.fillStyle = '#fff';
          g.textAlign = 'center';
          g.fillText(String(v), pad + j * cell + cell / 2, pad + i * cell + cell * 0.65);
        }
      });
    });
  }, [report]);
  if (!report) return <div className="pane muted">Computing report…</div>;
  if (report.classes.length < 2) {
    return (
      <div className="pane" data-testid="report">
        <h2>Labelling quality</h2>
        <PersonalHeadStatus onError={p.onError} />
        <p className="muted">Label sounds from at least two categories (or add packs with telling file names) to see how well the sound alone predicts each label.</p>
      </div>
    );
  }
  return (
    <div className="pane" data-testid="report">
      <h2>Labelling quality <span className="muted">macro-F1 {pct(report.macroF1)} over {report.labelled} labelled sounds</span></h2>
      <p className="muted">{report.note}. Rows: true category; columns: predicted from the sound alone.</p>
      <PersonalHeadStatus onError={p.onError} />
      <div className="report-grid">
        <canvas ref={canvas} data-testid="confusion" />
        <table className="per-class">
          <thead><tr><th>Category</th><th>Precision</th><th>Recall</th><th>F1</th><th>n</th></tr></thead>
          <tbody>{report.perClass.map((c) => <tr key={c.name}><td>{c.name}</td><td>{pct(c.precision)}</td><td>{pct(c.recall)}</td><td>{pct(c.f1)}</td><td>{c.support}</td></tr>)}</tbody>
        </table>
      </div>
    </div>
  );
}
