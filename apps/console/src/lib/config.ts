import type { CaseApi } from '@app/api-client';

export type ConsoleConfig = CaseApi.ConsoleConfig;

let loaded: ConsoleConfig | undefined;

/** GET /console/config.json, once, before the console renders (main.tsx). */
export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/console/config.json', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`The console's settings could not be loaded (${res.status})`);
  loaded = (await res.json()) as ConsoleConfig;
  return loaded;
}

export function consoleConfig(): ConsoleConfig {
  if (!loaded) throw new Error('consoleConfig() before loadConfig()');
  return loaded;
}
