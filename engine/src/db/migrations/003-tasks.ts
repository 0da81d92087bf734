/**
 * Was the task table. The task node keeps its table in its own folder now
 * (nodes/src/task/migrations.ts, which creates it if this did not); the name stays in the list
 * because deployed databases record it, and kysely refuses a recorded migration it cannot find.
 */
export async function up(): Promise<void> {}

export async function down(): Promise<void> {}
