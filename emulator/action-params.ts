/** Reading and validating one call's parameters, with the API's own error codes for bad values. */
import { type ApiError, invalidParameter, missingParameter } from './api-error';

export class ActionParams {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** The value, or undefined when absent. An empty value counts as absent, as the SDKs never send one. */
  get(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value === '' ? undefined : value;
  }

  /** An integer within [min, max], or the default; anything else is InvalidParameter naming it. */
  integer(name: string, min: number, max: number, fallback: number): number {
    const text = this.get(name);
    if (text === undefined) return fallback;
    if (!/^-?\d+$/.test(text))
      throw invalidParameter(name, `It must be an integer between ${min} and ${max}.`);
    const value = Number(text);
    if (value < min || value > max) throw invalidParameter(name, `It must be between ${min} and ${max}.`);
    return value;
  }

  /** One of the allowed values, or the given error. */
  oneOf<T extends string>(name: string, allowed: readonly T[], error: () => ApiError): T | undefined {
    const text = this.get(name);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) throw error();
    return text as T;
  }

  /** 'true' or 'false' (absent: the default); anything else is InvalidParameter. */
  boolean(name: string, fallback: boolean): boolean {
    const text = this.get(name);
    if (text === undefined) return fallback;
    if (text !== 'true' && text !== 'false') throw invalidParameter(name, 'It must be true or false.');
    return text === 'true';
  }

  /** The value, or MissingParameter naming it. */
  required(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  entries(): [string, string][] {
    return [...this.values];
  }
}
