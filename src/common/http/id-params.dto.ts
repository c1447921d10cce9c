import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** `:id` route parameters are UUIDs; anything else is a 400, not a database error. */
export class IdParams extends createZodDto(z.strictObject({ id: z.uuid() })) {}
