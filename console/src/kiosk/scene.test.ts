import { describe, expect, it } from 'vitest';
import { SceneWatch } from './scene';

const flat = (level: number) => new Uint8Array(32 * 24).fill(level);

describe('SceneWatch', () => {
  it('sends a settled scene once, and again only after it changed', () => {
    const watch = new SceneWatch();
    expect(watch.offer(flat(100))).toBe(false); // nothing to compare with: not known to be still
    expect(watch.offer(flat(101))).toBe(true); // still: the first scene is sent
    expect(watch.offer(flat(100))).toBe(false); // the same scene again
    expect(watch.offer(flat(160))).toBe(false); // moving
    expect(watch.offer(flat(161))).toBe(true); // settled on a new scene
    expect(watch.offer(flat(161))).toBe(false);
  });

  it('resends the same scene after a reset', () => {
    const watch = new SceneWatch();
    watch.offer(flat(50));
    expect(watch.offer(flat(50))).toBe(true);
    watch.reset();
    expect(watch.offer(flat(50))).toBe(true);
  });
});
