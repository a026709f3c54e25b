import { describe, expect, it } from 'vitest';
import { verdict } from './faces';
import { message } from '../kiosk/Kiosk';
import { zonedInstant } from '../time';

describe('the server\'s enrollment verdicts in words', () => {
  it('names each refusal the enrollment route gives', () => {
    expect(verdict(201, { imagesOfUser: 3 })).toEqual({ ok: true, text: 'Enrolled (3 of 5)' });
    expect(verdict(422, { error: 'no_face' }).text).toMatch(/^No face found/);
    expect(verdict(422, { error: 'many_faces' }).text).toMatch(/^Several faces/);
    expect(verdict(422, { error: 'face_too_small' }).text).toMatch(/too small/);
    expect(verdict(422, { error: 'face_too_blurry' }).text).toMatch(/blurry/);
    expect(verdict(422, { error: 'not_live' }).text).toMatch(/live photo/);
    expect(verdict(422, { error: 'face_at_border' }).text).toMatch(/edge/);
    expect(verdict(422, { error: 'greyscale_image' }).text).toMatch(/colour photo/);
    expect(verdict(422, { error: 'face_not_frontal' }).text).toMatch(/straight at the camera/);
    expect(verdict(422, { error: 'eyes_closed' }).text).toMatch(/eyes open/);
    expect(verdict(409, { error: 'conflict', message: 'the user already has 5 images' }).text)
      .toBe('Not enrolled: the user already has 5 images.');
    expect(verdict(418, { error: 'teapot', message: 'odd' })).toEqual({ ok: false, text: 'odd' });
  });
});

describe('the kiosk\'s messages', () => {
  const at = '2026-12-01T03:29:00Z';
  it('greets with the first name and the time in the organization\'s zone, and says nothing for no face', () => {
    expect(message({ outcome: 'IN', firstName: 'Ada', time: at, timeZone: 'Asia/Kolkata' })).toBe('Welcome, Ada — IN 08:59');
    expect(message({ outcome: 'OUT', firstName: 'Ada', time: at, timeZone: 'UTC' })).toBe('Goodbye, Ada — OUT 03:29');
    expect(message({ outcome: 'NOT_RECOGNISED', time: at, timeZone: 'UTC' })).toBe('Not recognised — please see reception');
    expect(message({ outcome: 'NOT_RECORDED', time: at, timeZone: 'UTC' })).toBe('Not recorded — please see reception');
    expect(message({ outcome: 'NO_FACE', time: at, timeZone: 'UTC' })).toBeNull();
  });
  it('says when liveness refused a recognised face, and why, without a name', () => {
    expect(message({ outcome: 'LIVENESS_REFUSED', liveness: 'SPOOF_SUSPECTED', time: at, timeZone: 'UTC' }))
      .toBe('Not recorded — the camera could not confirm a live person; please see reception');
    expect(message({ outcome: 'LIVENESS_REFUSED', liveness: 'UNCHECKED', livenessReason: 'face_at_border', time: at, timeZone: 'UTC' }))
      .toMatch(/whole face in view/);
    expect(message({ outcome: 'IN', firstName: 'Ada', liveness: 'SPOOF_SUSPECTED', time: at, timeZone: 'UTC' })).toBe('Welcome, Ada — IN 03:29');
  });
});

describe('zonedInstant', () => {
  it('turns a wall-clock time of a zone into the instant, across offsets and DST', () => {
    expect(zonedInstant('2026-12-01', '08:59', 'Asia/Kolkata')).toBe('2026-12-01T03:29:00.000Z');
    expect(zonedInstant('2026-07-01', '09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedInstant('2026-01-15', '09:00', 'Europe/Berlin')).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedInstant('2026-12-01', '23:30', 'America/New_York')).toBe('2026-12-02T04:30:00.000Z');
  });
});
