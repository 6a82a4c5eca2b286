import type { Clock } from '@app/config';

/** Real time plus an offset the test moves forward: deadline logic is tested without waiting. */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
