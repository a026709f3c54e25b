import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './helpers';

/** Identity-labelled real photos beside the repository (never copied into it); see DESIGN.md. */
export const labelled = resolve(repoRoot, '../shared/faces-labelled/compreface');
export const haveLabelled = existsSync(labelled);
export const WHY_NOT = `the identity-labelled photos are not in ${labelled}`;

export const ENROLL = ['e2e_J__1.jpg', 'e2e_J__2.jpg', 'e2e_J__3.jpg'].map((f) => resolve(labelled, f));
/**
 * Someone at the door stands close to the tablet: the frame is a 4:3 crop around the face (boxes found by
 * POST /recognize on these photos), so the face is ~120 px in the 640x480 frame rather than 35 px.
 */
export const SAME_PERSON = { photo: resolve(labelled, 'e2e_J__4.jpg'), crop: '480:360:190:398' };
/**
 * Someone in front of a laptop's webcam, eyes open (the enrollment checks refuse closed eyes, and in the photo above
 * they look down): a 4:3 crop around the face of the first enrollment photo.
 */
export const EYES_OPEN = { photo: resolve(labelled, 'e2e_J__1.jpg'), crop: '480:360:200:260' };
/** The same photo's stone doorway above the person: a real scene with nobody's face in it. */
export const EMPTY_DOORWAY = { photo: resolve(labelled, 'e2e_J__4.jpg'), crop: '480:360:190:0' };
export const STRANGER = { photo: resolve(labelled, 'e2e_E__1.jpg'), crop: '480:360:268:192' };

const cameras = resolve(repoRoot, 'console/test-results/cameras');

/** A .y4m Chromium's fake camera plays: the photo, 640x480, 3 s at 10 fps, looped by Chromium. */
export function fakeCamera(source: { photo: string; crop: string }, name: string): string {
  mkdirSync(cameras, { recursive: true });
  const out = resolve(cameras, `${name}.y4m`);
  if (haveLabelled && !existsSync(out)) {
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', source.photo, '-t', '3',
      '-vf', `crop=${source.crop},scale=640:480,format=yuv420p`, '-r', '10', out]);
  }
  return out;
}

export function cameraArgs(y4m: string): string[] {
  return ['--disable-gpu', '--disable-quic', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${y4m}`];
}

/** A real JPEG with nothing in it (grey), made by ffmpeg: the server's "no face" verdict. */
export function blankJpeg(): string {
  mkdirSync(cameras, { recursive: true });
  const out = resolve(cameras, 'blank.jpg');
  if (!existsSync(out)) {
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=gray:s=640x480', '-frames:v', '1', out]);
  }
  return out;
}
