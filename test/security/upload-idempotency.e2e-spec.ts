import { CaseEntity } from '@app/database';
import { StorageService } from '@app/storage';
import { CaseFixtures, MIB, sampleBytes, startTestSystem, storedKeys, testUser, TestSystem, TestUser } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { EvidenceServiceModule } from '../../apps/evidence-service/src/evidence-service.module';

describe('Security: Idempotency-Key over a direct upload (e2e)', () => {
  let sys: TestSystem;
  let service: INestApplication;
  let caseRow: CaseEntity;
  let buyer: TestUser;

  beforeAll(async () => {
    sys = await startTestSystem({ apps: [(c, k) => EvidenceServiceModule.forRoot(c, k)] });
    service = sys.apps[0];
    caseRow = await new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock).openCase();
    buyer = await testUser('buyer', caseRow.buyerId);
  });
  afterAll(() => sys.close());

  /** A multipart upload as curl or a browser sends it: every request has a boundary of its own. */
  const direct = (key: string, bytes: Buffer, fileName = 'seal.jpg', description = 'the broken seal') =>
    sys
      .http(service)
      .post(`/v1/cases/${caseRow.id}/evidence/direct`)
      .set(buyer.auth)
      .set('Idempotency-Key', key)
      .field('description', description)
      .attach('file', bytes, { filename: fileName, contentType: 'image/jpeg' });
  const items = async () => (await sys.dataSource.query(`SELECT id FROM evidence WHERE case_id = $1`, [caseRow.id])).map((r: { id: string }) => r.id);

  describe('A direct upload under an Idempotency-Key replays the first answer for a different file', () => {
    it('replays the same file, answers 422 idempotency_key_reused for another, and stores nothing of it', async () => {
      const photo = sampleBytes.jpeg(300 * 1024);
      const first = await direct('upload-1', photo).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();

      const again = await direct('upload-1', photo).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);

      const other = await direct('upload-1', sampleBytes.jpeg(300 * 1024)).expect(422);
      expect(other.body.code).toBe('idempotency_key_reused');
      // The same bytes with another name or description are another request too.
      await direct('upload-1', photo, 'other-name.jpg').expect(422);
      await direct('upload-1', photo, 'seal.jpg', 'another description').expect(422);

      expect(await items()).toEqual([first.body.id]);
      expect(await storedKeys(service.get(StorageService), caseRow.id)).toEqual([`cases/${caseRow.id}/evidence/${first.body.id}`]);
    });

    it('keeps keys per caller, and hashes files larger than one storage part as they stream', async () => {
      const video = sampleBytes.jpeg(20 * MIB);
      const first = await direct('upload-2', video, 'panorama.jpg').expect(201);
      const changedByte = Buffer.from(video);
      changedByte[changedByte.length - 1] ^= 1;
      expect((await direct('upload-2', changedByte, 'panorama.jpg').expect(422)).body.code).toBe('idempotency_key_reused');
      expect((await direct('upload-2', video, 'panorama.jpg').expect(201)).body.id).toBe(first.body.id);

      // The supplier's own key of the same name is its own.
      const supplier = await testUser('supplier', caseRow.supplierId);
      await sys
        .http(service)
        .post(`/v1/cases/${caseRow.id}/evidence/direct`)
        .set(supplier.auth)
        .set('Idempotency-Key', 'upload-2')
        .attach('file', sampleBytes.pdf(), { filename: 'invoice.pdf', contentType: 'application/pdf' })
        .expect(201);
    });

    it('does not keep a refusal given before the file was read: the retry with a valid file goes through', async () => {
      await direct('upload-3', sampleBytes.zip(), 'photos.zip').expect(415);
      const retried = await direct('upload-3', sampleBytes.jpeg()).expect(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
    });

    it('creates one item when the same upload is sent several times at once', async () => {
      const photo = sampleBytes.jpeg(200 * 1024);
      const before = (await items()).length;
      const results = await Promise.all(Array.from({ length: 4 }, () => direct('upload-4', photo)));
      const created = results.filter((r) => r.status === 201);
      expect(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'idempotency_in_progress'))).toBe(true);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      expect((await items()).length).toBe(before + 1);
    });
  });
});
