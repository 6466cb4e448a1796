// Decides the headline values a producer sees (kind, BPM, key, note…) from analysis and embedded metadata.
// Embedded metadata wins, then what the file name says ("Loop 128bpm Am"), then measurement: the person who made
// the pack knew the tempo and root note.
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';
import type { AnalysisResult, SampleKind } from '../../shared/model/analysis.js';
import { midiToNoteName } from '../../shared/music/notes.js';
import type { NameLabels } from '../../shared/naming/name-labeller.js';
import type { DerivedValues } from '../store/index.js';

/** The headline values stored with each analysed sample (the store's shape for them). */
export type DerivedFields = DerivedValues;

/** Below these confidences an analysis value is not shown as a fact. */
const MIN_BPM_CONFIDENCE = 0.3;
const MIN_KEY_CONFIDENCE = 0.3;
const MIN_PITCH_CONFIDENCE = 0.5;
/** Name hints at least this sure override measurement. */
const MIN_NAME_CONFIDENCE = 0.75;

export function deriveFields(info: AudioInfo, metadata: EmbeddedMetadata, result: AnalysisResult, names?: NameLabels): DerivedFields {
  const nameKind = names?.kind && names.kind.confidence >= MIN_NAME_CONFIDENCE ? names.kind.value : undefined;
  const kind: SampleKind | null = metadata.loop !== undefined ? (metadata.loop ? 'loop' : 'oneshot') : (nameKind ?? result.envelope?.kind ?? null);

  let bpm: number | null = null;
  let bpmSource: string | null = null;
  if (metadata.bpm && metadata.bpm > 0) {
    bpm = metadata.bpm;
    bpmSource = 'metadata';
  } else if (names?.bpm && names.bpm.confidence >= MIN_NAME_CONFIDENCE) {
    bpm = names.bpm.value;
    bpmSource = 'filename';
  } else if (kind === 'loop' && result.rhythm?.bpm && result.rhythm.confidence >= MIN_BPM_CONFIDENCE) {
    bpm = result.rhythm.bpm;
    bpmSource = 'analysis';
  }

  let key: string | null = null;
  let keySource: string | null = null;
  if (metadata.key) {
    key = metadata.key;
    keySource = 'metadata';
  } else if (names?.key && names.key.confidence >= MIN_NAME_CONFIDENCE) {
    key = names.key.value;
    keySource = 'filename';
  } else if (kind === 'loop' && result.key?.key && result.key.confidence >= MIN_KEY_CONFIDENCE) {
    key = result.key.key;
    keySource = 'analysis';
  }

  let rootMidi: number | null = null;
  let note: string | null = null;
  if (metadata.rootNote !== undefined) {
    rootMidi = metadata.rootNote;
    note = midiToNoteName(metadata.rootNote);
  } else if (names?.note && names.note.confidence >= MIN_NAME_CONFIDENCE) {
    rootMidi = names.note.value.midi;
    note = names.note.value.note;
  } else if (result.pitch?.midi != null && result.pitch.confidence >= MIN_PITCH_CONFIDENCE) {
    rootMidi = result.pitch.midi;
    note = result.pitch.note;
  }

  // The container's exact length when it states one (a decoder may drop a few trailing frames), else what was decoded.
  const durationSec = info.frames != null && info.frames > 0 ? info.frames / info.sampleRate : (result.fingerprint?.durationSec ?? null);
  return {
    kind,
    bpm: bpm !== null ? Math.round(bpm * 100) / 100 : null,
    bpmSource,
    key,
    keySource,
    note,
    rootMidi,
    loudnessLufs: finiteOrNull(result.loudness?.lufs),
    peakDb: finiteOrNull(result.loudness?.peakDb),
    durationSec,
    fingerprint: result.fingerprint?.pcmHash ?? null,
  };
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
