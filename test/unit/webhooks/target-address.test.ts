import { describe, expect, it } from 'vitest';
import {
  checkResolvedAddresses,
  checkTarget,
  checkTargetUrl,
  isPublicAddress,
  parseIpAddress,
} from '../../../shared/domain/webhooks/target-address';

describe('public addresses', () => {
  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.169.0.1',
    '169.253.255.255',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'instance metadata'],
    ['169.254.0.1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['192.0.0.8', 'IETF assignments'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback, long form'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with zone'],
    ['febf:ffff::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'EC2 metadata over IPv6'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of metadata'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['2002:7f00:1::1', '6to4'],
    ['100::1', 'discard'],
    ['fec0::1', 'site-local'],
    ['localhost', 'not an address'],
    ['1.2.3', 'not an address'],
    ['1.2.3.256', 'not an address'],
    ['01.2.3.4', 'not an address'],
    ['1::2::3', 'not an address'],
    ['12345::1', 'not an address'],
    ['1:2:3:4:5:6:7:8:9', 'not an address'],
  ])('%s is not public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it('parses both families', () => {
    expect(parseIpAddress('192.168.0.1')).toEqual({ version: 4, value: 0xc0a80001 });
    expect(parseIpAddress('[::1]')).toEqual({ version: 6, value: 1n });
    expect(parseIpAddress('1:2:3:4:5:6:7::')).toEqual({
      version: 6,
      value: 0x0001_0002_0003_0004_0005_0006_0007_0000n,
    });
    expect(parseIpAddress('example.com')).toBeUndefined();
  });
});

describe('target URLs in AWS', () => {
  it.each([
    ['http://hooks.example.com/kefu', 'scheme-not-allowed'],
    ['ftp://hooks.example.com/kefu', 'scheme-not-allowed'],
    ['file:///etc/passwd', 'scheme-not-allowed'],
    ['gopher://hooks.example.com/', 'scheme-not-allowed'],
    ['javascript:alert(1)', 'scheme-not-allowed'],
    ['https://user:pass@hooks.example.com/', 'credentials-in-url'],
    ['https://token@hooks.example.com/', 'credentials-in-url'],
    ['not a url', 'not-a-url'],
    [`https://hooks.example.com/${'a'.repeat(2030)}`, 'too-long'],
    ['https://localhost/', 'host-not-allowed'],
    ['https://LOCALHOST./', 'host-not-allowed'],
    ['https://receiver.localhost:8443/', 'host-not-allowed'],
    ['https://127.0.0.1/', 'address-not-allowed'],
    ['https://169.254.169.254/latest/meta-data/', 'address-not-allowed'],
    ['https://10.0.0.5:8443/hook', 'address-not-allowed'],
    ['https://[::1]/', 'address-not-allowed'],
    ['https://[::ffff:127.0.0.1]/', 'address-not-allowed'],
    ['https://[fd00:ec2::254]/', 'address-not-allowed'],
    // WHATWG URL parsing turns the odd IPv4 spellings into dotted decimal first.
    ['https://2130706433/', 'address-not-allowed'],
    ['https://0x7f.1/', 'address-not-allowed'],
    ['https://0177.0.0.1/', 'address-not-allowed'],
    ['https://0/', 'address-not-allowed'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(checkTargetUrl(url, 'aws')).toMatchObject({ ok: false, reason });
  });

  it('accepts https to a host name, leaving its addresses to check', () => {
    const check = checkTargetUrl('https://hooks.example.com:8443/kefu?tenant=1', 'aws');
    expect(check).toMatchObject({ ok: true, hostname: 'hooks.example.com' });
    expect(check.ok && check.address).toBeUndefined();
    expect(checkTargetUrl('https://8.8.8.8/hook', 'aws')).toMatchObject({
      ok: true,
      address: '8.8.8.8',
    });
    expect(checkTargetUrl(`https://h.example.com/${'a'.repeat(2020)}`, 'aws').ok).toBe(true);
  });

  it('refuses a name when any of its addresses is not public', () => {
    expect(checkResolvedAddresses(['93.184.215.14'], 'aws')).toEqual({ ok: true });
    expect(checkResolvedAddresses(['93.184.215.14', '10.1.2.3'], 'aws')).toEqual({
      ok: false,
      reason: 'address-not-allowed',
      address: '10.1.2.3',
    });
    expect(checkResolvedAddresses(['::ffff:169.254.169.254'], 'aws').ok).toBe(false);
    expect(checkResolvedAddresses([], 'aws')).toEqual({ ok: false, reason: 'no-address' });
    expect(checkTarget('https://hooks.example.com/', ['127.0.0.1'], 'aws').ok).toBe(false);
    expect(checkTarget('https://hooks.example.com/', ['2606:4700::1'], 'aws').ok).toBe(true);
  });
});

describe('target URLs locally', () => {
  it('allows http and private or loopback addresses', () => {
    expect(checkTarget('http://localhost:4000/hook', ['127.0.0.1', '::1'], 'local')).toEqual({
      ok: true,
    });
    expect(checkTarget('http://127.0.0.1:4000/hook', [], 'local')).toEqual({ ok: true });
    expect(checkTarget('http://[::1]:4000/hook', [], 'local')).toEqual({ ok: true });
    expect(checkTarget('http://192.168.1.20/hook', [], 'local')).toEqual({ ok: true });
    expect(checkTarget('https://receiver.internal/hook', ['10.0.0.9'], 'local')).toEqual({
      ok: true,
    });
  });

  it('still refuses other schemes, credentials and overlong URLs', () => {
    expect(checkTargetUrl('ftp://localhost/', 'local')).toMatchObject({
      reason: 'scheme-not-allowed',
    });
    expect(checkTargetUrl('http://a:b@localhost/', 'local')).toMatchObject({
      reason: 'credentials-in-url',
    });
    expect(checkTargetUrl(`http://localhost/${'a'.repeat(2048)}`, 'local')).toMatchObject({
      reason: 'too-long',
    });
  });
});
