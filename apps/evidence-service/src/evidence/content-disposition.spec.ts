import { contentDisposition } from './content-disposition';

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
