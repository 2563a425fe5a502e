/**
 * Reading a multipart form whole into memory, within limits: text fields by name, files (parts
 * named `file`) as buffers. Nothing is written anywhere while reading.
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { LantianError } from '../errors.ts';

/** A form's fields (validated) and files. */
export interface ReadForm<T> {
  fields: T;
  files: Buffer[];
}

/** Reads and validates a multipart form; LT_ERR_TIPOFF_INPUT on bad fields. */
export async function readForm<S extends z.ZodType>(
  req: FastifyRequest,
  schema: S,
  limits: { maxFileBytes: number; maxFiles: number; maxTotalBytes: number },
): Promise<ReadForm<z.output<S>>> {
  if (!req.isMultipart())
    throw new LantianError('LT_ERR_TIPOFF_INPUT', '请以 multipart/form-data 提交表单');
  const raw: Record<string, string> = {};
  const files: Buffer[] = [];
  let total = 0;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.valueTruncated)
          throw new LantianError('LT_ERR_TIPOFF_INPUT', `${part.fieldname} 过长`);
        const v = String(part.value);
        if (v.includes('\0')) throw new LantianError('LT_ERR_NUL_CHARACTER', part.fieldname);
        if (v !== '') raw[part.fieldname] = v;
        continue;
      }
      if (part.fieldname !== 'file') {
        await part.toBuffer();
        continue;
      }
      const data = await part.toBuffer();
      total += data.length;
      if (files.length >= limits.maxFiles)
        throw new LantianError('LT_ERR_TIPOFF_FILES', `最多 ${limits.maxFiles} 个文件`);
      if (total > limits.maxTotalBytes)
        throw new LantianError(
          'LT_ERR_ATTACHMENT_TOO_LARGE',
          `文件合计超过 ${Math.round(limits.maxTotalBytes / 1048576)} MB`,
        );
      if (data.length > 0) files.push(data);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new LantianError(
        'LT_ERR_ATTACHMENT_TOO_LARGE',
        `单个文件超过 ${Math.round(limits.maxFileBytes / 1048576)} MB`,
      );
    if (code === 'FST_FILES_LIMIT')
      throw new LantianError('LT_ERR_TIPOFF_FILES', `最多 ${limits.maxFiles} 个文件`);
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new LantianError('LT_ERR_TIPOFF_INPUT', '表单字段过多');
    throw e;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError(
      'LT_ERR_TIPOFF_INPUT',
      `${first?.path.join('.') || '表单'}：${first?.message}`,
    );
  }
  return { fields: parsed.data, files };
}
