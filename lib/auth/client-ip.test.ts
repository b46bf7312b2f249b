import { describe, expect, it } from 'vitest';
import { clientIp, trustedProxies } from './login';

describe('clientIp', () => {
  const none = trustedProxies([]);
  const proxies = trustedProxies(['127.0.0.1', '10.0.0.0/8', '::1']);

  it.each([
    [
      'no trusted proxies: the peer, whatever X-Forwarded-For says',
      '203.0.113.9',
      '6.6.6.6',
      none,
      '203.0.113.9',
    ],
    ['an untrusted peer cannot speak for others', '203.0.113.9', '6.6.6.6', proxies, '203.0.113.9'],
    [
      'a trusted proxy: the right-most entry it appended',
      '127.0.0.1',
      '6.6.6.6, 198.51.100.4',
      proxies,
      '198.51.100.4',
    ],
    [
      'trusted hops on the right are skipped',
      '10.0.0.5',
      '198.51.100.4, 10.1.2.3',
      proxies,
      '198.51.100.4',
    ],
    [
      'a dual-stack socket address is its IPv4 address',
      '::ffff:127.0.0.1',
      '198.51.100.4',
      proxies,
      '198.51.100.4',
    ],
    ['IPv6 peers', '::1', '2001:db8::7', proxies, '2001:db8::7'],
    ['only trusted addresses: the left-most of them', '127.0.0.1', '10.0.0.9', proxies, '10.0.0.9'],
    [
      'a trusted proxy without the header is the client',
      '127.0.0.1',
      undefined,
      proxies,
      '127.0.0.1',
    ],
  ])('%s', (_label, peer, xff, trusted, expected) => {
    expect(clientIp(peer, xff, trusted)).toBe(expected);
  });
});
