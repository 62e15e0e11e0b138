import { useLocation } from 'react-router';
import { isMessageKey, type MessageKey, type MessageParams } from '../../common/i18n/index.ts';

/** A one-off confirmation carried to the next page in the navigation state. */
export interface FlashState {
  flash?: MessageKey;
  flashParams?: MessageParams;
}

export function useFlash(): { key: MessageKey; params: MessageParams | undefined } | undefined {
  const state = useLocation().state as FlashState | null;
  const key = state?.flash;
  return typeof key === 'string' && isMessageKey(key) ? { key, params: state?.flashParams } : undefined;
}
