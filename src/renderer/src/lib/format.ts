import { plural as sharedPlural } from '../../../shared/words.ts';

const nf = new Intl.NumberFormat('en');

export const count = (n: number): string => nf.format(n);

export function duration(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return '—';
  if (sec < 60) return `${Math.ceil(sec)} s`;
  const m = Math.floor(sec / 60);
  return m < 60
    ? `${m} min ${String(Math.round(sec % 60)).padStart(2, '0')} s`
    : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** "1 image", "2,497 images" (digits grouped). */
export const plural = (n: number, one: string, many = `${one}s`): string => sharedPlural(n, one, many, count);

/** A clause as a sentence: capital first letter, full stop. */
export const sentence = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** A moment (ms since the epoch) in the reader's time zone; `never` when there is none. */
export const when = (ms: number | null): string => (ms === null ? 'never' : dateTime.format(ms));
