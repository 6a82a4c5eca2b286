import { REDACTED, redactUrl } from './log-redaction';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('redactUrl', () => {
  it.each([
    '/v1/cases?token=SECRET',
    '/v1/cases?TOKEN=SECRET',
    '/v1/cases?%74oken=SECRET',
    '/v1/cases?%2574oken=SECRET',
    '/v1/cases?token[]=SECRET',
    '/v1/cases?token%5B%5D=SECRET',
    '/v1/cases?token[a]=SECRET',
    '/v1/cases?limit=5&token=SECRET&token=SECRET',
    '/v1/cases?Access_Token=SECRET',
    '/v1/cases?x=1&tok%65n=SECRET',
  ])('hides the value of a sensitive parameter however its name is written: %s', (url) => {
    const logged = redactUrl(url)!;
    expect(logged).not.toContain('SECRET');
    expect(logged).toContain(REDACTED);
  });

  it('hides any value shaped like a JWT, whatever the parameter is called', () => {
    expect(redactUrl(`/v1/cases?q=${JWT}`)).toBe(`/v1/cases?q=${REDACTED}`);
    expect(redactUrl(`/v1/cases?${JWT}`)).toBe(`/v1/cases?${REDACTED}`);
    expect(redactUrl(`/v1/cases?q=${encodeURIComponent(encodeURIComponent(JWT))}`)).not.toContain('eyJ');
  });

  it('drops the whole query string under the queue dashboard, however the path is spelled', () => {
    for (const path of ['/admin/queues/login', '/admin/queues', '/ADMIN/queues/x', '/admin/%71ueues/login', '//admin/queues/login']) {
      expect(redactUrl(`${path}?code=abc&foo=bar`)).toBe(`${path}?${REDACTED}`);
    }
  });

  it('keeps what is useful and harmless', () => {
    expect(redactUrl('/v1/cases?limit=20&cursor=abc&status=open')).toBe('/v1/cases?limit=20&cursor=abc&status=open');
    expect(redactUrl('/v1/cases')).toBe('/v1/cases');
    expect(redactUrl('/v1/cases?broken=%E0%A4%A')).toBe('/v1/cases?broken=%E0%A4%A');
  });
});
