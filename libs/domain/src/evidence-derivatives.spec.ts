import { derivativeStatuses, derivativesFor, seesOriginal, viewIsOriginal, viewSource } from './evidence-derivatives';

describe('evidence derivatives', () => {
  it('makes a view copy of everything, a thumbnail of images, a poster of videos and a preview of PDFs', () => {
    expect(derivativesFor('image', 'image/heic')).toEqual(['view', 'thumbnail']);
    expect(derivativesFor('video', 'video/mp4')).toEqual(['view', 'poster']);
    expect(derivativesFor('document', 'application/pdf')).toEqual(['view', 'preview']);
    expect(derivativesFor('document', 'text/plain')).toEqual(['view']);
    expect(viewIsOriginal('document')).toBe(true);
    expect(viewIsOriginal('image')).toBe(false);
  });

  it('shows the original to its uploader, specialists and reviewers, and to nobody else', () => {
    const uploader = 'u1';
    expect(seesOriginal({ id: uploader, role: 'buyer' }, uploader)).toBe(true);
    expect(seesOriginal({ id: 's1', role: 'supplier' }, uploader)).toBe(false);
    expect(seesOriginal({ id: 'x', role: 'specialist' }, uploader)).toBe(true);
    expect(seesOriginal({ id: 'x', role: 'reviewer' }, uploader)).toBe(true);
    expect(seesOriginal({ id: 'x', role: 'admin' }, uploader)).toBe(false);
    expect(seesOriginal({ id: 'x', role: 'platform' }, uploader)).toBe(false);
  });

  it('falls back to the original only for those who may see it', () => {
    expect(viewSource('ready', false)).toBe('view');
    expect(viewSource('ready', true)).toBe('view');
    for (const status of ['pending', 'missing', 'failed'] as const) {
      expect(viewSource(status, true)).toBe('original');
      expect(viewSource(status, false)).toBeNull();
    }
  });
});

describe('derivativeStatuses', () => {
  const photo = { kind: 'image' as const, type: 'image/jpeg' };
  it('is pending until the item is available and the step has run, then says what the step found', () => {
    expect(derivativeStatuses({ ...photo, status: 'verifying' }, {})).toEqual({ view: 'pending', thumbnail: 'pending' });
    expect(derivativeStatuses({ ...photo, status: 'available' }, {})).toEqual({ view: 'pending', thumbnail: 'pending' });
    expect(derivativeStatuses({ ...photo, status: 'available' }, { view: { status: 'ready' }, thumbnail: { status: 'failed' } })).toEqual({ view: 'ready', thumbnail: 'failed' });
    expect(derivativeStatuses({ ...photo, status: 'rejected' }, {})).toEqual({ view: 'missing', thumbnail: 'missing' });
  });

  it('has a document ready as its own view copy once available', () => {
    expect(derivativeStatuses({ kind: 'document', type: 'application/pdf', status: 'available' }, {})).toEqual({ view: 'ready', preview: 'pending' });
    expect(derivativeStatuses({ kind: 'document', type: 'text/plain', status: 'available' }, {})).toEqual({ view: 'ready' });
  });
});
