// Waveform drawn instantly from stored peaks (no decoding in the UI); the playhead follows the audition engine.
import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import type { PeaksView } from '../../shared/contract/views.js';
import type { AuditionPlayer } from '../audio/player.js';

export function Waveform(p: { sampleId: number; peaks: PeaksView | null; url: string; player: AuditionPlayer; onSeek(sec: number): void }) {
  const host = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const [zoom, setZoom] = useState(0);

  useEffect(() => {
    if (!host.current || !p.peaks) return;
    const level = p.peaks.detail.max.length > 4000 ? p.peaks.overview : p.peaks.detail;
    // Interleave min/max into one channel so wavesurfer draws the true envelope.
    const data = new Float32Array(level.max.length * 2);
    for (let i = 0; i < level.max.length; i++) {
      data[2 * i] = level.max[i];
      data[2 * i + 1] = level.min[i];
    }
    const w = WaveSurfer.create({
      container: host.current,
      height: 96,
      waveColor: '#5b8def',
      progressColor: '#9bd1ff',
      cursorColor: '#ffd43b',
      cursorWidth: 2,
      normalize: true,
      interact: true,
      peaks: [data],
      duration: p.peaks.durationSec,
    });
    w.on('click', (rel) => p.onSeek(rel * (p.peaks?.durationSec ?? 0)));
    ws.current = w;
    setZoom(0);
    let raf = 0;
    const tick = () => {
      const s = p.player.state;
      if (s.id === p.sampleId && p.peaks && p.peaks.durationSec > 0) {
        try {
          w.getRenderer().renderProgress(p.player.position() / p.peaks.durationSec, s.playing);
        } catch {
          // renderer not ready yet
        }
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      w.destroy();
      ws.current = null;
    };
  }, [p.sampleId, p.peaks]);

  useEffect(() => {
    try {
      ws.current?.zoom(zoom);
    } catch {
      // zoom before ready
    }
  }, [zoom]);

  if (!p.peaks) return <div className="waveform empty">No waveform yet: analysis pending</div>;
  return (
    <div className="waveform-wrap">
      <div className="waveform" ref={host} data-testid="waveform" />
      <div className="wave-tools">
        <button onClick={() => setZoom((z) => Math.max(0, z ? z / 2 : 0))} title="Zoom out">−</button>
        <button onClick={() => setZoom((z) => (z ? Math.min(z * 2, 5000) : 200))} title="Zoom in">+</button>
      </div>
    </div>
  );
}
