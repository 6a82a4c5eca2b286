// npm run bench:evidence: what the evidence service costs an upload. In one run it prints
//  1. a 500 MiB file sent through the service's multipart flow (session → presigned parts → complete) next to
//     the same bytes in a plain multipart upload straight to the same storage (same part size, HTTP client and
//     part concurrency): the ratio plain/service, 1.0 meaning the service costs nothing (target ≥ 0.9);
//  2. the evidence service's RSS while 10 clients upload 100 MiB each at once: flat, as no byte passes through it;
//  3. verification throughput: MiB copied server-side to the item's own key, then hashed and sniffed per second by the
//     worker, from `complete` to `available`.
// The service and the worker run as child processes, so the service's memory is measured on its own.
import { AppConfig, systemClock } from '@app/config';
import { CaseEntity, createDataSource } from '@app/database';
import { CaseJobs, QueueBackend } from '@app/queues';
import { CaseFixtures, spawnWorker, waitFor } from '@app/testing';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { partSizeFor } from '../apps/evidence-service/src/evidence/upload-plan';
import { benchEnvironment, benchUser, runConcurrently } from './bench-env';

const MIB = 1024 * 1024;
const BIG_FILE = 500 * MIB;
const CLIENTS = 10;
const CLIENT_FILE = 100 * MIB;
const PART_CONCURRENCY = 4;
const ROUNDS = 2;

interface Part {
  partNumber: number;
  url: string;
}

async function main(): Promise<void> {
  const bench = await benchEnvironment({ LOG_LEVEL: 'warn' });
  const service = await spawnEvidenceService(bench.env);
  const worker = await spawnWorker(bench.env);
  const s3 = new S3Client({
    endpoint: bench.config.storage.endpoint,
    region: bench.config.storage.region,
    forcePathStyle: true,
    credentials: { accessKeyId: bench.config.storage.accessKeyId, secretAccessKey: bench.config.storage.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = bench.config.storage.bucket;
  try {
    const caseRow = await openCase(bench.config);
    const client = new EvidenceClient(service.url, (await benchUser('buyer', caseRow.buyerId)).auth, caseRow.id);

    // 1. One 500 MiB file, both ways, alternating.
    const big = mp4Bytes(BIG_FILE);
    let started = performance.now();
    const bigSha = sha256(big);
    const hashSeconds = (performance.now() - started) / 1000;
    const plainSeconds: number[] = [];
    const serviceSeconds: number[] = [];
    const verifySeconds: number[] = [];
    const readSeconds: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const key = `bench/plain-${round}`;
      started = performance.now();
      await plainMultipartUpload(s3, bucket, key, big);
      plainSeconds.push((performance.now() - started) / 1000);
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));

      started = performance.now();
      const id = await client.upload(big, bigSha);
      serviceSeconds.push((performance.now() - started) / 1000);
      const completedAt = performance.now();
      await client.waitAvailable(id);
      verifySeconds.push((performance.now() - completedAt) / 1000);
      readSeconds.push(await timeRead(s3, bucket, `cases/${caseRow.id}/evidence/${id}`));
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `cases/${caseRow.id}/evidence/${id}` }));
    }

    // 2. Ten clients at once, 100 MiB each, while the service's RSS is sampled.
    const files = Array.from({ length: CLIENTS }, () => mp4Bytes(CLIENT_FILE));
    const hashes = files.map(sha256);
    const warmUp = await client.upload(files[0].subarray(0, MIB), sha256(files[0].subarray(0, MIB)));
    const baselineKiB = rssKiB(service.child.pid!);
    const sampler = sampleRss(service.child.pid!);
    started = performance.now();
    const ids = await Promise.all(files.map((file, i) => client.upload(file, hashes[i])));
    const concurrentSeconds = (performance.now() - started) / 1000;
    const peakKiB = sampler.stop();
    const allCompleted = performance.now();
    for (const id of ids) await client.waitAvailable(id);
    const concurrentVerifySeconds = (performance.now() - allCompleted) / 1000;

    const best = (values: number[]) => Math.min(...values);
    const mib = (bytes: number) => bytes / MIB;
    console.log(`\nevidence service benchmark (s3rver on this machine, part size ${partSizeFor(BIG_FILE) / MIB} MiB, ${PART_CONCURRENCY} parts in flight per client)`);
    console.log(`1. ${mib(BIG_FILE)} MiB, best of ${ROUNDS}:`);
    console.log(`   plain multipart straight to storage: ${best(plainSeconds).toFixed(2)} s  (${plainSeconds.map((s) => s.toFixed(2)).join(', ')})`);
    console.log(`   through the service (session, parts, complete): ${best(serviceSeconds).toFixed(2)} s  (${serviceSeconds.map((s) => s.toFixed(2)).join(', ')})`);
    console.log(`   ratio plain/service: ${(best(plainSeconds) / best(serviceSeconds)).toFixed(3)}  (target ≥ 0.9)`);
    console.log(`   (the client's own SHA-256 of the file before declaring it, not counted above: ${hashSeconds.toFixed(2)} s)`);
    console.log(`2. ${CLIENTS} clients × ${mib(CLIENT_FILE)} MiB at once: ${concurrentSeconds.toFixed(2)} s`);
    console.log(`   evidence service RSS: ${(baselineKiB / 1024).toFixed(1)} MiB before, peak ${(peakKiB / 1024).toFixed(1)} MiB during (+${((peakKiB - baselineKiB) / 1024).toFixed(1)} MiB)`);
    console.log(`3. verification (worker, complete → available):`);
    console.log(`   one ${mib(BIG_FILE)} MiB object: ${(mib(BIG_FILE) / best(verifySeconds)).toFixed(0)} MiB/s  (${verifySeconds.map((s) => s.toFixed(2)).join(', ')} s)`);
    console.log(`   for reference, on this machine: SHA-256 in memory ${(mib(BIG_FILE) / hashSeconds).toFixed(0)} MiB/s; reading the object from storage alone ${(mib(BIG_FILE) / best(readSeconds)).toFixed(0)} MiB/s`);
    console.log(`   ${CLIENTS} × ${mib(CLIENT_FILE)} MiB after the concurrent uploads: ${((CLIENTS * mib(CLIENT_FILE)) / concurrentVerifySeconds).toFixed(0)} MiB/s  (${concurrentVerifySeconds.toFixed(2)} s)`);
    await Promise.all([warmUp, ...ids].map((id) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `cases/${caseRow.id}/evidence/${id}` }))));
  } finally {
    s3.destroy();
    await worker.kill('SIGTERM');
    await service.kill();
    await bench.close();
  }
}

