// Expands a file-name template like '{group}/{category}/{index:02} {name}.{ext}' for one exported item.
import { categoryById, isCategoryId } from '../../shared/taxonomy/categories.js';
import type { ExportItem, ExportLayout } from './export-types.js';

export const TEMPLATE_TOKENS = ['category', 'group', 'bpm', 'key', 'note', 'index', 'name', 'kind', 'ext'] as const;

export const DEFAULT_TEMPLATES: Readonly<Record<ExportLayout, string>> = {
  group: '{group}/{name}.{ext}',
  category: '{category}/{name}.{ext}',
  flat: '{name}.{ext}',
};

const TOKEN = /\{([a-z]+)(?::(\d{1,2}))?\}/g;

/** Throws with the offending token when a template uses something we do not know. */
export function validateTemplate(template: string): void {
  if (!template.trim()) throw new Error('the file-name template is empty');
  for (const m of template.matchAll(TOKEN)) {
    if (!(TEMPLATE_TOKENS as readonly string[]).includes(m[1])) {
      throw new Error(`unknown template token '{${m[1]}}' (known: ${TEMPLATE_TOKENS.map((t) => `{${t}}`).join(' ')})`);
    }
    if (m[2] !== undefined && m[1] !== 'index') throw new Error(`only {index} takes a width, e.g. {index:02}; got '${m[0]}'`);
  }
  const stray = template.replace(TOKEN, '').match(/[{}]/);
  if (stray) throw new Error(`unbalanced brace in template '${template}'`);
}

export function categoryLabel(category: string | undefined): string {
  if (!category) return 'Unknown';
  return isCategoryId(category) ? categoryById(category).name : category;
}

function formatBpm(bpm: number | null | undefined): string {
  if (bpm == null || !Number.isFinite(bpm) || bpm <= 0) return '';
  return Math.abs(bpm - Math.round(bpm)) < 0.05 ? String(Math.round(bpm)) : bpm.toFixed(1);
}

/**
 * The relative path for an item (not yet sanitised, extension separated). The extension always becomes
 * `outExt`: a template ending in '.{ext}' or a literal extension has it replaced, one without gets it added.
 */
export function renderTemplate(template: string, item: ExportItem, index: number, outExt: string): string {
  let body = template.trim();
  if (body.endsWith('.{ext}')) body = body.slice(0, -'.{ext}'.length);
  else body = body.replace(/\.(wav|wave|aif|aiff|flac|mp3|ogg)$/i, '');
  const values: Record<string, string> = {
    category: categoryLabel(item.category),
    group: item.group?.trim() || 'Ungrouped',
    bpm: formatBpm(item.bpm),
    key: item.key ?? '',
    note: item.note ?? '',
    name: item.name,
    kind: item.kind === 'loop' ? 'Loop' : item.kind === 'oneshot' ? 'One-shot' : '',
    ext: outExt,
  };
  // Values may contain '/' (a group called 'Drums/Kicks'): it must not create folders, so escape it before
  // the template's own separators are interpreted.
  const out = body.replace(TOKEN, (_m, token: string, width?: string) => {
    if (token === 'index') return String(index).padStart(width ? Number(width) : 0, '0');
    return (values[token] ?? '').replace(/[/\\]/g, '_');
  });
  // Tidy what empty tokens leave behind: '  - ' runs, empty brackets.
  return out
    .split('/')
    .map((c) => c.replace(/\(\s*\)|\[\s*\]/g, '').replace(/\s+/g, ' ').replace(/^[\s\-_]+|[\s\-_]+$/g, ''))
    .join('/');
}
