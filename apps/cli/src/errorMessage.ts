import { describeMissingTable } from '@concert/db';
import { isDomainError } from '@concert/domain';

/**
 * The one line (plus the fields at fault) an operator reads when a command fails: a domain error's
 * details name the fields (e.g. amount); a query on a database without its tables says to migrate
 * rather than print the query.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const missingTable = describeMissingTable(error);
  if (missingTable) return missingTable;
  if (!isDomainError(error) || !Array.isArray(error.details)) return error.message;
  const fields = (error.details as Array<{ field?: string; message?: string }>)
    .filter((detail) => detail.field)
    .map((detail) => `\n  ${detail.field}: ${detail.message ?? ''}`);
  return error.message + fields.join('');
}
