import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from './locales';

describe('localeFromAcceptLanguage', () => {
  it('takes the first language we have, by q-value', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(localeFromAcceptLanguage('fr-FR,zh-Hans;q=0.7,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('en;q=0.2, zh-TW;q=0.5')).toBe('zh');
  });
  it('falls back to English for none, nothing we have, or q=0', () => {
    expect(localeFromAcceptLanguage(null)).toBe('en');
    expect(localeFromAcceptLanguage('fr, de;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('zh;q=0, fr')).toBe('en');
  });
});
