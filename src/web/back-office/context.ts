import { useOutletContext } from 'react-router';
import type { HubDetailDto, SessionUser } from '../../common/api/schemas.ts';
import type { Grants } from '../../common/permissions.ts';

export interface BackOfficeContext {
  hub: HubDetailDto;
  user: SessionUser;
  grants: Grants;
  reloadHub: () => void;
}

export function useBackOffice(): BackOfficeContext {
  return useOutletContext<BackOfficeContext>();
}
