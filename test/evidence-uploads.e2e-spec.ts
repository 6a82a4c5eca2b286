import { CaseEntity } from '@app/database';
import {
  CaseFixtures,
  EvidenceClient,
  interruptedPut,
  MIB,
  putBytes,
  sampleBytes,
  sha256Of,
  startTestSystem,
  testUser,
  TestSystem,
  UploadAnswer,
} from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { EvidenceServiceModule } from '../apps/evidence-service/src/evidence-service.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

describe('Evidence uploads (e2e)', () => {
  let sys: TestSystem;
  let service: INestApplication;
  let cases: CaseFixtures;

  beforeAll(async () => {
    sys = await startTestSystem({ apps: [(c, k) => EvidenceServiceModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)] });
    service = sys.apps[0];
    cases = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterAll(() => sys.close());

  const clientOf = async (caseRow: CaseEntity, party: 'buyer' | 'supplier') =>
    new EvidenceClient(sys.http(service), await testUser(party, party === 'buyer' ? caseRow.buyerId : caseRow.supplierId));

  /** The item is available with the bytes' own hash and type, and downloads as the same bytes. */
  async function expectAvailableAndDownloadable(client: EvidenceClient, id: string, bytes: Buffer, detectedType: string, fileName: string) {
    const item = await client.settled(id);
    expect(item).toMatchObject({ status: 'available', sha256: sha256Of(bytes), size: bytes.length, detectedType, rejectionReason: null });
    expect(item.availableAt).toEqual(expect.any(String));
    const { response } = await client.download(id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(detectedType);
    expect(response.headers.get('content-disposition')).toContain(`attachment; filename="${fileName}"`);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  }

  it('takes a JPEG by single presigned PUT, verifies it and records it on the timeline and the outbox', async () => {
    const caseRow = await cases.openCase();
    const buyer = await clientOf(caseRow, 'buyer');
    const bytes = sampleBytes.jpeg(200 * 1024);

    const session = await buyer.startUpload(caseRow.id, bytes, { fileName: 'crate-1.jpg', contentType: 'image/jpeg', description: 'the broken seal' }).expect(201);
    const upload: UploadAnswer = session.body.upload;
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'image/jpeg' } });
    expect(session.body.evidence).toMatchObject({ status: 'pending_upload', party: 'buyer', uploadedBy: buyer.user.id, kind: 'image', fileName: 'crate-1.jpg' });
    // The key is generated from ids, never the user's file name; it is an upload key, never the one served from.
    expect(upload.url).toContain(`/uploads/${caseRow.id}/${session.body.evidence.id}?`);
    expect(upload.url).not.toContain('crate-1');

    await putBytes(upload.url!, bytes, upload.headers);
    const completed = await buyer.complete(session.body.evidence.id).expect(202);
    expect(completed.body.status).toBe('verifying');
    await expectAvailableAndDownloadable(buyer, session.body.evidence.id, bytes, 'image/jpeg', 'crate-1.jpg');

    const [event] = await sys.dataSource.query(`SELECT id, actor_id, data FROM case_events WHERE case_id = $1 AND type = 'case.evidence_added'`, [caseRow.id]);
    expect(event).toMatchObject({ actor_id: buyer.user.id, data: { evidenceId: session.body.evidence.id, kind: 'image', sha256: sha256Of(bytes) } });
    const outbox = await sys.dataSource.query(`SELECT event_type FROM outbox WHERE id = $1`, [event.id]);
    expect(outbox).toEqual([{ event_type: 'case.evidence_added' }]);
  });

  it('takes a 40 MiB MP4 by multipart upload, resumed after a part was interrupted', async () => {
    const caseRow = await cases.openCase();
    const buyer = await clientOf(caseRow, 'buyer');
    const bytes = sampleBytes.mp4(40 * MIB);

    const session = await buyer.startUpload(caseRow.id, bytes, { fileName: 'unboxing.mp4', contentType: 'video/mp4' }).expect(201);
    const upload: UploadAnswer = session.body.upload;
    expect(upload).toMatchObject({ method: 'multipart', partSize: 8 * MIB });
    expect(upload.parts!.map((p) => p.partNumber)).toEqual([1, 2, 3, 4, 5]);
    const sent = await buyer.putParts(upload, bytes, [1, 2, 3, 5]);
    await interruptedPut(upload.parts![3].url, bytes.subarray(3 * 8 * MIB, 4 * 8 * MIB));

    // Resuming: this storage cannot list parts, so every part comes back with a fresh URL (re-sending one replaces it).
    const resumed = await buyer.resume(session.body.evidence.id).expect(200);
    expect(resumed.body).toMatchObject({ method: 'multipart', uploadId: upload.uploadId, uploadedParts: [] });
    expect(resumed.body.parts.map((p: { partNumber: number }) => p.partNumber)).toEqual([1, 2, 3, 4, 5]);
    const retried = await buyer.putParts(resumed.body, bytes, [4]);

    // Completing without the retried part is refused before storage is asked; the upload stays open.
    const early = await buyer.complete(session.body.evidence.id, sent).expect(400);
    expect(early.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'parts' }] });
    await buyer.complete(session.body.evidence.id, [...sent, ...retried]).expect(202);
    await expectAvailableAndDownloadable(buyer, session.body.evidence.id, bytes, 'video/mp4', 'unboxing.mp4');
  });

  it('takes a PDF and a text chat log by direct upload, available at once', async () => {
    const caseRow = await cases.openCase();
    const supplier = await clientOf(caseRow, 'supplier');
    const pdf = sampleBytes.pdf(300 * 1024);
    const chat = sampleBytes.chatLog();

    const pdfItem = await supplier.direct(caseRow.id, pdf, 'invoice.pdf', 'application/pdf').expect(201);
    expect(pdfItem.body).toMatchObject({ status: 'available', party: 'supplier', kind: 'document', declaredType: 'application/pdf', description: 'as received at the port' });
    await expectAvailableAndDownloadable(supplier, pdfItem.body.id, pdf, 'application/pdf', 'invoice.pdf');

    // Sent as curl sends an unknown type: the bytes decide.
    const chatItem = await supplier.direct(caseRow.id, chat, 'chat.log').expect(201);
    expect(chatItem.body).toMatchObject({ status: 'available', declaredType: 'text/plain', detectedType: 'text/plain', kind: 'document' });
    await expectAvailableAndDownloadable(supplier, chatItem.body.id, chat, 'text/plain', 'chat.log');
  });

  it('streams a direct upload larger than one storage part', async () => {
    const caseRow = await cases.openCase();
    const buyer = await clientOf(caseRow, 'buyer');
    const bytes = sampleBytes.jpeg(20 * MIB);
    const item = await buyer.direct(caseRow.id, bytes, 'panorama.jpg', 'image/jpeg').expect(201);
    await expectAvailableAndDownloadable(buyer, item.body.id, bytes, 'image/jpeg', 'panorama.jpg');
  });

  it('lists a case evidence oldest first for its participants, and hides it from everyone else', async () => {
    const caseRow = await cases.escalatedCase();
    const buyer = await clientOf(caseRow, 'buyer');
    const supplier = await clientOf(caseRow, 'supplier');
    const first = await buyer.direct(caseRow.id, sampleBytes.jpeg(), 'a.jpg').expect(201);
    const second = await supplier.direct(caseRow.id, sampleBytes.chatLog(), 'b.txt').expect(201);

    const page1 = await sys.http(service).get(`/v1/cases/${caseRow.id}/evidence?limit=1`).set(supplier.user.auth).expect(200);
    expect(page1.body.data.map((e: { id: string }) => e.id)).toEqual([first.body.id]);
    const page2 = await sys.http(service).get(`/v1/cases/${caseRow.id}/evidence?limit=1&cursor=${page1.body.nextCursor}`).set(supplier.user.auth).expect(200);
    expect(page2.body).toEqual({ data: [expect.objectContaining({ id: second.body.id })], nextCursor: null });

    const stranger = await testUser('buyer');
    await sys.http(service).get(`/v1/cases/${caseRow.id}/evidence`).set(stranger.auth).expect(404);
    await sys.http(service).get(`/v1/evidence/${first.body.id}`).set(stranger.auth).expect(404);
    await sys.http(service).get(`/v1/evidence/${first.body.id}/download`).set(stranger.auth).expect(404);
  });

  it('shows specialists, and only them, the other buyers’ cases holding the same bytes', async () => {
    const photo = sampleBytes.jpeg();
    const original = await cases.escalatedCase();
    const reused = await cases.escalatedCase();
    await (await clientOf(original, 'buyer')).direct(original.id, photo, 'damage.jpg').expect(201);
    const copyBuyer = await clientOf(reused, 'buyer');
    const copy = await copyBuyer.direct(reused.id, photo, 'my-damage.jpg').expect(201);
    const unrelated = await copyBuyer.direct(reused.id, sampleBytes.jpeg(), 'other.jpg').expect(201);

    const specialist = await testUser('specialist');
    const seen = await sys.http(service).get(`/v1/evidence/${copy.body.id}`).set(specialist.auth).expect(200);
    expect(seen.body.alsoSeenInCases).toEqual([original.id]);
    const list = await sys.http(service).get(`/v1/cases/${reused.id}/evidence`).set(specialist.auth).expect(200);
    expect(list.body.data.map((e: { alsoSeenInCases: string[] }) => e.alsoSeenInCases)).toEqual([[original.id], []]);
    expect(unrelated.body).not.toHaveProperty('alsoSeenInCases');
    const asBuyer = await copyBuyer.get(copy.body.id).expect(200);
    expect(asBuyer.body).not.toHaveProperty('alsoSeenInCases');
  });

  it('keeps downloads to available items and uploads to their uploader', async () => {
    const caseRow = await cases.openCase();
    const buyer = await clientOf(caseRow, 'buyer');
    const supplier = await clientOf(caseRow, 'supplier');
    const session = await buyer.startUpload(caseRow.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' }).expect(201);
    const id = session.body.evidence.id;

    const notYet = await sys.http(service).get(`/v1/evidence/${id}/download`).set(buyer.user.auth).expect(409);
    expect(notYet.body.code).toBe('invalid_state');
    expect((await supplier.resume(id).expect(403)).body.code).toBe('forbidden');
    await supplier.complete(id).expect(403);
    expect((await buyer.get(id).expect(200)).body.status).toBe('pending_upload');
  });

  it('serves its OpenAPI document with the evidence endpoints', async () => {
    const doc = await sys.http(service).get('/docs-json').expect(200);
    for (const path of [
      '/v1/cases/{caseId}/evidence',
      '/v1/cases/{caseId}/evidence/direct',
      '/v1/evidence/{id}',
      '/v1/evidence/{id}/upload',
      '/v1/evidence/{id}/complete',
      '/v1/evidence/{id}/download',
    ]) {
      expect(doc.body.paths[path]).toBeDefined();
    }
    expect(doc.body.components.schemas.Evidence.properties.alsoSeenInCases).toBeDefined();
  });
});
