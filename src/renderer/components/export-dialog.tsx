// Export to a DAW folder: choose what (selection or groups), where, layout, template and mode; preview the exact
// file names before anything is written; progress while it runs.
import { useEffect, useState } from 'react';
import type { ExportRequest } from '../../shared/contract/calls.js';
import type { ExportPlanView, ExportResultView, GroupView } from '../../shared/contract/views.js';
import { getApi } from '../transport.js';

export function ExportDialog(p: { sampleIds: number[]; groups: GroupView[]; onClose(): void; onError(m: string): void }) {
  const api = getApi();
  const [destination, setDestination] = useState('');
  const [layout, setLayout] = useState<ExportRequest['layout']>('group');
  const [mode, setMode] = useState<ExportRequest['mode']>('copy');
  const [template, setTemplate] = useState('');
  const [groupIds, setGroupIds] = useState<number[]>(p.sampleIds.length ? [] : p.groups.map((g) => g.id));
  const [plan, setPlan] = useState<ExportPlanView | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ExportResultView | null>(null);

  useEffect(() => api.on('export-progress', (e) => setProgress(e)), [api]);

  const request = (): ExportRequest => ({
    destination: destination.trim(),
    layout,
    mode,
    ...(template.trim() ? { template: template.trim() } : {}),
    ...(p.sampleIds.length ? { sampleIds: p.sampleIds } : {}),
    ...(groupIds.length ? { groupIds } : {}),
  });
  const valid = destination.trim() && (p.sampleIds.length || groupIds.length);

  return (
    <div className="modal-back" onClick={p.onClose}>
      <div className="modal export" onClick={(e) => e.stopPropagation()} data-testid="export-dialog">
        <h2>Export {p.sampleIds.length ? `${p.sampleIds.length} selected sounds` : 'groups'}</h2>
        {!p.sampleIds.length && (
          <div className="chips">
            {p.groups.map((g) => (
              <label key={g.id} className="chip"><input type="checkbox" checked={groupIds.includes(g.id)} onChange={(e) => setGroupIds(e.target.checked ? [...groupIds, g.id] : groupIds.filter((x) => x !== g.id))} />{g.name} ({g.size})</label>
            ))}
          </div>
        )}
        <input data-testid="export-destination" placeholder="Destination folder, e.g. /Users/you/Music/Kits" value={destination} onChange={(e) => setDestination(e.target.value)} />
        <div className="form-row">
          <label>Folders <select value={layout} onChange={(e) => setLayout(e.target.value as ExportRequest['layout'])}><option value="group">one per group</option><option value="category">one per category</option><option value="flat">flat</option></select></label>
          <label>Mode <select value={mode} onChange={(e) => setMode(e.target.value as ExportRequest['mode'])}><option value="copy">copy</option><option value="hardlink">hard link</option><option value="symlink">symbolic link</option></select></label>
        </div>
        <input placeholder="File name template, e.g. {category}/{index:02} {name}.{ext}" value={template} onChange={(e) => setTemplate(e.target.value)} />
        {plan && (
          <div className="plan">
            {plan.warnings.map((w) => <div key={w} className="warn">{w}</div>)}
            <ul>{plan.items.slice(0, 200).map((i) => <li key={i.sampleId + i.to}>{i.to}</li>)}</ul>
            {plan.items.length > 200 && <div className="muted">…and {plan.items.length - 200} more</div>}
          </div>
        )}
        {progress && !result && <progress max={progress.total} value={progress.done} />}
        {result && <div className="result" data-testid="export-result">Wrote {result.written} files to {result.destination}{result.skipped ? `, skipped ${result.skipped}` : ''}{result.errors.length ? `, ${result.errors.length} errors: ${result.errors.slice(0, 3).map((e) => e.message).join('; ')}` : ''}</div>}
        <div className="modal-actions">
          <button onClick={p.onClose}>{result ? 'Close' : 'Cancel'}</button>
          <button disabled={!valid} data-testid="export-preview" onClick={() => api.call('export.preview', request()).then(setPlan, (e: Error) => p.onError(e.message))}>Preview</button>
          <button className="primary" data-testid="export-run" disabled={!valid || !!result} onClick={() => api.call('export.run', request()).then(setResult, (e: Error) => p.onError(e.message))}>Export</button>
        </div>
      </div>
    </div>
  );
}
