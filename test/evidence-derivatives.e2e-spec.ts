import { CaseEntity } from '@app/database';
import {
  CaseFixtures,
  decompressionBomb,
  MAINS,
  EvidenceAnswer,
  EvidenceClient,
  goodsPhoto,
  heicPhoto,
  mp4Video,
  pdfDocument,
  phonePhoto,
  probeBytes,
  spawnService,
  startTestSystem,
  testUser,
  TestSystem,
  TestUser,
  transparentPng,
  waitFor,
} from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import sharp from 'sharp';
import { EvidenceServiceModule } from '../apps/evidence-service/src/evidence-service.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

interface Link {
  url: string;
  contentType: string;
  expiresAt: string;
}

/** No EXIF, XMP, IPTC or ICC block, as sharp reads the bytes back, and none of the phone's words in them either. */
async function expectNoImageMetadata(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect({ exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc, icc: meta.icc, orientation: meta.orientation, comments: meta.comments }).toEqual({
    exif: undefined,
    xmp: undefined,
    iptc: undefined,
    icc: undefined,
    orientation: undefined,
    comments: undefined,
  });
  for (const word of ['Exif', 'iPhone', 'Apple', 'GPS', 'Screenshot']) expect(bytes.includes(Buffer.from(word, 'latin1'))).toBe(false);
}

const fetchBytes = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition') };
};

