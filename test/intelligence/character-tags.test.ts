// Character tags read from descriptor values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { characterTags } from '../../src/shared/taxonomy/character-tags.js';
import type { AnalysisResult, SpectralResult } from '../../src/shared/model/analysis.js';

function spectral(centroid: number, tonality: number, flatness: number): SpectralResult {
  const st = (mean: number) => ({ mean, std: 0 });
  return { centroidHz: st(centroid), bandwidthHz: st(1000), rolloffHz: st(centroid * 2), flatness: st(flatness), zcr: st(0.1), contrast: [], melMean: [], mfccMean: [], mfccStd: [], mfccDeltaMean: [], mfccDeltaStd: [], tonality };
}

const names = (a: AnalysisResult) => characterTags(a).map((t) => t.name).sort();

test('a dark short punchy clean kick', () => {
  const a: AnalysisResult = {
    spectral: spectral(180, 0.5, 0.05),
    envelope: { attackSec: 0.002, decaySec: 0.15, sustainLevel: 0, effectiveDurationSec: 0.06, kind: 'oneshot', kindConfidence: 0.9, kindReason: 'duration' },
    loudness: { peakDb: -0.3, rmsDb: -16, lufs: -14, crestDb: 15, leadingSilenceSec: 0, trailingSilenceSec: 0, dcOffset: 0, clipped: false },
  };
  assert.deepEqual(names(a), ['clean', 'dark', 'punchy', 'short']);
  for (const t of characterTags(a)) {
    assert.equal(t.source, 'descriptor');
    assert.ok(t.confidence >= 0.5 && t.confidence <= 1);
  }
});

test('a bright long soft noisy texture and a clipped distorted lead', () => {
  const pad: AnalysisResult = {
    spectral: spectral(6000, 0.1, 0.6),
    envelope: { attackSec: 0.6, decaySec: 1, sustainLevel: 0.8, effectiveDurationSec: 9, kind: 'oneshot', kindConfidence: 0.8, kindReason: 'duration' },
  };
  assert.deepEqual(names(pad), ['bright', 'long', 'noisy', 'soft']);
  const lead: AnalysisResult = {
    spectral: spectral(2000, 0.85, 0.3),
    loudness: { peakDb: 0, rmsDb: -4, lufs: -5, crestDb: 4, leadingSilenceSec: 0, trailingSilenceSec: 0, dcOffset: 0, clipped: true },
  };
  assert.ok(names(lead).includes('distorted'));
  assert.ok(names(lead).includes('tonal'));
  assert.ok(!names(lead).includes('clean'));
});
