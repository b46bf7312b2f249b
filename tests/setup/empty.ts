// Stands in for `server-only` under Vitest (the real package throws outside React Server Components).
export {};
