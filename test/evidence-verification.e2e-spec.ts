import { CaseEntity } from '@app/database';
import { StorageService } from '@app/storage';
import {
  CaseFixtures,
  EvidenceClient,
  MIB,
  putBytes,
  sampleBytes,
  sha256Of,
  startTestSystem,
  storedKeys,
  testUser,
  TestSystem,
  UploadAnswer,
  waitFor,
} from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { EvidenceServiceModule } from '../apps/evidence-service/src/evidence-service.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

describe('Evidence verification (e2e)', () => {
  let sys: TestSystem;
  let service: INestApplication;
  let storage: StorageService;
  let caseRow: CaseEntity;
  let buyer: EvidenceClient;

  beforeAll(async () => {
    // The evidence sweep runs every second, so expiry is seen without waiting for the default five minutes.
    sys = await startTestSystem({
      env: { EVIDENCE_SWEEP_INTERVAL: 'PT1S' },
      apps: [(c, k) => EvidenceServiceModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
    });
    service = sys.apps[0];
    storage = service.get(StorageService);
    caseRow = await new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock).openCase();
    buyer = new EvidenceClient(sys.http(service), await testUser('buyer', caseRow.buyerId));
  });
  afterAll(() => sys.close());

  /** Declares `declared`, PUTs `sent` instead, completes, and waits for the verdict. */
  async function uploadAndSettle(sent: Buffer | null, declared: { contentType: string; size?: number; sha256?: string }, bytesForHash = sent) {
    const session = await buyer.startUpload(caseRow.id, bytesForHash ?? sampleBytes.jpeg(), declared).expect(201);
    const upload: UploadAnswer = session.body.upload;
    if (sent) await putBytes(upload.url!, sent, upload.headers);
    await buyer.complete(session.body.evidence.id).expect(202);
    return buyer.settled(session.body.evidence.id);
  }

  async function expectRejectedAndRemoved(item: { id: string }, reason: string) {
    expect(item).toMatchObject({ status: 'rejected', rejectionReason: reason, availableAt: null });
    expect((await storedKeys(storage, caseRow.id)).filter((key) => key.endsWith(item.id))).toEqual([]);
    const download = await sys.http(service).get(`/v1/evidence/${item.id}/download`).set(buyer.user.auth).expect(409);
    expect(download.body.code).toBe('invalid_state');
  }

  it('rejects PNG bytes declared as video/mp4 (type_mismatch)', async () => {
    const item = await uploadAndSettle(sampleBytes.png(), { contentType: 'video/mp4' });
    await expectRejectedAndRemoved(item, 'type_mismatch');
  });

  it('rejects bytes whose SHA-256 is not the declared one (checksum_mismatch)', async () => {
    const bytes = sampleBytes.jpeg();
    const item = await uploadAndSettle(bytes, { contentType: 'image/jpeg', sha256: sha256Of(Buffer.from('something else')) });
    await expectRejectedAndRemoved(item, 'checksum_mismatch');
  });

  it('rejects fewer bytes than declared (size_mismatch)', async () => {
    const bytes = sampleBytes.jpeg(100_000);
    const item = await uploadAndSettle(bytes.subarray(0, 60_000), { contentType: 'image/jpeg' }, bytes);
    await expectRejectedAndRemoved(item, 'size_mismatch');
  });

  it('rejects a completion with nothing uploaded (missing_object)', async () => {
    const item = await uploadAndSettle(null, { contentType: 'image/jpeg' });
    await expectRejectedAndRemoved(item, 'missing_object');
  });

  it('rejects an executable declared as a photo (unsupported_type)', async () => {
    const item = await uploadAndSettle(sampleBytes.elf(), { contentType: 'image/jpeg' });
    await expectRejectedAndRemoved(item, 'unsupported_type');
  });

  it('verifies an item whose verification job was lost, from what PostgreSQL says', async () => {
    const bytes = sampleBytes.jpeg();
    const session = await buyer.startUpload(caseRow.id, bytes, { contentType: 'image/jpeg' }).expect(201);
    await putBytes(session.body.upload.url, bytes, session.body.upload.headers);
    // As if `complete` had committed and Redis then lost the job.
    await sys.dataSource.query(`UPDATE evidence SET status = 'verifying' WHERE id = $1`, [session.body.evidence.id]);
    const item = await buyer.settled(session.body.evidence.id);
    expect(item).toMatchObject({ status: 'available', sha256: sha256Of(bytes) });
  });

  // Last: it moves the clock a day forward.
  it('gives up uploads never completed after EVIDENCE_UPLOAD_TTL: upload aborted, object deleted', async () => {
    const video = sampleBytes.mp4(20 * MIB);
    const multipart = await buyer.startUpload(caseRow.id, video, { contentType: 'video/mp4' }).expect(201);
    await buyer.putParts(multipart.body.upload, video, [1]);
    const photo = sampleBytes.jpeg();
    const single = await buyer.startUpload(caseRow.id, photo, { contentType: 'image/jpeg' }).expect(201);
    await putBytes(single.body.upload.url, photo, single.body.upload.headers);
    const singleKey = `uploads/${caseRow.id}/${single.body.evidence.id}`;
    expect(await storedKeys(storage, caseRow.id)).toContain(singleKey);

    sys.clock.advance(24 * 3600_000 + 60_000);
    const tooLate = await buyer.complete(single.body.evidence.id).expect(409);
    expect(tooLate.body.code).toBe('deadline_passed');
    for (const id of [multipart.body.evidence.id, single.body.evidence.id]) {
      const expired = await waitFor(async () => {
        const res = await buyer.get(id).expect(200);
        return res.body.status === 'rejected' && res.body;
      }, { what: `upload ${id} to expire` });
      expect(expired).toMatchObject({ status: 'rejected', rejectionReason: 'missing_object' });
    }
    expect(await storedKeys(storage, caseRow.id)).not.toContain(singleKey);
    await buyer.resume(single.body.evidence.id).expect(409);
  });
});
