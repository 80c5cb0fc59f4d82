import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CodecCorsMiddleware } from './codec-cors.middleware';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';

/** The operators' codec endpoint (/codec/decode, /codec/encode) and its CORS. */
@Module({
  controllers: [CodecController],
  providers: [CodecService],
})
export class CodecModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(CodecCorsMiddleware)
      .forRoutes(
        { path: 'codec/decode', method: RequestMethod.ALL },
        { path: 'codec/encode', method: RequestMethod.ALL },
      );
  }
}
