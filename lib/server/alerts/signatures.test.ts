/**
 * The robots' signatures against values computed independently, with Python's hmac and base64
 * modules exactly as the DingTalk and Feishu documentation's samples do (docs/alerts.md).
 */
import { describe, expect, it } from 'vitest';
import { dingTalkSign, dingTalkSignedUrl, feishuSign } from './signatures';

describe('robot signatures', () => {
  it('DingTalk: HmacSHA256 keyed by the secret over "timestamp\\nsecret", base64, URL-encoded in the query', () => {
    expect(dingTalkSign('SECtest-secret-1234', 1764403200000)).toBe(
      'XcvAttMNqFKTuiZnirA/RFP0OUVylbe0Kzk50a7wlCU=',
    );
    const url = dingTalkSignedUrl(
      new URL('https://oapi.dingtalk.com/robot/send?access_token=abc'),
      'SECtest-secret-1234',
      1764403200000,
    );
    expect(url.search).toBe(
      '?access_token=abc&timestamp=1764403200000&sign=XcvAttMNqFKTuiZnirA%2FRFP0OUVylbe0Kzk50a7wlCU%3D',
    );
  });

  it('Feishu: HmacSHA256 keyed by "timestamp\\nsecret" over an empty message, base64', () => {
    expect(feishuSign('feishu-secret-abcd', 1764403200)).toBe('vsrLyC+c78H2JK1mowl3lwROCCsu2mwVGLUJXtUOSrA=');
  });
});
