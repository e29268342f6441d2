// Unit tests run server modules in plain Node, where the real `server-only` package throws by design.
export {};
