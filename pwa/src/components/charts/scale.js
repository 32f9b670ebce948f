// Small helpers shared by the charts: linear scales and "nice" ticks.

// linear maps [d0, d1] onto [r0, r1].
export function linear(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

// niceTicks gives about `count` round tick values from 0 up to at least max.
export function niceTicks(max, count = 4) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let v = 0; v < max + step / 2; v += step) out.push(Math.round(v * 100) / 100);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

// dayNumber turns 'YYYY-MM-DD' into days since 1970, for a time axis.
export function dayNumber(date) {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

// Series colours (borger.dk greens and blues, plus two contrasting hues) and
// marker shapes, so series differ by more than colour.
export const COLOURS = ['#3c5c22', '#0059b3', '#b33c00', '#6f4a9e', '#1a6e6e', '#8a6d00'];
export const DASHES = ['', '6 4', '2 3', '8 3 2 3', '', '4 2'];
export const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'circle', 'square'];

// marker draws a point of a given shape (SVG element description for h()).
export function markerPath(shape, x, y, r = 4) {
  switch (shape) {
    case 'square':
      return `M${x - r} ${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case 'triangle':
      return `M${x} ${y - r - 1}L${x + r + 1} ${y + r}H${x - r - 1}Z`;
    case 'diamond':
      return `M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z`;
    default:
      return `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
  }
}
