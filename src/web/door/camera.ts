// The camera and QR decoding: the browser's BarcodeDetector where it exists, jsQR elsewhere.
import jsQRModule from 'jsqr';

// jsqr is CommonJS: its export is the function, which also carries itself as `default`.
type Decode = typeof import('jsqr').default;
const jsQR: Decode =
  typeof jsQRModule === 'function' ? (jsQRModule as Decode) : (jsQRModule as { default: Decode }).default;

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type DetectorClass = {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats?: () => Promise<string[]>;
};

async function nativeDetector(): Promise<Detector | undefined> {
  const Ctor = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Ctor) return undefined;
  try {
    const formats = (await Ctor.getSupportedFormats?.()) ?? ['qr_code'];
    return formats.includes('qr_code') ? new Ctor({ formats: ['qr_code'] }) : undefined;
  } catch {
    return undefined;
  }
}

export type CameraProblem = 'unsupported' | 'denied' | 'unavailable';

/**
 * Starts the back camera in `video` and calls `onCode` with each QR text it reads.
 * Resolves to a stop function, or rejects with a CameraProblem.
 */
export async function startScanner(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
): Promise<() => void> {
  if (!navigator.mediaDevices?.getUserMedia) throw 'unsupported' satisfies CameraProblem;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    throw (
      name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable'
    ) satisfies CameraProblem;
  }
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  video.muted = true;
  await video.play().catch(() => {});

  const detector = await nativeDetector();
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tick = async () => {
    if (stopped) return;
    try {
      if (video.readyState >= 2 && video.videoWidth > 0) {
        if (detector) {
          const codes = await detector.detect(video);
          const text = codes[0]?.rawValue;
          if (text) onCode(text);
        } else if (g) {
          // Decoding a smaller frame is fast enough on a phone and reads a ticket held up close.
          const scale = Math.min(1, 640 / video.videoWidth);
          canvas.width = Math.round(video.videoWidth * scale);
          canvas.height = Math.round(video.videoHeight * scale);
          g.drawImage(video, 0, 0, canvas.width, canvas.height);
          const image = g.getImageData(0, 0, canvas.width, canvas.height);
          const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
          if (code?.data) onCode(code.data);
        }
      }
    } catch {
      // a frame that fails to decode is just skipped
    }
    if (!stopped) timer = setTimeout(tick, 200);
  };
  void tick();

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
