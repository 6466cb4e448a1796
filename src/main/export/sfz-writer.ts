// Writes an SFZ instrument for a set of mapped regions; paths are relative to the .sfz file so the folder can move.
import type { KitRegion } from './export-types.js';

const NOTE_NAMES = ['c', 'c#', 'd', 'd#', 'e', 'f', 'f#', 'g', 'g#', 'a', 'a#', 'b'];

/** SFZ note name with octave (c4 = 60), for readable comments. */
export function sfzNoteName(midi: number): string {
  return `${NOTE_NAMES[midi % 12]}${Math.floor(midi / 12) - 1}`;
}

export function writeSfz(title: string, kind: 'drums' | 'chromatic', regions: readonly KitRegion[]): string {
  const lines: string[] = [
    `// ${title.replace(/[\r\n]+/g, ' ')} — exported by Sonoteca (${kind === 'drums' ? 'GM drum kit' : 'chromatic multisample'})`,
    '<global>',
    'amp_veltrack=100',
    kind === 'drums' ? 'loop_mode=one_shot' : 'ampeg_release=0.3',
    '',
  ];
  // Round-robin sets need their own <group> with seq_length; everything else shares one group.
  const byRange = new Map<string, KitRegion[]>();
  for (const r of regions) {
    const k = `${r.loKey}-${r.hiKey}`;
    byRange.set(k, [...(byRange.get(k) ?? []), r]);
  }
  for (const rs of byRange.values()) {
    lines.push(rs.length > 1 ? `<group> seq_length=${rs.length}` : '<group>');
    for (const r of rs) {
      const head = [`<region>`, `lokey=${r.loKey}`, `hikey=${r.hiKey}`, `pitch_keycenter=${r.rootKey}`];
      if (rs.length > 1) head.push(`seq_position=${r.seqPosition ?? rs.indexOf(r) + 1}`);
      lines.push(`// ${sfzNoteName(r.key)}${r.category ? ` ${r.category}` : ''}`, head.join(' '));
      // sample= on its own line: its value runs to the end of the line, so spaces in names are safe.
      lines.push(`sample=${r.samplePath}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
