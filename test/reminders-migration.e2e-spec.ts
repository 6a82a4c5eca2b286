import { MIGRATIONS } from '@app/database';
import { buyerOf, CaseFixtures, startTestSystem, TestSystem } from '@app/testing';
import { MigrationInterface } from 'typeorm';

const DAY = 86_400_000;
const NEW_POLICY_KEYS = ['evidenceRequestWindow', 'reminderLeadTimes', 'evidenceLimits', 'refundArrivalDays'];

/**
 * The Reminders migration on a database as it was before it: appeal windows for both parties at once, cases
 * whose stored policy had only the durations, open deadlines without planned reminders. Run down() to get
 * there, shape the data as the old code wrote it, and up() again.
 */
describe('Reminders migration on existing cases (integration)', () => {
  let sys: TestSystem;
  let fx: CaseFixtures;
  const migration = new (MIGRATIONS.find((m) => m.name === 'Reminders1763800000300')!)() as MigrationInterface;

  beforeAll(async () => {
    sys = await startTestSystem();
    fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterAll(() => sys?.close());

  const run = async (step: 'up' | 'down') => {
    // Migrations run as the tables' owner, as in production.
    const runner = (await sys.owner()).createQueryRunner();
    try {
      await runner.startTransaction();
      await migration[step](runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  };
  const appealWindows = (caseId: string): Promise<Array<{ party: string; due_at: Date; done: boolean }>> =>
    sys.dataSource.query(`SELECT party, due_at, done_at IS NOT NULL AS done FROM case_deadlines WHERE case_id = $1 AND kind = 'appeal' ORDER BY party`, [caseId]);

  it('splits open appeal windows per party, gives a party that has not appealed its window back, completes old policies and plans reminders', async () => {
    const opts = { produceJobs: false };
    const open = await fx.openCase(opts);
    const decided = await fx.decidedCase(opts);
    const appealed = await fx.decidedCase(opts);
    await fx.act(appealed.id, { type: 'appeal', reason: 'The inspection report was ignored.' }, buyerOf(appealed), opts);
    const taken = await fx.decidedCase(opts);
    await fx.act(taken.id, { type: 'appeal', reason: 'The inspection report was ignored.' }, buyerOf(taken), opts);
    await fx.act(taken.id, { type: 'claim_case' }, { id: '00000000-0000-4000-8000-000000000001', role: 'reviewer' }, opts);

    await run('down');
    // What the old code left: one appeal window for both, stopped at the first appeal; policies of durations only.
    for (const c of [decided, appealed, taken]) {
      const dueAt = new Date(new Date(c.decision!.decidedAt).getTime() + 10 * DAY);
      await sys.dataSource.query(`DELETE FROM case_deadlines WHERE case_id = $1 AND kind = 'appeal'`, [c.id]);
      await sys.dataSource.query(`INSERT INTO case_deadlines (case_id, kind, party, due_at, done_at) VALUES ($1, 'appeal', 'both', $2, $3)`, [
        c.id,
        dueAt,
        c === decided ? null : new Date(),
      ]);
    }
    await sys.dataSource.query(`UPDATE cases SET policy = policy - $1::text[]`, [NEW_POLICY_KEYS]);

    await run('up');
    const decidedWindows = await appealWindows(decided.id);
    expect(decidedWindows.map((w) => [w.party, w.done])).toEqual([
      ['buyer', false],
      ['supplier', false],
    ]);
    expect(decidedWindows[0].due_at).toEqual(decidedWindows[1].due_at);
    // The buyer appealed, nobody has taken it up: the supplier may still appeal until the window's end.
    const appealedWindows = await appealWindows(appealed.id);
    expect(appealedWindows.filter((w) => !w.done).map((w) => w.party)).toEqual(['supplier']);
    expect(appealedWindows.find((w) => !w.done)!.due_at).toEqual(new Date(new Date(appealed.decision!.decidedAt).getTime() + 10 * DAY));
    // Taken by a reviewer: nobody else may appeal.
    expect((await appealWindows(taken.id)).filter((w) => !w.done)).toEqual([]);

    const policies: Array<{ policy: Record<string, unknown> }> = await sys.dataSource.query(`SELECT policy FROM cases`);
    for (const { policy } of policies) {
      expect(policy).toMatchObject({
        supplierResponse: 'P3D',
        evidenceRequestWindow: 'P2D',
        reminderLeadTimes: ['PT24H', 'PT2H'],
        evidenceLimits: { maxBytes: { image: 26214400, video: 2147483648, document: 26214400 }, maxItemsPerParty: 50 },
        refundArrivalDays: { credit_card: 10, tt: 7, e_checking: 3, boleto: 7, pay_later: 15 },
      });
    }

    const planned: Array<{ case_id: string; kind: string; party: string; lead_time: string }> = await sys.dataSource.query(
      `SELECT r.case_id, d.kind, d.party, r.lead_time FROM reminders r JOIN case_deadlines d ON d.id = r.deadline_id ORDER BY d.kind, d.party, r.send_at`,
    );
    const of = (caseId: string) => planned.filter((r) => r.case_id === caseId).map((r) => `${r.kind}/${r.party}/${r.lead_time}`);
    expect(of(open.id)).toEqual(['supplier_response/supplier/PT24H', 'supplier_response/supplier/PT2H']);
    expect(of(decided.id)).toEqual(['appeal/buyer/PT24H', 'appeal/buyer/PT2H', 'appeal/supplier/PT24H', 'appeal/supplier/PT2H']);
    expect(of(appealed.id)).toEqual(['appeal/supplier/PT24H', 'appeal/supplier/PT2H']);
    expect(of(taken.id)).toEqual([]);
  });
});
