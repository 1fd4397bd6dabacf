import * as assert from 'node:assert/strict';
import { type AddressKind, classifyAddress, describeAddressKind, isPublicHost } from '../../src/kantata/addressRules';

describe('addressRules: which addresses are on the public internet', () => {
  it('classifies IPv4 addresses, at the edges of each range', () => {
    const table: [string, AddressKind][] = [
      ['0.0.0.0', 'unspecified'],
      ['0.255.255.255', 'unspecified'],
      ['1.1.1.1', 'public'],
      ['9.255.255.255', 'public'],
      ['10.0.0.0', 'private'],
      ['10.255.255.255', 'private'],
      ['11.0.0.0', 'public'],
      ['100.63.255.255', 'public'],
      ['100.64.0.0', 'shared'],
      ['100.127.255.255', 'shared'],
      ['100.128.0.0', 'public'],
      ['126.255.255.255', 'public'],
      ['127.0.0.1', 'loopback'],
      ['127.0.0.2', 'loopback'],
      ['127.255.255.255', 'loopback'],
      ['169.253.255.255', 'public'],
      ['169.254.169.254', 'link-local'],
      ['169.255.0.0', 'public'],
      ['172.15.255.255', 'public'],
      ['172.16.0.0', 'private'],
      ['172.31.255.255', 'private'],
      ['172.32.0.0', 'public'],
      ['192.0.0.8', 'reserved'],
      ['192.0.2.1', 'reserved'],
      ['192.167.255.255', 'public'],
      ['192.168.0.1', 'private'],
      ['192.168.255.255', 'private'],
      ['192.169.0.0', 'public'],
      ['198.18.0.1', 'reserved'],
      ['198.19.255.255', 'reserved'],
      ['198.20.0.0', 'public'],
      ['203.0.113.7', 'reserved'],
      ['93.184.216.34', 'public'],
      ['223.255.255.255', 'public'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.255', 'multicast'],
      ['240.0.0.1', 'reserved'],
      ['255.255.255.255', 'reserved'],
    ];
    for (const [address, kind] of table) {
      assert.equal(classifyAddress(address), kind, address);
    }
  });

  it('classifies IPv6 addresses, and IPv4 addresses inside them by the IPv4 address', () => {
    const table: [string, AddressKind][] = [
      ['::', 'unspecified'],
      ['::1', 'loopback'],
      ['[::1]', 'loopback'],
      ['0:0:0:0:0:0:0:1', 'loopback'],
      ['::2', 'reserved'],
      ['::127.0.0.1', 'reserved'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['[::ffff:7f00:1]', 'loopback'],
      ['::FFFF:A9FE:A9FE', 'link-local'],
      ['::ffff:10.0.0.5', 'private'],
      ['::ffff:8.8.8.8', 'public'],
      ['64:ff9b::7f00:1', 'loopback'],
      ['64:ff9b::808:808', 'public'],
      ['64:ff9b:1::1', 'private'],
      ['2002:a9fe:a9fe::1', 'link-local'],
      ['2002:808:808::1', 'public'],
      ['100::1', 'reserved'],
      ['2001:db8::1', 'reserved'],
      ['2606:4700:4700::1111', 'public'],
      ['2a00:1450:4001:80b::200e', 'public'],
      ['fbff:ffff::1', 'public'],
      ['fc00::1', 'private'],
      ['fd00::', 'private'],
      ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'private'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['febf::1', 'link-local'],
      ['fec0::1', 'private'],
      ['ff02::1', 'multicast'],
      ['1:2:3:4:5:6:7.8.9.10', 'public'],
    ];
    for (const [address, kind] of table) {
      assert.equal(classifyAddress(address), kind, address);
    }
  });

  it('is no judge of host names or anything else', () => {
    for (const text of ['example.com', 'localhost', '', '127.0.0.1.nip.io', '256.0.0.1', '1.2.3', '::ffff:1.2.3.4.5', 'fe80::1::2']) {
      assert.equal(classifyAddress(text), undefined, text);
    }
  });

  it('says what each kind is, in plain words', () => {
    assert.equal(describeAddressKind('private'), 'a private address');
    assert.equal(describeAddressKind('loopback'), 'a loopback address (this machine)');
    assert.equal(describeAddressKind('link-local'), 'a link-local address');
  });

  it('takes a base URL host for public unless it is a non-public address or a name of this machine', () => {
    const table: [string, boolean][] = [
      ['api.mavenlink.com', true],
      ['kantata.example.com', true],
      ['93.184.216.34', true],
      ['[2606:4700::1]', true],
      ['127.0.0.1', false],
      ['127.0.0.2', false],
      ['[::1]', false],
      ['localhost', false],
      ['LOCALHOST.', false],
      ['api.localhost', false],
      ['10.20.30.40', false],
      ['192.168.1.10', false],
      ['[fd12::1]', false],
    ];
    for (const [host, isPublic] of table) {
      assert.equal(isPublicHost(host), isPublic, host);
    }
  });
});
