/** What an action handler gets: its parameters, the caller, and the emulator's state at one instant. */
import type { ActionParams } from './action-params';
import type { EmulatorState } from './state';

export interface ActionContext {
  params: ActionParams;
  state: EmulatorState;
  accessKeyId: string;
  /** The Alibaba Cloud account the signing key belongs to. */
  accountId: string;
  /** The data clock's reading for this call: one instant for the whole answer. */
  now: number;
}

/** The answer's body without RequestId, which the server adds first. */
export type ActionResult = Record<string, unknown>;

export type ActionHandler = (context: ActionContext) => ActionResult;
