/** Scheduling behind an interface, so reconnect timing is tested without waiting. */
export type Cancel = () => void;

export interface Timer {
  schedule(callback: () => void, delayMs: number): Cancel;
}

export const realTimer: Timer = {
  schedule(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    return () => clearTimeout(handle);
  },
};
