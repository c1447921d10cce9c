import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { UserSchema } from '../../user';

export const LoginBody = z.strictObject({
  email: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;
export class LoginDto extends createZodDto(LoginBody) {}

export const LoginResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  user: UserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export class LoginResponseDto extends createZodDto(LoginResponseSchema) {}

export const SessionResponseSchema = z.object({
  user: UserSchema,
  /** The web session ends after this long without a request; the web app warns a minute before. */
  idleTimeoutSeconds: z.number().int(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;
export class SessionResponseDto extends createZodDto(SessionResponseSchema) {}

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(12, 'At least 12 characters').max(200),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
export class ChangePasswordDto extends createZodDto(ChangePasswordBody) {}

/** What a token carries; role and active state are re-read from the database on every request. */
export const TokenClaims = z.object({ sub: z.uuid(), cid: z.uuid(), gen: z.number().int() });
