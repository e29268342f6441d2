/**
 * The errors the emulator answers with, in Alibaba Cloud's shape. One throwable class so every layer
 * (signature check, parameter check, rate limit, fault) ends in the same error body.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    /** Extra response headers, e.g. x-acs-retry-after on throttling. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const HOST_ID = 'cdn.aliyuncs.com';

export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

export function errorBody(error: ApiError, requestId: string): ErrorBody {
  return {
    RequestId: requestId,
    HostId: HOST_ID,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=Cdn&requestId=${requestId}`,
  };
}

export const missingParameter = (name: string) =>
  new ApiError(
    'MissingParameter',
    400,
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );

export const invalidParameter = (name: string, detail: string) =>
  new ApiError('InvalidParameter', 400, `The specified parameter "${name}" is not valid. ${detail}`);
