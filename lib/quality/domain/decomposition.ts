import { type Fixed, fixedMul } from '../../core/money/fixed';

/**
 * P&L of a window marked at the reference price (docs/quality.md#pl-decomposition), in the
 * price currency, exact:
 *   revenue = cash flow + P(end) × R(end) − P(start) × R(start)   (realized + Δ unrealized)
 *   spread capture = Σ markout at h = 0 × volume
 *   inventory = revenue − spread capture   (= P(start)(R(end) − R(start)) + Σ ±v (R(end) − R(t)))
 *   net = revenue − fees
 * Cash flow: Σ ask notional − Σ bid notional. The identity is exact by construction; the
 * inventory term is what holding the position earned as the reference moved.
 */
export interface Decomposition {
  revenue: Fixed;
  spreadCapture: Fixed;
  inventory: Fixed;
  fees: Fixed;
  net: Fixed;
}

export function decompose(q: {
  cashFlow: Fixed;
  openingPosition: Fixed;
  closingPosition: Fixed;
  referenceStart: Fixed;
  referenceEnd: Fixed;
  spreadCapture: Fixed;
  fees: Fixed;
}): Decomposition {
  const revenue =
    q.cashFlow +
    fixedMul(q.closingPosition, q.referenceEnd) -
    fixedMul(q.openingPosition, q.referenceStart);
  return {
    revenue,
    spreadCapture: q.spreadCapture,
    inventory: revenue - q.spreadCapture,
    fees: q.fees,
    net: revenue - q.fees,
  };
}
