import { createContext, type ReactNode, useContext } from 'react';
import type { HubDto } from '../../common/api/schemas.ts';
import { type ApiState, useApi } from '../api/useApi.ts';

// The hubs of the network, loaded once: the header's switcher and the home redirect share them.
const HubsContext = createContext<ApiState<HubDto[]> | null>(null);

export function HubsProvider({ children }: { children: ReactNode }) {
  const hubs = useApi<HubDto[]>('/hubs');
  return <HubsContext value={hubs}>{children}</HubsContext>;
}

export function useHubs(): ApiState<HubDto[]> {
  const ctx = useContext(HubsContext);
  if (!ctx) throw new Error('useHubs outside HubsProvider');
  return ctx;
}
