import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** A message a user can act on, from whatever failed (GraphQL, network, our own checks). */
export function errorMessage(err: unknown): string {
  if (CombinedGraphQLErrors.is(err)) {
    const first = err.errors[0];
    const code = first?.extensions?.code;
    if (code === 'UNAUTHENTICATED') return 'Sesi berakhir atau tidak sah: silakan masuk lagi.';
    if (code === 'FORBIDDEN') return `Tidak diizinkan: ${first.message}`;
    return err.errors.map((e) => e.message).join('; ');
  }
  if (ServerError.is(err)) return `Server menjawab ${err.statusCode}: ${err.message}`;
  if (err instanceof TypeError && /fetch/i.test(err.message)) return 'Server tidak dapat dihubungi.';
  if (err instanceof Error) return err.message;
  return String(err);
}
