// Writes one benchmark's section into docs/benchmarks.md (replacing only that section) with the date and machine.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export function writeBenchSection(name: string, title: string, body: string, file = 'docs/benchmarks.md'): void {
  const date = new Date().toISOString().slice(0, 10);
  const section = `<!-- bench:${name} -->\n## ${title}\n\n_Measured ${date} on ${machineLine()}._\n\n${body.trim()}\n<!-- /bench:${name} -->`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  doc = re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc);
}
