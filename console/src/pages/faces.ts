import { session } from '../session/session';

export const MAX_FACES = 5;

/** The server's verdict on one enrollment image, as a sentence for the person doing it. */
export function verdict(status: number, body: { error?: string; message?: string; imagesOfUser?: number }): { ok: boolean; text: string } {
  if (status === 201) return { ok: true, text: `Enrolled (${body.imagesOfUser} of ${MAX_FACES})` };
  const texts: Record<string, string> = {
    no_face: 'No face found: use a photo where the face is clearly visible.',
    many_faces: 'Several faces: use a photo with only this person in it.',
    face_too_small: 'The face is too small: use a closer photo.',
    face_too_blurry: 'Too blurry: use a sharper photo.',
    not_live: 'This does not look like a live photo of the person (a photo of a photo or a screen?): take the photo of the person.',
    face_at_border: 'The face touches the edge of the photo: use one with the whole head in it.',
    greyscale_image: 'A black-and-white photo cannot be checked for liveness: use a colour photo.',
    face_not_frontal: 'The head is turned or tilted: use a photo looking straight at the camera.',
    eyes_closed: 'The eyes look closed: use a photo with the eyes open.',
    not_an_image: 'Not an image: use a JPEG or PNG photo.',
    unsupported_format: 'This format is not accepted: use a JPEG or PNG photo.',
    too_large: 'The file is too large.',
    truncated: 'The file is incomplete: send it again.',
    corrupt: 'The file is damaged: use another photo.',
    empty_image: 'The file is empty.',
    conflict: `Not enrolled: ${body.message ?? 'this person already has the most images allowed'}.`,
  };
  return { ok: false, text: texts[body.error ?? ''] ?? body.message ?? `Refused (${status})` };
}

/** POSTs one image as the request body (what the route takes) and returns the verdict. */
export async function enroll(userId: string, image: Blob): Promise<{ ok: boolean; text: string }> {
  const response = await session.fetch(new Request(`${location.origin}/users/${userId}/faces`, {
    method: 'POST',
    headers: { 'content-type': image.type === 'image/png' ? 'image/png' : 'image/jpeg' },
    body: image,
  }));
  const body = await response.json().catch(() => ({}));
  return verdict(response.status, body);
}
