import { describe, expect, it } from 'vitest';
import { rowView, summarize, uploadError, type ImportJob, type ImportRow } from './imports';

const job = (over: Partial<ImportJob> = {}): ImportJob => ({
  id: 'j', organizationId: 'o', createdBy: 'u', state: 'RUNNING', createdAt: '2026-12-02T10:00:00Z', totalRows: 4, ...over,
});
const row = (over: Partial<ImportRow>): ImportRow => ({ line: 2, username: 'ann', status: 'ENROLLED', photosEnrolled: 0, photosFound: 0, ...over });

describe('an import\'s progress', () => {
  it('counts the rows with a result as done, of the CSV\'s total', () => {
    const s = summarize({ job: job(), counts: { rows: { ENROLLED: 1, REFUSED: 1, PENDING: 2 }, photosEnrolled: 3, photosFound: 5 } });
    expect(s).toMatchObject({ done: 2, total: 4, enrolled: 1, refused: 1, invalid: 0, percent: 50, photosEnrolled: 3 });
  });

  it('has no percentage until the CSV is read, and is whole once done', () => {
    expect(summarize({ job: job({ state: 'QUEUED', totalRows: null }), counts: { rows: {}, photosEnrolled: 0, photosFound: 0 } }).percent).toBeNull();
    expect(summarize({ job: job({ state: 'DONE', totalRows: 0 }), counts: { rows: {}, photosEnrolled: 0, photosFound: 0 } }).percent).toBe(100);
  });
});

describe('one line\'s result in words', () => {
  it('says how many photos were enrolled, and why the others were refused', () => {
    const v = rowView(row({ userCreated: true, photosEnrolled: 2, photosFound: 3, detail: [
      { photo: 'ann.jpg', result: 'enrolled' }, { photo: 'ann_2.jpg', result: 'enrolled' },
      { photo: 'ann_3.jpg', result: 'refused', code: 'face_too_blurry', reason: 'the face is blurred' }] }));
    expect(v.person).toBe('Created');
    expect(v.outcome).toBe('Enrolled 2/3');
    expect(v.photos.map((p) => p.text)).toEqual(['enrolled', 'enrolled', 'refused: too blurry']);
  });

  it('gives a refused person the reasons of their photos, once each', () => {
    const v = rowView(row({ status: 'REFUSED', userCreated: false, photosFound: 2, detail: [
      { photo: 'bob.jpg', result: 'refused', code: 'no_face' }, { photo: 'bob/x.jpg', result: 'refused', code: 'no_face' }] }));
    expect(v).toMatchObject({ person: 'Already there', outcome: 'Refused: no face found' });
  });

  it('names what was wrong with the person rather than a photo', () => {
    expect(rowView(row({ status: 'REFUSED', userCreated: true, detail: [{ result: 'refused', code: 'no_photos', reason: 'the zip has no photo named for cy' }] })))
      .toMatchObject({ outcome: 'Refused: no photo in the zip', photos: [] });
    expect(rowView(row({ status: 'REFUSED', detail: { row: 'username taken by a deleted user' } })).outcome)
      .toBe('Refused: username taken by a deleted user');
    expect(rowView(row({ status: 'REFUSED', detail: [{ result: 'refused', code: 'something_new', reason: 'a new reason' }] })).outcome)
      .toBe('Refused: a new reason');
  });

  it('lists an invalid row\'s fields as a 400 would name them', () => {
    expect(rowView(row({ status: 'INVALID', detail: { email: 'not an e-mail address', role: 'one of ADMIN, OPERATOR, USER' } })).outcome)
      .toBe('Invalid: email: not an e-mail address; role: one of ADMIN, OPERATOR, USER');
  });
});

describe('a failed upload', () => {
  it('is named by its file, with the storage\'s error code', () => {
    expect(uploadError('photos', 403, '<Error><Code>SignatureDoesNotMatch</Code></Error>').fields)
      .toEqual({ photos: 'the storage refused it (HTTP 403, SignatureDoesNotMatch)' });
    expect(uploadError('people', 0, '').fields?.people).toMatch(/could not be reached/);
  });
});
