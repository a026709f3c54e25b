import { useEffect, useRef, useState, type FormEvent } from 'react';
import { get as load, set as save } from 'idb-keyval';
import { clock } from '../time';
import { FrameGate } from './gate';
import { grey, SAMPLE_H, SAMPLE_W } from './scene';
import type { FacePresence } from './presence';

const KEY_STORAGE = 'rollcall.kiosk.cameraKey';
const SHOW_MS = 4000;
const SAMPLE_MS = 250;
const QUEUE_LIMIT = 100;
/** The offline queue survives a reload or a restart of the tablet (IndexedDB of this origin). */
const QUEUE_STORAGE = 'rollcall.kiosk.queue';

interface Answer {
  outcome: 'IN' | 'OUT' | 'NOT_RECOGNISED' | 'NOT_RECORDED' | 'NO_FACE' | 'UNCLEAR' | 'LIVENESS_REFUSED'; firstName?: string | null; time: string; timeZone: string;
  /** The front face's liveness verdict: SPOOF_SUSPECTED with IN/OUT is flag mode (counted, reported to operators). */
  liveness?: 'LIVE' | 'SPOOF_SUSPECTED' | 'UNCHECKED' | 'OFF' | null; livenessReason?: string | null;
}
interface Queued { frameId: string; capturedAt: string; jpeg: Blob }
type Status = { kind: 'checking' } | { kind: 'setup'; problem?: string } | { kind: 'running'; camera: string } | { kind: 'stopped'; problem: string };

/** What the door shows for an answer: the greeted person's first name and time, nothing about anyone else. */
export function message(answer: Answer): string | null {
  switch (answer.outcome) {
    case 'IN': return `Welcome, ${answer.firstName ?? ''} — IN ${clock(answer.time, answer.timeZone)}`;
    case 'OUT': return `Goodbye, ${answer.firstName ?? ''} — OUT ${clock(answer.time, answer.timeZone)}`;
    case 'NOT_RECOGNISED': return 'Not recognised — please see reception';
    case 'NOT_RECORDED': return 'Not recorded — please see reception';
    case 'UNCLEAR': return 'Please come closer and look at the camera';
    case 'LIVENESS_REFUSED': return answer.liveness === 'UNCHECKED'
      ? 'Not recorded — please stand in front of the camera, whole face in view, in good light'
      : 'Not recorded — the camera could not confirm a live person; please see reception';
    default: return null;
  }
}

async function checkKey(key: string): Promise<{ name: string } | 'refused' | 'unreachable'> {
  try {
    const response = await fetch('/kiosk/camera', { headers: { 'x-camera-key': key } });
    if (response.status === 401) return 'refused';
    if (!response.ok) return 'unreachable';
    return await response.json();
  } catch {
    return 'unreachable';
  }
}

/**
 * The door kiosk: bound to one camera by its key, which an ADMIN types once and this browser keeps (localStorage
 * of this origin, nowhere else). It watches the browser camera, sends a frame only when a face is in view (gate.ts), and shows
 * the server's answer for a few seconds. Frames taken while the API is unreachable wait in a queue with their
 * capture time and go when it is back; the same frame id makes a resent frame count once.
 */
export function Kiosk() {
  const [key, setKey] = useState<string | null>(() => localStorage.getItem(KEY_STORAGE));
  const [status, setStatus] = useState<Status>(key ? { kind: 'checking' } : { kind: 'setup' });
  const [shown, setShown] = useState<string | null>(null);
  const [queued, setQueued] = useState(0);

  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    void checkKey(key).then((result) => {
      if (cancelled) return;
      if (result === 'refused') {
        localStorage.removeItem(KEY_STORAGE);
        setKey(null);
        setStatus({ kind: 'setup', problem: 'This camera key is unknown or revoked. An ADMIN must enter a valid key.' });
      } else {
        setStatus({ kind: 'running', camera: result === 'unreachable' ? '' : result.name });
      }
    });
    return () => { cancelled = true; };
  }, [key]);

  if (status.kind === 'checking') return <main className="kiosk" aria-busy="true">Starting…</main>;
  if (!key || status.kind === 'setup') {
    return <KeySetup key={status.kind === 'setup' ? status.problem ?? '' : ''} problem={status.kind === 'setup' ? status.problem : undefined}
                     onKey={(k) => { localStorage.setItem(KEY_STORAGE, k); setKey(k); setStatus({ kind: 'running', camera: '' }); }} />;
  }
  if (status.kind === 'stopped') {
    return <main className="kiosk"><p role="alert" className="kiosk-message error">{status.problem}</p>
      <button type="button" onClick={() => { localStorage.removeItem(KEY_STORAGE); setKey(null); setStatus({ kind: 'setup' }); }}>Enter another key</button></main>;
  }
  return (
    <main className="kiosk">
      <h1 className="visually-hidden">RollCall kiosk {status.camera}</h1>
      <Camera cameraKey={key} onAnswer={(text) => setShown(text)} onQueue={setQueued}
              onRefused={() => setStatus({ kind: 'stopped', problem: 'This camera key was revoked: the kiosk has stopped. An ADMIN must enter a new key.' })} />
      <p className="kiosk-message" role="status" aria-live="assertive">{shown ?? ''}</p>
      {queued > 0 && <p className="kiosk-offline">Offline: {queued} frames waiting to be sent</p>}
      <ClearAfter value={shown} onClear={() => setShown(null)} />
    </main>
  );
}

function ClearAfter({ value, onClear }: { value: string | null; onClear: () => void }) {
  useEffect(() => {
    if (!value) return;
    const timer = setTimeout(onClear, SHOW_MS);
    return () => clearTimeout(timer);
  }, [value, onClear]);
  return null;
}

