/** The SQL dialects Lantian runs on. */
export type Dialect = 'sqlite' | 'postgres';