describe('Evidence derivatives: view copies, previews, privacy and the perceptual fraud signal (e2e)', () => {
  let sys: TestSystem;
  let service: INestApplication;
  let cases: CaseFixtures;
  let caseRow: CaseEntity;
  let buyer: EvidenceClient;
  let supplier: EvidenceClient;
  let specialist: TestUser;

  beforeAll(async () => {
    // The evidence sweep runs every second: it finds items whose derivatives were never made.
    sys = await startTestSystem({ env: { EVIDENCE_SWEEP_INTERVAL: 'PT1S' }, apps: [(c, k) => EvidenceServiceModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)] });
    service = sys.apps[0];
    cases = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
    // Escalated: any specialist sees it, and both parties may still add evidence.
    caseRow = await cases.escalatedCase();
    buyer = new EvidenceClient(sys.http(service), await testUser('buyer', caseRow.buyerId));
    supplier = new EvidenceClient(sys.http(service), await testUser('supplier', caseRow.supplierId));
    specialist = await testUser('specialist');
  });
  afterAll(() => sys.close());

  const links = (user: TestUser, id: string) => sys.http(service).get(`/v1/evidence/${id}/links`).set(user.auth);
  const asUser = (user: TestUser, id: string) => sys.http(service).get(`/v1/evidence/${id}`).set(user.auth).expect(200);
  const download = async (user: TestUser, id: string) => {
    const redirect = await sys.http(service).get(`/v1/evidence/${id}/download`).set(user.auth).expect(302);
    return fetchBytes(redirect.headers.location);
  };

  /** Waits, as the uploader, until no derivative of the item is pending. */
  const derived = (client: EvidenceClient, id: string): Promise<EvidenceAnswer> =>
    waitFor(
      async () => {
        const res = await client.get(id).expect(200);
        const statuses = Object.values(res.body.derivatives as Record<string, string>);
        return res.body.status === 'available' && !statuses.includes('pending') ? (res.body as EvidenceAnswer) : null;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `the derivatives of ${id}` },
    );

  describe('a phone photo whose EXIF has GPS, camera and capture time', () => {
    let photo: Buffer;
    let id: string;

    beforeAll(async () => {
      photo = await phonePhoto();
      const item = await buyer.upload(caseRow.id, photo, 'image/jpeg', 'IMG_0042.jpg');
      id = item.id;
      // Usable as soon as it is available, before its derivatives are made.
      expect((await buyer.settled(id)).status).toBe('available');
    });

    it('gets a view copy without any metadata, orientation applied, and a 320 px thumbnail', async () => {
      const item = await derived(buyer, id);
      expect(item.derivatives).toEqual({ view: 'ready', thumbnail: 'ready' });
      // Stored 1600 × 1200 with orientation 6: displayed 1200 × 1600.
      expect(item.media).toEqual({ width: 1200, height: 1600 });

      const answer = await links(supplier.user, id).expect(200);
      expect(Object.keys(answer.body).sort()).toEqual(['thumbnail', 'view']);
      // Under the item's derivatives, a key no upload URL ever names.
      expect(new URL((answer.body.view as Link).url).pathname).toContain(`/cases/${caseRow.id}/derivatives/${id}/view.jpg`);
      const view = await fetchBytes((answer.body.view as Link).url);
      expect(view.type).toBe('image/jpeg');
      expect(view.disposition).toBe('inline');
      expect(view.bytes.equals(photo)).toBe(false);
      await expectNoImageMetadata(view.bytes);
      expect(await sharp(view.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 1600 });

      const thumbnail = await fetchBytes((answer.body.thumbnail as Link).url);
      await expectNoImageMetadata(thumbnail.bytes);
      expect(await sharp(thumbnail.bytes).metadata()).toMatchObject({ width: 240, height: 320 });
    });

    it('gives the supplier the view copy on download too, under the view copy’s type and extension', async () => {
      await derived(buyer, id);
      const served = await download(supplier.user, id);
      expect(served.type).toBe('image/jpeg');
      expect(served.disposition).toContain('attachment; filename="IMG_0042.jpg"');
      expect(served.bytes.equals(photo)).toBe(false);
      await expectNoImageMetadata(served.bytes);
    });

    it('gives the uploader and staff the original, byte-identical, and the summary of its metadata', async () => {
      await derived(buyer, id);
      for (const user of [buyer.user, specialist]) {
        expect((await download(user, id)).bytes.equals(photo)).toBe(true);
        const answer = await links(user, id).expect(200);
        expect(Object.keys(answer.body).sort()).toEqual(['original', 'thumbnail', 'view']);
        expect((await fetchBytes(answer.body.original.url)).bytes.equals(photo)).toBe(true);
        // A capture time without a zone is taken as UTC.
        expect((await asUser(user, id)).body.metadata).toEqual({ capturedAt: '2026-03-14T09:26:53.000Z', device: 'Apple iPhone 15 Pro', hadLocation: true });
      }
      const asSupplier = (await asUser(supplier.user, id)).body;
      expect(asSupplier).not.toHaveProperty('metadata');
      expect(asSupplier).not.toHaveProperty('similarInCases');
      expect((await asUser(specialist, id)).body.similarInCases).toEqual([]);
    });

    it('makes the derivatives again, the same, when their job was lost (the sweep finds the item in PostgreSQL)', async () => {
      const before = await derived(buyer, id);
      await sys.dataSource.query(`UPDATE evidence SET derivatives = '{}', derived_at = NULL WHERE id = $1`, [id]);
      expect((await buyer.get(id).expect(200)).body.derivatives).toEqual({ view: 'pending', thumbnail: 'pending' });
      // Meanwhile the supplier is told to wait, never given the original.
      const waiting = await links(supplier.user, id).expect(409);
      expect(waiting.body.detail).toContain('still being made');
      const again = await derived(buyer, id);
      expect(again.derivatives).toEqual(before.derivatives);
      expect(again.media).toEqual(before.media);
      await expectNoImageMetadata((await download(supplier.user, id)).bytes);
    });

    it('hides the evidence and its links from anyone outside the case', async () => {
      const stranger = await testUser('supplier');
      await links(stranger, id).expect(404);
    });
  });

  it('keeps a PNG a PNG, transparency and all, without its EXIF', async () => {
    const png = await transparentPng();
    const item = await supplier.direct(caseRow.id, png, 'screenshot.png', 'image/png').expect(201);
    expect(item.body.status).toBe('available');
    expect((await derived(supplier, item.body.id)).media).toEqual({ width: 900, height: 600 });
    const answer = await links(buyer.user, item.body.id).expect(200);
    const view = await fetchBytes(answer.body.view.url);
    expect(view.type).toBe('image/png');
    expect(await sharp(view.bytes).metadata()).toMatchObject({ format: 'png', hasAlpha: true, width: 900, height: 600 });
    await expectNoImageMetadata(view.bytes);
    expect(await sharp((await fetchBytes(answer.body.thumbnail.url)).bytes).metadata()).toMatchObject({ format: 'png', width: 320, height: 213 });
  });

  it('decodes a HEIC photo into a JPEG view copy without its EXIF, and summarises the original’s', async () => {
    const heic = await heicPhoto();
    const item = await buyer.direct(caseRow.id, heic, 'IMG_0001.HEIC', 'image/heic').expect(201);
    expect(item.body.detectedType).toBe('image/heic');
    const done = await derived(buyer, item.body.id);
    expect(done).toMatchObject({ derivatives: { view: 'ready', thumbnail: 'ready' }, media: { width: 800, height: 600 } });
    expect(done.metadata).toEqual({ capturedAt: '2026-02-01T12:00:00.000Z', device: 'Apple iPhone 13', hadLocation: true });
    const served = await download(supplier.user, item.body.id);
    expect(served.type).toBe('image/jpeg');
    expect(served.disposition).toContain('filename="IMG_0001.jpg"');
    await expectNoImageMetadata(served.bytes);
  });

  it('probes a real MP4, makes its poster and a view copy without the container’s metadata', async () => {
    const video = await mp4Video(3);
    const before = await probeBytes(video);
    expect(before.format.tags).toMatchObject({ location: '+48.8584+002.2945/', title: 'warehouse 4, bay 12' });

    const item = await buyer.upload(caseRow.id, video, 'video/mp4', 'unboxing.mp4');
    const done = await derived(buyer, item.id);
    expect(done.derivatives).toEqual({ view: 'ready', poster: 'ready' });
    expect(done.media).toEqual({ width: 640, height: 360, durationSeconds: expect.closeTo(3, 1) });
    expect(done.metadata).toEqual({ capturedAt: '2026-03-14T09:30:00.000Z', device: 'Apple iPhone 15 Pro', hadLocation: true });

    const answer = await links(supplier.user, item.id).expect(200);
    expect(Object.keys(answer.body).sort()).toEqual(['poster', 'view']);
    const view = await fetchBytes(answer.body.view.url);
    expect(view.type).toBe('video/mp4');
    const after = await probeBytes(view.bytes);
    // The same streams, nothing of the container's metadata beyond the file type's own brand.
    expect(after.streams.map((s) => s.codec_type)).toEqual(['video', 'audio']);
    expect(Object.keys(after.format.tags ?? {}).sort()).toEqual(['compatible_brands', 'major_brand', 'minor_version']);
    for (const stream of after.streams) expect(stream.tags ?? {}).not.toHaveProperty('creation_time');
    expect(view.bytes.includes(Buffer.from('48.8584'))).toBe(false);

    const poster = await fetchBytes(answer.body.poster.url);
    expect(poster.type).toBe('image/jpeg');
    expect(await sharp(poster.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 360 });
    expect((await download(buyer.user, item.id)).bytes.equals(video)).toBe(true);
  });

  it('previews page one of a real PDF and counts its pages; the PDF is its own view copy', async () => {
    const pdf = await pdfDocument(3);
    const item = await supplier.direct(caseRow.id, pdf, 'inspection.pdf', 'application/pdf').expect(201);
    // Ready at once: a document is served as itself.
    expect(item.body.derivatives.view).toBe('ready');
    const done = await derived(supplier, item.body.id);
    expect(done).toMatchObject({ derivatives: { view: 'ready', preview: 'ready' }, media: { pages: 3 } });
    const answer = await links(buyer.user, item.body.id).expect(200);
    expect(Object.keys(answer.body).sort()).toEqual(['preview', 'view']);
    const preview = await fetchBytes(answer.body.preview.url);
    expect(await sharp(preview.bytes).metadata()).toMatchObject({ format: 'png', height: 1280 });
    expect((await fetchBytes(answer.body.view.url)).bytes.equals(pdf)).toBe(true);
    expect((await download(buyer.user, item.body.id)).type).toBe('application/pdf');
  });

  it('refuses to decode a decompression bomb: its derivatives fail, the item stays available, the other party gets no original', async () => {
    const bomb = decompressionBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const item = await buyer.direct(caseRow.id, bomb, 'huge.png', 'image/png').expect(201);
    const done = await derived(buyer, item.body.id);
    expect(done).toMatchObject({ status: 'available', derivatives: { view: 'failed', thumbnail: 'failed' }, media: {} });

    const refused = await links(supplier.user, item.body.id).expect(409);
    expect(refused.body).toMatchObject({ code: 'invalid_state', detail: expect.stringContaining('could not be made') });
    expect((await sys.http(service).get(`/v1/evidence/${item.body.id}/download`).set(supplier.user.auth).expect(409)).body.code).toBe('invalid_state');
    // Its uploader and staff fall back to the original.
    const own = await links(buyer.user, item.body.id).expect(200);
    expect((await fetchBytes(own.body.view.url)).bytes.equals(bomb)).toBe(true);
    expect((await download(specialist, item.body.id)).bytes.equals(bomb)).toBe(true);
  });

  it('flags a resized, re-encoded copy of another buyer’s photo as similar, both ways, and not an unrelated photo', async () => {
    const original = await goodsPhoto(11);
    const first = await buyer.direct(caseRow.id, original, 'crates.jpg', 'image/jpeg').expect(201);
    await derived(buyer, first.body.id);

    const otherCase = await cases.escalatedCase();
    const otherBuyer = new EvidenceClient(sys.http(service), await testUser('buyer', otherCase.buyerId));
    const copy = await sharp(original).resize(1280).jpeg({ quality: 70 }).toBuffer();
    const unrelated = await goodsPhoto(12);
    const copyItem = await otherBuyer.direct(otherCase.id, copy, 'my-crates.jpg', 'image/jpeg').expect(201);
    const unrelatedItem = await otherBuyer.direct(otherCase.id, unrelated, 'other.jpg', 'image/jpeg').expect(201);
    await derived(otherBuyer, copyItem.body.id);
    await derived(otherBuyer, unrelatedItem.body.id);

    expect((await asUser(specialist, copyItem.body.id)).body.similarInCases).toEqual([caseRow.id]);
    expect((await asUser(specialist, first.body.id)).body.similarInCases).toEqual([otherCase.id]);
    expect((await asUser(specialist, unrelatedItem.body.id)).body.similarInCases).toEqual([]);
    // Not the same bytes: the SHA-256 signal alone would have missed it.
    expect((await asUser(specialist, copyItem.body.id)).body.alsoSeenInCases).toEqual([]);
    expect((await otherBuyer.get(copyItem.body.id).expect(200)).body).not.toHaveProperty('similarInCases');
  });
});

