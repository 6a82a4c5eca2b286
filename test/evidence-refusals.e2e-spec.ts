import { CaseEntity } from '@app/database';
import { StorageService } from '@app/storage';
import {
  CaseFixtures,
  EvidenceClient,
  insertEvidenceRows,
  MIB,
  sampleBytes,
  startTestSystem,
  storedKeys,
  testUser,
  TestSystem,
} from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EvidenceServiceModule } from '../apps/evidence-service/src/evidence-service.module';

// Every refusal is answered before anything is verified, so no worker runs here.
describe('Evidence refusals (e2e)', () => {
  let sys: TestSystem;
  let service: INestApplication;
  let cases: CaseFixtures;

  beforeAll(async () => {
    sys = await startTestSystem({ apps: [(c, k) => EvidenceServiceModule.forRoot(c, k)] });
    service = sys.apps[0];
    cases = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterAll(() => sys.close());

  const clientOf = async (caseRow: CaseEntity, party: 'buyer' | 'supplier') =>
    new EvidenceClient(sys.http(service), await testUser(party, party === 'buyer' ? caseRow.buyerId : caseRow.supplierId));

  /** Streams a file of `offered` bytes (chunked, no length announced) and stops sending once the service answers. */
  async function postEndlessFile(caseId: string, auth: Record<string, string>, offered: number): Promise<{ status: number; sentWhenAnswered: number }> {
    const boundary = `endless-${randomUUID()}`;
    const { port } = service.getHttpServer().address() as AddressInfo;
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path: `/v1/cases/${caseId}/evidence/direct`,
      method: 'POST',
      headers: { ...auth, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    let answer: { status: number; sentWhenAnswered: number } | undefined;
    let sent = 0;
    const answered = new Promise<void>((resolve, reject) => {
      req.once('error', reject);
      req.once('response', (res) => {
        answer = { status: res.statusCode!, sentWhenAnswered: sent };
        res.resume();
        resolve();
      });
    });
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="endless.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const chunk = sampleBytes.jpeg(MIB);
    while (!answer && sent < offered) {
      if (!req.write(chunk)) await Promise.race([once(req, 'drain'), answered]);
      sent += chunk.length;
    }
    req.end(`\r\n--${boundary}--\r\n`);
    await answered;
    return answer!;
  }

  async function expectNothingStored(caseRow: CaseEntity) {
    expect(await storedKeys(service.get(StorageService), caseRow.id)).toEqual([]);
    expect(await sys.dataSource.query(`SELECT id FROM evidence WHERE case_id = $1`, [caseRow.id])).toEqual([]);
  }

  it('refuses types that are not evidence with 415, whether declared or sniffed', async () => {
    const caseRow = await cases.openCase();
    const buyer = await clientOf(caseRow, 'buyer');
    const zip = await buyer.startUpload(caseRow.id, sampleBytes.zip(), { fileName: 'photos.zip', contentType: 'application/zip' }).expect(415);
    expect(zip.body).toMatchObject({ code: 'unsupported_media_type', errors: [{ field: 'contentType' }] });
    await buyer.startUpload(caseRow.id, sampleBytes.elf(), { fileName: 'setup.exe', contentType: 'application/x-msdownload' }).expect(415);

    // Direct uploads trust the bytes, not the name or the declared type.
    const sniffedZip = await buyer.direct(caseRow.id, sampleBytes.zip(), 'photos.jpg').expect(415);
    expect(sniffedZip.body.code).toBe('unsupported_media_type');
    await buyer.direct(caseRow.id, sampleBytes.elf(), 'chat.txt').expect(415);
    const mismatch = await buyer.direct(caseRow.id, sampleBytes.pdf(), 'photo.png', 'image/png').expect(415);
    expect(mismatch.body.detail).toContain('application/pdf');
    await buyer.direct(caseRow.id, sampleBytes.zip(), 'photos.zip', 'application/zip').expect(415);
    await expectNothingStored(caseRow);
  });

  it('refuses a declared size over the limit of its kind with 413', async () => {
    const caseRow = await cases.openCase();
    const buyer = await clientOf(caseRow, 'buyer');
    const photo = await buyer.startUpload(caseRow.id, sampleBytes.jpeg(), { contentType: 'image/jpeg', size: 25 * MIB + 1 }).expect(413);
    expect(photo.body).toMatchObject({ code: 'payload_too_large', errors: [{ field: 'size' }] });
    await buyer.startUpload(caseRow.id, sampleBytes.mp4(), { contentType: 'video/mp4', size: 2 * 1024 * MIB + 1 }).expect(413);
    await buyer.startUpload(caseRow.id, sampleBytes.mp4(), { contentType: 'video/mp4', size: 2 * 1024 * MIB }).expect(201);
  });

  it('stops a direct upload with 413 as soon as it streams past 25 MiB, and keeps nothing', async () => {
    const caseRow = await cases.openCase();
    const buyer = await clientOf(caseRow, 'buyer');
    const res = await buyer.direct(caseRow.id, sampleBytes.jpeg(25 * MIB + 1), 'huge.jpg', 'image/jpeg').expect(413);
    expect(res.body.code).toBe('payload_too_large');
    // A client offering 200 MiB hears the 413 while still sending (socket buffers let it run a little past 25 MiB).
    const endless = await postEndlessFile(caseRow.id, buyer.user.auth, 200 * MIB);
    expect(endless.status).toBe(413);
    expect(endless.sentWhenAnswered).toBeLessThan(100 * MIB);
    await expectNothingStored(caseRow);
    // Exactly 25 MiB is allowed.
    await buyer.direct(caseRow.id, sampleBytes.jpeg(25 * MIB), 'big.jpg', 'image/jpeg').expect(201);
  });

  it('refuses uploads once the party’s evidence window has closed (409 evidence_window_closed)', async () => {
    const decided = await cases.decidedCase();
    for (const party of ['buyer', 'supplier'] as const) {
      const client = await clientOf(decided, party);
      const res = await client.startUpload(decided.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' }).expect(409);
      expect(res.body.code).toBe('evidence_window_closed');
      await client.direct(decided.id, sampleBytes.jpeg(), 'late.jpg').expect(409);
    }

    const reviewing = await cases.underReviewCase({ buyerEvidence: true, policy: { evidenceWindow: 'PT1H' } });
    const supplier = await clientOf(reviewing, 'supplier');
    await supplier.startUpload(reviewing.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' }).expect(201);
    sys.clock.advance(3600_000 + 1000);
    const late = await supplier.startUpload(reviewing.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' }).expect(409);
    expect(late.body.code).toBe('evidence_window_closed');
  });

  it('refuses the 51st item of a party (409 evidence_limit_reached); rejected items do not count', async () => {
    const caseRow = await cases.openCase();
    await insertEvidenceRows(sys.dataSource, caseRow, 'buyer', 49);
    await insertEvidenceRows(sys.dataSource, caseRow, 'buyer', 3, 'rejected');
    const buyer = await clientOf(caseRow, 'buyer');
    await buyer.startUpload(caseRow.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' }).expect(201);
    const fiftyFirst = await buyer.startUpload(caseRow.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' }).expect(409);
    expect(fiftyFirst.body.code).toBe('evidence_limit_reached');
    await buyer.direct(caseRow.id, sampleBytes.jpeg(), 'one-more.jpg').expect(409);
    // The limit is per party.
    await (await clientOf(caseRow, 'supplier')).direct(caseRow.id, sampleBytes.jpeg(), 'rebuttal.jpg').expect(201);
  });

  it('takes exactly the 50th item when uploads race for the last place', async () => {
    const caseRow = await cases.openCase();
    await insertEvidenceRows(sys.dataSource, caseRow, 'buyer', 48);
    const buyer = await clientOf(caseRow, 'buyer');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => buyer.startUpload(caseRow.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
  });

  it('answers 404 for another party’s case and 403 for staff who see it but are no party', async () => {
    const caseRow = await cases.escalatedCase();
    const otherBuyer = new EvidenceClient(sys.http(service), await testUser('buyer'));
    const hidden = await otherBuyer.startUpload(caseRow.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' }).expect(404);
    expect(hidden.body.code).toBe('not_found');
    await otherBuyer.direct(caseRow.id, sampleBytes.jpeg(), 'x.jpg').expect(404);
    const otherSupplier = new EvidenceClient(sys.http(service), await testUser('supplier'));
    await otherSupplier.startUpload(caseRow.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' }).expect(404);

    const specialist = new EvidenceClient(sys.http(service), await testUser('specialist'));
    const staff = await specialist.startUpload(caseRow.id, sampleBytes.jpeg(), { contentType: 'image/jpeg' }).expect(403);
    expect(staff.body.code).toBe('forbidden');
    await expectNothingStored(caseRow);
  });

  it('refuses malformed sessions with the field named', async () => {
    const caseRow = await cases.openCase();
    const buyer = await clientOf(caseRow, 'buyer');
    const badHash = await buyer.startUpload(caseRow.id, sampleBytes.jpeg(), { contentType: 'image/jpeg', sha256: 'not-a-hash' }).expect(400);
    expect(badHash.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'sha256' }] });
    const unknown = await sys.http(service)
      .post(`/v1/cases/${caseRow.id}/evidence`)
      .set(buyer.user.auth)
      .send({ fileName: 'a.jpg', contentType: 'image/jpeg', size: 10, sha256: 'a'.repeat(64), status: 'available' })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('status');
    const noFile = await sys.http(service).post(`/v1/cases/${caseRow.id}/evidence/direct`).set(buyer.user.auth).field('description', 'x').expect(400);
    expect(noFile.body.errors[0].field).toBe('file');
    await sys.http(service).post(`/v1/cases/${caseRow.id}/evidence/direct`).set(buyer.user.auth).send({ file: 'x' }).expect(400);
  });
});
