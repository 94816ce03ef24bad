/** An OpenAPI path as Hono routes it: `/users/{userId}/wallet` → `/users/:userId/wallet`. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