describe('Evidence derivatives without the media tools (e2e)', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    // As on a machine without ffmpeg, poppler-utils and libheif-examples.
    sys = await startTestSystem({
      env: { EVIDENCE_MEDIA_TOOLS_PATH: '/nonexistent' },
      apps: [(c, k) => EvidenceServiceModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
    });
  });
  afterAll(() => sys.close());

  it('marks what needs a tool missing, makes the rest, and keeps every item usable', async () => {
    const service = sys.apps[0];
    const caseRow = await new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock).openCase();
    const buyer = new EvidenceClient(sys.http(service), await testUser('buyer', caseRow.buyerId));
    const supplier = await testUser('supplier', caseRow.supplierId);
    const video = await mp4Video(1);
    const videoItem = await buyer.direct(caseRow.id, video, 'clip.mp4', 'video/mp4').expect(201);
    const photoItem = await buyer.direct(caseRow.id, await goodsPhoto(3), 'photo.jpg', 'image/jpeg').expect(201);
    const pdfItem = await buyer.direct(caseRow.id, await pdfDocument(1), 'report.pdf', 'application/pdf').expect(201);

    const settled = (id: string) =>
      waitFor(async () => {
        const res = await buyer.get(id).expect(200);
        return Object.values(res.body.derivatives as Record<string, string>).includes('pending') ? null : res.body;
      }, { timeoutMs: 30_000, what: `the derivatives of ${id}` });
    expect(await settled(videoItem.body.id)).toMatchObject({ status: 'available', derivatives: { view: 'missing', poster: 'missing' } });
    expect(await settled(photoItem.body.id)).toMatchObject({ derivatives: { view: 'ready', thumbnail: 'ready' } });
    expect(await settled(pdfItem.body.id)).toMatchObject({ derivatives: { view: 'ready', preview: 'missing' } });

    // The uploader still opens the original; the supplier is told why there is nothing for them.
    expect((await buyer.download(videoItem.body.id)).response.status).toBe(200);
    const refused = await sys.http(service).get(`/v1/evidence/${videoItem.body.id}/download`).set(supplier.auth).expect(409);
    expect(refused.body.detail).toContain('missing');
    await sys.http(service).get(`/v1/evidence/${pdfItem.body.id}/download`).set(supplier.auth).expect(302);
  });

  it('says at boot which derivatives it cannot make', async () => {
    const worker = await spawnService(MAINS.worker, sys.env, { logLevel: 'info' });
    try {
      await waitFor(async () => worker.output().includes('cannot be made here') || null, { what: 'the boot message about media tools' });
      expect(worker.output()).toMatch(/video posters and view copies \(ffmpeg not found\).*PDF previews \(pdftoppm not found\).*HEIC view copies and thumbnails \(heif-convert not found\)/s);
    } finally {
      await worker.kill();
    }
  });
});
