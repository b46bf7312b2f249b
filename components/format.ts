export { formatMoney as formatAmount } from '@/lib/domain/money';
