// The ports through which the engine reaches things its host owns. Hosts pass implementations in;
// tests pass fakes.

/** Where secrets (tokens) live: the OS keychain in the app, a 0600 file in the CLI. */
export interface SecretStore {
  read(key: string): Promise<string | null>
  write(key: string, value: string): Promise<void>
  remove(key: string): Promise<void>
}
