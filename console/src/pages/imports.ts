import type { components } from '../api/schema';
import type { ApiError } from '../api/client';

export type ImportJob = components['schemas']['ImportJob'];
export type ImportProgress = components['schemas']['ImportProgress'];
export type ImportRow = components['schemas']['ImportRow'];
export type RowStatus = ImportRow['status'];

/** The CSV's columns, in the order the template shows them (docs/faces.md, "Bulk enrollment"). */
export const CSV_COLUMNS = ['username', 'name', 'employee_code', 'department', 'email', 'role'] as const;

/** A job the runner has not finished with: the page keeps polling it. */
export function isActive(state: ImportJob['state']): boolean {
  return state === 'QUEUED' || state === 'RUNNING';
}

export interface ProgressSummary {
  total: number | null;
  done: number;
  enrolled: number;
  refused: number;
  invalid: number;
  photosEnrolled: number;
  photosFound: number;
  /** 0-100, null until the CSV has been read (the total is unknown) */
  percent: number | null;
}

/** GET /imports/{id}'s counts as the page shows them: rows done of the total, and per outcome. */
export function summarize(progress: ImportProgress): ProgressSummary {
  const rows = progress.counts.rows;
  const enrolled = rows.ENROLLED ?? 0;
  const refused = rows.REFUSED ?? 0;
  const invalid = rows.INVALID ?? 0;
  const done = enrolled + refused + invalid;
  const total = progress.job.totalRows ?? null;
  let percent: number | null = null;
  if (total !== null) percent = total === 0 ? 100 : Math.min(100, Math.round((done * 100) / total));
  if (progress.job.state === 'DONE') percent = 100;
  return { total, done, enrolled, refused, invalid, photosEnrolled: progress.counts.photosEnrolled,
    photosFound: progress.counts.photosFound, percent };
}

/** The job's state in words. */
export function stateText(job: ImportJob): string {
  switch (job.state) {
    case 'WAITING_FOR_FILES': return 'Waiting for its files';
    case 'QUEUED': return 'Queued (the runner takes it within a minute)';
    case 'RUNNING': return 'Running';
    case 'DONE': return 'Done';
    case 'FAILED': return `Failed: ${job.error ?? 'no reason given'}`;
  }
}

const CODES: Record<string, string> = {
  no_face: 'no face found',
  many_faces: 'several faces',
  face_too_small: 'the face is too small',
  face_too_blurry: 'too blurry',
  duplicate_face: "another person's face",
  too_many_photos: 'over the 5-photo limit',
  image_too_large: 'larger than 10 MiB, or a broken zip entry',
  no_photos: 'no photo in the zip',
  consent_required: 'no consent to face recognition recorded',
};

/** A refusal code in words (the server's reason when the code is not one the console knows). */
export function codeText(code: string | undefined, reason: string | undefined): string {
  if (code && CODES[code]) return CODES[code];
  return reason || code || 'refused';
}

export interface PhotoResult { photo: string | null; enrolled: boolean; text: string }

export interface RowView {
  line: number;
  username: string;
  /** "Created", "Already there" or "" (not created) */
  person: string;
  /** what the Outcome column says: "Enrolled 2/3", "Refused: no face found", "Invalid: email …" */
  outcome: string;
  photos: PhotoResult[];
}

interface DetailEntry { photo?: string; result?: string; code?: string; reason?: string }

/**
 * One row of GET /imports/{id}/rows for the results table. detail is, for INVALID, the fields at fault; otherwise
 * one entry per photo ({photo, result, code, reason}), or {row: why} when the person could not be created.
 */
export function rowView(row: ImportRow): RowView {
  const person = row.userCreated === true ? 'Created' : row.userCreated === false ? 'Already there' : '';
  const base = { line: row.line, username: row.username ?? '', person };
  const detail = row.detail as unknown;
  if (row.status === 'INVALID') {
    const fields = detail && typeof detail === 'object' && !Array.isArray(detail) ? detail as Record<string, unknown> : {};
    const problems = Object.entries(fields).map(([field, problem]) => `${field}: ${String(problem)}`);
    return { ...base, outcome: `Invalid: ${problems.join('; ') || 'the row is wrong'}`, photos: [] };
  }
  if (row.status === 'PENDING') return { ...base, outcome: 'Waiting', photos: [] };
  const entries: DetailEntry[] = Array.isArray(detail) ? detail as DetailEntry[] : [];
  const photos: PhotoResult[] = entries.map((e) => ({
    photo: e.photo ?? null,
    enrolled: e.result === 'enrolled',
    text: e.result === 'enrolled' ? 'enrolled' : `refused: ${codeText(e.code, e.reason)}`,
  }));
  const counts = `${row.photosEnrolled}/${row.photosFound}`;
  if (row.status === 'ENROLLED') return { ...base, outcome: `Enrolled ${counts}`, photos };
  // REFUSED: why the person as a whole got nothing
  if (detail && typeof detail === 'object' && !Array.isArray(detail) && 'row' in detail) {
    return { ...base, outcome: `Refused: ${String((detail as { row: unknown }).row)}`, photos };
  }
  const whole = entries.find((e) => !e.photo);   // no_photos, consent_required: about the person, not a photo
  const reasons = whole ? [codeText(whole.code, whole.reason)]
    : [...new Set(photos.filter((p) => !p.enrolled).map((p) => p.text.replace(/^refused: /, '')))];
  return { ...base, outcome: `Refused: ${reasons.join(', ') || 'no photo could be enrolled'}`, photos: photos.filter((p) => p.photo) };
}

/** The error of a failed PUT to a presigned link, named by the file's field as the API's 409 names them. */
export function uploadError(field: 'people' | 'photos', status: number, body: string): ApiError {
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  const problem = status === 0 ? 'the storage could not be reached (network or CORS)'
    : `the storage refused it (HTTP ${status}${code ? `, ${code}` : ''})`;
  return { error: 'upload_failed', message: 'A file could not be uploaded; nothing was started.', fields: { [field]: problem } };
}

/** PUTs a file to a presigned link with its signed Content-Type, reporting the bytes sent. */
export function upload(url: string, file: Blob, contentType: string, onProgress: (sent: number, total: number) => void)
  : Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('Content-Type', contentType);   // the link is signed for exactly this type
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => resolve({ status: 0, body: '' });
    xhr.send(file);
  });
}
