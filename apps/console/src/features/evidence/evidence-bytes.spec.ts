import { savedFileName } from './evidence-bytes';

describe('the name a saved evidence file gets', () => {
  it("keeps the uploader's name with the extension of what is saved", () => {
    expect(savedFileName('warehouse-floor.jpg', 'image/jpeg')).toBe('warehouse-floor.jpg');
    expect(savedFileName('IMG_0042.HEIC', 'image/jpeg')).toBe('IMG_0042.jpg');
    expect(savedFileName('unboxing', 'video/mp4')).toBe('unboxing.mp4');
    expect(savedFileName('report.final.pdf', 'application/pdf')).toBe('report.final.pdf');
    expect(savedFileName('chat.log', 'application/x-unknown')).toBe('chat.log');
  });

  it('drops control and direction-changing characters', () => {
    expect(savedFileName('invoice\u202Egpj.exe', 'image/jpeg')).toBe('invoicegpj.jpg');
    expect(savedFileName('a\u0000b\nc.png', 'image/png')).toBe('abc.png');
    expect(savedFileName('\u202E', 'image/png')).toBe('evidence.png');
    expect(savedFileName('.png', 'image/png')).toBe('evidence.png');
  });
});
