import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveFields } from '../../src/main/pipeline/derive-fields.js';
import type { AudioInfo } from '../../src/shared/model/audio.js';
import type { AnalysisResult } from '../../src/shared/model/analysis.js';
import { labelFromName } from '../../src/shared/naming/name-labeller.js';

const info: AudioInfo = { format: 'wav', codec: 'pcm_s16le', sampleRate: 44100, channels: 2, bitDepth: 16, frames: 88200 };
const loopAnalysis: AnalysisResult = {
  envelope: { attackSec: 0.01, decaySec: 0.2, sustainLevel: 0.5, effectiveDurationSec: 2, kind: 'loop', kindConfidence: 0.9, kindReason: 'periodic onsets' },
  rhythm: { bpm: 119.97, confidence: 0.8, onsetCount: 8, onsetsPerSec: 4, beats: 4 },
  key: { key: 'A minor', confidence: 0.7, chroma: [] },
  pitch: { f0Hz: 220, confidence: 0.9, midi: 57, note: 'A3', cents: 0 },
  loudness: { peakDb: -1, rmsDb: -12, lufs: -10.5, crestDb: 11, leadingSilenceSec: 0, trailingSilenceSec: 0, dcOffset: 0, clipped: false },
  fingerprint: { pcmHash: 'abc', frames: 88200, durationSec: 2 },
};

test('analysis values are used when the file says nothing', () => {
  const d = deriveFields(info, {}, loopAnalysis);
  assert.equal(d.kind, 'loop');
  assert.equal(d.bpm, 119.97);
  assert.equal(d.bpmSource, 'analysis');
  assert.equal(d.key, 'A minor');
  assert.equal(d.note, 'A3');
  assert.equal(d.rootMidi, 57);
  assert.equal(d.loudnessLufs, -10.5);
  assert.equal(d.durationSec, 2);
  assert.equal(d.fingerprint, 'abc');
});

test('embedded metadata wins over analysis for kind, tempo, key and root note', () => {
  const d = deriveFields(info, { loop: false, bpm: 128, key: 'F# major', rootNote: 60 }, loopAnalysis);
  assert.equal(d.kind, 'oneshot');
  assert.equal(d.bpm, 128);
  assert.equal(d.bpmSource, 'metadata');
  assert.equal(d.key, 'F# major');
  assert.equal(d.keySource, 'metadata');
  assert.equal(d.rootMidi, 60);
  assert.equal(d.note, 'C4');
});

test('low-confidence analysis is not presented as fact, and one-shots get no analysed tempo', () => {
  const unsure: AnalysisResult = { ...loopAnalysis, rhythm: { ...loopAnalysis.rhythm!, confidence: 0.1 }, pitch: { ...loopAnalysis.pitch!, confidence: 0.2 } };
  const d = deriveFields(info, {}, unsure);
  assert.equal(d.bpm, null);
  assert.equal(d.note, null);
  const oneshot = deriveFields(info, {}, { ...loopAnalysis, envelope: { ...loopAnalysis.envelope!, kind: 'oneshot' } });
  assert.equal(oneshot.bpm, null);
  assert.equal(oneshot.key, null);
});

test('a name like "Loop 128bpm Am" beats measurement but not embedded metadata', () => {
  const names = labelFromName('/lib/Pack/Drum Loop 128bpm Am.wav', { root: '/lib' });
  const d = deriveFields(info, {}, loopAnalysis, names);
  assert.equal(d.bpm, 128);
  assert.equal(d.bpmSource, 'filename');
  assert.equal(d.key, 'A minor');
  assert.equal(d.keySource, 'filename');
  const withMeta = deriveFields(info, { bpm: 126 }, loopAnalysis, names);
  assert.equal(withMeta.bpm, 126);
  assert.equal(withMeta.bpmSource, 'metadata');
});
