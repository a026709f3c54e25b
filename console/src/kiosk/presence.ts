import manifest from '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json';
import weightsUrl from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';

/** Input side of the detector: the frame is scaled to 224x224 (a door face of ~120 px in 640x480 is ~40 px there). */
const INPUT_SIZE = 224;
const MIN_SCORE = 0.5;

export interface FacePresence {
  /** the tfjs backend in use: 'webgl' where the browser offers WebGL, otherwise 'cpu' */
  backend: string;
  hasFace(source: HTMLVideoElement | HTMLCanvasElement): Promise<boolean>;
}

/**
 * Face presence in the browser: face-api's Tiny Face Detector (MIT, @vladmandic/face-api; ~190 KB of weights shipped
 * in the npm package and served with the console, never fetched from elsewhere). Loaded on demand by the kiosk only,
 * so neither tfjs nor the weights are part of the console's first load. WebGL where the browser offers it (even
 * Chromium's software WebGL without a GPU beat tfjs' CPU backend here, docs/console.md), else plain JavaScript on
 * the CPU (tfjs' wasm backend would need 'wasm-unsafe-eval' in the Content-Security-Policy).
 * Each check is recorded as a performance measure 'kiosk:presence' (its cost per frame, read by the measurement).
 */
export async function loadFacePresence(): Promise<FacePresence> {
  const faceapi = await import('@vladmandic/face-api');
  // the bundled tfjs has these at run time; face-api's type declarations list only part of it
  const tf = faceapi.tf as typeof faceapi.tf & {
    setBackend(name: string): Promise<boolean>; getBackend(): string; ready(): Promise<void>;
  };
  let backend = 'cpu';
  try {
    if (await tf.setBackend('webgl')) backend = 'webgl';
  } catch { /* no WebGL at all */ }
  if (backend !== 'webgl') await tf.setBackend('cpu');
  await tf.ready();
  const response = await fetch(weightsUrl);
  if (!response.ok) throw new Error(`face detector weights: ${response.status} from ${weightsUrl}`);
  const weights = await response.arrayBuffer();
  faceapi.nets.tinyFaceDetector.loadFromWeightMap(tf.io.decodeWeights(weights, manifest[0]!.weights as never));
  const options = new faceapi.TinyFaceDetectorOptions({ inputSize: INPUT_SIZE, scoreThreshold: MIN_SCORE });
  return {
    backend: tf.getBackend(),
    async hasFace(source) {
      const start = performance.now();
      const faces = await faceapi.nets.tinyFaceDetector.locateFaces(source, options);
      performance.measure('kiosk:presence', { start, detail: { faces: faces.length, backend: tf.getBackend() } });
      return faces.length > 0;
    },
  };
}
