import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';

const headerValue = createParamDecorator(
  (name: string, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<Request>().headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  },
);

/**
 * A request header the handler reads and a client may leave out. (Nest's own `@Headers(name)`
 * makes the OpenAPI document call the header required.)
 */
export function OptionalHeader(name: string, description?: string): ParameterDecorator {
  return documentedHeader(headerValue(name), name, description);
}

/** A parameter decorator that also declares its optional header in the OpenAPI document. */
export function documentedHeader(
  param: ParameterDecorator,
  name: string,
  description?: string,
): ParameterDecorator {
  return (target, key, index) => {
    param(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) ApiHeader({ name, required: false, description })(target, key, descriptor);
  };
}
