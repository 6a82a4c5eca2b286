import { hashChunks } from '@app/domain';
import { TEST_ADMIN_DATABASE_URL, databaseUrl } from '@app/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../data-source';
import { EvidenceDerivativesStore, nearMatchesQuery } from './evidence-derivatives-store';

// DOMAIN.md "Evidence": the similar-image lookup stays fast as the table grows, because it reads the chunk indexes,
// never the table. Checked on the plan PostgreSQL chooses for 50,000 stored hashes, and on what the lookup finds.
const STORED = 50_000;
const randomHash = () => BigInt.asIntN(64, BigInt(`0x${randomBytes(8).toString('hex')}`));

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe('the perceptual lookup', () => {
  const name = `arbiter_phash_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  let db: DataSource;
  const planted = { evidenceId: randomUUID(), caseId: randomUUID(), buyerId: randomUUID(), hash: randomHash() };

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    db = await createDataSource(databaseUrl(name), 2).initialize();
    await runMigrations(db);
    const rows = Array.from({ length: STORED }, () => ({ evidenceId: randomUUID(), caseId: randomUUID(), buyerId: randomUUID(), hash: randomHash() }));
    rows.push(planted);
    await db.transaction(async (manager) => {
      // The hashes alone: their evidence rows would only slow the set-up (the superuser skips the foreign keys).
      await manager.query(`SET LOCAL session_replication_role = replica`);
      for (let i = 0; i < rows.length; i += 5_000) {
        const batch = rows.slice(i, i + 5_000);
        const chunks = batch.map((row) => hashChunks(row.hash));
        await manager.query(
          `INSERT INTO evidence_perceptual_hashes (evidence_id, case_id, buyer_id, hash, chunk0, chunk1, chunk2, chunk3)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::smallint[], $6::smallint[], $7::smallint[], $8::smallint[])`,
          [batch.map((r) => r.evidenceId), batch.map((r) => r.caseId), batch.map((r) => r.buyerId), batch.map((r) => r.hash.toString()), ...[0, 1, 2, 3].map((k) => chunks.map((c) => c[k]))],
        );
      }
    });
    await db.query(`VACUUM ANALYZE evidence_perceptual_hashes`);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('reads the four chunk indexes alone, never the table', async () => {
    const [sql, parameters] = nearMatchesQuery(randomHash(), { evidenceId: randomUUID(), buyerId: randomUUID() }, 10);
    const [{ 'QUERY PLAN': [plan] }] = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
    const nodes = nodesOf(plan.Plan as PlanNode);
    const onTable = nodes.filter((node) => node['Relation Name'] === 'evidence_perceptual_hashes');
    expect(onTable.map((node) => node['Node Type'])).toEqual(Array(4).fill('Index Only Scan'));
    expect(onTable.map((node) => node['Index Name']).sort()).toEqual([0, 1, 2, 3].map((i) => `evidence_perceptual_hashes_chunk${i}_idx`));
  });

  it('finds a near copy of a stored hash, with its distance, and leaves out the buyer’s own items', async () => {
    const nearCopy = planted.hash ^ 0b1011_0000_0000_0001_0000_0000_0000_0001_0000_0000_0000_0001n; // 6 bits flipped, across chunks
    const found = await EvidenceDerivativesStore.nearMatches(db.manager, nearCopy, { evidenceId: randomUUID(), buyerId: randomUUID() });
    expect(found).toContainEqual({ evidenceId: planted.evidenceId, caseId: planted.caseId, distance: 6 });
    const own = await EvidenceDerivativesStore.nearMatches(db.manager, nearCopy, { evidenceId: randomUUID(), buyerId: planted.buyerId });
    expect(own.map((match) => match.evidenceId)).not.toContain(planted.evidenceId);
    const farAway = planted.hash ^ 0xffffn; // 16 bits
    const far = await EvidenceDerivativesStore.nearMatches(db.manager, farAway, { evidenceId: randomUUID(), buyerId: randomUUID() });
    expect(far.map((match) => match.evidenceId)).not.toContain(planted.evidenceId);
  });
});
