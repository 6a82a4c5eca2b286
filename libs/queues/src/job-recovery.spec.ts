import { isFinalAttempt, retryDelayMs } from './job-recovery';
import { JOB_OPTIONS } from './job-options';
import { JOBS } from './names';

describe('isFinalAttempt', () => {
  it('is true on the last try the job options allow', () => {
    expect(isFinalAttempt({ attemptsMade: 0, opts: { attempts: 3 } })).toBe(false);
    expect(isFinalAttempt({ attemptsMade: 1, opts: { attempts: 3 } })).toBe(false);
    expect(isFinalAttempt({ attemptsMade: 2, opts: { attempts: 3 } })).toBe(true);
  });

  it('treats a job without retries as always on its final try', () => {
    expect(isFinalAttempt({ attemptsMade: 0, opts: {} })).toBe(true);
  });
});

describe('retryDelayMs', () => {
  it('doubles the base delay with each failed try, as BullMQ does', () => {
    const base = (JOB_OPTIONS[JOBS.webhookDeliver].backoff as { delay: number }).delay;
    expect([1, 2, 3, 4].map((made) => retryDelayMs(JOBS.webhookDeliver, made))).toEqual([base, 2 * base, 4 * base, 8 * base]);
  });

  it('is zero for a job name without backoff', () => {
    expect(retryDelayMs(JOBS.deadlineSweep, 3)).toBe(0);
  });
});
