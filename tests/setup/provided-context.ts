// Values the globalSetup files hand to test workers through Vitest's provide()/inject().
declare module 'vitest' {
  export interface ProvidedContext {
    /** From tests/setup/mariadb.ts: a throwaway MariaDB on 127.0.0.1. */
    mariadb: { port: number; rootPassword: string };
    /** From tests/setup/app-server.ts: the production build running against fresh databases. */
    app: {
      baseUrl: string;
      /** The app's TRUSTED_PROXIES: one loopback address other than 127.0.0.1. */
      trustedProxy: string;
      dashboardsUrl: string;
      tradingUrl: string;
      tradingWriteUrl: string;
      cookieSecret: string;
    };
  }
}

export {};
