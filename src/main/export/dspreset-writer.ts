// Writes a Decent Sampler .dspreset (XML): one <group> per key range, a small UI with volume and ADSR knobs.
import type { KitRegion } from './export-types.js';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function knob(x: number, label: string, min: number, max: number, value: number, parameter: string): string {
  return [
    `      <labeled-knob x="${x}" y="75" width="90" textSize="16" textColor="FF000000" trackForegroundColor="CC000000"`,
    `                    trackBackgroundColor="66999999" label="${label}" type="float" minValue="${min}" maxValue="${max}" value="${value}">`,
    `        <binding type="amp" level="instrument" position="0" parameter="${parameter}"/>`,
    '      </labeled-knob>',
  ].join('\n');
}

export function writeDspreset(title: string, kind: 'drums' | 'chromatic', regions: readonly KitRegion[]): string {
  const drums = kind === 'drums';
  const env = drums ? { a: 0, d: 1, s: 1, r: 0.5 } : { a: 0.005, d: 1, s: 1, r: 0.3 };
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${xmlEscape(title).replace(/--/g, '- -')} — exported by Sonoteca -->`,
    '<DecentSampler minVersion="1.0.0">',
    '  <ui width="812" height="375" layoutMode="relative" bgMode="top_left">',
    '    <tab name="main">',
    `      <label x="20" y="20" width="700" height="30" textSize="22" textColor="FF000000" text="${xmlEscape(title)}"/>`,
    knob(20, 'Volume', 0, 1, 0.8, 'AMP_VOLUME'),
    knob(130, 'Attack', 0, 4, env.a, 'ENV_ATTACK'),
    knob(240, 'Decay', 0, 10, env.d, 'ENV_DECAY'),
    knob(350, 'Sustain', 0, 1, env.s, 'ENV_SUSTAIN'),
    knob(460, 'Release', 0, 10, env.r, 'ENV_RELEASE'),
    '    </tab>',
    '  </ui>',
    `  <groups attack="${env.a}" decay="${env.d}" sustain="${env.s}" release="${env.r}" volume="0.8">`,
  ];
  const byRange = new Map<string, KitRegion[]>();
  for (const r of regions) {
    const k = `${r.loKey}-${r.hiKey}`;
    byRange.set(k, [...(byRange.get(k) ?? []), r]);
  }
  for (const rs of byRange.values()) {
    const name = rs[0].category ?? `${rs[0].loKey}-${rs[0].hiKey}`;
    const seq = rs.length > 1 ? ` seqMode="round_robin" seqLength="${rs.length}"` : '';
    out.push(`    <group name="${xmlEscape(name)}"${seq}>`);
    rs.forEach((r, i) => {
      const attrs = [
        `path="${xmlEscape(r.samplePath)}"`, `rootNote="${r.rootKey}"`, `loNote="${r.loKey}"`, `hiNote="${r.hiKey}"`,
        ...(rs.length > 1 ? [`seqPosition="${r.seqPosition ?? i + 1}"`] : []),
        // One-shots play to the end whatever the note length, like a drum machine pad.
        ...(r.oneShot ? ['ampEnvEnabled="false"', 'pitchKeyTrack="0"'] : []),
      ];
      out.push(`      <sample ${attrs.join(' ')}/>`);
    });
    out.push('    </group>');
  }
  out.push('  </groups>', '</DecentSampler>', '');
  return out.join('\n');
}
