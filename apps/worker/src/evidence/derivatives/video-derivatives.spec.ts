import { inputArgs } from './video-derivatives';

describe('ffmpeg and ffprobe inputs', () => {
  it('read exactly one URL, with its demuxer forced and only its own protocol allowed', () => {
    const url = 'https://storage.example.com/bucket/cases/c/evidence/e?X-Amz-Signature=abc';
    expect(inputArgs(url, 'video/mp4')).toEqual(['-protocol_whitelist', 'https,tls,tcp', '-rw_timeout', '30000000', '-f', 'mov', '-i', url]);
    expect(inputArgs('http://127.0.0.1:9000/b/k', 'video/webm')).toEqual(['-protocol_whitelist', 'http,tcp', '-rw_timeout', '30000000', '-f', 'matroska', '-i', 'http://127.0.0.1:9000/b/k']);
  });

  it('refuses anything but an HTTP(S) URL of an accepted video type', () => {
    expect(() => inputArgs('file:///etc/passwd', 'video/mp4')).toThrow(/HTTP/);
    expect(() => inputArgs('concat:a.mp4|b.mp4', 'video/mp4')).toThrow();
    expect(() => inputArgs('http://127.0.0.1/x', 'application/vnd.apple.mpegurl')).toThrow(/not a video type/);
  });
});
