import { contentDisposition, downloadFileName } from './content-disposition';

describe('contentDisposition', () => {
  it('keeps a plain name as it is', () => {
    expect(contentDisposition('unboxing.mp4')).toBe(`attachment; filename="unboxing.mp4"; filename*=UTF-8''unboxing.mp4`);
  });

  it('never lets quotes, backslashes or line breaks into the header', () => {
    const header = contentDisposition('a"b\\c\r\nSet-Cookie: x=1.jpg');
    expect(header).toContain('filename="a_b_c__Set-Cookie: x=1.jpg"');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain(`filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1.jpg`);
  });

  it('gives non-ASCII names exactly in the RFC 8187 form', () => {
    expect(contentDisposition('货物破损 (1).jpg')).toBe(
      `attachment; filename="____ (1).jpg"; filename*=UTF-8''%E8%B4%A7%E7%89%A9%E7%A0%B4%E6%8D%9F%20%281%29.jpg`,
    );
  });
});

describe('downloadFileName', () => {
  it('gives the extension of the type the bytes were found to be, whatever the uploader named it', () => {
    expect(downloadFileName('photo.html', 'image/jpeg')).toBe('photo.jpg');
    expect(downloadFileName('evidence.html', 'application/pdf')).toBe('evidence.pdf');
    expect(downloadFileName('statement.hta', 'text/plain')).toBe('statement.txt');
    expect(downloadFileName('scan', 'image/png')).toBe('scan.png');
    expect(downloadFileName('holiday.tar.gz', 'video/mp4')).toBe('holiday.tar.mp4');
  });

  it('keeps a name whose extension already fits the type, in any case', () => {
    expect(downloadFileName('crate-1.JPEG', 'image/jpeg')).toBe('crate-1.JPEG');
    expect(downloadFileName('Invoice no. 5', 'application/pdf')).toBe('Invoice no. 5.pdf');
    expect(downloadFileName('chat.log', 'text/plain')).toBe('chat.log');
    expect(downloadFileName('货物破损 (1).jpg', 'image/jpeg')).toBe('货物破损 (1).jpg');
  });

  it('removes control, bidi and zero-width characters and path separators', () => {
    // Shown by a bidi-aware file manager as "invoiceexe.pdf"; the bytes are a PDF, and so is the name now.
    expect(downloadFileName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoicefdp.pdf');
    expect(downloadFileName('re\u2067port\u2069\u200b.pdf', 'application/pdf')).toBe('report.pdf');
    expect(downloadFileName('a\r\nb\u0000c\u0085.txt', 'text/plain')).toBe('abc.txt');
    expect(downloadFileName('../../etc/passwd', 'text/plain')).toBe('....etcpasswd.txt');
  });

  it('never gives an empty or hidden name', () => {
    expect(downloadFileName('\u202E', 'image/png')).toBe('evidence.png');
    expect(downloadFileName('.html', 'application/pdf')).toBe('.html.pdf');
    expect(downloadFileName('photo. ', 'image/jpeg')).toBe('photo.jpg');
    expect(downloadFileName('...', 'image/jpeg')).toBe('evidence.jpg');
  });
});
