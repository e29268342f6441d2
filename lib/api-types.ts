/** The JSON contract of the dashboard's API (product.md), shared by route handlers and the browser. */
import type { Task } from './task';

export interface TaskListResponse {
  tasks: Task[];
  page: number;
  size: number;
  total: number;
  fetchedAt: string;
  partial: boolean;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** Each bad query key and what is wrong with it. */
    fields?: Record<string, string>;
    upstream?: { code: string; requestId: string | null };
  };
}
