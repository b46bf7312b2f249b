// The native `bcrypt` package ships no types; only what lib/auth/password.ts uses.
declare module 'bcrypt' {
  export function genSalt(rounds: number, minor: 'a' | 'b'): Promise<string>;
  export function hash(data: string, saltOrRounds: string | number): Promise<string>;
  export function compare(data: string, encrypted: string): Promise<boolean>;
}
