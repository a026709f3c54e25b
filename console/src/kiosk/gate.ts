import { CHANGED, difference, SceneWatch } from './scene';

/** How often a still scene in which no face was found is looked at again (someone may have turned to the camera). */
export const RECHECK_MS = 1000;

/**
 * Whether a camera sample is sent, in two gates. The cheap one (SceneWatch, a 32x24 grey thumbnail): the scene has
 * changed since the last frame sent and has settled. Only then the face detector runs, and a frame goes only when it
 * finds a face. A still scene without a face is looked at again at most once a second, or at once when it changes,
 * so an empty doorway costs one detection a second, and a person standing still after their answer costs none.
 */
export class FrameGate {
  private readonly watch = new SceneWatch();
  private empty: { sample: Uint8Array; at: number } | null = null;

  constructor(private readonly hasFace: () => Promise<boolean>, private readonly now: () => number = Date.now) {}

  /** @returns true when this sample is to be sent (a face is in view of a scene not yet answered) */
  async offer(sample: Uint8Array): Promise<boolean> {
    if (!this.watch.offer(sample)) return false;
    const empty = this.empty;
    if (empty && this.now() - empty.at < RECHECK_MS && difference(sample, empty.sample) < CHANGED) {
      this.watch.reset();   // not answered: the scene stays a candidate
      return false;
    }
    if (await this.hasFace()) {
      this.empty = null;
      return true;
    }
    this.empty = { sample, at: this.now() };
    this.watch.reset();
    return false;
  }

  /** The frame could not be sent or answered: the same scene is a candidate again. */
  reset() {
    this.watch.reset();
  }
}
