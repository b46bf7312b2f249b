/**
 * Deterministic pseudo-random numbers for the history generator: the same seed gives the same
 * rows on every machine. Only +, *, / and integer operations are used (no Math.exp/log/sin),
 * so results do not depend on the libm of the platform.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const TWO_32 = 4294967296;
const SQRT3 = Math.sqrt(3);

/** splitmix32: spreads a small integer seed over the 128-bit state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast, passes PractRand. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const st = { s: seed | 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform integer in [0, 2^32). */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / TWO_32;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /**
   * Approximately standard normal (Irwin-Hall sum of four uniforms, scaled to variance 1):
   * bounded at ±3.46, which is fine for minute-level price steps.
   */
  normal(): number {
    return (this.float() + this.float() + this.float() + this.float() - 2) * SQRT3;
  }

  /** `bytes` random bytes as lower-case hex (Gryphon's unique ids are uuid4().hex: 16 bytes). */
  hex(bytes = 16): string {
    let out = '';
    for (let i = 0; i < bytes; i += 4) {
      const x = this.u32();
      out += HEX[x & 255] + HEX[(x >>> 8) & 255] + HEX[(x >>> 16) & 255] + HEX[x >>> 24];
    }
    return bytes % 4 === 0 ? out : out.slice(0, bytes * 2);
  }

  /** An independent stream, so one part of the generator can change without shifting the others. */
  fork(): Prng {
    return new Prng(this.u32() ^ 0x5bd1e995);
  }
}