/** The evidence service's client side: a session, the parts straight to storage, complete. */
class EvidenceClient {
  constructor(
    private readonly base: string,
    private readonly auth: string,
    private readonly caseId: string,
  ) {}

  /** Uploads through the multipart flow; answers the evidence id once `complete` has answered 202. */
  async upload(bytes: Buffer, sha: string): Promise<string> {
    const session = await this.call('POST', `/v1/cases/${this.caseId}/evidence`, 201, {
      fileName: 'unboxing.mp4',
      contentType: 'video/mp4',
      size: bytes.length,
      sha256: sha,
    });
    const { evidence, upload } = session as {
      evidence: { id: string };
      upload: { method: string; url: string; headers: Record<string, string>; partSize: number; parts: Part[] };
    };
    if (upload.method === 'PUT') {
      await put(upload.url, bytes, upload.headers);
      await this.call('POST', `/v1/evidence/${evidence.id}/complete`, 202, {});
    } else {
      const parts = await putParts(upload.parts, bytes, upload.partSize);
      await this.call('POST', `/v1/evidence/${evidence.id}/complete`, 202, { parts });
    }
    return evidence.id;
  }

  async waitAvailable(id: string): Promise<void> {
    const item = await waitFor(
      async () => {
        const current = (await this.call('GET', `/v1/evidence/${id}`, 200)) as { status: string; rejectionReason: string | null };
        return current.status !== 'verifying' && current;
      },
      { timeoutMs: 600_000, intervalMs: 20, what: `evidence ${id} to be verified` },
    );
    if (item.status !== 'available') throw new Error(`evidence ${id} was ${item.status} (${item.rejectionReason})`);
  }

  private async call(method: string, path: string, expected: number, body?: object): Promise<unknown> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: this.auth, ...(body && { 'Content-Type': 'application/json' }) },
      body: body && JSON.stringify(body),
    });
    if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }
}

/** The baseline: the same multipart protocol with the same part size and concurrency, without the service. */
async function plainMultipartUpload(s3: S3Client, bucket: string, key: string, bytes: Buffer): Promise<void> {
  const partSize = partSizeFor(bytes.length);
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: 'video/mp4' }));
  const numbers = Array.from({ length: Math.ceil(bytes.length / partSize) }, (_, i) => i + 1);
  const urls = await Promise.all(
    numbers.map(async (partNumber) => ({
      partNumber,
      url: await getSignedUrl(s3, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: partNumber }), { expiresIn: 3600 }),
    })),
  );
  const parts = await putParts(urls, bytes, partSize);
  await s3.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId,
      MultipartUpload: { Parts: parts.sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
    }),
  );
}

/** Seconds to stream an object out of storage and drop it: the ceiling for any verification. */
async function timeRead(s3: S3Client, bucket: string, key: string): Promise<number> {
  const started = performance.now();
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  for await (const chunk of object.Body as AsyncIterable<Buffer>) void chunk;
  return (performance.now() - started) / 1000;
}

async function putParts(parts: Part[], bytes: Buffer, partSize: number): Promise<Array<{ partNumber: number; etag: string }>> {
  const sent: Array<{ partNumber: number; etag: string }> = [];
  await runConcurrently(parts.length, PART_CONCURRENCY, async (i) => {
    const { partNumber, url } = parts[i];
    const res = await put(url, bytes.subarray((partNumber - 1) * partSize, partNumber * partSize));
    sent.push({ partNumber, etag: res.headers.get('etag')! });
  });
  return sent;
}

async function put(url: string, body: Buffer, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(url, { method: 'PUT', headers, body });
  if (!res.ok) throw new Error(`PUT ${url}: ${res.status}`);
  return res;
}

async function openCase(config: AppConfig): Promise<CaseEntity> {
  const dataSource = await createDataSource(config.database.url, 2).initialize();
  try {
    // No jobs are produced (produceJobs: false), so the queue backend never connects.
    const fixtures = new CaseFixtures(dataSource, new CaseJobs(new QueueBackend(config)), systemClock);
    return await fixtures.openCase({ produceJobs: false });
  } finally {
    await dataSource.destroy();
  }
}

function mp4Bytes(size: number): Buffer {
  const bytes = randomFillSync(Buffer.allocUnsafe(size));
  bytes.write('\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41', 0, 'latin1');
  return bytes;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function rssKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

function sampleRss(pid: number, everyMs = 20): { stop(): number } {
  let peak = rssKiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssKiB(pid))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssKiB(pid));
    },
  };
}

/** `node -r @swc-node/register apps/evidence-service/src/main.ts` on a free port, once /health answers. */
async function spawnEvidenceService(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; kill(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/evidence-service/src/main.ts'], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...env, EVIDENCE_API_PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(async () => child.exitCode === null && (await fetch(`${url}/health`)).ok, { timeoutMs: 60_000, intervalMs: 200, what: 'the evidence service' });
  return {
    url,
    child,
    async kill() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
