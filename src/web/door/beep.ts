// A distinct sound per verdict, made with Web Audio (no sound files): staff at a busy door
// hear the answer without looking at the screen.
import type { Verdict } from './decide.ts';

interface Tone {
  freq: number;
  /** seconds */
  dur: number;
  type: OscillatorType;
  /** pause after, seconds */
  gap?: number;
}

const SOUNDS: Record<Verdict, Tone[]> = {
  // rising pair: come in
  valid: [
    { freq: 880, dur: 0.09, type: 'sine', gap: 0.03 },
    { freq: 1320, dur: 0.14, type: 'sine' },
  ],
  // three quick mid beeps: seen before
  already_used: [
    { freq: 660, dur: 0.1, type: 'square', gap: 0.06 },
    { freq: 660, dur: 0.1, type: 'square', gap: 0.06 },
    { freq: 660, dur: 0.1, type: 'square' },
  ],
  // low long tone: another performance
  wrong_event: [{ freq: 262, dur: 0.5, type: 'triangle' }],
  // falling pair: money given back
  refunded: [
    { freq: 740, dur: 0.16, type: 'triangle', gap: 0.04 },
    { freq: 440, dur: 0.3, type: 'triangle' },
  ],
  // the same falling pair: this ticket was swapped for another one
  exchanged: [
    { freq: 740, dur: 0.16, type: 'triangle', gap: 0.04 },
    { freq: 440, dur: 0.3, type: 'triangle' },
  ],
  // harsh buzz: not our ticket at all
  forged: [{ freq: 140, dur: 0.7, type: 'sawtooth' }],
  // two low beeps: leaving without having come in
  not_inside: [
    { freq: 330, dur: 0.12, type: 'square', gap: 0.08 },
    { freq: 330, dur: 0.12, type: 'square' },
  ],
};

let ctx: AudioContext | undefined;

/** Creates (or wakes) the audio context; call it from a tap or key press so the browser allows sound. */
export function unlockAudio(): void {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
  } catch {
    ctx = undefined; // no audio on this device: the screen still tells
  }
}

export function beep(verdict: Verdict): void {
  unlockAudio();
  const audio = ctx;
  if (!audio) return;
  let at = audio.currentTime + 0.01;
  for (const tone of SOUNDS[verdict]) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = tone.type;
    osc.frequency.value = tone.freq;
    // short fades avoid clicks
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.25, at + 0.01);
    gain.gain.setValueAtTime(0.25, at + tone.dur - 0.02);
    gain.gain.linearRampToValueAtTime(0, at + tone.dur);
    osc.connect(gain).connect(audio.destination);
    osc.start(at);
    osc.stop(at + tone.dur);
    at += tone.dur + (tone.gap ?? 0);
  }
}
