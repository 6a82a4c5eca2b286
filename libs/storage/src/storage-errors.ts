/** The HTTP status a storage call failed with, when the SDK error carries one. */
export function storageStatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}
