import { CaseEntity, CaseStore } from '@app/database';
import { StorageService } from '@app/storage';
import {
  buyerOf,
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
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { INestApplication } from '@nestjs/common';
import { EvidenceServiceModule } from '../../apps/evidence-service/src/evidence-service.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';

const MINUTE = 60_000;

/**
 * API.md "Evidence service": once an item is available its bytes never change, no URL a client ever received can
 * write what it is served from, upload URLs are short-lived, evidence reaches a case only inside the uploader's
 * window, and downloads are named after what the bytes are. (Signatures: s3rver checks none, so the signed
 * headers are proven in upload-storage.spec.ts and against MinIO as the README says.)
 */
describe('Security: evidence integrity (e2e)', () => {
  let sys: TestSystem;
  let service: INestApplication;
  let storage: StorageService;
  let cases: CaseFixtures;

  beforeAll(async () => {
    // The evidence sweep runs every second, so what it cleans up is seen without waiting five minutes.
    sys = await startTestSystem({
      env: { EVIDENCE_SWEEP_INTERVAL: 'PT1S' },
      apps: [(c, k) => EvidenceServiceModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
    });
    service = sys.apps[0];
    storage = service.get(StorageService);
    cases = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterAll(() => sys.close());

  const buyerOn = async (caseRow: CaseEntity) => new EvidenceClient(sys.http(service), await testUser('buyer', caseRow.buyerId));
  const downloaded = async (client: EvidenceClient, id: string) => {
    const { response } = await client.download(id);
    return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  };

  describe('Verified evidence can be replaced through the upload URL it was sent with', () => {
    it('serves the verified bytes, unchanged, after the old single-PUT URL is used again with HTML', async () => {
      const caseRow = await cases.openCase();
      const buyer = await buyerOn(caseRow);
      const photo = sampleBytes.jpeg(100_000);
      const session = await buyer.startUpload(caseRow.id, photo, { fileName: 'seal.jpg', contentType: 'image/jpeg' }).expect(201);
      const upload: UploadAnswer = session.body.upload;
      const id: string = session.body.evidence.id;
      await putBytes(upload.url!, photo, upload.headers);
      await buyer.complete(id).expect(202);
      expect(await buyer.settled(id)).toMatchObject({ status: 'available', sha256: sha256Of(photo) });

      // The attack of the finding: the same URL, other bytes, served as a page.
      const page = Buffer.concat([Buffer.from('<html><script>alert(document.domain)</script>'), Buffer.alloc(100_000 - 46, 32)]);
      await fetch(upload.url!, { method: 'PUT', headers: { 'Content-Type': 'text/html' }, body: page });

      const served = await downloaded(buyer, id);
      expect(served.type).toBe('image/jpeg');
      expect(served.bytes.equals(photo)).toBe(true);
      expect((await buyer.get(id).expect(200)).body.sha256).toBe(sha256Of(photo));

      // What the uploader sent there is removed once its URLs have expired: nothing stays where nothing is served from.
      const uploadKey = `uploads/${caseRow.id}/${id}`;
      sys.clock.advance(16 * MINUTE);
      await waitFor(async () => !(await storedKeys(storage, caseRow.id)).includes(uploadKey), { what: 'the stray upload to be removed' });
      expect(await storedKeys(storage, caseRow.id)).toEqual([`cases/${caseRow.id}/evidence/${id}`]);
      expect((await downloaded(buyer, id)).bytes.equals(photo)).toBe(true);
    });

    it('serves the verified bytes, unchanged, after a part URL of a completed multipart upload is used again', async () => {
      const caseRow = await cases.openCase();
      const buyer = await buyerOn(caseRow);
      const video = sampleBytes.mp4(17 * MIB);
      const session = await buyer.startUpload(caseRow.id, video, { fileName: 'unboxing.mp4', contentType: 'video/mp4' }).expect(201);
      const upload: UploadAnswer = session.body.upload;
      const id: string = session.body.evidence.id;
      await buyer.complete(id, await buyer.putParts(upload, video)).expect(202);
      expect(await buyer.settled(id)).toMatchObject({ status: 'available' });

      await fetch(upload.parts![0].url, { method: 'PUT', body: sampleBytes.png(8 * MIB) });
      const served = await downloaded(buyer, id);
      expect(served.type).toBe('video/mp4');
      expect(served.bytes.equals(video)).toBe(true);
    });

    it('copies and checks again after a verification that died between its copy and its verdict', async () => {
      const caseRow = await cases.openCase();
      const buyer = await buyerOn(caseRow);
      const photo = sampleBytes.jpeg(80_000);
      const session = await buyer.startUpload(caseRow.id, photo, { contentType: 'image/jpeg' }).expect(201);
      const id: string = session.body.evidence.id;
      await putBytes(session.body.upload.url, photo, session.body.upload.headers);
      // A run copied other bytes to the item's own key (the upload then held them) and its worker died; the job is lost too.
      await storage.s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: `cases/${caseRow.id}/evidence/${id}`, Body: sampleBytes.png(80_000) }));
      await sys.dataSource.query(`UPDATE evidence SET status = 'verifying', completed_at = $2 WHERE id = $1`, [id, sys.clock.now()]);

      // The sweep gives the verification back; it copies the upload again and judges that copy.
      expect(await buyer.settled(id)).toMatchObject({ status: 'available', sha256: sha256Of(photo), detectedType: 'image/jpeg' });
      expect((await downloaded(buyer, id)).bytes.equals(photo)).toBe(true);
    });
  });

  describe('Upload URLs stay valid for the whole upload TTL (a day)', () => {
    it('hands out URLs that live EVIDENCE_UPLOAD_URL_TTL, and fresh ones on resuming', async () => {
      const caseRow = await cases.openCase();
      const buyer = await buyerOn(caseRow);
      const video = sampleBytes.mp4(20 * MIB);
      const startedAt = sys.clock.now().getTime();
      const session = await buyer.startUpload(caseRow.id, video, { contentType: 'video/mp4' }).expect(201);
      const upload: UploadAnswer = session.body.upload;
      const urlsLive = new Date(upload.expiresAt).getTime() - startedAt;
      expect(Math.abs(urlsLive - 15 * MINUTE)).toBeLessThan(5000);
      expect(new Date(upload.sessionExpiresAt).getTime() - startedAt).toBeGreaterThan(23 * 60 * MINUTE);
      expect(new URL(upload.parts![0].url).searchParams.get('X-Amz-Expires')).toBe('900');

      // Twenty minutes on, the URLs have expired; the session has not: resuming signs new ones.
      sys.clock.advance(20 * MINUTE);
      const resumed = await buyer.resume(session.body.evidence.id).expect(200);
      expect(new Date(resumed.body.expiresAt).getTime()).toBeGreaterThan(sys.clock.now().getTime() + 14 * MINUTE);
      expect(resumed.body.sessionExpiresAt).toBe(upload.sessionExpiresAt);
      const date = (url: string) => new URL(url).searchParams.get('X-Amz-Date');
      expect(date(resumed.body.parts[0].url)).not.toBe(date(upload.parts![0].url));
      await buyer.complete(session.body.evidence.id, await buyer.putParts(resumed.body, video)).expect(202);
      expect(await buyer.settled(session.body.evidence.id)).toMatchObject({ status: 'available', sha256: sha256Of(video) });
    });
  });

  describe('Evidence reached a closed case: a session opened before the buyer withdrew could still be completed', () => {
    it('refuses to complete it (409 evidence_window_closed) and rejects the item, keeping nothing of it', async () => {
      const caseRow = await cases.openCase();
      const buyer = await buyerOn(caseRow);
      const photo = sampleBytes.jpeg();
      const session = await buyer.startUpload(caseRow.id, photo, { contentType: 'image/jpeg' }).expect(201);
      const id: string = session.body.evidence.id;
      await putBytes(session.body.upload.url, photo, session.body.upload.headers);
      await cases.act(caseRow.id, { type: 'withdraw' }, buyerOf(caseRow));

      const late = await buyer.complete(id).expect(409);
      expect(late.body.code).toBe('evidence_window_closed');
      expect((await buyer.get(id).expect(200)).body).toMatchObject({ status: 'rejected', rejectionReason: 'window_closed', availableAt: null });
      await expectNothingOnTheCase(caseRow);
    });
  });

  async function expectNothingOnTheCase(caseRow: CaseEntity) {
    expect(await storedKeys(storage, caseRow.id)).toEqual([]);
    const added = await sys.dataSource.query(`SELECT id FROM case_events WHERE case_id = $1 AND type = 'case.evidence_added'`, [caseRow.id]);
    expect(added).toEqual([]);
    expect(await sys.dataSource.query(`SELECT id FROM outbox WHERE case_id = $1 AND event_type = 'case.evidence_added'`, [caseRow.id])).toEqual([]);
  }

  describe('Downloads keep the uploader’s extension whatever the content', () => {
    const cases_ = [
      { sent: 'photo.html', bytes: () => sampleBytes.jpeg(), type: 'image/jpeg', offered: 'photo.jpg' },
      { sent: 'evidence.html', bytes: () => sampleBytes.pdf(), type: 'application/pdf', offered: 'evidence.pdf' },
      { sent: 'statement.hta', bytes: () => sampleBytes.chatLog(), type: 'text/plain', offered: 'statement.txt' },
      { sent: 'invoice\u202Efdp.pdf', bytes: () => sampleBytes.pdf(), type: 'application/pdf', offered: 'invoicefdp.pdf' },
    ];

    it.each(cases_)('offers $sent ($type bytes) as $offered, with nosniff', async ({ sent, bytes, type, offered }) => {
      const caseRow = await cases.openCase();
      const buyer = await buyerOn(caseRow);
      const item = await buyer.direct(caseRow.id, bytes(), sent).expect(201);
      expect(item.body.fileName).toBe(sent);

      const redirect = await sys.http(service).get(`/v1/evidence/${item.body.id}/download`).set(buyer.user.auth).expect(302);
      expect(redirect.headers['x-content-type-options']).toBe('nosniff');
      const response = await fetch(redirect.headers.location);
      expect(response.headers.get('content-type')).toBe(type);
      const disposition = response.headers.get('content-disposition')!;
      expect(disposition).toContain(`attachment; filename="${offered}"`);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(offered)}`);
      expect(disposition).not.toMatch(/%E2%80%AE|\u202E/);
    });
  });
});

describe('Security: evidence completed before the window closed, verified after (e2e)', () => {
  let sys: TestSystem;
  let service: INestApplication;

  beforeAll(async () => {
    // No worker yet: the verification waits in the queue while the case closes.
    sys = await startTestSystem({ apps: [(c, k) => EvidenceServiceModule.forRoot(c, k)] });
    service = sys.apps[0];
  });
  afterAll(() => sys.close());

  it('rejects the item (window_closed) when the buyer withdraws before verification ends: nothing reaches the closed case', async () => {
    const cases = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
    const caseRow = await cases.openCase();
    const buyer = new EvidenceClient(sys.http(service), await testUser('buyer', caseRow.buyerId));
    const photo = sampleBytes.jpeg();
    const session = await buyer.startUpload(caseRow.id, photo, { contentType: 'image/jpeg' }).expect(201);
    const id: string = session.body.evidence.id;
    await putBytes(session.body.upload.url, photo, session.body.upload.headers);
    expect((await buyer.complete(id).expect(202)).body.status).toBe('verifying');
    await cases.act(caseRow.id, { type: 'withdraw' }, buyerOf(caseRow));

    await sys.startApp((c, k) => WorkerModule.forRoot(c, k));
    expect(await buyer.settled(id)).toMatchObject({ status: 'rejected', rejectionReason: 'window_closed', availableAt: null });
    expect(await storedKeys(service.get(StorageService), caseRow.id)).toEqual([]);
    expect(await sys.dataSource.query(`SELECT id FROM case_events WHERE case_id = $1 AND type = 'case.evidence_added'`, [caseRow.id])).toEqual([]);
    const snapshot = await CaseStore.snapshot(sys.dataSource.manager, (await CaseStore.find(sys.dataSource.manager, caseRow.id))!);
    expect(snapshot.status).toBe('withdrawn');
  });
});
