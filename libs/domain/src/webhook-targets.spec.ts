import { nonPublicAddress, resolveWebhookTarget } from './webhook-targets';

describe('nonPublicAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata lives here)'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['100.100.100.200', 'shared (carrier-grade NAT)'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'unique local'],
    ['fd00:ec2::254', 'unique local'],
    ['fe80::1', 'link-local (cloud metadata lives here)'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata lives here)'],
    ['::10.0.0.1', 'private'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378::1', 'reserved'],
    ['3fff::1', null],
  ])('%s is %s', (ip, kind) => {
    if (kind === null) return expect(nonPublicAddress(ip)).toBeNull();
    expect(nonPublicAddress(ip)).toBe(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2a00:1450:4001::200e'])(
    '%s is public',
    (ip) => expect(nonPublicAddress(ip)).toBeNull(),
  );

  it('refuses what is not an address at all', () => {
    for (const notIp of ['example.com', '1.2.3', '1.2.3.256', '01.2.3.4', '1::2::3', 'fe80::1%eth0', '12345::']) {
      expect(() => nonPublicAddress(notIp)).toThrow(/not an IP address/);
    }
  });
});

describe('resolveWebhookTarget', () => {
  const resolver = (answers: Record<string, string[]>) => async (host: string) => {
    if (!answers[host]) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return answers[host];
  };
  const dns = resolver({ 'hooks.example.com': ['93.184.216.34'], 'intranet.example.com': ['93.184.216.34', '10.0.0.7'], localhost: ['127.0.0.1', '::1'] });
  const refused = (url: string) => expect(resolveWebhookTarget(url, dns, false)).rejects.toMatchObject({ code: 'validation_failed', field: 'url' });

  it('answers the checked address of a public target, to connect to', async () => {
    await expect(resolveWebhookTarget('https://hooks.example.com/arbiter', dns, false)).resolves.toMatchObject({
      hostname: 'hooks.example.com',
      address: '93.184.216.34',
    });
    await expect(resolveWebhookTarget('http://[2606:4700::1111]:8080/h', dns, false)).resolves.toMatchObject({ address: '2606:4700::1111' });
  });

  it('refuses loopback, private, link-local, CGNAT, unique-local, mapped and unspecified targets, however written', async () => {
    for (const url of [
      'http://127.0.0.1:4000/hook',
      'http://localhost/hook',
      'http://10.0.0.5/',
      'http://172.20.1.1/',
      'http://192.168.0.10/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.1.1/',
      'http://[::1]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0:3000/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://0x7f000001/',
    ]) {
      await refused(url);
    }
  });

  it('refuses a name with any private address among its public ones, and a name that does not resolve', async () => {
    await expect(resolveWebhookTarget('https://intranet.example.com/h', dns, false)).rejects.toThrow(/10\.0\.0\.7, a private address/);
    await expect(resolveWebhookTarget('https://nowhere.example.com/h', dns, false)).rejects.toThrow(/does not resolve \(ENOTFOUND\)/);
    await refused('ftp://hooks.example.com/h');
  });

  it('lets private targets through when allowed, still resolving them once', async () => {
    await expect(resolveWebhookTarget('http://localhost:4000/hook', dns, true)).resolves.toMatchObject({ hostname: 'localhost', address: '127.0.0.1' });
  });
});
