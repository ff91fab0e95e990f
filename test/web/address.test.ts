import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPublicHost, ipv6Groups, privateAddressReason } from '../../src/ingest/fetch-address.ts';

test('private, loopback and special IPv4 ranges are refused; their public neighbours are not', () => {
  const refused = ['127.0.0.1', '127.255.255.254', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.255', '0.0.0.0', '0.1.2.3', '224.0.0.1', '255.255.255.255'];
  const allowed = ['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.0', '11.0.0.1', '192.169.0.1', '169.253.0.1'];
  for (const address of refused) assert.notEqual(privateAddressReason(address), null, address);
  for (const address of allowed) assert.equal(privateAddressReason(address), null, address);
});

test('IPv6: loopback, unique local, link-local and IPv4 carried inside IPv6 are refused', () => {
  const refused = ['::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'febf::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:c0a8:0101::1', '[::1]', 'fe80::1%eth0'];
  const allowed = ['2001:4860:4860::8888', '2a00:1450::1', '::ffff:8.8.8.8', '2002:0808:0808::1', '2600::1'];
  for (const address of refused) assert.notEqual(privateAddressReason(address), null, address);
  for (const address of allowed) assert.equal(privateAddressReason(address), null, address);
  assert.deepEqual(ipv6Groups('::ffff:127.0.0.1'), [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
  assert.deepEqual(ipv6Groups('1::2'), [1, 0, 0, 0, 0, 0, 0, 2]);
  assert.equal(ipv6Groups('1:2:3'), null);
});

test('assertPublicHost checks literal hosts and every resolved address, with a clear reason', async () => {
  const lookup = async (host: string) => ({ 'mixed.test': ['93.184.216.34', '10.0.0.7'], 'public.test': ['93.184.216.34'], 'loopback.test': ['127.0.0.1'] })[host] ?? [];
  await assert.doesNotReject(assertPublicHost(new URL('http://public.test/'), lookup));
  await assert.rejects(assertPublicHost(new URL('http://mixed.test/'), lookup), /mixed\.test resolves to 10\.0\.0\.7.*private.*--allow-private/);
  await assert.rejects(assertPublicHost(new URL('http://loopback.test/'), lookup), /loopback/);
  // The URL parser turns decimal and hex IPv4 forms into dotted quads before we look.
  await assert.rejects(assertPublicHost(new URL('http://2130706433/'), lookup), /127\.0\.0\.1 is not a public address \(loopback\)/);
  await assert.rejects(assertPublicHost(new URL('http://0x7f.1/'), lookup), /127\.0\.0\.1 is not a public address \(loopback\)/);
  await assert.rejects(assertPublicHost(new URL('http://[::ffff:127.0.0.1]/'), lookup), /loopback \(IPv4 inside IPv6\)/);
  await assert.rejects(assertPublicHost(new URL('http://nowhere.test/'), lookup), /cannot resolve host nowhere\.test/);
});
