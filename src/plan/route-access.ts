/**
 * Who may call the plan routes (the access hook checks these roles; the services check scope
 * with src/auth/scope.ts).
 */

/** Mutating plan routes: the city air office only. */
export const ADMIN = { access: { roles: ['city-admin'] } } as const;
/** Reading routes: the city office, departments and counties (a county reads every unit's ranking). */
export const READERS = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
/**
 * The city office's working papers (computed notice candidates): the office and departments; a
 * county reads notices once issued (notice-service.ts).
 */
export const OFFICE_READERS = { access: { roles: ['city-admin', 'department'] } } as const;
/** Notice workflow: the city office moves notices; a county answers its own (service checks scope). */
export const NOTICE_MOVERS = { access: { roles: ['city-admin', 'county'] } } as const;
