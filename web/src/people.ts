import { reactive } from 'vue';
import { api } from './api';

// The names of the people a case names by login (who acted, who wrote a log entry), asked of the API once per
// login and page load; a login the organisation does not know (a system actor) shows as it is.

interface StaffName {
  login: string;
  displayName: string;
  unitName: string;
}

const known = reactive(new Map<string, StaffName>());
const asked = new Set<string>();

/** Asks for the names of the logins not asked yet (40 per request: the API takes 1 200 characters). */
export async function learnNames(logins: Array<string | null | undefined>): Promise<void> {
  const fresh = [...new Set(logins)].filter((login): login is string => !!login && !asked.has(login));
  for (const login of fresh) asked.add(login);
  for (let i = 0; i < fresh.length; i += 40) {
    const part = fresh.slice(i, i + 40);
    try {
      const query = encodeURIComponent(part.join(','));
      const answer = await api<{ items: StaffName[] }>('GET', `/api/staff?logins=${query}`);
      for (const item of answer.items) known.set(item.login, item);
    } catch {
      // The names are a courtesy: the logins stay shown, and a later page asks again.
      for (const login of part) asked.delete(login);
    }
  }
}

/** The person's name (and unit, for a title), or the login while unknown. */
export function personName(login: string): string {
  return known.get(login)?.displayName ?? login;
}
export function personTitle(login: string): string {
  const person = known.get(login);
  return person ? `${person.displayName}，${person.unitName}（${login}）` : login;
}
