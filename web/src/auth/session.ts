import createClient from 'openapi-fetch';
import { useSyncExternalStore } from 'react';
import { ApiError, unwrap } from '../api/problem';
import type { components, paths } from '../api/schema';

type TokenPair = components['schemas']['TokenPairDto'];
export type Me = components['schemas']['MeDto'];

/**
 * The signed-in session, outside React so the API client can read it. The access token lives in
 * memory only; the refresh token in this tab's sessionStorage, so a reload stays signed in and
 * closing the tab ends it. Tokens are refreshed a minute before the access token expires and,
 * once, when a call is refused as unauthenticated. When refreshing fails the session is
 * `expired`: the page stays as it is (with what the person typed) under a sign-in dialog.
 */
export type SessionStatus = 'restoring' | 'signed-out' | 'signed-in' | 'expired';

export interface SessionState {
  status: SessionStatus;
  me?: Me;
  mustChangePassword: boolean;
}

const REFRESH_KEY = 'vp.refresh';
const REFRESH_AHEAD_MS = 60_000;

/** Calls that need no token and are never retried (the client below carries none). */
const bare = createClient<paths>({ baseUrl: '' });

let state: SessionState = { status: 'restoring', mustChangePassword: false };
let accessToken: string | undefined;
let refreshToken: string | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | undefined;
const listeners = new Set<() => void>();

function setState(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function storeRefreshToken(token: string | undefined): void {
  refreshToken = token;
  try {
    if (token) sessionStorage.setItem(REFRESH_KEY, token);
    else sessionStorage.removeItem(REFRESH_KEY);
  } catch {
    // storage refused (private mode): the session lasts while the page is open
  }
}

function clearTokens(): void {
  accessToken = undefined;
  storeRefreshToken(undefined);
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = undefined;
}

async function adopt(pair: TokenPair): Promise<void> {
  accessToken = pair.accessToken;
  storeRefreshToken(pair.refreshToken);
  if (refreshTimer) clearTimeout(refreshTimer);
  const inMs = Math.max(5_000, pair.expiresIn * 1000 - REFRESH_AHEAD_MS);
  refreshTimer = setTimeout(() => void refresh(), inMs);
  const me = await unwrap(
    bare.GET('/api/v1/auth/me', { headers: { authorization: `Bearer ${pair.accessToken}` } }),
  );
  setState({ status: 'signed-in', me, mustChangePassword: pair.mustChangePassword });
}

/** One refresh at a time: concurrent callers share it. Resolves false when the session is over. */
function refresh(): Promise<boolean> {
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const pair = await unwrap(bare.POST('/api/v1/auth/refresh', { body: { refreshToken } }));
      await adopt(pair);
      return true;
    } catch (error) {
      // Refused: the session has ended (expired, revoked, signed out elsewhere). A network
      // failure keeps the refresh token: the next call tries again.
      if (error instanceof ApiError && error.status > 0) {
        clearTokens();
        setState({ status: state.status === 'restoring' ? 'signed-out' : 'expired' });
      }
      return false;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** At start-up: a refresh token from this tab means the person was signed in before the reload. */
export async function restoreSession(): Promise<void> {
  try {
    refreshToken = sessionStorage.getItem(REFRESH_KEY) ?? undefined;
  } catch {
    refreshToken = undefined;
  }
  if (!refreshToken || !(await refresh())) {
    if (state.status === 'restoring') setState({ status: 'signed-out' });
  }
}

export async function signIn(username: string, password: string): Promise<SessionState> {
  const pair = await unwrap(bare.POST('/api/v1/auth/sign-in', { body: { username, password } }));
  await adopt(pair);
  return state;
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const pair = await unwrap(
    bare.POST('/api/v1/auth/change-password', {
      body: { currentPassword, newPassword },
      headers: { authorization: `Bearer ${accessToken ?? ''}` },
    }),
  );
  await adopt(pair);
}

export async function signOut(): Promise<void> {
  const token = refreshToken;
  clearTokens();
  setState({ status: 'signed-out', me: undefined, mustChangePassword: false });
  if (token)
    await bare
      .POST('/api/v1/auth/sign-out', { body: { refreshToken: token } })
      .catch(() => undefined);
}

/**
 * The fetch the API client uses: the bearer token on every call; a call refused as
 * unauthenticated is refreshed and sent once more.
 */
export async function sessionFetch(input: Request): Promise<Response> {
  const send = (token: string | undefined) => {
    const request = input.clone();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return fetch(request);
  };
  const response = await send(accessToken);
  if (response.status !== 401 || !refreshToken) return response;
  return (await refresh()) ? send(accessToken) : response;
}

export function getSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
