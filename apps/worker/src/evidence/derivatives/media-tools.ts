import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Debian's tools the derivatives use besides sharp: ffmpeg and ffprobe (videos), poppler-utils (PDFs), libheif-examples (HEIC). */
export const MEDIA_TOOLS = ['ffmpeg', 'ffprobe', 'pdftoppm', 'pdfinfo', 'heif-convert'] as const;
export type MediaTool = (typeof MEDIA_TOOLS)[number];

/** What cannot be made without each tool, for the boot message. */
const NEEDED_FOR: Record<MediaTool, string> = {
  ffmpeg: 'video posters and view copies',
  ffprobe: 'video duration and size',
  pdftoppm: 'PDF previews',
  pdfinfo: 'PDF page counts',
  'heif-convert': 'HEIC view copies and thumbnails',
};

/** A tool refused the file, took too long or said too much: the file is unreadable, which is not worth a retry. */
export class UnreadableMedia extends Error {}

export interface RunLimits {
  timeoutMs?: number;
  /** Output beyond this is refused (the child is killed): a tool's answer about one file is small. */
  maxStdoutBytes?: number;
}

/**
 * Finds the media tools once, at boot, and runs them on untrusted files: in a child process with nothing from this
 * process's environment (no credentials), no standard input, a time limit (killed after it) and a bound on what it
 * may print. `npm start` works without any of them: the boot log says which derivatives cannot be made, and those
 * are marked `missing`.
 */
@Injectable()
export class MediaTools implements OnModuleInit {
  private readonly logger = new Logger(MediaTools.name);
  private readonly found = new Map<MediaTool, string>();
  private readonly searchPath: string;
  readonly timeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.searchPath = config.media.toolsPath;
    this.timeoutMs = config.media.timeoutMs;
    for (const tool of MEDIA_TOOLS) {
      const path = findExecutable(tool, this.searchPath);
      if (path) this.found.set(tool, path);
    }
  }

  onModuleInit(): void {
    const missing = MEDIA_TOOLS.filter((tool) => !this.found.has(tool));
    if (!missing.length) {
      this.logger.log(`evidence derivatives: every media tool found (${MEDIA_TOOLS.join(', ')})`);
      return;
    }
    this.logger.warn(
      `evidence derivatives that cannot be made here, marked missing (the evidence stays usable): ` +
        missing.map((tool) => `${NEEDED_FOR[tool]} (${tool} not found)`).join('; ') +
        '. Install Debian packages ffmpeg, poppler-utils and libheif-examples to make them.',
    );
  }

  has(...tools: MediaTool[]): boolean {
    return tools.every((tool) => this.found.has(tool));
  }

  /** Runs `tool` with `args`; answers its standard output. Throws UnreadableMedia when it fails, times out or says too much. */
  run(tool: MediaTool, args: string[], limits: RunLimits = {}): Promise<Buffer> {
    const path = this.found.get(tool);
    if (!path) throw new Error(`${tool} is not installed`);
    const timeoutMs = limits.timeoutMs ?? this.timeoutMs;
    const maxStdout = limits.maxStdoutBytes ?? 1024 * 1024;
    return new Promise((resolve, reject) => {
      const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: this.searchPath, HOME: tmpdir(), LC_ALL: 'C' } });
      const out: Buffer[] = [];
      let outBytes = 0;
      let stderr = '';
      let refusal: string | null = null;
      const stop = (why: string) => {
        refusal ??= why;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => stop(`took more than ${timeoutMs} ms`), timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > maxStdout) return stop(`printed more than ${maxStdout} bytes`);
        out.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < 4096) stderr += chunk.toString('utf8');
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (refusal) return reject(new UnreadableMedia(`${tool} ${refusal}`));
        if (code !== 0) return reject(new UnreadableMedia(`${tool} failed (${signal ?? `exit ${code}`}): ${stderr.trim().slice(0, 500)}`));
        resolve(Buffer.concat(out));
      });
    });
  }
}

function findExecutable(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}
