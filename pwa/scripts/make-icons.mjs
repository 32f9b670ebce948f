// Draws the Trappen app icons (a white staircase on the theme colour) into
// src/icons/. Run by hand (`npm run icons`) when the design changes; the PNGs
// are committed so `npm run build` only copies them and stays byte-stable
// across Node and zlib versions.
import { writeFileSync, mkdirSync } from 'node:fs';
import { PNG } from 'pngjs';

const THEME = [0x3c, 0x5c, 0x22]; // borger.dk primary-dark
const WHITE = [0xff, 0xff, 0xff];
const SS = 4; // supersampling per axis, for smooth edges

// Staircase in a unit square: four steps rising left to right.
function inStairs(x, y) {
  const steps = 4;
  if (x < 0 || x >= 1 || y < 0 || y >= 1) return false;
  const step = Math.floor(x * steps); // 0..3
  const top = 1 - (step + 1) / steps;
  return y >= top;
}

// shape: 'rounded' (any) or 'full' (maskable, full bleed).
function draw(size, { glyph, radius }) {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const g0 = (1 - glyph) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0, fg = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          if (!insideRounded(x, y, radius)) continue;
          bg++;
          if (inStairs((x - g0) / glyph, (y - g0) / glyph)) fg++;
        }
      }
      const n = SS * SS;
      const i = (py * size + px) * 4;
      const a = bg / n;
      const f = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(THEME[c] * (1 - f) + WHITE[c] * f);
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6, deflateLevel: 9 });
}

function insideRounded(x, y, r) {
  if (r === 0) return true;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const out = new URL('../src/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
const files = {
  'icon-32.png': draw(32, { glyph: 0.62, radius: 0.18 }),
  'apple-touch-icon-180.png': draw(180, { glyph: 0.56, radius: 0 }),
  'icon-192.png': draw(192, { glyph: 0.56, radius: 0.18 }),
  'icon-512.png': draw(512, { glyph: 0.56, radius: 0.18 }),
  // Maskable: the glyph stays inside the 80 % safe circle.
  'icon-512-maskable.png': draw(512, { glyph: 0.44, radius: 0 }),
};
for (const [name, buf] of Object.entries(files)) writeFileSync(new URL(name, out), buf);
