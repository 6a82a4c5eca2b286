import { linksAvailable, originalShownNote, seesOriginal, stillBeingMade, tilePicture, viewAbsence } from './derivatives';
import type { Evidence } from './use-evidence';

const NOW = Date.parse('2030-01-10T12:00:00Z');
const item = (over: Partial<Evidence> = {}): Evidence =>
  ({
    id: 'e1',
    uploadedBy: 'buyer-1',
    kind: 'image',
    status: 'available',
    availableAt: '2030-01-10T11:59:00Z',
    derivatives: { view: 'ready', thumbnail: 'ready' },
    ...over,
  }) as Evidence;

describe('evidence derivatives in the console', () => {
  it('gives the original to its uploader and staff only', () => {
    expect(seesOriginal({ role: 'buyer', userId: 'buyer-1' }, item())).toBe(true);
    expect(seesOriginal({ role: 'specialist', userId: 'x' }, item())).toBe(true);
    expect(seesOriginal({ role: 'reviewer', userId: 'x' }, item())).toBe(true);
    expect(seesOriginal({ role: 'supplier', userId: 'supplier-1' }, item())).toBe(false);
    expect(seesOriginal({ role: 'admin', userId: 'x' }, item())).toBe(false);
  });

  it('asks for links only when there is a view this viewer may be given', () => {
    const pendingView = item({ derivatives: { view: 'pending', thumbnail: 'ready' } });
    expect(linksAvailable(pendingView, true)).toBe(true);
    expect(linksAvailable(pendingView, false)).toBe(false);
    expect(linksAvailable(item({ status: 'verifying' }), true)).toBe(false);
  });

  it('shows thumbnails, posters and previews when ready, and says in words why not', () => {
    expect(tilePicture(item(), false)).toEqual({ picture: 'thumbnail' });
    expect(tilePicture(item({ kind: 'video', derivatives: { view: 'ready', poster: 'ready' } }), false)).toEqual({ picture: 'poster' });
    expect(tilePicture(item({ kind: 'document', derivatives: { view: 'ready', preview: 'ready' } }), false)).toEqual({ picture: 'preview' });
    expect(tilePicture(item({ derivatives: { view: 'pending', thumbnail: 'pending' } }), true)).toEqual({ text: 'Making the thumbnail…', pending: true });
    expect(tilePicture(item({ kind: 'video', derivatives: { view: 'failed', poster: 'failed' } }), true)).toEqual({ text: 'No poster: the video could not be read', pending: false });
    expect(tilePicture(item({ kind: 'video', derivatives: { view: 'missing', poster: 'missing' } }), true)).toEqual({ text: 'No poster: this server cannot make one', pending: false });
    expect(tilePicture(item({ kind: 'document', derivatives: { view: 'ready' } }), false)).toEqual({ text: 'Document', pending: false });
    expect(tilePicture(item({ status: 'verifying' }), true)).toEqual({ text: 'Photo', pending: false });
  });

  it('never shows the other party a thumbnail before the copy without metadata exists', () => {
    const thumbnailFirst = item({ derivatives: { view: 'pending', thumbnail: 'ready' } });
    expect(tilePicture(thumbnailFirst, true)).toEqual({ picture: 'thumbnail' });
    expect(tilePicture(thumbnailFirst, false)).toMatchObject({ pending: true });
  });

  it('says why the other party cannot open an item, and tells the uploader what the other side sees', () => {
    expect(viewAbsence(item())).toBeNull();
    expect(viewAbsence(item({ derivatives: { view: 'pending' } }))).toMatchObject({ pending: true });
    expect(viewAbsence(item({ kind: 'video', derivatives: { view: 'failed' } }))?.text).toBe(
      'The copy without its metadata could not be made (the video could not be read): only its uploader and the trade specialists can open this video.',
    );
    expect(originalShownNote(item())).toBeNull();
    expect(originalShownNote(item({ kind: 'video', derivatives: { view: 'failed' } }))).toContain('the other side cannot open it');
    expect(originalShownNote(item({ kind: 'document', derivatives: { view: 'ready' } }))).toBeNull();
  });

  it('asks the list again while something is verified or made, but not for ever', () => {
    expect(stillBeingMade([item()], NOW)).toBe(false);
    expect(stillBeingMade([item({ status: 'verifying', availableAt: null })], NOW)).toBe(true);
    expect(stillBeingMade([item({ derivatives: { view: 'ready', thumbnail: 'pending' } })], NOW)).toBe(true);
    expect(stillBeingMade([item({ derivatives: { view: 'ready', thumbnail: 'pending' }, availableAt: '2030-01-10T11:00:00Z' })], NOW)).toBe(false);
  });
});
