// Which screen an address shows.

/** A screen of the app and what its address names. */
export type Route = { page: 'counter' } | { page: 'board'; office: string } | { page: 'unknown' };

/** The screen for `pathname` (`/counter`, `/board/{office}`). */
export function route(pathname: string): Route {
  if (/^\/counter\/?$/.test(pathname)) return { page: 'counter' };
  const board = /^\/board\/([^/]+)\/?$/.exec(pathname);
  if (board?.[1]) {
    try {
      return { page: 'board', office: decodeURIComponent(board[1]) };
    } catch {
      return { page: 'unknown' };
    }
  }
  return { page: 'unknown' };
}
