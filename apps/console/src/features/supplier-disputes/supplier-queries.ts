import { useQuery } from '@tanstack/react-query';
import { caseApi, unwrap } from '../../lib/api';
import { keys } from '../../lib/query-keys';

// A supplier's figures move with its orders and cases; read again now and then while its disputes are on screen.
const FRESH = { refetchInterval: 60_000 } as const;

/** Its Trade Assurance standing over the eligibility period, as of now (the supplier itself and staff only). */
export function useStanding(supplierId: string) {
  return useQuery({
    queryKey: keys.supplierStanding(supplierId),
    queryFn: async () => unwrap(await caseApi.GET('/v1/suppliers/{id}/standing', { params: { path: { id: supplierId } } })),
    ...FRESH,
  });
}

/** What buyers see of it on its storefront. */
export function useStorefront(supplierId: string) {
  return useQuery({
    queryKey: keys.supplierStorefront(supplierId),
    queryFn: async () => unwrap(await caseApi.GET('/v1/suppliers/{id}/storefront', { params: { path: { id: supplierId } } })),
    ...FRESH,
  });
}

/** Its responsiveness over the last 30 days and 12 months. */
export function useMetrics(supplierId: string) {
  return useQuery({
    queryKey: keys.supplierMetrics(supplierId),
    queryFn: async () => unwrap(await caseApi.GET('/v1/suppliers/{id}/metrics', { params: { path: { id: supplierId } } })),
    ...FRESH,
  });
}
