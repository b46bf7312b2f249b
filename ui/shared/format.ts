export { formatMoney as formatAmount } from '@/lib/core/money/money';
