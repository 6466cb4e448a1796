// Analysis windows; periodic variants so overlapped frames sum flat and spectra are not biased.

/** Periodic Hann window of length n. */
export function hann(n: number): Float32Array {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

/** Zeroth-order modified Bessel function of the first kind, for Kaiser windows. */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

/** Kaiser window value at position t in [-1, 1]; 0 outside. */
export function kaiser(t: number, beta: number): number {
  if (t < -1 || t > 1) return 0;
  return besselI0(beta * Math.sqrt(1 - t * t)) / besselI0(beta);
}
