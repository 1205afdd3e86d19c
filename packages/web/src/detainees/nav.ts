/**
 * Which navigation entry of this module is current for an address: a list, a person and
 * an upload are under "Detainee lists", a run under "Match review", an exchange and the
 * new-exchange form under "Exchanges" (the figures have their own entry).
 */
export function detaineeNavActive(to: string, pathname: string): boolean {
  if (pathname === to) return true;
  if (to === '/detainees') return pathname.startsWith('/detainees/lists/');
  if (to === '/detainees/matching') return pathname.startsWith('/detainees/matching/');
  if (to === '/exchanges') return pathname.startsWith('/exchanges/') && pathname !== '/exchanges/dashboard';
  return false;
}