function KeySetup({ problem, onKey }: { problem?: string; onKey: (key: string) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(problem ?? null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await checkKey(value.trim());
    if (result === 'refused') setError('This key is unknown or revoked.');
    else if (result === 'unreachable') setError('The server cannot be reached; try again.');
    else onKey(value.trim());
  }
  return (
    <main className="container narrow">
      <form onSubmit={submit}>
        <h1>Set up this kiosk</h1>
        <p>An ADMIN enters the key of this door's camera once (Cameras page). Only this browser keeps it.</p>
        <label>Camera key<input type="password" autoComplete="off" required value={value} onChange={(e) => setValue(e.target.value)} /></label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit">Start the kiosk</button>
      </form>
    </main>
  );
}

function Camera({ cameraKey, onAnswer, onQueue, onRefused }: {
  cameraKey: string; onAnswer: (text: string | null) => void; onQueue: (n: number) => void; onRefused: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // the latest callbacks, without restarting the camera when the parent renders
  const callbacks = useRef({ onAnswer, onQueue, onRefused });
  callbacks.current = { onAnswer, onQueue, onRefused };

  useEffect(() => {
    const onAnswer = (text: string | null) => callbacks.current.onAnswer(text);
    const queue: Queued[] = [];
    const onQueue = (n: number) => {
      callbacks.current.onQueue(n);
      void save(QUEUE_STORAGE, queue.slice()).catch(() => undefined);
    };
    const onRefused = () => callbacks.current.onRefused();
    let stopped = false;
    let stream: MediaStream | null = null;
    let presence: FacePresence | null = null;
    const gate = new FrameGate(() => presence!.hasFace(video.current!));
    const sample = document.createElement('canvas');
    sample.width = SAMPLE_W;
    sample.height = SAMPLE_H;
    const full = document.createElement('canvas');
    let busy = false;
    let pausedUntil = 0;

    async function post(frame: Queued): Promise<Answer | 'refused' | 'retry'> {
      try {
        const response = await fetch('/kiosk/frames', {
          method: 'POST',
          headers: { 'x-camera-key': cameraKey, 'x-frame-id': frame.frameId, 'x-captured-at': frame.capturedAt, 'content-type': 'image/jpeg' },
          body: frame.jpeg,
        });
        if (response.status === 401) return 'refused';
        if (response.status === 429) { pausedUntil = Date.now() + 10_000; return 'retry'; }
        if (response.status >= 500) return 'retry';
        if (!response.ok) return { outcome: 'NO_FACE', time: frame.capturedAt, timeZone: 'UTC' };
        return await response.json();
      } catch {
        return 'retry';   // offline
      }
    }

    async function drain() {
      while (queue.length > 0 && !stopped) {
        const result = await post(queue[0]!);
        if (result === 'retry') return;
        queue.shift();
        onQueue(queue.length);
        if (result === 'refused') { stopped = true; onRefused(); return; }
      }
    }

    async function tick() {
      const v = video.current;
      if (stopped || busy || !presence || !v || v.readyState < 2 || Date.now() < pausedUntil) return;
      busy = true;
      try {
        const context = sample.getContext('2d', { willReadFrequently: true })!;
        context.drawImage(v, 0, 0, SAMPLE_W, SAMPLE_H);
        if (!(await gate.offer(grey(context.getImageData(0, 0, SAMPLE_W, SAMPLE_H).data)))) return;
        full.width = v.videoWidth;
        full.height = v.videoHeight;
        full.getContext('2d')!.drawImage(v, 0, 0);
        const jpeg = await new Promise<Blob | null>((resolve) => full.toBlob(resolve, 'image/jpeg', 0.9));
        if (!jpeg) return;
        const frame = { frameId: crypto.randomUUID(), capturedAt: new Date().toISOString(), jpeg };
        performance.mark('kiosk:captured', { detail: frame.frameId });
        if (queue.length > 0) {
          if (queue.length < QUEUE_LIMIT) queue.push(frame);
          onQueue(queue.length);
          return;
        }
        const result = await post(frame);
        if (result === 'refused') { stopped = true; onRefused(); return; }
        if (result === 'retry') {
          queue.push(frame);
          onQueue(queue.length);
          return;
        }
        onAnswer(message(result));
      } catch (e) {
        console.error('kiosk tick failed', e);
      } finally {
        busy = false;
      }
    }

    // the detector (tfjs and its weights) comes in its own chunk once the kiosk runs; until then nothing is sent
    void import('./presence').then((m) => m.loadFacePresence()).then((loaded) => {
      if (!stopped) presence = loaded;
    }, (e) => {
      console.error('face detector', e);
      setProblem('The face detector cannot run in this browser: no frames are sent.');
    });
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
        if (stopped) return stream.getTracks().forEach((t) => t.stop());
        if (video.current) video.current.srcObject = stream;
      } catch {
        setProblem('The camera cannot be used: allow this page to use it, then reload.');
      }
    })();
    // frames left from before a reload go first, with their own capture times
    void load<Queued[]>(QUEUE_STORAGE).then((stored) => {
      if (stopped || !stored?.length) return;
      queue.unshift(...stored.slice(0, QUEUE_LIMIT));
      onQueue(queue.length);
      void drain();
    }).catch(() => undefined);
    const sampler = setInterval(() => void tick(), SAMPLE_MS);
    const retry = setInterval(() => void drain(), 5000);
    return () => {
      stopped = true;
      clearInterval(sampler);
      clearInterval(retry);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [cameraKey]);

  return (
    <>
      <video ref={video} className="kiosk-video" autoPlay playsInline muted aria-label="Camera" />
      {problem && <p role="alert" className="error">{problem}</p>}
    </>
  );
}
