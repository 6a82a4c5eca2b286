import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MediaTools, UnreadableMedia } from './media-tools';

/** A PDF's page count (pdfinfo) and its first page as a PNG of at most 1280 px (pdftoppm), from a local copy. */
export class PdfTools {
  constructor(private readonly tools: MediaTools) {}

  async pages(path: string): Promise<number> {
    const info = (await this.tools.run('pdfinfo', [path])).toString('latin1');
    const pages = Number(info.match(/^Pages:\s+(\d+)\s*$/m)?.[1]);
    if (!Number.isSafeInteger(pages) || pages < 1) throw new UnreadableMedia('pdfinfo found no pages');
    return pages;
  }

  async firstPage(path: string, workDir: string): Promise<Buffer> {
    const prefix = join(workDir, 'preview');
    await this.tools.run('pdftoppm', ['-f', '1', '-l', '1', '-singlefile', '-scale-to', '1280', '-png', path, prefix]);
    return readFile(`${prefix}.png`);
  }
}
