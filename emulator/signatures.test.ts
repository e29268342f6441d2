import { describe, expect, it } from 'vitest';
import { v2Signature, v2StringToSign } from './signature-v2';
import {
  canonicalQueryString,
  canonicalRequest,
  parseV3Authorization,
  sha256Hex,
  v3Signature,
  v3StringToSign,
} from './signature-v3';

// Published vectors from Alibaba Cloud's own signing examples (V3 and V2): if these move, every real client breaks.
describe('signature V3 (ACS3-HMAC-SHA256)', () => {
  const headers = {
    host: 'ecs.cn-shanghai.aliyuncs.com',
    'x-acs-action': 'RunInstances',
    'x-acs-content-sha256': sha256Hex(''),
    'x-acs-date': '2023-10-26T10:22:32Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
    'x-acs-version': '2014-05-26',
  };
  const input = {
    method: 'POST',
    query: [
      ['RegionId', 'cn-shanghai'],
      ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
    ] as [string, string][],
    headers,
    signedHeaders: Object.keys(headers).sort(),
    payloadHash: sha256Hex(''),
  };

  it('reproduces the published canonical-request hash', () => {
    expect(sha256Hex(canonicalRequest(input))).toBe(
      '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    );
  });

  it('reproduces the published signature', () => {
    const signature = v3Signature('YourAccessKeySecret', v3StringToSign(canonicalRequest(input)));
    expect(signature).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
  });

  it('encodes the canonical query per RFC 3986, whatever the wire carried', () => {
    expect(
      canonicalQueryString([
        ['ObjectPath', 'https://a.com/x y*~.js'],
        ['A', '+'],
      ]),
    ).toBe('A=%2B&ObjectPath=https%3A%2F%2Fa.com%2Fx%20y%2A~.js');
  });

  it('parses an Authorization header and refuses an incomplete one', () => {
    expect(
      parseV3Authorization('ACS3-HMAC-SHA256 Credential=k,SignedHeaders=host;x-acs-date,Signature=ab'),
    ).toEqual({
      credential: 'k',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'ab',
    });
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=k,Signature=ab')).toBeNull();
    expect(parseV3Authorization('Bearer x')).toBeNull();
  });
});

describe('signature V2 (HMAC-SHA1)', () => {
  const common = {
    AccessKeyId: 'testid',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    Version: '2014-05-26',
  };

  it('reproduces published example A (DescribeRegions)', () => {
    const params = Object.entries({
      ...common,
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Timestamp: '2016-02-23T12:46:24Z',
    });
    expect(v2Signature('testsecret', v2StringToSign('GET', params))).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('reproduces published example B (DescribeDedicatedHosts)', () => {
    const params = Object.entries({
      ...common,
      Action: 'DescribeDedicatedHosts',
      Format: 'JSON',
      RegionId: 'cn-beijing',
      SignatureNonce: 'edb2b34af0af9a6d14deaf7c1a5315eb',
      Timestamp: '2023-03-13T08:34:30Z',
    });
    expect(v2Signature('testsecret', v2StringToSign('GET', params))).toBe('9NaGiOspFP5UPcwX8Iwt2YJXXuk=');
  });

  it('leaves Signature itself out of what is signed', () => {
    const params: [string, string][] = [
      ['Action', 'X'],
      ['Signature', 'whatever'],
    ];
    expect(v2StringToSign('GET', params)).toBe('GET&%2F&Action%3DX');
  });
});
