import { useSyncExternalStore } from 'react';
import { session, type SessionState } from './session';

export function useSession(): SessionState {
  return useSyncExternalStore(
    (onChange) => session.subscribe(onChange),
    () => session.state,
  );
}
