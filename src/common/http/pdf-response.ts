import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { PdfFile } from '../pdf/pdf-file';

/**
 * The OpenAPI of a route that answers a PDF. Such a route has no @ZodResponse: the body is
 * bytes, which the zod serializer leaves alone when a route declares no response schema.
 */
export function ApiPdfResponse(description: string): MethodDecorator {
  return applyDecorators(
    ApiProduces('application/pdf'),
    ApiOkResponse({ description, schema: { type: 'string', format: 'binary' } }),
  );
}

/**
 * A PDF body, shown inline under its file name: the headers go on `reply` (the handler takes it
 * with `@Res({ passthrough: true })`), the bytes are what the handler returns.
 */
export function sendPdf(reply: FastifyReply, file: PdfFile): Buffer {
  void reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${file.fileName}"`);
  return file.pdf;
}
