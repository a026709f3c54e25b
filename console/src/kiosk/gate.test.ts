import { describe, expect, it } from 'vitest';
import { FrameGate, RECHECK_MS } from './gate';

const flat = (level: number) => new Uint8Array(32 * 24).fill(level);

/** A gate whose detector answers `face` and counts how often it was asked; time moves only when told. */
function gate(face: { now: boolean }) {
  const clock = { t: 0 };
  const asked = { n: 0 };
  const g = new FrameGate(async () => { asked.n++; return face.now; }, () => clock.t);
  return { g, clock, asked };
}

describe('FrameGate', () => {
  it('sends nothing while no face is in view, however the scene changes', async () => {
    const face = { now: false };
    const { g, clock, asked } = gate(face);
    for (const level of [100, 100, 160, 160, 100, 100, 40, 40]) {
      expect(await g.offer(flat(level))).toBe(false);
      clock.t += 250;
    }
    expect(asked.n).toBeGreaterThan(0);   // the detector was asked, and said no
  });

  it('sends a settled scene with a face once', async () => {
    const face = { now: true };
    const { g, asked } = gate(face);
    expect(await g.offer(flat(100))).toBe(false);   // not yet known to be still: the detector is not asked
    expect(asked.n).toBe(0);
    expect(await g.offer(flat(101))).toBe(true);
    expect(await g.offer(flat(100))).toBe(false);   // the same scene, already answered
    expect(asked.n).toBe(1);
  });

  it('asks the detector about a still empty scene at most once a second, and at once when it changes', async () => {
    const face = { now: false };
    const { g, clock, asked } = gate(face);
    await g.offer(flat(100));
    for (let i = 0; i < 8; i++) {   // 2 s of an empty, still doorway at 4 samples a second
      await g.offer(flat(100));
      clock.t += 250;
    }
    expect(asked.n).toBe(2);
    face.now = true;   // someone turns to the camera without changing the scene much: seen within a second
    let sent = false;
    for (let i = 0; i < 4 && !sent; i++) { clock.t += 250; sent = await g.offer(flat(102)); }
    expect(sent).toBe(true);
    face.now = false;
    await g.offer(flat(180));   // moving
    const before = asked.n;
    expect(await g.offer(flat(180))).toBe(false);   // a new still scene is looked at at once
    expect(asked.n).toBe(before + 1);
    clock.t += RECHECK_MS - 1;
    face.now = true;
    expect(await g.offer(flat(181))).toBe(false);   // too soon to look again at the same empty scene
    clock.t += 1;
    expect(await g.offer(flat(181))).toBe(true);
  });
});
