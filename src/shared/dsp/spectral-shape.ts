// Centroid, bandwidth and roll-off of a magnitude spectrum: where the energy sits and how widely it spreads.

export interface SpectralShape {
  centroidHz: number;
  bandwidthHz: number;
  rolloffHz: number;
}

/** Fills `out` from magnitudes |X[k]| with bin spacing binHz; roll-off is where `rolloff` of the magnitude sum is reached. */
export function spectralShape(mag: Float32Array, bins: number, binHz: number, out: SpectralShape, rolloff = 0.85): SpectralShape {
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < bins; k++) {
    sum += mag[k];
    weighted += mag[k] * k;
  }
  if (sum <= 0) {
    out.centroidHz = 0;
    out.bandwidthHz = 0;
    out.rolloffHz = 0;
    return out;
  }
  const c = weighted / sum;
  let spread = 0;
  const target = rolloff * sum;
  let acc = 0;
  let roll = bins - 1;
  for (let k = 0; k < bins; k++) {
    const d = k - c;
    spread += mag[k] * d * d;
    if (acc < target) {
      acc += mag[k];
      if (acc >= target) roll = k;
    }
  }
  out.centroidHz = c * binHz;
  out.bandwidthHz = Math.sqrt(spread / sum) * binHz;
  out.rolloffHz = roll * binHz;
  return out;
}
