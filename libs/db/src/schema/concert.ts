import { mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { id, lifecycleDates } from './columns.js';

export const concert = mysqlTable('concert', {
  id: id(),
  title: varchar('title', { length: 200 }).notNull(),
  singer: varchar('singer', { length: 200 }).notNull(),
  description: text('description').notNull(),
  ...lifecycleDates,
});
