// `npm start`: orders for the development buyer and supplier (the console's sign-in page lists them), so a
// newcomer can open a dispute right away. Adds a few whenever the buyer has no order left to dispute.
import { DEVELOPMENT_IDENTITIES } from '../libs/auth/src/development-identities';
import { call, deliveredOrder, type Marketplace, recordOrder, signedToken } from './marketplace';

const DAY = 86_400_000;

export async function ensureDemoOrders(url: string, secret: string): Promise<number> {
  const id = (role: string) => DEVELOPMENT_IDENTITIES.find((identity) => identity.role === role)!.userId;
  const [buyer, supplier] = [id('buyer'), id('supplier')];
  const m: Marketplace = { url, token: signedToken(secret, 'platform', '66666666-6666-4666-8666-666666666666') };
  const mine = await call<{ data: Array<{ coverage: { reasons: string[] } }> }>(url, signedToken(secret, 'buyer', buyer), 'GET', '/v1/orders?limit=100');
  if (mine.data.some((order) => order.coverage.reasons.length)) return 0;
  const ref = `DEMO-${new Date().toISOString().slice(2, 10).replace(/-/g, '')}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const now = Date.now();
  await recordOrder(m, deliveredOrder(buyer, supplier, { externalRef: `${ref}-1` }));
  await recordOrder(m, deliveredOrder(buyer, supplier, {
    externalRef: `${ref}-2`,
    amount: 98_000,
    paymentMethod: 'tt',
    items: [{ description: 'Ceramic floor tiles 60 × 60 cm, pallet', quantity: 4, unitPrice: 24_500 }],
  }));
  // Paid, and not shipped by the date promised: a late-shipment dispute.
  await recordOrder(m, {
    buyerId: buyer,
    supplierId: supplier,
    amount: 340_000,
    paymentMethod: 'e_checking',
    externalRef: `${ref}-3`,
    reached: 'paid',
    shipBy: new Date(now - 3 * DAY),
    items: [{ description: 'LED panel lights 40 W', quantity: 200, unitPrice: 1_700 }],
  });
  return 3;
}

if (require.main === module) {
  const [url = 'http://localhost:3000', secret = process.env.AUTH_JWT_SECRET] = process.argv.slice(2);
  if (!secret) throw new Error('usage: demo-orders.ts <case API url> <AUTH_JWT_SECRET>');
  ensureDemoOrders(url, secret).then((added) => console.log(added ? `added ${added} demo orders for the development buyer` : 'the development buyer has orders to dispute'));
}
