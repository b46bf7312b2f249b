import { isCryptoCurrency } from '../../core/money/money';

/**
 * What one leg of a paired transfer is, in words a reader of the ledger uses: a wire (fiat)
 * or a transfer (crypto) to or from another of our accounts, an operating cost paid into BURN,
 * or a refund out of it (reference §15: the bank bot's burns and reverse burns).
 */
export interface TransferRole {
  kind: 'wire' | 'transfer' | 'cost' | 'refund';
  /** The other leg's account. */
  counterpart: string;
  counterpartId: number;
  /** "Wire to BMO_USD", "Operating cost", "Operating cost paid from BMO_USD", ... */
  label: string;
}

interface Leg {
  id: number;
  account: string | null;
  type: 'DEPOSIT' | 'WITHDRAWL';
  currency: string;
}

export function describeTransfer(q: {
  self: Leg;
  other: Leg;
  burn: (account: string | null) => boolean;
}): TransferRole {
  const { self, other } = q;
  const counterpart = other.account ?? '';
  const base = { counterpart, counterpartId: other.id };
  const toBurn = self.type === 'WITHDRAWL' ? q.burn(other.account) : q.burn(self.account);
  const fromBurn = self.type === 'WITHDRAWL' ? q.burn(self.account) : q.burn(other.account);
  if (toBurn) {
    return {
      ...base,
      kind: 'cost',
      label: q.burn(self.account) ? `Operating cost paid from ${counterpart}` : 'Operating cost',
    };
  }
  if (fromBurn) {
    return {
      ...base,
      kind: 'refund',
      label: q.burn(self.account) ? `Refund to ${counterpart}` : 'Refund of an operating cost',
    };
  }
  const kind = isCryptoCurrency(self.currency) ? 'transfer' : 'wire';
  const noun = kind === 'wire' ? 'Wire' : 'Transfer';
  return {
    ...base,
    kind,
    label: self.type === 'WITHDRAWL' ? `${noun} to ${counterpart}` : `${noun} from ${counterpart}`,
  };
}
