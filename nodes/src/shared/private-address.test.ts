import { describe, expect, it } from 'vitest';
import { classifyAddress } from './private-address.js';

describe('classifyAddress', () => {
  it('passes public IPv4 and IPv6 addresses', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.15.255.255',
      '172.32.0.1',
      '100.63.255.255',
      '100.128.0.1',
      '192.169.0.1',
      '2606:4700:4700::1111',
      '2001:4860:4860::8888',
    ]) {
      expect(classifyAddress(address), address).toBeNull();
    }
  });

  it('names each non-public IPv4 range, edges included', () => {
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('127.255.255.254')).toBe('loopback');
    expect(classifyAddress('10.0.0.1')).toBe('private');
    expect(classifyAddress('172.16.0.0')).toBe('private');
    expect(classifyAddress('172.31.255.255')).toBe('private');
    expect(classifyAddress('192.168.1.10')).toBe('private');
    expect(classifyAddress('169.254.169.254')).toBe('link-local');
    expect(classifyAddress('100.64.0.1')).toBe('shared (CGNAT)');
    expect(classifyAddress('100.127.255.255')).toBe('shared (CGNAT)');
    expect(classifyAddress('0.0.0.0')).toBe('unspecified');
    expect(classifyAddress('224.0.0.251')).toBe('multicast');
    expect(classifyAddress('255.255.255.255')).toBe('reserved');
  });

  it('names each non-public IPv6 range', () => {
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('::')).toBe('unspecified');
    expect(classifyAddress('fe80::1')).toBe('link-local');
    expect(classifyAddress('fe80::1%eth0')).toBe('link-local');
    expect(classifyAddress('febf::1')).toBe('link-local');
    expect(classifyAddress('fc00::1')).toBe('unique-local');
    expect(classifyAddress('fd12:3456:789a::1')).toBe('unique-local');
    expect(classifyAddress('ff02::1')).toBe('multicast');
    expect(classifyAddress('::7f00:1')).toBe('reserved');
  });

  it('judges IPv4 embedded in IPv6 as the IPv4 host it reaches', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    expect(classifyAddress('::ffff:10.1.2.3')).toBe('private');
    expect(classifyAddress('::ffff:a9fe:a9fe')).toBe('link-local');
    expect(classifyAddress('::ffff:100.64.0.1')).toBe('shared (CGNAT)');
    expect(classifyAddress('::ffff:0.0.0.0')).toBe('unspecified');
    expect(classifyAddress('64:ff9b::192.168.0.1')).toBe('private');
    expect(classifyAddress('2002:7f00:1::')).toBe('loopback');
    expect(classifyAddress('::ffff:8.8.8.8')).toBeNull();
  });

  it('refuses what is not an IP address', () => {
    expect(classifyAddress('localhost')).toBe('not an IP address');
    expect(classifyAddress('010.0.0.1')).toBe('not an IP address');
    expect(classifyAddress('')).toBe('not an IP address');
  });
});
