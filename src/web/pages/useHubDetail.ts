import type { HubDetailDto } from '../../common/api/schemas.ts';
import { useApi } from '../api/useApi.ts';

export function useHubDetail(slug: string | undefined) {
  return useApi<HubDetailDto>(slug ? `/hubs/${encodeURIComponent(slug)}` : null);
}
