// Every CLI command, in the order `sonoteca --help` lists them.
import type { Command } from '../command.js';
import { addCommand } from './add.js';
import { scanCommand } from './scan.js';
import { watchCommand } from './watch.js';
import { statusCommand } from './status.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';
import { exportCommand } from './export.js';
import { serveCommand } from './serve.js';
import { demoCommand } from './demo.js';
import { similarCommand } from './similar.js';
import { labelCommand } from './label.js';
import { labelsCommand } from './labels.js';
import { duplicatesCommand } from './duplicates.js';
import { clustersCommand } from './clusters.js';
import { mapCommand } from './map.js';
import { reportCommand } from './report.js';
import { embeddingsCommand } from './embeddings.js';
import { headCommand } from './head.js';

export const COMMANDS: readonly Command[] = [
  addCommand, scanCommand, watchCommand, statusCommand, listCommand, showCommand,
  similarCommand, labelCommand, labelsCommand, duplicatesCommand, clustersCommand, mapCommand, reportCommand, embeddingsCommand, headCommand,
  exportCommand, serveCommand, demoCommand,
];
