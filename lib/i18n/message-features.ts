/**
 * One folder per feature under messages/, each with en.json and zh.json: the file a translator edits,
 * and the only catalog that feature's code reads. next-intl's precompiling loader takes a catalog's
 * language from its file name, so the language is the name and the feature the folder. Each catalog's
 * top-level keys are namespaces (one per component, as a rule) and must be unique across folders.
 */
export const MESSAGE_FEATURES = [
  'shell',
  'auth',
  'tasks',
  'filters',
  'charts',
  'resubmit',
  'triage',
  'alerts',
  'tokens',
  'activity',
  'ui',
  'domain',
  'errors',
] as const;

/**
 * Catalogs the server reads for itself and never sends to a page: the alert messages for chat
 * channels (lib/server/alerts/alert-message.ts), in the language ALERT_LANGUAGE names.
 */
export const SERVER_MESSAGE_FEATURES = ['alert-chat'] as const;
