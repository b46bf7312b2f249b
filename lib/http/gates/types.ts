/**
 * What one check in front of every request (proxy.ts) decides: nothing (go on), answer now
 * (`respond`: a redirect, a 401/503 JSON), or let the page render but with this status and
 * these headers (`status`: a page cannot set its own status code, so a page whose parameters
 * are invalid is answered 400 here and renders the message itself).
 */
export type GateDecision =
  | { kind: 'respond'; response: Response }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | null;

/** The parts of a NextRequest the gates read (kept small so the gates are testable). */
export interface GateRequest {
  url: string;
  nextUrl: URL;
  method: string;
  headers: Headers;
  cookies: { has(name: string): boolean; get(name: string): { value: string } | undefined };
}
