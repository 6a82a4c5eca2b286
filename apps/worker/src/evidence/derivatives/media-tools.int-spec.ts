import type { AppConfig } from '@app/config';
import { mp4Video } from '@app/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MediaTools, UnreadableMedia } from './media-tools';
import { VideoTools } from './video-derivatives';

/** ffprobe and ffmpeg on hostile inputs served over HTTP, as storage would serve an uploaded "video". */
describe('Video tools on untrusted files', () => {
  let server: Server;
  let base: string;
  let video: Buffer;
  const routes: Record<string, (res: import('node:http').ServerResponse) => void> = {};
  const tools = new MediaTools({ media: { toolsPath: '/usr/local/bin:/usr/bin:/bin', timeoutMs: 2000, maxImagePixels: 1e8 } } as AppConfig);
  const videos = new VideoTools(tools);

  beforeAll(async () => {
    video = await mp4Video(1);
    routes['/real.mp4'] = (res) => res.end(video);
    // An HLS playlist and a concat script posing as an MP4, each pointing at a local file.
    routes['/playlist.mp4'] = (res) => res.end('#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n');
    routes['/concat.mp4'] = (res) => res.end("ffconcat version 1.0\nfile '/etc/passwd'\n");
    routes['/redirect.mp4'] = (res) => res.writeHead(302, { Location: 'file:///etc/passwd' }).end();
    // Headers, then nothing: a storage that hangs, or a file crafted to keep the demuxer waiting.
    routes['/stall.mp4'] = (res) => res.writeHead(200, { 'Content-Length': '100000000' }).write(video.subarray(0, 64));
    server = createServer((req, res) => (routes[req.url ?? ''] ?? ((r) => r.writeHead(404).end()))(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('probes a real MP4 read over HTTP', async () => {
    expect(tools.has('ffmpeg', 'ffprobe')).toBe(true);
    const probed = await videos.probe(`${base}/real.mp4`, 'video/mp4');
    expect(probed.media).toMatchObject({ width: 640, height: 360 });
    expect(probed.codecs).toEqual(['h264', 'aac']);
  });

  it.each(['/playlist.mp4', '/concat.mp4', '/redirect.mp4'])('refuses %s: no playlist, concat script or redirect reaches another input', async (path) => {
    await expect(videos.probe(`${base}${path}`, 'video/mp4')).rejects.toThrow(UnreadableMedia);
    await expect(videos.poster(`${base}${path}`, 'video/mp4', 1)).rejects.toThrow(UnreadableMedia);
  });

  it('kills a run that takes longer than its time limit', async () => {
    const started = Date.now();
    await expect(videos.probe(`${base}/stall.mp4`, 'video/mp4')).rejects.toThrow(/took more than 2000 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
