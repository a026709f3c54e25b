/**
 * The kiosk's cheap first gate (gate.ts): whether the scene, as a 32x24 grey thumbnail, has changed since the last
 * frame sent and has settled (someone stepped up and stands still). Only such a scene is shown to the face
 * detector; a static scene is never resent.
 */
export const SAMPLE_W = 32;
export const SAMPLE_H = 24;
/** Mean absolute difference (0-255 grey levels) that counts as a change / as still. */
export const CHANGED = 10;
export const STILL = 4;

export function difference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

export function grey(rgba: Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) {
    out[i] = (rgba[i * 4]! * 299 + rgba[i * 4 + 1]! * 587 + rgba[i * 4 + 2]! * 114) / 1000;
  }
  return out;
}

/** Decides, sample by sample, whether this sample is worth sending. */
export class SceneWatch {
  private lastSent: Uint8Array | null = null;
  private previous: Uint8Array | null = null;

  /** @returns true when the scene changed since the last frame sent and is now still */
  offer(sample: Uint8Array): boolean {
    const still = this.previous !== null && difference(sample, this.previous) <= STILL;
    this.previous = sample;
    if (!still) return false;
    const changed = this.lastSent === null || difference(sample, this.lastSent) >= CHANGED;
    if (changed) this.lastSent = sample;
    return changed;
  }

  /** Forget the last frame sent, so the same scene is sent again (e.g. after the server was unreachable). */
  reset() {
    this.lastSent = null;
  }
}
