/** An account the user may see, as the browser knows it: its id and display name, nothing else. */
export interface AccountOption {
  id: string;
  name: string;
}
