import type { GateDecision, GateRequest } from './types';

/** A database known to be unreachable: 503 before any work (filled in by the hardening issue). */
export async function databaseGate(request: GateRequest): Promise<GateDecision> {
  void request;
  return null;
}
